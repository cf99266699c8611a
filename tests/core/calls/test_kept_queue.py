"""The queue kept from one key to the next (`order.Built`): after each key it is the
queue built afresh from the same calls, at the same hour."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from relance_tui.core.calls.queue import (
    QueueRules,
    Status,
    build_queue,
    load_queue,
    record_outcome,
)
from relance_tui.core.calls.reading import FoldMemo
from relance_tui.core.models import Contact, Outcome, Target
from relance_tui.core.store.store import Store
from relance_tui.core.who import Directory
from tests.core.calls.test_queue import EVENT, RULES, _shape, call_logs


class Counted(dict):  # type: ignore[type-arg]
    """A mapping that counts its writes, as the store's kept records do: a directory
    of these has a version, so the queue is kept from one build to the next."""

    changes = 0

    def __setitem__(self, key: object, value: object) -> None:
        super().__setitem__(key, value)
        self.changes += 1


def counted(contacts, outlets) -> Directory:
    return Directory(Counted(contacts), Counted(outlets), Counted())


def shared_outlets(log, data):
    """`log` with its contacts spread over fewer outlets (an answer from one contact
    sets the others aside) and some targets at the same place as others."""
    targets, contacts, outlets, attempts, now = log
    count = data.draw(st.integers(1, len(outlets)))
    contacts = {
        i: dataclasses.replace(c, outlet_id=(i - 1) % count + 1) for i, c in contacts.items()
    }
    outlets = {i: o for i, o in outlets.items() if i <= count}
    targets = [dataclasses.replace(t, position=data.draw(st.integers(1, 3))) for t in targets]
    return targets, contacts, outlets, attempts, now


@settings(max_examples=150, deadline=None)
@given(call_logs(), st.data())
def test_a_queue_kept_call_after_call_is_the_queue_built_afresh(log, data) -> None:
    """Each call is placed in the queue kept from the call before, while the hours go
    on (past retry times, now and then back): the same lists, in the same order."""
    targets, contacts, outlets, attempts, now = shared_outlets(log, data)
    directory = counted(contacts, outlets)
    memo = FoldMemo()
    when = now - timedelta(hours=3)
    rules = RULES
    for made in range(len(attempts) + 1):
        so_far = attempts[:made]
        if data.draw(st.integers(0, 9)) == 0:  # the settings change now and then
            rules = QueueRules(retry_no_answer=timedelta(minutes=data.draw(st.integers(5, 300))))
        for _ in range(2):
            when += timedelta(minutes=data.draw(st.integers(-150, 120)))
            kept = build_queue(EVENT, targets, directory, so_far, when, rules, memo)
            afresh = build_queue(EVENT, targets, directory, so_far, when, rules)
            assert _shape(kept) == _shape(afresh)
            assert _covered(kept) == _covered(afresh)


def _covered(queue) -> dict[int, int | None]:
    return {outlet: state.target.id for outlet, state in queue.covered.items()}


@settings(max_examples=60, deadline=None)
@given(call_logs(), st.data())
def test_a_queue_kept_call_after_call_sees_its_people_change(log, data) -> None:
    """Between two calls a contact is flagged, moved to another outlet, its outlet's
    warmth changes: the kept queue is the one built afresh."""
    targets, contacts, outlets, attempts, now = shared_outlets(log, data)
    directory = counted(contacts, outlets)
    memo = FoldMemo()
    for made in range(len(attempts) + 1):
        if data.draw(st.booleans()):
            changed = data.draw(st.sampled_from(sorted(contacts)))
            contact = directory.contacts[changed]
            change = data.draw(st.sampled_from(["do_not_call", "outlet", "warmth"]))
            if change == "do_not_call":
                flagged = dataclasses.replace(contact, do_not_call=not contact.do_not_call)
                directory.contacts[changed] = flagged  # type: ignore[index]
            elif change == "outlet":
                other = data.draw(st.sampled_from(sorted(outlets)))
                directory.contacts[changed] = dataclasses.replace(contact, outlet_id=other)  # type: ignore[index]
            else:
                outlet = directory.outlets[contact.outlet_id]
                warmer = dataclasses.replace(outlet, warmth=(outlet.warmth + 1) % 4)
                directory.outlets[outlet.id] = warmer  # type: ignore[index]
        kept = build_queue(EVENT, targets, directory, attempts[:made], now, RULES, memo)
        afresh = build_queue(EVENT, targets, directory, attempts[:made], now, RULES)
        assert _shape(kept) == _shape(afresh)


def _two_contacts_of_one_outlet(store: Store, event_id: int, first: Target) -> Target:
    """A second contact of `first`'s outlet on the call list, at its end."""
    contact = store.get(Contact, first.contact_id or 0)
    assert contact is not None
    colleague = Contact(outlet_id=contact.outlet_id, name="Collègue", phone="514-555-0199")
    store.save(colleague)
    position = max(t.position for t in store.targets(event_id)) + 1
    target = Target(event_id=event_id, position=position, contact_id=colleague.id)
    store.save(target)
    return target


