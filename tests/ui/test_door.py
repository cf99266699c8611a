"""Accueil: type a name, enter marks them present; walk-ins; crew; undo; the Bilan after."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Checkbox, Input

from relance_tui.core.calls.queue import load_queue, record_outcome
from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.models import Outcome
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.dialogs.door import CrewForm, WalkInForm
from relance_tui.ui.screens.door import DoorScreen
from tests.ui.waiting import wait_until


def confirm_first(store: Store, now: datetime, outcome: Outcome = Outcome.CONFIRMED):
    state = load_queue(store, store.current_event(), now).current
    record_outcome(store, state, outcome, now)
    return state


def listing(app) -> str:
    door = app.screen.query_one("#door-list")
    return "\n".join(str(door.get_option_at_index(i).prompt) for i in range(door.option_count))


async def test_search_then_enter_marks_present_with_the_time(demo_store: Store, now) -> None:
    cibl = confirm_first(demo_store, now)
    confirm_first(demo_store, now, Outcome.INTERESTED)
    at_the_door = now + timedelta(days=2, hours=1)
    app = make_app(store=demo_store, clock=fixed_clock(at_the_door))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: isinstance(app.screen, DoorScreen))
        assert "attendus :" in str(app.screen.query_one("#door-turnout").render())
        await pilot.press(*"cibl")
        await pilot.pause()
        assert listing(app).count("\n") == 0 and "CIBL 101,5" in listing(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Présent·e : CIBL 101,5 (Béatrice Thibault)" in str(
            app.screen.query_one("#door-status").render()
        )
        assert app.screen.query_one("#door-search", Input).value == ""  # ready for the next
    [arrival] = demo_store.arrivals(demo_store.current_event().id)
    assert (arrival.contact_id, arrival.at, arrival.walk_in) == (
        cibl.contact.id,
        at_the_door,
        False,
    )


async def test_walk_in_crew_and_undo(demo_store: Store, now) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: isinstance(app.screen, DoorScreen))
        await pilot.press(*"Metro")
        await pilot.pause()
        assert "Personne à ce nom" in listing(app)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, WalkInForm))
        assert app.screen.query_one("#field-outlet", Input).value == "Metro"  # what was typed
        app.screen.query_one("#field-name", Input).value = "Zoé Lavoie"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DoorScreen))
        assert "Metro — Zoé Lavoie · non attendu·e" in listing(app)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, CrewForm))
        app.screen.query_one("#crew-camera", Checkbox).value = True
        app.screen.query_one("#crew-interview", Input).value = "deux résidentes du quartier"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DoorScreen))
        assert "caméra" in listing(app) and "entrevue : deux résidentes" in listing(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "caméra" not in listing(app) and "Metro" in listing(app)  # crew undone only
    event = demo_store.current_event()
    arrivals = demo_store.arrivals(event.id)
    assert [a.present for a in arrivals] == [True, True, False]
    assert any(o.name == "Metro" and "walk-in" in o.tags for o in demo_store.outlets())


async def test_the_bilan_shows_present_and_confirmed_absent(demo_store: Store, now) -> None:
    confirm_first(demo_store, now)
    second = confirm_first(demo_store, now)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: isinstance(app.screen, DoorScreen))
        await pilot.press(*second.contact.name.split()[0], "enter")
        await pilot.pause()
        await pilot.press("escape", "5")
        await pilot.pause()
        tabs = app.screen.query_one("#report-tabs")
        labels = [str(tab.label) for tab in tabs.query("ContentTab")]
        assert "Présents (1)" in labels
        assert "Absents (1)" in labels
        assert "Non confirmés (0)" in labels


async def test_the_walk_in_outlet_suggested_from_the_search_is_replaced_by_typing(
    demo_store: Store, now
) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: isinstance(app.screen, DoorScreen))
        await pilot.press(*"cibl")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, WalkInForm))
        outlet = app.screen.query_one("#field-outlet", Input)
        await wait_until(pilot, lambda: outlet.has_focus)
        await pilot.press(*"Métro")
        assert outlet.value == "Métro"  # not "ciblMétro"
