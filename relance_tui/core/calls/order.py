"""The order of a call queue (PRODUCT §5), and the queue kept from one key to the next.

`build_queue` (queue.py) folds each target's calls into its state; here the states
are put in the queue's lists in order. A key adds one call to one target: the
queue built for the last key (`Built`, kept in the session's `FoldMemo`) takes that
target out and puts its new state where it goes, the other 149 staying in place.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from relance_tui.core.calls.reading import FoldMemo
from relance_tui.core.calls.settled import (
    SETTLING_OUTCOMES,
    Answers,
    answers_of,
    outlet_news,
    settled_by,
)
from relance_tui.core.calls.states import QueueRules, Status, TargetState, fold_again
from relance_tui.core.models import Attempt, Event, Outcome, Target
from relance_tui.core.who import Directory


@dataclass
class Queue:
    ready: list[TargetState]
    later: list[TargetState]
    done: list[TargetState]
    exhausted: list[TargetState]
    blocked: list[TargetState]
    set_aside: list[TargetState] = field(default_factory=list)
    answers: Answers[TargetState] = field(default_factory=Answers)  # who settled (settled.py)
    taken: dict[int, str] = field(default_factory=dict)  # target id -> the teammate on it
    held: list[TargetState] = field(default_factory=list)  # ready, but a teammate's now
    # Each outlet's solicitations for the event (all callers: the team's fold too).
    solicited: dict[int, int] = field(default_factory=dict)
    outlet_cap: int = 0

    @property
    def current(self) -> TargetState | None:
        return self.ready[0] if self.ready else None

    @property
    def all(self) -> list[TargetState]:
        lists = self.ready, self.later, self.done, self.exhausted, self.blocked, self.set_aside
        return [state for states in (*lists, self.held) for state in states]

    @property
    def covered(self) -> dict[int, TargetState]:
        """Each outlet's confirmation (outlet id -> who confirmed)."""
        return self.answers.confirmed

    def outlet_answer(self, state: TargetState) -> TargetState | None:
        """What the card says of this state's outlet: who settled it (a confirmation, or
        its show's refusal), else another show's refusal; someone else, never itself."""
        return outlet_news(state, self.answers)

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


def calling_order(state: TargetState) -> tuple[object, ...]:
    """Where a target due now stands in the ready list (see the module docstring)."""
    skipped = state.skipped_at is not None
    skip_key = state.skipped_at.timestamp() if state.skipped_at else 0.0
    if state.status is Status.CALLBACK_DUE:
        assert state.next_at is not None
        return (skipped, skip_key, 0, state.next_at.timestamp(), 0, state.target.position)
    if state.status is Status.NEW:
        return (skipped, skip_key, 1, 0.0, -state.warmth, state.target.position)
    assert state.next_at is not None
    return (
        skipped,
        skip_key,
        2,
        float(state.calls),
        state.next_at.timestamp(),
        state.target.position,
    )


# The lists of a queue, in `Built.lists`; which one each status goes to.
READY, LATER, DONE, EXHAUSTED, BLOCKED, SET_ASIDE = range(6)
LIST_OF = {
    Status.CALLBACK_DUE: READY,
    Status.NEW: READY,
    Status.RETRY_DUE: READY,
    Status.LATER: LATER,
    Status.DONE: DONE,
    Status.EXHAUSTED: EXHAUSTED,
    Status.BLOCKED: BLOCKED,
    Status.SET_ASIDE: SET_ASIDE,
}


def _place(state: TargetState, index: int) -> tuple[int, tuple[object, ...]]:
    """The list `state` goes to and its sort key there (the target's place in the
    call list last: what a stable sort of the list in that order gives)."""
    where = LIST_OF[state.status]
    if where == READY:
        return where, (*calling_order(state), index)
    if where == LATER:
        assert state.next_at is not None
        return where, (state.next_at.timestamp(), state.target.position, index)
    return where, (index,)


def _set_aside(state: TargetState, answers: Answers[TargetState], rules: QueueRules) -> None:
    """Out of the queue while its newsroom was settled by someone else (settled.py:
    its outlet confirmed, or its show refused), unless it is to be called anyway. A
    callback promised stays for a show's refusal (another show may still come), not
    for the outlet's confirmation: someone is coming, nobody calls that newsroom
    again (a team's 50 callers included)."""
    if not rules.set_aside_covered_outlets:
        return
    answer = settled_by(state, answers)
    if answer is None or answer is state or state.target.keep_calling:
        return
    confirmed = answer.last is not None and answer.last.outcome is Outcome.CONFIRMED
    promised = state.last is not None and state.last.outcome is Outcome.CALLBACK
    waiting = state.status in (Status.NEW, Status.RETRY_DUE, Status.LATER)
    if (waiting and not promised) or (
        confirmed and (waiting or state.status is Status.CALLBACK_DUE)
    ):
        state.status = Status.SET_ASIDE
        state.covered_by = answer


def _outlet_id(state: TargetState) -> int | None:
    return state.outlet.id if state.outlet is not None else None


