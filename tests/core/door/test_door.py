"""The door: who is expected, check-in, walk-in, crew, undo; and turnout learned."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from relance_tui.core.calls.queue import load_queue, record_outcome, skip, undo_last
from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.door.door import (
    WALK_IN_TAG,
    WalkInInvalid,
    add_walk_in,
    check_in,
    door_list,
    search_door,
    set_crew,
    undo_door,
)
from relance_tui.core.door.turnout import (
    _outlet_answers,
    answers_of,
    expected_turnout,
    outlet_record,
)
from relance_tui.core.models import Contact, Crew, Event, EventKind, Outcome, Outlet, Target
from relance_tui.core.store.store import Store

DAY = datetime(2026, 11, 28, 10, 30, tzinfo=DEFAULT_TZ)


def event_with(store: Store, start: datetime, answers: dict[str, Outcome | None]) -> Event:
    """An event whose call list is one contact per outlet named, each with its answer."""
    event = Event(title=f"Événement {start:%d}", kind=EventKind.EVENT, start=start)
    store.save(event)
    for position, name in enumerate(answers, start=1):
        outlet = next((o for o in store.outlets() if o.name == name), None)
        if outlet is None:
            outlet = Outlet(name=name, phone="514-555-0100")
            store.save(outlet)
            store.save(Contact(outlet_id=outlet.id, name=f"Journaliste {name}"))
        contact = next(c for c in store.contacts() if c.outlet_id == outlet.id)
        store.save(Target(event_id=event.id, position=position, contact_id=contact.id))
    when = start - timedelta(days=1)
    for state in load_queue(store, event, when).all:
        outcome = answers[state.outlet.name]
        if outcome is not None:
            record_outcome(store, state, outcome, when)
    return event


def test_the_door_lists_confirmed_then_interested_and_search_ignores_accents(
    store: Store,
) -> None:
    event = event_with(
        store,
        DAY,
        {
            "CIBL 101,5": Outcome.CONFIRMED,
            "Télé-Québec": Outcome.INTERESTED,
            "CJAD": None,
            "Le Devoir": Outcome.DECLINED,
        },
    )
    entries = door_list(store, event, DAY)
    assert [(e.outlet, e.expected) for e in entries] == [
        ("CIBL 101,5", "confirmed"),
        ("Télé-Québec", "interested"),
    ]
    assert [e.outlet for e in search_door(entries, "tele quebec")] == ["Télé-Québec"]
    assert [e.outlet for e in search_door(entries, "cibl")] == ["CIBL 101,5"]


def test_check_in_once_with_its_time_and_undo_brings_them_back(store: Store) -> None:
    event = event_with(store, DAY, {"CIBL 101,5": Outcome.CONFIRMED})
    [entry] = door_list(store, event, DAY)
    first = check_in(store, event, entry, DAY - timedelta(minutes=5))
    [entry] = door_list(store, event, DAY)
    assert entry.present and entry.arrival.at == DAY - timedelta(minutes=5)
    assert check_in(store, event, entry, DAY).uid == first.uid  # no second record
    assert len(store.arrivals(event.id)) == 1

    undone = undo_door(store, event, DAY)
    assert undone is not None and undone.uid == first.uid
    [entry] = door_list(store, event, DAY)
    assert not entry.present
    assert undo_door(store, event, DAY) is None  # nothing left to undo


def test_crew_and_interview_are_kept_and_undoing_restores_the_previous_crew(
    store: Store,
) -> None:
    event = event_with(store, DAY, {"TVA Nouvelles": Outcome.CONFIRMED})
    [entry] = door_list(store, event, DAY)
    set_crew(store, event, entry, [Crew.JOURNALIST], "", DAY)
    [entry] = door_list(store, event, DAY)
    set_crew(store, event, entry, [Crew.JOURNALIST, Crew.CAMERA], "la coordonnatrice", DAY)
    [entry] = door_list(store, event, DAY)
    assert entry.arrival.crew == ["journalist", "camera"]
    assert entry.arrival.interview == "la coordonnatrice"
    assert entry.arrival.at == DAY  # the arrival time is the first check-in's
    undo_door(store, event, DAY)
    [entry] = door_list(store, event, DAY)
    assert entry.present and entry.arrival.crew == ["journalist"]


def test_a_walk_in_is_added_to_the_media_list_with_a_flag_and_checked_in(store: Store) -> None:
    event = event_with(store, DAY, {"CIBL 101,5": Outcome.CONFIRMED})
    arrival = add_walk_in(store, event, "Métro Montréal", "Zoé Lavoie", DAY)
    outlet = next(o for o in store.outlets() if o.name == "Métro Montréal")
    assert WALK_IN_TAG in outlet.tags
    contact = next(c for c in store.contacts() if c.name == "Zoé Lavoie")
    assert (arrival.outlet_id, arrival.contact_id, arrival.walk_in) == (
        outlet.id,
        contact.id,
        True,
    )
    walk_in = [e for e in door_list(store, event, DAY) if e.expected == ""]
    assert [(e.outlet, e.name, e.present) for e in walk_in] == [
        ("Métro Montréal", "Zoé Lavoie", True)
    ]
    # An outlet already in the media list is found by name, not added twice.
    add_walk_in(store, event, "cibl 101,5", "", DAY)
    assert len([o for o in store.outlets() if o.name == "CIBL 101,5"]) == 1
    with pytest.raises(WalkInInvalid):
        add_walk_in(store, event, "  ", "Quelqu'un", DAY)


def past_events(store: Store, results: list[tuple[Outcome, bool]]) -> None:
    """Past events where CIBL said `outcome` and came (or not)."""
    for weeks, (outcome, came) in enumerate(results, start=1):
        event = event_with(store, DAY - timedelta(weeks=weeks), {"CIBL 101,5": outcome})
        if came:
            [entry] = [
                e for e in door_list(store, event, event.start) if e.outlet == "CIBL 101,5"
            ] or [None]
            if entry is None:
                add_walk_in(store, event, "CIBL 101,5", "", event.start)
            else:
                check_in(store, event, entry, event.start)
        else:  # somebody kept the door: another outlet came
            add_walk_in(store, event, "Autre média", "", event.start)


def test_no_history_uses_the_usual_rates_and_says_so(store: Store) -> None:
    event = event_with(
        store, DAY, {"A": Outcome.CONFIRMED, "B": Outcome.CONFIRMED, "C": Outcome.INTERESTED}
    )
    estimate = expected_turnout(store, event)
    assert estimate.events == 0 and estimate.outlets == 3
    assert estimate.expected == pytest.approx(0.7 + 0.7 + 0.35)
    assert estimate.low <= 1 < 2 <= estimate.high <= 3
    assert estimate.text() == f"attendus : {estimate.low} à {estimate.high} médias"
    assert "Aucun accueil tenu" in estimate.explanation()
    assert outlet_record(store, event, store.outlets()[0].id) == ""


def test_one_past_event_moves_the_estimate_a_little(store: Store) -> None:
    past_events(store, [(Outcome.CONFIRMED, False)])
    event = event_with(store, DAY, {"CIBL 101,5": Outcome.CONFIRMED})
    estimate = expected_turnout(store, event)
    assert estimate.events == 1
    # Pooled rate (0 + 0.7*4)/(1+4) = 0.56; CIBL's own 0 of 1, prior worth 2: 0.373.
    assert estimate.expected == pytest.approx((0 + 2 * 0.56) / (1 + 2))
    cibl = next(o for o in store.outlets() if o.name == "CIBL 101,5")
    assert outlet_record(store, event, cibl.id) == "venu 0 fois sur 1 après confirmation"
    assert "1 événement passé" in estimate.explanation()


def test_many_past_events_make_an_outlet_s_own_rate_count(store: Store) -> None:
    past_events(store, [(Outcome.CONFIRMED, True)] * 3 + [(Outcome.CONFIRMED, False)])
    event = event_with(store, DAY, {"CIBL 101,5": Outcome.CONFIRMED})
    estimate = expected_turnout(store, event)
    assert estimate.events == 4
    cibl = next(o for o in store.outlets() if o.name == "CIBL 101,5")
    assert outlet_record(store, event, cibl.id) == "venu 3 fois sur 4 après confirmation"
    pooled = (3 + 0.7 * 4) / (4 + 4)
    assert estimate.expected == pytest.approx((3 + 2 * pooled) / (4 + 2))
    assert estimate.text() in ("attendus : 0 à 1 médias", "attendu : 1 média")


def test_the_queue_s_answers_are_what_the_calls_say_after_skips_and_undo(store: Store) -> None:
    """The call screen takes the outlets' answers from its queue, not from the calls
    folded again: both must say the same, whatever was skipped or undone."""
    event = event_with(
        store,
        DAY,
        {"A": Outcome.CONFIRMED, "B": Outcome.VOICEMAIL, "C": None, "D": Outcome.INTERESTED},
    )
    when = DAY - timedelta(hours=20)
    queue = load_queue(store, event, when)
    c_state = next(s for s in queue.all if s.outlet.name == "C")
    record_outcome(store, c_state, Outcome.DECLINED, when)
    skip(store, next(s for s in queue.all if s.outlet.name == "B"), when)
    undo_last(store, event, when + timedelta(minutes=1))  # C's refusal is taken back
    queue = load_queue(store, event, when + timedelta(minutes=2))
    answers = answers_of(queue.all)
    assert answers == _outlet_answers(store, event)
    by_name = {o.id: o.name for o in store.outlets()}
    assert {by_name[k]: v for k, v in answers.items()} == {
        "A": [Outcome.CONFIRMED],
        "B": [Outcome.VOICEMAIL],
        "C": [],
        "D": [Outcome.INTERESTED],
    }
    assert expected_turnout(store, event, answers=answers) == expected_turnout(store, event)


def test_an_outlet_that_came_is_not_absent_whoever_of_it_confirmed(store: Store) -> None:
    """CIBL confirmed twice (its desk, then a journalist, who asked for a camera); the
    desk's person came. The journalist is not "confirmed absent" (no kit "sorry you
    missed it" to a newsroom that covered the event): listed as came, through the desk;
    the door shows the call's note."""
    from relance_tui import i18n
    from relance_tui.core.door.door import door_fields, door_report

    event = event_with(store, DAY, {"CIBL 101,5": Outcome.CONFIRMED, "CJAD": Outcome.CONFIRMED})
    cibl = next(o for o in store.outlets() if o.name == "CIBL 101,5")
    second = Contact(outlet_id=cibl.id, name="Zoé Lavoie")
    store.save(second)
    store.save(Target(event_id=event.id, position=9, contact_id=second.id))
    state = next(s for s in load_queue(store, event, DAY).all if s.name == "Zoé Lavoie")
    note = "Envoyer caméraman si possible"
    record_outcome(store, state, Outcome.CONFIRMED, DAY - timedelta(hours=20), note=note)
    entries = door_list(store, event, DAY)
    zoe = next(e for e in entries if e.name == "Zoé Lavoie")
    assert zoe.notes == note
    desk = next(e for e in entries if e.name == "Journaliste CIBL 101,5")
    check_in(store, event, desk, DAY)

    report = door_report(store, event, DAY + timedelta(hours=3))
    assert [e.outlet for e in report.confirmed_absent] == ["CJAD"]
    came = next(e for e in report.present if e.name == "Zoé Lavoie")
    assert came.outlet_came == "Journaliste CIBL 101,5" and not came.present
    assert report.people_present == 1
    i18n.set_language("fr")
    assert door_fields(came, "fr")["arrived"] == "venu (par Journaliste CIBL 101,5)"
