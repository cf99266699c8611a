"""Appels and Bilan in a team: a teammate's call comes in, a card a teammate took first
says so and `s` leaves it to them, a callback for anyone, the team beside the queue."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from textual.widgets import Checkbox, Static

from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.models import Outcome
from relance_tui.core.station.demo import load_demo
from relance_tui.core.station.session import CallSession
from relance_tui.core.store.store import Store
from relance_tui.core.team.folder import CALLERS_DIR
from relance_tui.core.team.live import join_team
from relance_tui.core.team.organiser import create_team
from relance_tui.locations import data_dir
from relance_tui.ui.app import make_app
from relance_tui.ui.screens.calls import CallsScreen
from tests.ui.waiting import wait_until


def shown(app, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


def team_folder(tmp_path: Path, now: datetime) -> Path:
    with Store.open(tmp_path / "main.json") as main:
        event = load_demo(main, data_dir(), now)
        create_team(main, event, tmp_path / "folder", now)
    return tmp_path / "folder"


async def test_a_teammates_call_reaches_the_queue_and_the_team_panel(
    tmp_path: Path, now: datetime
) -> None:
    folder = team_folder(tmp_path, now)
    alex_file = join_team(folder, "Alex", tmp_path / "alex.json", now, "514-555-0123")
    sam_file = join_team(folder, "Sam", tmp_path / "sam.json", now, "514-555-0123")
    sam = Store.open(sam_file)
    app = make_app(store=sam, clock=fixed_clock(now), start_mode="calls")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, CallsScreen)
        with Store.open(alex_file) as alex_store:
            alex = CallSession(alex_store, fixed_clock(now))
            screen.team.sync()
            await wait_until(pilot, lambda: "Alex ☎" in shown(app, "#team-progress"))
            assert alex.card is not None
            assert alex.card.target.id != screen.current.target.id  # Alex's card is Alex's
            alex.record(Outcome.CONFIRMED)
            alex.leave()
        screen.team.sync()
        await wait_until(pilot, lambda: "1 appel, 1 confirmé" in shown(app, "#team-progress"))
        assert "Appelés : 1 /" in shown(app, "#progress")
        assert "1 appel reçu de l'équipe." in shown(app, "#call-status")
        assert "Alex ☎" not in shown(app, "#team-progress")  # off the phone
        await pilot.press("5")
        await wait_until(pilot, lambda: "Alex" in shown(app, "#report-team"))
        assert "Sam" in shown(app, "#report-team")
    sam.close()


async def test_a_card_a_teammate_took_first_says_so_and_s_leaves_it(
    tmp_path: Path, now: datetime
) -> None:
    folder = team_folder(tmp_path, now)
    copies = {}
    for name in ("Alex", "Sam"):  # each on a copy of the folder, not synced yet
        copies[name] = tmp_path / f"copy-{name}"
        shutil.copytree(folder, copies[name])
    alex_store = Store.open(
        join_team(copies["Alex"], "Alex", tmp_path / "alex.json", now, "514-555-0123")
    )
    alex = CallSession(alex_store, fixed_clock(now))
    sam = Store.open(join_team(copies["Sam"], "Sam", tmp_path / "sam.json", now, "514-555-0123"))
    later = fixed_clock(now.replace(minute=now.minute + 1))  # Sam took it a minute later
    app = make_app(store=sam, clock=later, start_mode="calls")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, CallsScreen)
        taken = screen.current
        assert taken is not None and taken.target.id == alex.card.target.id
        for source, target in (("Alex", "Sam"), ("Sam", "Alex")):  # the files meet
            for path in (copies[source] / CALLERS_DIR).iterdir():
                shutil.copy2(path, copies[target] / CALLERS_DIR / path.name)
        screen.team.sync()
        await wait_until(pilot, lambda: "Alex appelle déjà" in shown(app, "#card-team"))
        assert f"{taken.label} : passer ? (s)" in shown(app, "#card-team")
        calls = len(sam.attempts(1))
        await pilot.press("s")
        await wait_until(pilot, lambda: screen.current.target.id != taken.target.id)
        assert len(sam.attempts(1)) == calls  # no call recorded for leaving it
        assert f"Laissé à Alex : {taken.label}" in shown(app, "#call-status")
        assert shown(app, "#card-team") == ""
    sam.close()
    alex_store.close()


async def test_a_callback_for_anyone_from_the_dialog(tmp_path: Path, now: datetime) -> None:
    folder = team_folder(tmp_path, now)
    sam = Store.open(join_team(folder, "Sam", tmp_path / "sam.json", now, "514-555-0123"))
    app = make_app(store=sam, clock=fixed_clock(now), start_mode="calls")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b", *"14 h 30")
        box = app.screen.query_one("#callback-anyone", Checkbox)
        assert not box.value
        box.focus()
        await pilot.press("space")
        await wait_until(pilot, lambda: box.value)
        app.screen.query_one("#callback-input").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(a.outcome is Outcome.CALLBACK for a in sam.attempts(1)))
        (callback,) = [a for a in sam.attempts(1) if a.outcome is Outcome.CALLBACK]
        assert callback.callback_for == ""  # anyone's
        await pilot.press("b", *"15 h", "enter")  # the next one: Sam's own
        await wait_until(pilot, lambda: len(sam.attempts(1)) == 2)
        assert sam.attempts(1)[-1].callback_for == "Sam"
    sam.close()


async def test_leaving_appels_gives_the_card_back_and_coming_back_takes_it(
    tmp_path: Path, now: datetime
) -> None:
    folder = team_folder(tmp_path, now)
    sam = Store.open(join_team(folder, "Sam", tmp_path / "sam.json", now, "514-555-0123"))
    alex_store = Store.open(join_team(folder, "Alex", tmp_path / "alex.json", now, "514-555-0123"))
    alex = CallSession(alex_store, fixed_clock(now))
    app = make_app(store=sam, clock=fixed_clock(now), start_mode="calls")
    async with app.run_test(size=(120, 40)) as pilot:
        held = app.screen.current.target.id
        alex.sync()
        assert alex.queue.taken.get(held) == "Sam"
        await pilot.press("b")  # a dialog over the card: still Sam's
        await pilot.press("escape")
        alex.sync()
        assert alex.queue.taken.get(held) == "Sam"
        await pilot.press("2")  # Script: the card goes back to the team
        await wait_until(pilot, lambda: alex.sync() is not None and held not in alex.queue.taken)
        await pilot.press("4")
        await wait_until(pilot, lambda: alex.sync() is not None and held in alex.queue.taken)
    sam.close()
    alex_store.close()
