"""The call session, as a communications officer works through the call list."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from relance_tui.core.calls.queue import CallbackTimeNeeded, Status
from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import Contact, Event, EventKind, Outcome, Outlet, Show, Target
from relance_tui.core.station.session import CallSession
from relance_tui.core.store.store import Store

START = datetime(2026, 11, 26, 10, 0, tzinfo=DEFAULT_TZ)


class Clock:
    """The officer's watch: moves only when the test says so."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def wait(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def call_list(store: Store, *outlets: tuple[str, int]) -> Event:
    """An event two days out, one contact per outlet, in this order of the list."""
    event = Event(
        title="Lancement",
        kind=EventKind.EVENT,
        start=datetime(2026, 11, 28, 10, 30, tzinfo=DEFAULT_TZ),
    )
    store.save(event)
    for position, (name, warmth) in enumerate(outlets, start=1):
        outlet = Outlet(name=name, warmth=warmth, phone="514-555-0100")
        store.save(outlet)
        contact = Contact(outlet_id=outlet.id, name=f"Contact {name}", phone="514-555-0142")
        store.save(contact)
        store.save(Target(event_id=event.id, position=position, contact_id=contact.id))
    return event


def outlet_of(session: CallSession) -> str:
    assert session.card is not None and session.card.outlet is not None
    return session.card.outlet.name


def test_friendliest_outlet_first_then_one_key_per_call(store: Store) -> None:
    call_list(store, ("Le Devoir", 1), ("CIBL", 3), ("CJAD", 2))
    clock = Clock()
    session = CallSession(store, clock)
    assert outlet_of(session) == "CIBL"

    clock.wait(seconds=15)  # reading the card before dialling is not call time
    assert session.start_call()
    clock.wait(seconds=40)
    session.set_note("  Caméra confirmée  ")
    recorded = session.record(Outcome.CONFIRMED)

    assert recorded is not None and recorded.called.outlet is not None
    assert recorded.called.outlet.name == "CIBL"
    assert recorded.attempt.duration_s == 40.0
    assert recorded.attempt.note == "Caméra confirmée"
    assert [a.outcome for a in store.attempts()] == [Outcome.CONFIRMED]
    assert recorded.card is session.card and outlet_of(session) == "CJAD"
    assert session.note == "" and session.seconds_in_call() is None


def test_a_skipped_card_goes_to_the_end(store: Store) -> None:
    call_list(store, ("A", 0), ("B", 0), ("C", 0))
    session = CallSession(store, Clock())
    skipped = session.skip()
    assert skipped is not None and skipped.attempt.outcome is Outcome.SKIPPED
    assert outlet_of(session) == "B"
    session.record(Outcome.DECLINED)
    session.record(Outcome.DECLINED)
    assert outlet_of(session) == "A"


def test_undo_brings_back_the_card_you_were_on(store: Store) -> None:
    call_list(store, ("A", 0), ("B", 0), ("C", 0))
    clock = Clock()
    session = CallSession(store, clock)
    session.record(Outcome.NO_ANSWER)  # A: back in 30 minutes
    clock.wait(minutes=31)
    session.record(Outcome.DECLINED)  # B
    session.record(Outcome.DECLINED)  # C
    assert outlet_of(session) == "A"  # the retry, now due
    session.record(Outcome.VOICEMAIL)  # A, by mistake: someone picked up
    clock.wait(seconds=5)

    undone = session.undo()

    assert undone is not None and undone.attempt.outcome is Outcome.VOICEMAIL
    assert outlet_of(session) == "A" and undone.card is session.card
    assert session.seconds_in_call() is None  # a fresh timer for the call taken up again
    # A name added to the list meanwhile would come first (never called beats a
    # retry), but the card on screen stays until a key is pressed.
    outlet = Outlet(name="D", warmth=3, phone="514-555-0100")
    store.save(outlet)
    contact = Contact(outlet_id=outlet.id, name="Contact D", phone="514-555-0142")
    store.save(contact)
    assert session.event is not None
    store.save(Target(event_id=session.event.id, position=4, contact_id=contact.id))
    session.refresh()
    assert outlet_of(session) == "A"
    session.record(Outcome.CONFIRMED)
    assert outlet_of(session) == "D"


