"""The call queue of PRODUCT §5: who to call next, and what each outcome does.

A target's state is never stored: it is folded from its attempts, which are
append-only (an undo is one more attempt that reverses an earlier one). The
order is:

1. callbacks that are due, oldest first;
2. targets never called, friendliest outlet first, then list position;
3. targets to try again (voicemail, no answer, resend, interested) whose retry
   time has passed, fewest attempts first.

Skipped targets go to the end of that list. Targets waiting for a later time
are "later"; final outcomes and exhausted targets leave the queue; a
do-not-call contact never enters it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from relance_tui.core.calls.reading import FoldMemo, effective
from relance_tui.core.calls.states import (
    RETRY_OUTCOMES,
    QueueRules,
    Status,
    TargetState,
    fold,
    fold_again,
    retry_time,
)
from relance_tui.core.errors import RelanceError
from relance_tui.core.models import (
    Attempt,
    Contact,
    Event,
    Outcome,
    Outlet,
    Record,
    Target,
)
from relance_tui.core.store.store import Store
from relance_tui.core.who import Directory, who_is

__all__ = [  # the queue's words, read from here by the rest of the app
    "RETRY_OUTCOMES",
    "QueueRules",
    "Status",
    "TargetState",
    "fold",
    "retry_time",
]


@dataclass
class Queue:
    ready: list[TargetState]
    later: list[TargetState]
    done: list[TargetState]
    exhausted: list[TargetState]
    blocked: list[TargetState]
    set_aside: list[TargetState] = field(default_factory=list)
    covered: dict[int, TargetState] = field(default_factory=dict)  # outlet id -> its answer
    taken: dict[int, str] = field(default_factory=dict)  # target id -> the teammate on it
    held: list[TargetState] = field(default_factory=list)  # ready, but a teammate's now

    @property
    def current(self) -> TargetState | None:
        return self.ready[0] if self.ready else None

    @property
    def all(self) -> list[TargetState]:
        lists = self.ready, self.later, self.done, self.exhausted, self.blocked, self.set_aside
        return [state for states in (*lists, self.held) for state in states]

    def outlet_answer(self, state: TargetState) -> TargetState | None:
        """Who already confirmed or declined for this state's outlet (someone else)."""
        outlet = state.outlet
        answer = self.covered.get(outlet.id) if outlet and outlet.id is not None else None
        return answer if answer is not None and answer is not state else None

    def find(self, target_id: int) -> TargetState | None:
        return next((s for s in self.all if s.target.id == target_id), None)

    @property
    def callbacks(self) -> list[TargetState]:
        """Callbacks still to make, soonest first (due ones included)."""
        pending = [
            s
            for s in self.ready + self.later
            if s.last is not None and s.last.outcome is Outcome.CALLBACK
        ]
        return sorted(pending, key=lambda s: s.next_at.timestamp() if s.next_at else 0.0)


@dataclass(frozen=True)
class Progress:
    total: int
    called: int
    confirmed: int
    left: int
    later: int


def build_queue(
    event: Event,
    targets: Sequence[Target],
    directory: Directory,
    attempts: Sequence[Attempt],
    now: datetime,
    rules: QueueRules,
    memo: FoldMemo | None = None,
) -> Queue:
    """Order the event's call list at `now` (see the module docstring); `memo` keeps
    what each target's calls say from one build to the next."""
    if memo is not None:
        by_target = memo.by_target(attempts)
    else:
        by_target = {}
        for attempt in attempts:
            by_target.setdefault(attempt.target_id, []).append(attempt)
    states: list[TargetState] = []
    version = directory.version()
    same_people = memo is not None and version is not None and memo.directory == version
    for target in targets:
        assert target.id is not None
        calls = by_target.get(target.id, [])
        if memo is None:
            states.append(fold(TargetState(who=directory.who(target)), calls, now, event, rules))
        else:
            states.append(
                fold_again(target, directory, calls, now, event, rules, memo, same_people)
            )
    if memo is not None:
        memo.directory = version

    def calling_order(s: TargetState) -> tuple[object, ...]:
        skipped = s.skipped_at is not None
        skip_key = s.skipped_at.timestamp() if s.skipped_at else 0.0
        if s.status is Status.CALLBACK_DUE:
            assert s.next_at is not None
            return (skipped, skip_key, 0, s.next_at.timestamp(), 0, s.target.position)
        if s.status is Status.NEW:
            return (skipped, skip_key, 1, 0.0, -s.warmth, s.target.position)
        assert s.next_at is not None
        return (skipped, skip_key, 2, float(s.calls), s.next_at.timestamp(), s.target.position)

    covered = outlet_answers(states)
    if rules.set_aside_covered_outlets:
        for state in states:
            answer = covered.get(state.outlet.id) if state.outlet and state.outlet.id else None
            promised = state.last is not None and state.last.outcome is Outcome.CALLBACK
            if (
                answer is not None
                and answer is not state
                and state.status in (Status.NEW, Status.RETRY_DUE, Status.LATER)
                and not promised
                and not state.target.keep_calling
            ):
                state.status = Status.SET_ASIDE
                state.covered_by = answer
    ready = sorted(
        (s for s in states if s.status in (Status.CALLBACK_DUE, Status.NEW, Status.RETRY_DUE)),
        key=calling_order,
    )
    later = sorted(
        (s for s in states if s.status is Status.LATER),
        key=lambda s: (s.next_at.timestamp() if s.next_at else 0.0, s.target.position),
    )
    return Queue(
        ready=ready,
        later=later,
        done=[s for s in states if s.status is Status.DONE],
        exhausted=[s for s in states if s.status is Status.EXHAUSTED],
        blocked=[s for s in states if s.status is Status.BLOCKED],
        set_aside=[s for s in states if s.status is Status.SET_ASIDE],
        covered=covered,
    )


