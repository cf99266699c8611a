"""Snapshots at fixed sizes, fixed clock. Update only after reading the report."""

from __future__ import annotations

from datetime import datetime

import pytest

from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from tests.ui.waiting import settle_strip, wait_until


async def script_settled(pilot) -> None:
    """Until the Script preview shows the templates as they are."""
    await pilot.press("2")
    await wait_until(pilot, lambda: pilot.app.screen.preview_settled)
    await settle_strip(pilot)


async def card_settled(pilot) -> None:
    """Until the card's talking points are rendered (off the UI thread)."""
    await pilot.press("4")
    await wait_until(pilot, lambda: pilot.app.screen.query_one("#card-script").shown is not None)
    await settle_strip(pilot)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "size", [(150, 32), (100, 32), (80, 24)], ids=["150x32", "100x32", "80x24"]
)
def test_lists_screen(snap_compare, demo_store: Store, now: datetime, size, lang) -> None:
    """The columns share the width: whole cells at 100 and 150, short roles at 80."""
    app = make_app(store=demo_store, clock=fixed_clock(now), lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=settle_strip)


def test_script_screen(snap_compare, demo_store: Store, now: datetime) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    assert snap_compare(app, terminal_size=(100, 32), run_before=script_settled)


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_calls_card(snap_compare, demo_store: Store, now: datetime, size) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    assert snap_compare(app, terminal_size=size, run_before=card_settled)


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_calls_card_in_english(snap_compare, demo_store: Store, now: datetime, size) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now), lang="en")
    assert snap_compare(app, terminal_size=size, run_before=card_settled)


def test_rehearsal_mid_take(snap_compare, demo_store: Store, now: datetime) -> None:
    from datetime import timedelta

    moment = [now]
    app = make_app(store=demo_store, clock=lambda: moment[0])

    async def mid_take(pilot) -> None:
        await pilot.press("3")
        await wait_until(pilot, lambda: app.screen.script_shown)
        await settle_strip(pilot)
        await pilot.press("c", "space")
        moment[0] = now + timedelta(seconds=22)
        app.screen.refresh_timer()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 32), run_before=mid_take)


def test_report_screen(snap_compare, demo_store: Store, now: datetime) -> None:
    from datetime import timedelta

    from relance_tui.core.calls.queue import load_queue, record_outcome
    from relance_tui.core.models import Outcome

    event = demo_store.current_event()
    moment = now
    for outcome in (Outcome.CONFIRMED, Outcome.RESEND, Outcome.VOICEMAIL, Outcome.CONFIRMED):
        state = load_queue(demo_store, event, moment).current
        record_outcome(demo_store, state, outcome, moment, duration_s=40, caller="Sam")
        moment += timedelta(minutes=3)
    app = make_app(store=demo_store, clock=fixed_clock(moment))

    async def report(pilot) -> None:
        await pilot.press("5")
        await settle_strip(pilot)

    assert snap_compare(app, terminal_size=(100, 32), run_before=report)


async def palette_open(pilot) -> None:
    """The palette with "quit" typed: one hit, whatever order the providers answer in."""
    from textual.command import CommandList, CommandPalette

    await settle_strip(pilot)
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await pilot.press(*"quit")

    def one_hit() -> bool:
        hits = pilot.app.screen.query_one(CommandList)
        return hits.option_count == 1 and "Quitter" in str(hits.get_option_at_index(0).prompt)

    await wait_until(pilot, one_hit)


def test_command_palette_in_french(snap_compare, demo_store: Store, now: datetime) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    assert snap_compare(app, terminal_size=(100, 32), run_before=palette_open)
