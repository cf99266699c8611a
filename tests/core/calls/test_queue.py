"""The call queue of PRODUCT §5: order, caps, undo, do-not-call."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from relance_tui.core.calls.queue import (
    QueueRules,
    Status,
    build_queue,
    load_queue,
    record_outcome,
    skip,
    undo_last,
)
from relance_tui.core.calls.reading import FoldMemo, effective
from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import (
    FINAL_OUTCOMES,
    Attempt,
    Contact,
    Event,
    EventKind,
    Outcome,
    Outlet,
    Target,
)
from relance_tui.core.store.store import Store
from relance_tui.core.who import Directory

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=DEFAULT_TZ)
EVENT = Event(
    id=1,
    title="Lancement",
    kind=EventKind.EVENT,
    start=datetime(2026, 11, 28, 10, 30, tzinfo=DEFAULT_TZ),
)
RULES = QueueRules()


def small_world(store: Store, warmths: list[int]) -> Event:
    event = Event(title="Lancement", kind=EventKind.EVENT, start=EVENT.start)
    store.save(event)
    for position, warmth in enumerate(warmths, start=1):
        outlet = Outlet(name=f"Média {position}", warmth=warmth, phone="514-555-0100")
        store.save(outlet)
        contact = Contact(outlet_id=outlet.id, name=f"Contact {position}", phone="514-555-0142")
        store.save(contact)
        store.save(Target(event_id=event.id, position=position, contact_id=contact.id))
    return event


def queue_at(store: Store, event: Event, now: datetime = NOW):
    return load_queue(store, event, now)


def names(states) -> list[str]:
    return [s.name for s in states]


# --- examples, one per rule ---------------------------------------------------------


def test_never_called_targets_go_warmest_first_then_list_position(store: Store) -> None:
    event = small_world(store, [1, 3, 0, 3, 2])
    assert names(queue_at(store, event).ready) == [
        "Contact 2",
        "Contact 4",
        "Contact 5",
        "Contact 1",
        "Contact 3",
    ]


def test_confirmed_leaves_the_queue(store: Store) -> None:
    event = small_world(store, [3, 2])
    first = queue_at(store, event).current
    record_outcome(store, first, Outcome.CONFIRMED, NOW)
    queue = queue_at(store, event)
    assert names(queue.ready) == ["Contact 2"]
    assert names(queue.done) == ["Contact 1"]


def test_voicemail_comes_back_after_two_hours(store: Store) -> None:
    event = small_world(store, [3, 2])
    record_outcome(store, queue_at(store, event).current, Outcome.VOICEMAIL, NOW)
    queue = queue_at(store, event)
    assert names(queue.ready) == ["Contact 2"]
    assert [(s.name, s.next_at) for s in queue.later] == [("Contact 1", NOW + timedelta(hours=2))]
    later = queue_at(store, event, NOW + timedelta(hours=2))
    assert later.find(later.later[0].target.id if later.later else later.ready[0].target.id)
    assert "Contact 1" in names(later.ready)


def test_no_answer_comes_back_after_30_minutes_and_stops_at_the_cap(store: Store) -> None:
    event = small_world(store, [3])
    now = NOW
    for _ in range(3):
        state = queue_at(store, event, now).current
        assert state is not None and state.name == "Contact 1"
        record_outcome(store, state, Outcome.NO_ANSWER, now)
        assert queue_at(store, event, now + timedelta(minutes=29)).current is None
        now += timedelta(minutes=30)
    queue = queue_at(store, event, now)
    assert queue.current is None and not queue.later
    assert names(queue.exhausted) == ["Contact 1"]


def test_attempts_cap_is_a_per_event_setting(store: Store) -> None:
    event = small_world(store, [3])
    event.attempts_cap = 1
    store.save(event)
    record_outcome(store, queue_at(store, event).current, Outcome.VOICEMAIL, NOW)
    assert names(queue_at(store, event, NOW + timedelta(hours=3)).exhausted) == ["Contact 1"]


def test_retry_delays_are_settings(store: Store) -> None:
    event = small_world(store, [3])
    settings_ = store.settings()
    settings_.retry_voicemail_min = 15
    store.save(settings_)
    record_outcome(store, queue_at(store, event).current, Outcome.VOICEMAIL, NOW)
    assert queue_at(store, event).later[0].next_at == NOW + timedelta(minutes=15)


def test_interested_comes_back_next_morning(store: Store) -> None:
    event = small_world(store, [3])
    record_outcome(store, queue_at(store, event).current, Outcome.INTERESTED, NOW)
    assert queue_at(store, event).later[0].next_at == datetime(
        2026, 11, 27, 9, 0, tzinfo=DEFAULT_TZ
    )


def test_interested_the_day_before_a_morning_event_comes_back_that_morning(store: Store) -> None:
    event = small_world(store, [3])
    event.kind = EventKind.PRESS_CONFERENCE
    event.start = datetime(2026, 11, 27, 8, 30, tzinfo=DEFAULT_TZ)
    store.save(event)
    record_outcome(store, queue_at(store, event).current, Outcome.INTERESTED, NOW)
    assert queue_at(store, event).later[0].next_at == datetime(
        2026, 11, 27, 8, 0, tzinfo=DEFAULT_TZ
    )


def test_resend_comes_back_after_two_hours(store: Store) -> None:
    event = small_world(store, [3])
    record_outcome(store, queue_at(store, event).current, Outcome.RESEND, NOW)
    assert queue_at(store, event).later[0].next_at == NOW + timedelta(hours=2)


def test_due_callback_comes_before_never_called_targets(store: Store) -> None:
    event = small_world(store, [0, 3, 3])
    queue = queue_at(store, event)
    cold = queue.find(store.targets(event.id)[0].id)
    record_outcome(store, cold, Outcome.CALLBACK, NOW, callback_at=NOW + timedelta(minutes=20))
    assert names(queue_at(store, event).ready) == ["Contact 2", "Contact 3"]
    assert names(queue_at(store, event).callbacks) == ["Contact 1"]
    assert names(queue_at(store, event, NOW + timedelta(minutes=20)).ready)[0] == "Contact 1"


def test_callbacks_due_go_oldest_first(store: Store) -> None:
    event = small_world(store, [1, 1, 1])
    states = queue_at(store, event).ready
    record_outcome(store, states[0], Outcome.CALLBACK, NOW, callback_at=NOW + timedelta(hours=2))
    record_outcome(store, states[1], Outcome.CALLBACK, NOW, callback_at=NOW + timedelta(hours=1))
    assert names(queue_at(store, event, NOW + timedelta(hours=3)).ready) == [
        "Contact 2",
        "Contact 1",
        "Contact 3",
    ]


def test_retries_go_fewest_attempts_first(store: Store) -> None:
    event = small_world(store, [3, 3])
    one, two = queue_at(store, event).ready
    record_outcome(store, one, Outcome.NO_ANSWER, NOW)
    record_outcome(
        store,
        queue_at(store, event, NOW + timedelta(minutes=30)).find(one.target.id),
        Outcome.NO_ANSWER,
        NOW + timedelta(minutes=30),
    )
    record_outcome(store, two, Outcome.NO_ANSWER, NOW + timedelta(minutes=31))
    later = queue_at(store, event, NOW + timedelta(hours=2))
    assert [(s.name, s.calls) for s in later.ready] == [("Contact 2", 1), ("Contact 1", 2)]


def test_callback_needs_a_future_time(store: Store) -> None:
    event = small_world(store, [3])
    state = queue_at(store, event).current
    try:
        record_outcome(store, state, Outcome.CALLBACK, NOW, callback_at=NOW - timedelta(minutes=1))
    except Exception as problem:
        assert "heure à venir" in str(problem)
    else:
        raise AssertionError("a past callback was accepted")
    assert store.attempts(event.id) == []


def test_do_not_call_flags_the_contact_for_every_event(store: Store) -> None:
    event = small_world(store, [3, 2])
    other = Event(title="Autre", kind=EventKind.EVENT, start=EVENT.start)
    store.save(other)
    first_contact = store.targets(event.id)[0].contact_id
    store.save(Target(event_id=other.id, position=1, contact_id=first_contact))

    record_outcome(store, queue_at(store, event).current, Outcome.DO_NOT_CALL, NOW)
    assert store.get(Contact, first_contact).do_not_call
    assert names(queue_at(store, event).done) == ["Contact 1"]
    other_queue = queue_at(store, other)
    assert other_queue.ready == [] and names(other_queue.blocked) == ["Contact 1"]


def test_wrong_number_is_final_and_flags_the_contact_to_fix(store: Store) -> None:
    event = small_world(store, [3])
    contact_id = store.targets(event.id)[0].contact_id
    record_outcome(store, queue_at(store, event).current, Outcome.WRONG_NUMBER, NOW)
    assert store.get(Contact, contact_id).to_fix
    assert names(queue_at(store, event).done) == ["Contact 1"]


def test_skip_sends_the_target_to_the_end_without_an_outcome(store: Store) -> None:
    event = small_world(store, [3, 2, 1])
    skip(store, queue_at(store, event).current, NOW)
    queue = queue_at(store, event)
    assert names(queue.ready) == ["Contact 2", "Contact 3", "Contact 1"]
    assert queue.ready[-1].calls == 0


def test_undo_appends_a_reversal_and_restores_the_previous_state(store: Store) -> None:
    event = small_world(store, [3, 2])
    state = queue_at(store, event).current
    contact_id = state.contact.id
    record_outcome(store, state, Outcome.VOICEMAIL, NOW)
    record_outcome(store, queue_at(store, event).find(state.target.id), Outcome.DO_NOT_CALL, NOW)
    assert store.get(Contact, contact_id).do_not_call

    undone = undo_last(store, event, NOW + timedelta(seconds=5))
    assert undone.outcome is Outcome.DO_NOT_CALL
    assert not store.get(Contact, contact_id).do_not_call
    after = queue_at(store, event)
    assert after.find(state.target.id).last.outcome is Outcome.VOICEMAIL

    undo_last(store, event, NOW + timedelta(seconds=6))
    assert names(queue_at(store, event).ready) == ["Contact 1", "Contact 2"]
    log = store.attempts(event.id)
    assert [a.outcome for a in log] == [
        Outcome.VOICEMAIL,
        Outcome.DO_NOT_CALL,
        Outcome.UNDO,
        Outcome.UNDO,
    ]
    assert [a.reverses for a in log[2:]] == [log[1].uid, log[0].uid]
    assert undo_last(store, event, NOW) is None


def test_undo_ignores_skips(store: Store) -> None:
    event = small_world(store, [3, 2])
    first = queue_at(store, event).current
    record_outcome(store, first, Outcome.CONFIRMED, NOW)
    skip(store, queue_at(store, event).current, NOW + timedelta(seconds=1))
    undone = undo_last(store, event, NOW + timedelta(seconds=2))
    assert undone.outcome is Outcome.CONFIRMED


# --- the rules over random call logs (Hypothesis) ------------------------------------

OUTCOMES = [o for o in Outcome if o is not Outcome.UNDO]


@st.composite
def call_logs(draw):
    count = draw(st.integers(1, 8))
    warmths = draw(st.lists(st.integers(0, 3), min_size=count, max_size=count))
    do_not_call = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    outlets = {i: Outlet(id=i, name=f"M{i}", warmth=w) for i, w in enumerate(warmths, 1)}
    contacts = {
        i: Contact(id=i, outlet_id=i, name=f"C{i}", do_not_call=dnc and draw(st.booleans()))
        for i, dnc in enumerate(do_not_call, 1)
    }
    positions = draw(st.permutations(list(range(1, count + 1))))
    targets = [
        Target(id=i, event_id=1, position=positions[i - 1], contact_id=i)
        for i in range(1, count + 1)
    ]
    attempts: list[Attempt] = []
    for _ in range(draw(st.integers(0, 20))):
        target_id = draw(st.integers(1, count))
        at = NOW - timedelta(minutes=draw(st.integers(0, 600)))
        if attempts and draw(st.integers(0, 5)) == 0:
            undoable = [a for a in effective(attempts) if a.outcome is not Outcome.SKIPPED]
            if undoable:
                attempts.append(
                    Attempt(
                        event_id=1,
                        target_id=undoable[-1].target_id,
                        at=at,
                        outcome=Outcome.UNDO,
                        reverses=undoable[-1].uid,
                    )
                )
                continue
        outcome = draw(st.sampled_from(OUTCOMES))
        callback_at = (
            at + timedelta(minutes=draw(st.integers(1, 900)))
            if outcome is Outcome.CALLBACK
            else None
        )
        attempts.append(
            Attempt(
                event_id=1, target_id=target_id, at=at, outcome=outcome, callback_at=callback_at
            )
        )
    attempts.sort(key=lambda a: a.at)
    now = NOW + timedelta(minutes=draw(st.integers(0, 600)))
    return targets, contacts, outlets, attempts, now


@settings(max_examples=300, deadline=None)
@given(call_logs())
def test_the_next_target_always_satisfies_the_rules(log) -> None:
    targets, contacts, outlets, attempts, now = log
    rules = QueueRules(outlet_cap=0)  # the outlet cap has its own test
    queue = build_queue(EVENT, targets, Directory(contacts, outlets, {}), attempts, now, rules)

    # Every target is in exactly one place.
    placed = [s.target.id for s in queue.all]
    assert sorted(placed) == sorted(t.id for t in targets)

    for state in queue.all:
        live = [a for a in effective(attempts) if a.target_id == state.target.id]
        calls = [a for a in live if a.outcome is not Outcome.SKIPPED]
        last = calls[-1] if calls else None
        flagged = contacts[state.target.contact_id].do_not_call
        if flagged and (last is None or last.outcome not in FINAL_OUTCOMES):
            assert state.status is Status.BLOCKED
        elif last is None:
            assert state.status is Status.NEW
        elif last.outcome in FINAL_OUTCOMES:
            assert state.status is Status.DONE
        elif last.outcome in (Outcome.VOICEMAIL, Outcome.NO_ANSWER) and len(calls) >= 3:
            assert state.status is Status.EXHAUSTED
        else:
            assert state.next_at is not None
            expected = (
                Status.LATER
                if state.next_at > now
                else (Status.CALLBACK_DUE if last.outcome is Outcome.CALLBACK else Status.RETRY_DUE)
            )
            assert state.status is expected

    # A do-not-call contact is never offered.
    assert not any(s.do_not_call for s in queue.ready + queue.later if s.status is not Status.DONE)

    # The ready list: due callbacks (oldest first), then never called (warmest, then
    # position), then retries (fewest attempts first); skipped ones at the end.
    rank = {Status.CALLBACK_DUE: 0, Status.NEW: 1, Status.RETRY_DUE: 2}
    unskipped = [s for s in queue.ready if s.skipped_at is None]
    skipped = [s for s in queue.ready if s.skipped_at is not None]
    assert queue.ready == unskipped + skipped
    for before, after in zip(unskipped, unskipped[1:], strict=False):
        assert rank[before.status] <= rank[after.status]
        if before.status is after.status is Status.CALLBACK_DUE:
            assert before.next_at <= after.next_at
        if before.status is after.status is Status.NEW:
            assert (-before.warmth, before.target.position) <= (
                -after.warmth,
                after.target.position,
            )
        if before.status is after.status is Status.RETRY_DUE:
            assert before.calls <= after.calls
    assert [s.skipped_at for s in skipped] == sorted(s.skipped_at for s in skipped)
    assert all(s.next_at > now for s in queue.later)
    assert [s.next_at for s in queue.later] == sorted(s.next_at for s in queue.later)


def test_a_voicemail_at_dawn_comes_back_when_the_newsroom_opens(store: Store) -> None:
    event = small_world(store, [0])
    [state] = queue_at(store, event, datetime(2026, 11, 26, 4, 17, tzinfo=DEFAULT_TZ)).ready
    record_outcome(
        store, state, Outcome.VOICEMAIL, datetime(2026, 11, 26, 4, 17, tzinfo=DEFAULT_TZ)
    )
    [later] = queue_at(store, event, datetime(2026, 11, 26, 6, 30, tzinfo=DEFAULT_TZ)).later
    assert later.next_at == datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ)


def _shape(queue) -> list[list[tuple[object, ...]]]:
    lists = (queue.ready, queue.later, queue.done, queue.exhausted, queue.blocked, queue.set_aside)
    return [
        [
            (
                s.target.id,
                s.status,
                s.next_at,
                [a.uid for a in s.history],
                s.last.uid if s.last else None,
                s.skipped_at,
                s.covered_by.target.id if s.covered_by else None,
            )
            for s in states
        ]
        for states in lists
    ]


@settings(max_examples=60, deadline=None)
@given(call_logs())
def test_a_queue_built_again_from_what_it_read_before_is_the_same_queue(log) -> None:
    """The session keeps what each target's calls say from one key to the next (a
    FoldMemo); after every call of a session, the queue is the one built afresh."""
    targets, contacts, outlets, attempts, now = log
    directory = Directory(contacts, outlets, {})
    memo = FoldMemo()
    for made in range(len(attempts) + 1):
        so_far = attempts[:made]
        kept = build_queue(EVENT, targets, directory, so_far, now, RULES, memo)
        afresh = build_queue(EVENT, targets, directory, so_far, now, RULES)
        assert _shape(kept) == _shape(afresh)
    if attempts:  # the calls read again, another list of the same calls: the same queue
        again = build_queue(EVENT, targets, directory, list(reversed(attempts)), now, RULES, memo)
        assert _shape(again) == _shape(
            build_queue(EVENT, targets, directory, list(reversed(attempts)), now, RULES)
        )


@settings(max_examples=60, deadline=None)
@given(call_logs(), st.data())
def test_a_queue_kept_from_key_to_key_follows_a_teammates_call_the_clock_and_the_rules(
    log, data
) -> None:
    """A teammate's call can come in before calls already grouped, the hours pass and
    the settings change the delays: the kept queue (calls grouped as they come, retry
    times worked out once) stays the one built afresh."""
    targets, contacts, outlets, attempts, now = log
    directory = Directory(contacts, outlets, {})
    memo = FoldMemo()
    order = data.draw(st.permutations(range(len(attempts))))
    came = [attempts[i] for i in order]  # as a shared folder delivers them
    later = now + timedelta(hours=data.draw(st.integers(0, 48)))
    slower = QueueRules(retry_no_answer=timedelta(hours=5), retry_voicemail=timedelta(hours=1))
    for made in range(len(came) + 1):
        so_far = sorted(came[:made], key=lambda a: a.at)  # the store keeps them in time order
        for when, rules in ((now, RULES), (later, RULES), (later, slower)):
            kept = build_queue(EVENT, targets, directory, so_far, when, rules, memo)
            afresh = build_queue(EVENT, targets, directory, so_far, when, rules)
            assert _shape(kept) == _shape(afresh)


@settings(max_examples=60, deadline=None)
@given(call_logs(), st.data())
def test_a_queue_kept_from_key_to_key_follows_who_each_target_is(log, data) -> None:
    """A target's state is kept from one build to the next only while it is the same
    contact of the same outlet: flagged do-not-call, moved to another outlet, the
    outlet's warmth changed, the target moved in the list, it is folded again."""
    targets, contacts, outlets, attempts, now = log
    memo = FoldMemo()
    for _step in range(4):
        directory = Directory(dict(contacts), dict(outlets), {})
        kept = build_queue(EVENT, targets, directory, attempts, now, RULES, memo)
        afresh = build_queue(EVENT, targets, directory, attempts, now, RULES)
        assert _shape(kept) == _shape(afresh)
        changed = data.draw(st.sampled_from(sorted(contacts)))
        change = data.draw(st.sampled_from(["do_not_call", "outlet", "warmth", "position"]))
        contact = contacts[changed]
        if change == "do_not_call":
            contacts[changed] = dataclasses.replace(contact, do_not_call=not contact.do_not_call)
        elif change == "outlet":
            other = data.draw(st.sampled_from(sorted(outlets)))
            contacts[changed] = dataclasses.replace(contact, outlet_id=other)
        elif change == "warmth":
            outlet = outlets[contact.outlet_id]
            outlets[outlet.id] = dataclasses.replace(outlet, warmth=(outlet.warmth + 1) % 4)
        else:
            targets = [
                dataclasses.replace(t, position=len(targets) - t.position + 1) for t in targets
            ]