def test_undo_brings_back_the_card_even_when_a_callback_fell_due(store: Store) -> None:
    call_list(store, ("A", 0), ("B", 0), ("C", 0))
    clock = Clock()
    session = CallSession(store, clock)
    session.record(Outcome.CALLBACK, callback_at=START + timedelta(minutes=10))  # A
    assert outlet_of(session) == "B"
    session.record(Outcome.INTERESTED)  # B, by mistake
    clock.wait(minutes=15)  # A's callback is due now

    session.undo()

    # Back on B, the call that was undone; A's due callback waits its turn.
    assert outlet_of(session) == "B"
    assert session.queue is not None and session.queue.current is not None
    assert session.queue.current.outlet is not None
    assert session.queue.current.outlet.name == "A"
    assert session.queue.current.status is Status.CALLBACK_DUE
    session.record(Outcome.CONFIRMED)  # B
    assert outlet_of(session) == "A"  # then the due callback comes first


def test_undo_of_a_final_outcome_puts_the_target_back_in_the_queue(store: Store) -> None:
    call_list(store, ("A", 0), ("B", 0))
    session = CallSession(store, Clock())
    session.record(Outcome.DO_NOT_CALL)
    contact = store.contacts()[0]
    assert store.get(Contact, contact.id).do_not_call  # type: ignore[union-attr]
    session.undo()
    assert outlet_of(session) == "A"
    assert not store.get(Contact, contact.id).do_not_call  # type: ignore[union-attr]


def test_nothing_to_undo_and_no_card_without_a_call_list(store: Store) -> None:
    session = CallSession(store, Clock())
    assert session.event is None and session.card is None
    assert session.undo() is None
    assert session.record(Outcome.CONFIRMED) is None
    call_list(store, ("A", 0))
    session.refresh()
    assert session.undo() is None


def test_a_callback_needs_a_time_to_come_and_changes_nothing_without_one(store: Store) -> None:
    call_list(store, ("A", 0))
    session = CallSession(store, Clock())
    with pytest.raises(CallbackTimeNeeded):
        session.record(Outcome.CALLBACK, callback_at=START - timedelta(minutes=1))
    assert store.attempts() == []
    assert outlet_of(session) == "A"


def test_the_card_carries_the_talking_points_for_its_contact(store: Store) -> None:
    event = call_list(store, ("CIBL", 0))
    import dataclasses

    store.save(
        dataclasses.replace(
            event, templates={"fr": {"talking_points": "Bonjour {{ contact.nom }}"}}
        )
    )
    session = CallSession(store, Clock())
    assert session.card is not None
    assert session.script_job(session.card).run().text == "Bonjour Contact CIBL"


def two_at_one_outlet(store: Store) -> Event:
    """CIBL with two journalists, then CJAD."""
    event = call_list(store, ("CIBL", 3), ("CJAD", 1))
    cibl = next(o for o in store.outlets() if o.name == "CIBL")
    second = Contact(outlet_id=cibl.id, name="Second CIBL", phone="514-555-0143")
    store.save(second)
    store.save(Target(event_id=event.id, position=3, contact_id=second.id))
    return event


def test_a_refusal_settles_only_that_contact_and_that_show(store: Store) -> None:
    """ICI Première: Le 15-18's producer says no; Le 15-18's researcher goes aside,
    Tout un matin's stays in the queue, and its card says who refused."""
    event = call_list(store, ("CJAD", 1))
    ici = Outlet(name="ICI Première", warmth=3, phone="514-555-0100")
    store.save(ici)
    le_15_18 = Show(outlet_id=ici.id, name="Le 15-18")
    matin = Show(outlet_id=ici.id, name="Tout un matin")
    store.save(le_15_18)
    store.save(matin)
    for position, (name, show) in enumerate(
        [("Producer 15-18", le_15_18), ("Researcher 15-18", le_15_18), ("Matin", matin)],
        start=2,
    ):
        contact = Contact(outlet_id=ici.id, show_id=show.id, name=name, phone="514-555-0142")
        store.save(contact)
        store.save(Target(event_id=event.id, position=position, contact_id=contact.id))
    session = CallSession(store, Clock())
    assert session.card is not None and session.card.name == "Producer 15-18"
    session.record(Outcome.DECLINED)

    assert session.queue is not None
    [aside] = session.queue.set_aside
    assert aside.name == "Researcher 15-18"
    assert aside.covered_by is not None and aside.covered_by.name == "Producer 15-18"
    waiting = [s.name for s in session.queue.ready]
    assert "Matin" in waiting and "Researcher 15-18" not in waiting
    matin_state = next(s for s in session.queue.ready if s.name == "Matin")
    news = session.queue.outlet_answer(matin_state)
    assert news is not None and news.show is not None and news.show.name == "Le 15-18"