COVERING_OUTCOMES = frozenset({Outcome.CONFIRMED, Outcome.DECLINED})


def outlet_answers(states: Iterable[TargetState]) -> dict[int, TargetState]:
    """Each outlet's first answer for the event (a confirmation or a refusal)."""
    answers: dict[int, TargetState] = {}
    answered = [
        (s.last.at, s) for s in states if s.last is not None and s.last.outcome in COVERING_OUTCOMES
    ]
    for _, state in sorted(answered, key=lambda pair: pair[0]):
        if state.outlet is not None and state.outlet.id is not None:
            answers.setdefault(state.outlet.id, state)
    return answers


def progress(queue: Queue) -> Progress:
    counted = [s for s in queue.all if s.status is not Status.BLOCKED]
    return Progress(
        total=len(counted),
        called=sum(1 for s in counted if s.calls),
        confirmed=sum(
            1 for s in counted if s.last is not None and s.last.outcome is Outcome.CONFIRMED
        ),
        left=len(queue.ready) + len(queue.later) + len(queue.held),
        later=len(queue.later),
    )


class CallbackTimeNeeded(RelanceError):
    key = "calls.callback_time_needed"


def load_queue(store: Store, event: Event, now: datetime, memo: FoldMemo | None = None) -> Queue:
    """The queue of `event` at `now`, from what the store holds."""
    assert event.id is not None
    return build_queue(
        event,
        store.targets(event.id),
        Directory.of(store),
        store.attempts(event.id),
        now,
        QueueRules.from_settings(store.settings(), event),
        memo,
    )


def record_outcome(
    store: Store,
    state: TargetState,
    outcome: Outcome,
    now: datetime,
    *,
    duration_s: float = 0.0,
    note: str = "",
    caller: str = "",
    callback_at: datetime | None = None,
    callback_for: str = "",
) -> Attempt:
    """Append one attempt (and the contact flag it implies) in one durable write."""
    if outcome is Outcome.UNDO:
        raise ValueError("use undo_last()")
    if outcome is Outcome.CALLBACK and (callback_at is None or callback_at <= now):
        raise CallbackTimeNeeded()
    target = state.target
    assert target.id is not None
    attempt = Attempt(
        event_id=target.event_id,
        target_id=target.id,
        at=now,
        outcome=outcome,
        duration_s=round(duration_s, 1),
        note=note.strip(),
        caller=caller,
        callback_at=callback_at if outcome is Outcome.CALLBACK else None,
        callback_for=callback_for if outcome is Outcome.CALLBACK else "",
    )
    # Records from the store are shared: changes go to copies, saved with the call.
    changed: list[Record] = []
    if outcome is Outcome.DO_NOT_CALL:
        flag_holder: Contact | Outlet | None = state.contact or state.outlet
        if flag_holder is not None and not flag_holder.do_not_call:
            attempt.flagged = True
            changed.append(dataclasses.replace(flag_holder, do_not_call=True))
    elif outcome is Outcome.WRONG_NUMBER and state.contact and not state.contact.to_fix:
        attempt.flagged = True
        changed.append(dataclasses.replace(state.contact, to_fix=True))
    store.save_many([attempt, *changed])
    return attempt


def skip(store: Store, state: TargetState, now: datetime, caller: str = "") -> Attempt:
    """Send the target to the end of the queue without an outcome."""
    return record_outcome(store, state, Outcome.SKIPPED, now, caller=caller)


def undo_last(
    store: Store, event: Event, now: datetime, caller: str = "", *, mine_only: bool = False
) -> Attempt | None:
    """Reverse the event's latest outcome (skips are not outcomes); None if there is none.
    In a team (`mine_only`), the caller's own latest outcome, never a teammate's.

    Appends an UNDO attempt and, if the reversed call flagged its contact,
    lifts that flag in the same write.
    """
    assert event.id is not None
    candidates = [
        a
        for a in effective(store.attempts(event.id))
        if a.outcome is not Outcome.SKIPPED and (not mine_only or a.caller == caller)
    ]
    if not candidates:
        return None
    undone = candidates[-1]
    reversal = Attempt(
        event_id=undone.event_id,
        target_id=undone.target_id,
        at=now,
        outcome=Outcome.UNDO,
        caller=caller,
        reverses=undone.uid,
    )
    changed: list[Record] = [reversal]
    target = store.get(Target, undone.target_id)
    if undone.flagged and target is not None:
        who = who_is(store, target)
        if who.contact is not None:
            if undone.outcome is Outcome.DO_NOT_CALL:
                changed.append(dataclasses.replace(who.contact, do_not_call=False))
            else:
                changed.append(dataclasses.replace(who.contact, to_fix=False))
        elif who.outlet is not None:
            changed.append(dataclasses.replace(who.outlet, do_not_call=False))
    store.save_many(changed)
    return undone