def test_a_session_of_keys_keeps_one_queue_and_it_is_the_queue_built_afresh(
    demo_store: Store, now
) -> None:
    """Voicemail and no answer, key after key: each queue is the kept one with the
    called target moved (never sorted again whole), and the one built afresh. A
    confirmation sets aside the outlet's other contact (built again whole); a list
    handed out and changed (a team's rules do) is not the kept one."""
    event = demo_store.current_event()
    assert event is not None and event.id is not None
    # No cap on an outlet's solicitations here: reaching it builds again (test below).
    demo_store.save(dataclasses.replace(demo_store.settings(), outlet_cap=0))
    memo = FoldMemo()
    queue = load_queue(demo_store, event, now, memo)
    kept = memo.built
    at = now
    for key in range(12):
        card = queue.current
        assert card is not None
        outcome = Outcome.VOICEMAIL if key % 2 else Outcome.NO_ANSWER
        at += timedelta(seconds=40)
        record_outcome(demo_store, card, outcome, at)
        queue = load_queue(demo_store, event, at, memo)
        assert memo.built is kept  # placed in the kept queue, not built again
        assert _shape(queue) == _shape(load_queue(demo_store, event, at))
        called = queue.find(card.target.id or 0)
        assert called is not None and called.status is Status.LATER and called in queue.later
    queue.ready.clear()  # as `set_aside_for_team` does to the queue it is handed
    queue = load_queue(demo_store, event, at, memo)
    assert queue.ready and memo.built is kept

    card = queue.current
    assert card is not None and card.target.contact_id is not None
    colleague = _two_contacts_of_one_outlet(demo_store, event.id, card.target)
    queue = load_queue(demo_store, event, at, memo)  # the call list changed: built again
    assert memo.built is not kept
    kept = memo.built
    record_outcome(demo_store, queue.current, Outcome.CONFIRMED, at)  # type: ignore[arg-type]
    queue = load_queue(demo_store, event, at, memo)
    assert memo.built is not kept  # an outlet's answer: the whole queue again
    aside = queue.find(colleague.id or 0)
    assert aside is not None and aside.status is Status.SET_ASIDE
    assert _shape(queue) == _shape(load_queue(demo_store, event, at))


def test_a_retry_come_due_builds_the_queue_again(demo_store: Store, now) -> None:
    """The kept queue is used only while no target waiting for later is due: past the
    retry time, the target is ready again (fold of the hour), as afresh."""
    event = demo_store.current_event()
    assert event is not None
    memo = FoldMemo()
    queue = load_queue(demo_store, event, now, memo)
    card = queue.current
    assert card is not None
    record_outcome(demo_store, card, Outcome.NO_ANSWER, now)
    load_queue(demo_store, event, now, memo)
    kept = memo.built
    rules = QueueRules.from_settings(demo_store.settings(), event)
    later = now + rules.retry_no_answer + timedelta(minutes=1)
    queue = load_queue(demo_store, event, later, memo)
    assert memo.built is not kept
    again = queue.find(card.target.id or 0)
    assert again is not None and again.status is Status.RETRY_DUE and again in queue.ready
    assert _shape(queue) == _shape(load_queue(demo_store, event, later))