def test_a_refusal_from_the_desk_leaves_the_outlets_other_people_in_the_queue(
    store: Store,
) -> None:
    two_at_one_outlet(store)
    session = CallSession(store, Clock())
    session.record(Outcome.DECLINED)
    assert session.queue is not None and session.queue.set_aside == []
    assert outlet_of(session) == "CIBL" and session.card is not None
    assert session.card.name == "Second CIBL"
    news = session.queue.outlet_answer(session.card)
    assert news is not None and news.name == "Contact CIBL"


@pytest.mark.parametrize("answer", [Outcome.CONFIRMED])
def test_once_an_outlet_answered_its_other_people_are_set_aside(
    store: Store, answer: Outcome
) -> None:
    two_at_one_outlet(store)
    session = CallSession(store, Clock())
    assert session.card is not None and session.card.name == "Contact CIBL"
    session.record(answer)

    assert outlet_of(session) == "CJAD"  # not the second CIBL journalist
    assert session.queue is not None
    [aside] = session.queue.set_aside
    assert aside.name == "Second CIBL" and aside.status is Status.SET_ASIDE
    assert aside.covered_by is not None and aside.covered_by.name == "Contact CIBL"
    assert session.queue.outlet_answer(aside) is aside.covered_by
    progress = session.progress()
    assert progress is not None and progress.left == 1


def test_a_set_aside_person_can_be_brought_back_for_good(store: Store) -> None:
    two_at_one_outlet(store)
    session = CallSession(store, Clock())
    session.record(Outcome.CONFIRMED)
    assert session.queue is not None
    [aside] = session.queue.set_aside

    card = session.call_now(aside.target.id)  # type: ignore[arg-type]

    assert card is not None and card.name == "Second CIBL"
    assert store.get(Target, aside.target.id).keep_calling  # type: ignore[union-attr,arg-type]
    session.record(Outcome.VOICEMAIL)
    session.refresh()
    assert session.queue is not None and session.queue.set_aside == []
    assert [s.name for s in session.queue.later] == ["Second CIBL"]


def test_setting_aside_can_be_turned_off(store: Store) -> None:
    import dataclasses

    two_at_one_outlet(store)
    store.save(dataclasses.replace(store.settings(), set_aside_covered_outlets=False))
    session = CallSession(store, Clock())
    session.record(Outcome.CONFIRMED)
    assert session.queue is not None and session.queue.set_aside == []
    assert outlet_of(session) == "CIBL"  # the second journalist comes next, by warmth


def test_a_card_skipped_through_without_a_call_has_no_call_time(store: Store) -> None:
    call_list(store, ("A", 0), ("B", 0))
    clock = Clock()
    session = CallSession(store, clock)
    clock.wait(minutes=2)
    recorded = session.record(Outcome.NO_ANSWER)
    assert recorded is not None and recorded.attempt.duration_s == 0.0
    assert session.start_call() and not session.start_call()  # started once
    clock.wait(seconds=30)
    assert session.seconds_in_call() == 30