def test_calls_grouped_by_target_as_they_come_never_change_a_list_given_before() -> None:
    """The memo sorts in only the calls added since the last key, in a new list for the
    target that got one: the list an earlier read kept is left as it was."""
    memo = FoldMemo()
    calls = [
        Attempt(uid=f"u{n}", event_id=1, target_id=n % 2 + 1, outcome=Outcome.NO_ANSWER, at=NOW)
        for n in range(3)
    ]
    first = memo.by_target(calls[:2])
    given_before = first[1]
    assert {t: [a.uid for a in c] for t, c in first.items()} == {1: ["u0"], 2: ["u1"]}
    second = memo.by_target(calls)
    assert [a.uid for a in second[1]] == ["u0", "u2"]
    assert [a.uid for a in given_before] == ["u0"]
    back = memo.by_target([calls[0], calls[2]])  # one taken out: grouped again
    assert {t: [a.uid for a in c] for t, c in back.items()} == {1: ["u0", "u2"]}


def test_a_queue_kept_from_key_to_key_sees_what_is_written_about_its_people(
    demo_store: Store, now
) -> None:
    """The store's records count their writes: while none was written a kept state
    stands as it is; a contact flagged or an outlet renamed is folded again."""
    event = demo_store.current_event()
    assert event is not None
    memo = FoldMemo()
    first = load_queue(demo_store, event, now, memo)
    card = next(s for s in first.ready if s.contact is not None and s.outlet is not None)
    assert load_queue(demo_store, event, now, memo).find(card.target.id or 0) is card
    assert card.contact is not None and card.outlet is not None
    demo_store.save(dataclasses.replace(card.contact, do_not_call=True))
    demo_store.save(dataclasses.replace(card.outlet, name="Nouveau nom"))
    kept = load_queue(demo_store, event, now, memo)
    state = kept.find(card.target.id or 0)
    assert state is not None and state.status is Status.BLOCKED
    assert state.outlet is not None and state.outlet.name == "Nouveau nom"
    assert _shape(kept) == _shape(load_queue(demo_store, event, now))


