"""Répétition with a clock the test moves: takes, colours, the Script estimate."""

from __future__ import annotations

from datetime import datetime, timedelta

from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.screens.rehearsal import RehearsalScreen
from relance_tui.ui.screens.script import ScriptScreen
from tests.ui.waiting import wait_until


class MovingClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def rendered(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_rehearsal(pilot) -> RehearsalScreen:
    await pilot.press("3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RehearsalScreen)
    return pilot.app.screen


async def test_space_wait_space_records_a_take_of_that_length(demo_store: Store, now) -> None:
    clock = MovingClock(now)
    app = make_app(store=demo_store, clock=clock)
    event = demo_store.current_event()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_rehearsal(pilot)
        assert "Répétez au moins trois fois" in rendered(app, "#nudge")
        await pilot.press("c")  # no countdown
        await pilot.press("space")
        clock.advance(12.5)
        await pilot.press("l")
        clock.advance(11.0)
        await pilot.press("space")
        await pilot.pause()
        assert "Prise enregistrée : 23,5 s" in rendered(app, "#rehearsal-status")
    [take] = demo_store.takes(event.id)
    assert (take.duration_s, take.splits) == (23.5, [12.5])
    assert take.words > 40 and take.wpm == round(take.words / 23.5 * 60, 1)


async def test_countdown_then_take_and_a_mis_key_is_discarded(demo_store: Store, now) -> None:
    clock = MovingClock(now)
    app = make_app(store=demo_store, clock=clock)
    event = demo_store.current_event()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_rehearsal(pilot)
        await pilot.press("space")
        screen.refresh_timer()
        assert screen.query_one("#take-clock").value == "3"
        clock.advance(3 + 1.2)
        await pilot.press("space")
        await pilot.pause()
        assert "ignorée" in rendered(app, "#rehearsal-status")
    assert demo_store.takes(event.id) == []


async def test_the_colour_changes_at_the_thresholds(demo_store: Store, now) -> None:
    clock = MovingClock(now)
    app = make_app(store=demo_store, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_rehearsal(pilot)
        await pilot.press("c", "space")
        digits = screen.query_one("#take-clock")
        seen = []
        for moment in (5, 20, 25, 30):
            clock.now = now + timedelta(seconds=moment)
            screen.refresh_timer()
            seen.append([c for c in digits.classes if c.startswith("-")])
        assert seen == [["-calm"], ["-hurry"], ["-wrap_up"], ["-over"]]
        assert "dépassé de 0 s" in rendered(app, "#take-left")


async def test_the_script_estimate_uses_the_takes(demo_store: Store, now) -> None:
    clock = MovingClock(now)
    app = make_app(store=demo_store, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, ScriptScreen) and "mots" in rendered(app, "#length"),
        )
        before = rendered(app, "#length")
        assert "rythme par défaut" in before
        await open_rehearsal(pilot)
        await pilot.press("c")  # no countdown
        for seconds in (36, 38, 37):  # slow readings (still a reading: ≥ 90 words a minute)
            await pilot.press("space")
            clock.advance(seconds)
            await pilot.press("space")
        await pilot.pause()
        assert "Votre rythme" in rendered(app, "#pace")
        assert "Trop long" in rendered(app, "#ready") and "Coupez environ" in rendered(
            app, "#ready"
        )
        assert "le texte est à vous" in rendered(app, "#nudge")
        await pilot.press("2")
        await wait_until(pilot, lambda: "votre rythme" in rendered(app, "#length"))
        after = rendered(app, "#length")
        assert "votre rythme" in after and after != before and "⚠" in after


async def test_a_mis_hit_is_marked_then_deleted_with_a_yes(demo_store: Store, now) -> None:
    from textual.widgets import DataTable

    from relance_tui.ui.dialogs.confirm import ConfirmDialog

    clock = MovingClock(now)
    app = make_app(store=demo_store, clock=clock)
    event = demo_store.current_event()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_rehearsal(pilot)
        await wait_until(pilot, lambda: screen.script_shown)
        await pilot.press("c", "space")
        clock.advance(5.0)  # 60-odd words in 5 s: space pressed twice by mistake
        await pilot.press("space")
        await wait_until(
            pilot, lambda: "écartée de votre rythme" in rendered(app, "#rehearsal-status")
        )
        table = app.screen.query_one("#takes", DataTable)
        assert str(table.get_row_at(0)[0]) == "1 ⚠"
        assert "Rythme par défaut" in rendered(app, "#pace")  # nothing learned from it
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("o")
        await wait_until(pilot, lambda: "supprimée" in rendered(app, "#rehearsal-status"))
        assert table.row_count == 0
    assert demo_store.takes(event.id) == []


async def test_voice_mode_fed_from_a_wav_file_records_a_take_with_no_key(
    demo_store: Store, now, tmp_path, monkeypatch
) -> None:
    """v, then the reading in a WAV file: the take starts and ends with the voice."""
    from tests.core.test_voice import TEXT
    from tests.voice_clips import clip

    truth = clip(TEXT, tmp_path)
    monkeypatch.setenv("RELANCE_VOICE_FILE", str(truth.path))
    app = make_app(store=demo_store, clock=MovingClock(now))
    event = demo_store.current_event()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_rehearsal(pilot)
        await wait_until(pilot, lambda: screen.script_shown)
        await pilot.press("v")
        await wait_until(pilot, lambda: len(demo_store.takes(event.id)) == 1)
        await wait_until(pilot, lambda: not screen.listening)  # the file has ended
        assert "Prise enregistrée" in rendered(app, "#rehearsal-status")
    [take] = demo_store.takes(event.id)
    assert abs(take.duration_s - truth.duration_s) <= 0.5
    assert take.wpm == round(take.words / take.duration_s * 60, 1)


async def test_voice_mode_without_the_extra_says_why_and_space_still_works(
    demo_store: Store, now, monkeypatch
) -> None:
    from relance_tui.core.script.voice import VoiceUnavailable
    from relance_tui.ui.screens import rehearsal

    def missing() -> None:
        raise VoiceUnavailable("voice.no_extra")

    monkeypatch.setattr(rehearsal, "SpeechDetector", missing)
    clock = MovingClock(now)
    app = make_app(store=demo_store, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_rehearsal(pilot)
        await wait_until(pilot, lambda: screen.script_shown)
        await pilot.press("v")
        await wait_until(pilot, lambda: "relance[voix]" in rendered(app, "#rehearsal-status"))
        assert not screen.listening
        await pilot.press("c", "space")
        clock.advance(24.0)
        await pilot.press("space")
        await wait_until(pilot, lambda: "Prise enregistrée" in rendered(app, "#rehearsal-status"))
