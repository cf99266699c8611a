"""Bilan after recorded outcomes: bars, the door list, copying, split and merge."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import DataTable, Input

from relance_tui.core.calls.queue import load_queue, record_outcome
from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.models import Outcome
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.dialogs.copy import CopyDialog
from relance_tui.ui.screens.report import ReportScreen
from tests.ui.waiting import wait_until


def record(store: Store, now, outcomes) -> list[str]:
    event = store.current_event()
    names = []
    moment = now
    for outcome, note in outcomes:
        state = load_queue(store, event, moment).current
        names.append(state.contact.name)
        record_outcome(
            store,
            state,
            outcome,
            moment,
            duration_s=50,
            note=note,
            caller="Sam",
            callback_at=moment + timedelta(hours=2),
        )
        moment += timedelta(minutes=3)
    return names


def rendered(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_bilan_after_outcomes(demo_store: Store, now, monkeypatch) -> None:
    import pyperclip

    names = record(
        demo_store,
        now,
        [
            (Outcome.CONFIRMED, "avec caméra"),
            (Outcome.RESEND, ""),
            (Outcome.VOICEMAIL, ""),
            (Outcome.CONFIRMED, ""),
            (Outcome.CALLBACK, ""),
        ],
    )
    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    app = make_app(store=demo_store, clock=fixed_clock(now + timedelta(minutes=20)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        bars = rendered(app, "#outcome-bars")
        assert "confirmé " in bars and "█" in bars
        assert "mauvais numéro, n'est plus" not in bars  # short labels on the screen
        assert "5 appels pour 30 cibles · 2 confirmés (2 médias) · 4 min au téléphone" in rendered(
            app, "#report-totals"
        )
        door = app.screen.query_one("#list-confirmed", DataTable)
        assert {str(door.get_row_at(i)[0]) for i in range(door.row_count)} == {names[0], names[3]}
        # The notes step out of the table at 100 columns (the phone is whole); the row
        # under the cursor is written whole on the status line, notes included.
        door.focus()
        await pilot.press("down")
        await wait_until(pilot, lambda: rendered(app, "#report-status") != "")
        if "avec caméra" not in rendered(app, "#report-status"):
            await pilot.press("up")
            await wait_until(pilot, lambda: "avec caméra" in rendered(app, "#report-status"))
        await pilot.press("right_square_bracket")  # "want the release again"
        await pilot.pause()
        resend = app.screen.query_one("#list-resend", DataTable)
        assert str(resend.get_row_at(0)[0]) == names[1]
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CopyDialog)
    [text] = copied
    assert f"Bonjour {names[1].split()[0]}," in text


async def test_e_copies_the_email_of_any_row_that_has_one(
    demo_store: Store, now, monkeypatch
) -> None:
    import pyperclip

    names = record(demo_store, now, [(Outcome.CONFIRMED, "")])
    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    app = make_app(store=demo_store, clock=fixed_clock(now + timedelta(minutes=5)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        tabs = [str(tab.label) for tab in app.screen.query("ContentTab")]
        assert "Confirmés (1)" in " ".join(tabs) and "Communiqué (0)" in " ".join(tabs)
        await pilot.press("e")  # on the first tab, "Confirmés"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CopyDialog)
    [text] = copied
    assert f"Bonjour {names[0].split()[0]}," in text


async def test_split_and_merge_from_the_screen(demo_store: Store, now, tmp_path: Path) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    folder = tmp_path / "partage"
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5", "s")
        await pilot.pause()
        app.screen.query_one("#split-names", Input).value = "Sam, Alex"
        app.screen.query_one("#split-folder", Input).value = str(folder)
        await pilot.press("enter")
        await pilot.pause()
        assert "2 fichiers écrits" in rendered(app, "#report-status")
        shares = sorted(folder.glob("*.json"))
        with Store.open(shares[0]) as share:
            state = load_queue(share, share.current_event(), now).current
            record_outcome(share, state, Outcome.CONFIRMED, now, caller="Alex")
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#merge-paths", Input).value = str(folder)
        await pilot.press("enter")
        await pilot.pause()
        assert "Fusion : 1 appel ajouté." in rendered(app, "#report-status")
        assert "Alex 1" in rendered(app, "#report-totals")
    assert [a.caller for a in demo_store.attempts(demo_store.current_event().id)] == ["Alex"]


async def test_resend_to_all_writes_one_draft_each(demo_store: Store, now) -> None:
    from relance_tui.ui.dialogs.resend_all import ResendAllDialog
    from tests.ui.waiting import wait_until

    record(demo_store, now, [(Outcome.RESEND, ""), (Outcome.RESEND, "")])
    app = make_app(store=demo_store, clock=fixed_clock(now + timedelta(minutes=10)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen))
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, ResendAllDialog))
        await pilot.press("p")
        await wait_until(pilot, lambda: "2 brouillons dans" in rendered(app, "#report-status"))
    drafts = list((demo_store.path.parent / "brouillons").rglob("*.eml"))
    assert len(drafts) == 2


async def test_after_the_event_one_key_drafts_the_press_kit_for_the_absent(
    demo_store: Store, now
) -> None:
    """Two outlets confirmed, one came: `a` on the Bilan writes one draft, for the other
    outlet, to its confirmed contact; the key is not offered before anyone stayed away."""
    import email
    import email.policy

    from relance_tui.core.door.door import check_in, door_list
    from relance_tui.ui.dialogs.resend_all import ResendAllDialog
    from tests.ui.waiting import wait_until

    names = record(demo_store, now, [(Outcome.CONFIRMED, ""), (Outcome.CONFIRMED, "")])
    event = demo_store.current_event()
    came = next(e for e in door_list(demo_store, event, now) if e.name == names[0])
    check_in(demo_store, event, came, event.start)
    app = make_app(store=demo_store, clock=fixed_clock(event.start + timedelta(hours=5)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen))
        assert app.screen.check_action("material", ()) is True
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ResendAllDialog))
        await pilot.press("p")
        await wait_until(pilot, lambda: "1 brouillon dans" in rendered(app, "#report-status"))
    [draft] = list((demo_store.path.parent / "brouillons").rglob("*.eml"))
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    from relance_tui.core.models import Contact

    absent = next(e for e in door_list(demo_store, event, now) if e.name == names[1])
    assert message["To"] == demo_store.get(Contact, absent.contact_id).email
    assert message["Subject"].startswith("Matériel de presse : ")
    assert (draft.parent.parent.stat().st_mode & 0o777) == 0o700


async def test_the_press_kit_key_waits_for_someone_who_stayed_away(demo_store: Store, now) -> None:
    from tests.ui.waiting import wait_until

    record(demo_store, now, [(Outcome.CONFIRMED, "")])
    app = make_app(store=demo_store, clock=fixed_clock(now + timedelta(minutes=10)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen))
        assert app.screen.check_action("material", ()) is False


async def test_the_bilan_keeps_phones_whole_and_shows_a_row_whole_on_the_status_line(
    demo_store: Store, now
) -> None:
    """At 100×32: the door list's phone column is never cut, empty lists step aside
    from the tab strip, and the highlighted row is written whole below."""
    from textual.widgets import TabbedContent

    from tests.ui.waiting import wait_until

    names = record(demo_store, now, [(Outcome.CONFIRMED, ""), (Outcome.CONFIRMED, "")])
    app = make_app(store=demo_store, clock=fixed_clock(now + timedelta(minutes=10)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen))
        table = app.screen.query_one("#list-confirmed", DataTable)
        await wait_until(pilot, lambda: table.row_count == 2)
        phones = [str(cell) for cell in table.get_column("phone")]
        assert all("…" not in phone and phone.startswith("514 555-") for phone in phones)
        tabs = app.screen.query_one(TabbedContent)
        assert not tabs.get_tab("tab-resend").display  # nobody asked: no tab
        table.focus()
        await pilot.press("down")
        await wait_until(pilot, lambda: names[1] in rendered(app, "#report-status"))
        assert phones[1] in rendered(app, "#report-status")