def test_a_callback_promised_at_a_newsroom_that_confirmed_since_is_not_made(
    store: Store,
) -> None:
    """A colleague of the same outlet confirmed (a teammate's call, say): someone is
    coming, the newsroom is not called again, not even for the promised callback. A
    show's refusal keeps the callback (another show may still come)."""
    event = small_world(store, [3])
    outlet = store.outlets()[0]
    colleague = Contact(outlet_id=outlet.id, name="Collègue", phone="514-555-0143")
    store.save(colleague)
    store.save(Target(event_id=event.id, position=2, contact_id=colleague.id))
    first = queue_at(store, event).find(store.targets(event.id)[0].id)
    record_outcome(store, first, Outcome.CALLBACK, NOW, callback_at=NOW + timedelta(minutes=20))
    due = queue_at(store, event, NOW + timedelta(minutes=20))
    assert names(due.ready)[0] == "Contact 1"  # the promised callback, first
    other = due.find(store.targets(event.id)[1].id)
    record_outcome(store, other, Outcome.CONFIRMED, NOW + timedelta(minutes=21))
    after = queue_at(store, event, NOW + timedelta(minutes=22))
    assert after.ready == [] and names(after.set_aside) == ["Contact 1"]


def test_an_outlet_solicited_three_times_is_left_alone_for_the_event() -> None:
    """Two contacts at one newsroom: a voicemail, a missed call, the communiqué sent
    again (three solicitations, by two callers): the one not called yet is set aside,
    a callback promised to the other stays; with no cap both are called."""
    outlet = Outlet(name="CIBL 101,5", id=1)
    contacts = {
        1: Contact(outlet_id=1, name="Élise", phone="514-555-0101", id=1),
        2: Contact(outlet_id=1, name="Jérôme", phone="514-555-0102", id=2),
        3: Contact(outlet_id=1, name="Sam", phone="514-555-0103", id=3),
    }
    targets = [Target(event_id=1, position=i, contact_id=i, id=i) for i in (1, 2, 3)]
    at = NOW - timedelta(hours=5)
    attempts = [
        Attempt(event_id=1, target_id=1, at=at, outcome=Outcome.VOICEMAIL, caller="A"),
        Attempt(event_id=1, target_id=1, at=at + timedelta(hours=1), outcome=Outcome.NO_ANSWER),
        Attempt(
            event_id=1,
            target_id=2,
            at=at + timedelta(hours=2),
            outcome=Outcome.CALLBACK,
            callback_at=NOW - timedelta(minutes=5),
            caller="B",
        ),
        Attempt(event_id=1, target_id=1, at=at + timedelta(hours=3), outcome=Outcome.RESEND),
    ]
    directory = Directory(contacts, {1: outlet}, {})
    queue = build_queue(EVENT, targets, directory, attempts, NOW, QueueRules())
    assert queue.solicited == {1: 3} and queue.outlet_cap == 3
    assert [s.target.id for s in queue.ready] == [2]  # the callback promised
    assert {s.target.id for s in queue.set_aside} == {1, 3}
    assert all(s.capped for s in queue.set_aside)
    uncapped = build_queue(EVENT, targets, directory, attempts, NOW, QueueRules(outlet_cap=0))
    assert {s.target.id for s in uncapped.ready} == {1, 2, 3}
