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
from datetime import datetime, timedelta
from enum import StrEnum

from relance_tui.core.calls.reading import CallsRead, FoldMemo, effective, read_calls
from relance_tui.core.calls.timing import place_retry, retry_time_after_interest
from relance_tui.core.errors import RelanceError
from relance_tui.core.models import (
    FINAL_OUTCOMES,
    Attempt,
    Contact,
    Event,
    Outcome,
    Outlet,
    Record,
    Settings,
    Show,
    Target,
)
from relance_tui.core.store.store import Store
from relance_tui.core.who import Directory, Who, who_is

RETRY_OUTCOMES = frozenset({Outcome.VOICEMAIL, Outcome.NO_ANSWER})


@dataclass(frozen=True)
class QueueRules:
    """Retry delays and the attempts cap (settings, PRODUCT §5 defaults)."""

    retry_voicemail: timedelta = timedelta(hours=2)
    retry_no_answer: timedelta = timedelta(minutes=30)
    retry_resend: timedelta = timedelta(hours=2)
    attempts_cap: int = 3
    set_aside_covered_outlets: bool = True

    @classmethod
    def from_settings(cls, settings: Settings, event: Event | None = None) -> QueueRules:
        return cls(
            retry_voicemail=timedelta(minutes=settings.retry_voicemail_min),
            retry_no_answer=timedelta(minutes=settings.retry_no_answer_min),
            retry_resend=timedelta(minutes=settings.retry_resend_min),
            attempts_cap=event.attempts_cap
            if event and event.attempts_cap
            else settings.attempts_cap,
            set_aside_covered_outlets=settings.set_aside_covered_outlets,
        )


class Status(StrEnum):
    NEW = "new"
    CALLBACK_DUE = "callback_due"
    RETRY_DUE = "retry_due"
    LATER = "later"
    DONE = "done"
    EXHAUSTED = "exhausted"
    BLOCKED = "blocked"
    SET_ASIDE = "set_aside"  # its outlet already confirmed or declined through someone else


@dataclass
class TargetState:
    """What the attempts so far say about one target."""

    who: Who
    history: list[Attempt] = field(default_factory=list)  # effective calls, oldest first
    last: Attempt | None = None
    skipped_at: datetime | None = None
    next_at: datetime | None = None
    status: Status = Status.NEW
    covered_by: TargetState | None = None  # who answered for this target's outlet

    @property
    def target(self) -> Target:
        return self.who.target

    @property
    def contact(self) -> Contact | None:
        return self.who.contact

    @property
    def outlet(self) -> Outlet | None:
        return self.who.outlet

    @property
    def show(self) -> Show | None:
        return self.who.show

    @property
    def calls(self) -> int:
        return len(self.history)

    @property
    def warmth(self) -> int:
        return self.who.warmth

    @property
    def name(self) -> str:
        return self.who.name

    @property
    def label(self) -> str:
        return self.who.label

    @property
    def phone(self) -> tuple[str, str]:
        return self.who.phone

    @property
    def email(self) -> str:
        return self.who.email

    @property
    def do_not_call(self) -> bool:
        return self.who.do_not_call


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


def retry_time(last: Attempt, rules: QueueRules, event: Event) -> datetime:
    """When a call that says to try again (voicemail, no answer, resend, interested)
    brings its target back."""
    delay = {
        Outcome.VOICEMAIL: rules.retry_voicemail,
        Outcome.NO_ANSWER: rules.retry_no_answer,
        Outcome.RESEND: rules.retry_resend,
    }.get(last.outcome)
    if delay is None:  # INTERESTED
        return retry_time_after_interest(last.at, event)
    return place_retry(last.at + delay, event)


def fold(
    state: TargetState,
    attempts: Sequence[Attempt],
    now: datetime,
    event: Event,
    rules: QueueRules,
    read: CallsRead | None = None,
) -> TargetState:
    """Fill `state` from the target's attempts (in the order they were made; `read`:
    what they say, when already known)."""
    read = read or read_calls(attempts)
    state.history = list(read.history)  # a state's own list: never the memo's
    state.last, state.skipped_at = read.last, read.skipped_at
    last = state.last
    if state.do_not_call and (last is None or last.outcome not in FINAL_OUTCOMES):
        state.status = Status.BLOCKED
        return state
    if last is None:
        state.status = Status.NEW
        return state
    if last.outcome in FINAL_OUTCOMES:
        state.status = Status.DONE
        return state
    if last.outcome is Outcome.CALLBACK:
        state.next_at = last.callback_at or last.at
        state.status = Status.CALLBACK_DUE if state.next_at <= now else Status.LATER
        return state
    if last.outcome in RETRY_OUTCOMES and state.calls >= rules.attempts_cap:
        state.status = Status.EXHAUSTED
        return state
    worked_out = (rules, event.start, event.start.tzinfo)
    next_at = read.retry_at.get(worked_out)
    if next_at is None:
        next_at = read.retry_at[worked_out] = retry_time(last, rules, event)
    state.next_at = next_at
    state.status = Status.RETRY_DUE if state.next_at <= now else Status.LATER
    return state


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
    for target in targets:
        state = TargetState(who=directory.who(target))
        assert target.id is not None
        calls = by_target.get(target.id, [])
        read = memo.calls_of(target.id, calls) if memo is not None else None
        states.append(fold(state, calls, now, event, rules, read))

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