def test_a_wrong_number_is_flagged_to_fix_until_the_form_clears_it(store: Store) -> None:
    from relance_tui.core.media.records import build_contact
    from relance_tui.core.media.search import Filters, media_rows, search
    from relance_tui.core.station.exports import media_list_rows
    from relance_tui.core.station.report import summarise

    event = call_list(store, ("CIBL", 0), ("CJAD", 0))
    session = CallSession(store, Clock())
    session.record(Outcome.WRONG_NUMBER)
    [flagged] = [c for c in store.contacts() if c.to_fix]
    assert flagged.name == "Contact CIBL"

    rows = media_rows(store.outlets(), store.shows(), store.contacts())
    assert [r.contact.name for r in search(rows, "", Filters(to_fix=True))] == ["Contact CIBL"]
    assert [s.name for s in summarise(store, event, Clock()).to_fix] == ["Contact CIBL"]
    exported = {r["name"]: r["to_fix"] for r in media_list_rows(store) if r["name"]}
    assert exported == {"Contact CIBL": "oui", "Contact CJAD": ""}

    values = {
        "name": flagged.name,
        "outlet_id": str(flagged.outlet_id),
        "role": flagged.role.value,
        "phone": flagged.phone,
        "to_fix": "1",
    }
    assert build_contact(values, flagged).to_fix  # kept while the form says so
    fixed = build_contact({**values, "to_fix": ""}, flagged)
    store.save(fixed)
    rows = media_rows(store.outlets(), store.shows(), store.contacts())
    assert search(rows, "", Filters(to_fix=True)) == []


def test_a_later_call_can_be_postponed_without_leaving_the_card(store: Store) -> None:
    call_list(store, ("CIBL", 3), ("CJAD", 2), ("Le Devoir", 1))
    clock = Clock()
    session = CallSession(store, clock)
    session.record(Outcome.CALLBACK, callback_at=START + timedelta(hours=4))  # CIBL, 14 h
    assert outlet_of(session) == "CJAD"
    cibl = session.queue.later[0]  # type: ignore[union-attr]

    attempt = session.postpone(cibl.target.id, START + timedelta(days=1))  # type: ignore[arg-type]

    assert attempt is not None and attempt.outcome is Outcome.CALLBACK
    assert attempt.duration_s == 0  # no call was made
    assert outlet_of(session) == "CJAD"  # the card on screen stays
    [later] = session.queue.later  # type: ignore[union-attr]
    assert later.next_at == START + timedelta(days=1)
    assert session.postpone(999, START) is None  # not in the queue: nothing recorded


def test_a_contact_s_language_from_the_form_picks_the_script_language(store: Store) -> None:
    from relance_tui.core.media.records import MediaInvalid, build_contact

    call_list(store, ("CIBL", 0))
    session = CallSession(store, Clock())
    assert session.card is not None and session.language(session.card) == "fr"
    contact = session.card.contact
    values = {"name": contact.name, "outlet_id": str(contact.outlet_id), "language": "en"}
    store.save(build_contact(values, contact))
    session.refresh()
    assert session.language(session.card) == "en"
    assert "Hi Contact, this is" in session.script_job(session.card).run().text
    with pytest.raises(MediaInvalid):
        build_contact({**values, "language": "klingon"}, contact)


def test_a_cards_script_key_follows_every_record_it_is_made_from(demo_store: Store, now) -> None:
    """A card's script job is made again on every key and its key is kept for the same
    records; a contact, an outlet, the event's templates or the settings written since
    give another key (another text to render)."""
    import dataclasses

    session = CallSession(demo_store, lambda: now)
    card = session.card
    assert card is not None and card.contact is not None and card.outlet is not None
    first = session.script_job(card).key
    assert session.script_job(card).key is first  # the same records: kept
    keys = {first}
    for change in ("contact", "outlet", "settings", "event"):
        if change == "contact":
            demo_store.save(dataclasses.replace(card.contact, name="Zénon Autre"))
        elif change == "outlet":
            demo_store.save(dataclasses.replace(card.outlet, name="Autre média"))
        elif change == "settings":
            demo_store.save(dataclasses.replace(demo_store.settings(), caller_name="Autre"))
        else:
            event = demo_store.current_event()
            assert event is not None
            demo_store.save(dataclasses.replace(event, title="Autre titre"))
        card = session.refresh()
        assert card is not None
        key = session.script_job(card).key
        assert key not in keys, change
        keys.add(key)