def _solicited(states: list[TargetState]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for state in states:
        if (outlet := _outlet_id(state)) is not None and (many := state.solicitations):
            counts[outlet] = counts.get(outlet, 0) + many
    return counts


def _cap(state: TargetState, solicited: dict[int, int], rules: QueueRules) -> None:
    """Out of the queue once its outlet was solicited `outlet_cap` times for the event
    (voicemails, missed calls, emails, by anyone): a callback promised stays, and a
    target marked to keep calling."""
    outlet = _outlet_id(state)
    if not rules.outlet_cap or outlet is None or state.target.keep_calling:
        return
    waiting = state.status in (Status.NEW, Status.RETRY_DUE, Status.LATER)
    promised = state.last is not None and state.last.outcome is Outcome.CALLBACK
    if waiting and not promised and solicited.get(outlet, 0) >= rules.outlet_cap:
        state.status = Status.SET_ASIDE
        state.capped = True


def ordered(
    states: list[TargetState],
    event: Event,
    targets: Sequence[Target],
    now: datetime,
    rules: QueueRules,
) -> Built:
    """The queue of `states` (the targets', in the call list's order) at `now`."""
    answers = answers_of(states)
    built = Built(event, targets, now, rules, answers, _solicited(states))
    placed: list[list[tuple[tuple[object, ...], TargetState]]] = [[] for _ in range(6)]
    for index, state in enumerate(states):
        _set_aside(state, answers, rules)
        if state.status is not Status.SET_ASIDE:
            _cap(state, built.solicited, rules)
        where, key = _place(state, index)
        placed[where].append((key, state))
        built.index[state.target.id or 0] = index
    for where, pairs in enumerate(placed):
        pairs.sort(key=lambda pair: pair[0])  # the keys differ: states never compared
        built.keys[where] = [key for key, _ in pairs]
        built.lists[where] = [state for _, state in pairs]
    return built


def _covering(state: TargetState) -> bool:
    return state.last is not None and state.last.outcome in SETTLING_OUTCOMES


@dataclass
class Built:
    """A queue as built, kept (in the memo) for the next key's: that key added a call
    to one target, whose new state is placed in these lists, the other 149 staying
    where they are (sorting 150 targets again was most of the queue's time). Its
    lists are never the ones handed out (a team's rules change those)."""

    event: Event
    targets: Sequence[Target]
    now: datetime
    rules: QueueRules
    answers: Answers[TargetState]
    solicited: dict[int, int] = field(default_factory=dict)  # outlet id -> solicitations
    lists: list[list[TargetState]] = field(default_factory=lambda: [[] for _ in range(6)])
    keys: list[list[tuple[object, ...]]] = field(default_factory=lambda: [[] for _ in range(6)])
    index: dict[int, int] = field(default_factory=dict)  # target id -> place in the call list

    def queue(self) -> Queue:
        ready, later, done, exhausted, blocked, set_aside = map(list, self.lists)
        answers = Answers(
            dict(self.answers.confirmed),
            dict(self.answers.declined),
            {k: list(v) for k, v in self.answers.declined_at.items()},
        )
        return Queue(
            ready,
            later,
            done,
            exhausted,
            blocked,
            set_aside,
            answers=answers,
            solicited=dict(self.solicited),
            outlet_cap=self.rules.outlet_cap,
        )

    def still(
        self, event: Event, targets: Sequence[Target], rules: QueueRules, now: datetime
    ) -> bool:
        """Whether this queue is still the one to place new calls in: the same event,
        call list and rules, and no target waiting for a later time due at `now`
        (the clock only went forward)."""
        later = self.lists[LATER]
        return (
            now >= self.now
            and (not later or (later[0].next_at is not None and later[0].next_at > now))
            and rules == self.rules
            and (event is self.event or event == self.event)
            and len(targets) == len(self.targets)
            and all(map(operator.is_, targets, self.targets))
        )

    def place_again(
        self,
        fresh: set[int],
        directory: Directory,
        by_target: dict[int, list[Attempt]],
        memo: FoldMemo,
        now: datetime,
    ) -> bool:
        """Fold again the targets with new calls and move them to where they go now;
        False when a new call changes more than its own target (an outlet's answer:
        its other contacts are set aside, or come back)."""
        self.now = now
        for target_id in fresh:
            index = self.index.get(target_id)
            if index is None:
                continue  # not on this call list
            target = self.targets[index]
            old = self._take_out(target_id)
            if old is None:
                return False
            new = fold_again(
                target,
                directory,
                by_target.get(target_id, []),
                now,
                self.event,
                self.rules,
                memo,
                True,
            )
            if _covering(old) or _covering(new) or not self._count(old, new):
                return False
            _set_aside(new, self.answers, self.rules)
            if new.status is not Status.SET_ASIDE:
                _cap(new, self.solicited, self.rules)
            where, key = _place(new, index)
            at = bisect.bisect(self.keys[where], key)
            self.keys[where].insert(at, key)
            self.lists[where].insert(at, new)
        return True

    def _count(self, old: TargetState, new: TargetState) -> bool:
        """The outlet's solicitations with the new call; False when they cross the
        cap (its other targets are set aside, or come back: build again)."""
        outlet, more = _outlet_id(new), new.solicitations - old.solicitations
        if outlet is None or not more:
            return True
        before = self.solicited.get(outlet, 0)
        self.solicited[outlet] = before + more
        cap = self.rules.outlet_cap
        return not cap or (before >= cap) == (before + more >= cap)

    def _take_out(self, target_id: int) -> TargetState | None:
        for states, keys in zip(self.lists, self.keys, strict=True):
            for at, state in enumerate(states):
                if state.target.id == target_id:
                    del states[at], keys[at]
                    return state
        return None
