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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from relance_tui.core.calls.order import Built, Queue, ordered
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
    "Queue",
    "QueueRules",
    "Status",
    "TargetState",
    "fold",
    "retry_time",
]


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
    what each target's calls say from one build to the next, and the last queue."""
    if memo is None:
        by_target: dict[int, list[Attempt]] = {}
        for attempt in attempts:
            by_target.setdefault(attempt.target_id, []).append(attempt)
        states = [
            fold(
                TargetState(who=directory.who(target)),
                by_target.get(target.id or 0, []),
                now,
                event,
                rules,
            )
            for target in targets
        ]
        return ordered(states, event, targets, now, rules).queue()
    by_target = memo.by_target(attempts)
    version = directory.version()
    same_people = version is not None and memo.directory == version
    built = memo.built
    if same_people and isinstance(built, Built) and built.still(event, targets, rules, now):
        fresh = memo.fresh
        if fresh is not None and built.place_again(fresh, directory, by_target, memo, now):
            return built.queue()
    states = [
        fold_again(
            target,
            directory,
            by_target.get(target.id or 0, []),
            now,
            event,
            rules,
            memo,
            same_people,
        )
        for target in targets
    ]
    memo.directory = version
    built = ordered(states, event, targets, now, rules)
    memo.built = built if version is not None else None  # kept while the people are
    return built.queue()


def progress(queue: Queue) -> Progress:
    counted = [s for s in queue.all if s.status is not Status.BLOCKED]
    return Progress(
        total=len(counted),
        called=sum(1 for s in counted if s.calls),
        confirmed=sum(
            1 for s in counted if s.last is not None and s.last.outcome is Outcome.CONFIRMED
        ),
        left=len(queue.ready),  # what can be called now: the rest waits, apart
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
