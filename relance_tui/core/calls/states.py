"""A target's state in the call queue, folded from its calls (`queue` orders them).

A target's state is never stored: it is folded from its attempts, which are
append-only. `fold_again` keeps each target's fold from one build of the queue
to the next while nothing it was folded from changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from relance_tui.core.calls.reading import CallsRead, FoldMemo, read_calls
from relance_tui.core.models import (
    FINAL_OUTCOMES,
    Attempt,
    Contact,
    Event,
    Outcome,
    Outlet,
    Settings,
    Show,
    Target,
)
from relance_tui.core.who import Directory, Who
from relance_tui.core.workdays import place_retry, retry_time_after_interest

RETRY_OUTCOMES = frozenset({Outcome.VOICEMAIL, Outcome.NO_ANSWER})
# What a newsroom sees as one more solicitation without a conversation: a missed
# call, a voicemail, the communiqué sent again. French practice: two or three, then
# move on (QueueRules.outlet_cap).
SOLICITING = frozenset({Outcome.VOICEMAIL, Outcome.NO_ANSWER, Outcome.RESEND})


@dataclass(frozen=True)
class QueueRules:
    """Retry delays and the attempts cap (settings, PRODUCT §5 defaults)."""

    retry_voicemail: timedelta = timedelta(hours=2)
    retry_no_answer: timedelta = timedelta(minutes=30)
    retry_resend: timedelta = timedelta(hours=2)
    attempts_cap: int = 3
    set_aside_covered_outlets: bool = True
    outlet_cap: int = 3  # solicitations of one outlet for one event, all callers; 0: none

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
            outlet_cap=settings.outlet_cap,
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
    capped: bool = False  # set aside: its outlet was solicited enough for this event

    @property
    def solicitations(self) -> int:
        """This target's calls and emails its newsroom saw without a conversation."""
        return sum(1 for attempt in self.history if attempt.outcome in SOLICITING)

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


def callback_promised(state: TargetState) -> tuple[str, bool] | None:
    """Who promised the callback this target waits for, and whether anyone in the team
    may make it; None when it waits for no callback."""
    last = state.last
    if last is None or last.outcome is not Outcome.CALLBACK:
        return None
    if last.callback_for:
        return last.callback_for, False
    return last.caller, True


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


def fold_again(
    target: Target,
    directory: Directory,
    calls: Sequence[Attempt],
    now: datetime,
    event: Event,
    rules: QueueRules,
    memo: FoldMemo,
    same_people: bool = False,
) -> TargetState:
    """`fold` of one target, or its state of the last build when nothing it was folded
    from changed (the target, who it is, its calls, the rules, the event's start): then
    only what the hour decides is worked out again (due, or later). A key changes one
    target of 150; folding the others again was a third of the queue's time.
    `same_people`: no contact, outlet or show was written since the last build."""
    read = memo.calls_of(target.id or 0, calls)
    worked_out = (rules, event.start, event.start.tzinfo)
    known: FoldedState | None = memo.states.get(target.id or 0)
    if (
        known is not None
        and known.target is target
        and known.read is read
        and known.worked_out == worked_out
        and (same_people or directory.still(known.state.who))
    ):
        state, due = known.state, known.due
        state.covered_by = None  # worked out again by each build
        state.capped = False
        if due is None:
            state.status = known.status
        else:
            assert state.next_at is not None
            state.status = due if state.next_at <= now else Status.LATER
        return state
    state = fold(TargetState(who=directory.who(target)), calls, now, event, rules, read)
    due = None
    if state.next_at is not None and state.status in (
        Status.LATER,
        Status.CALLBACK_DUE,
        Status.RETRY_DUE,
    ):
        last = state.last
        callback = last is not None and last.outcome is Outcome.CALLBACK
        due = Status.CALLBACK_DUE if callback else Status.RETRY_DUE
    memo.states[target.id or 0] = FoldedState(target, read, worked_out, state, state.status, due)
    return state


@dataclass
class FoldedState:
    """A target's state as the last build folded it, and what it was folded from."""

    target: Target
    read: CallsRead
    worked_out: tuple[object, ...]
    state: TargetState
    status: Status  # as folded: a status that does not change with the hour
    due: Status | None  # the status once `state.next_at` has come (else LATER)
