"""What a target's calls say, read once and kept while they stay the same.

An undo is one more call that takes back an earlier one (`effective`); a skip
sends the target to the end without an outcome. Reading a target's calls is the
part of the queue's fold that does not depend on the time, so a queue built
again after one key reads again the calls of the one target that key changed.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from relance_tui.core.models import Attempt, Outcome


def effective(attempts: Iterable[Attempt]) -> list[Attempt]:
    """Attempts with undo records and the attempts they reverse taken out."""
    attempts = list(attempts)
    reversed_uids = {a.reverses for a in attempts if a.outcome is Outcome.UNDO}
    return [a for a in attempts if a.outcome is not Outcome.UNDO and a.uid not in reversed_uids]


@dataclass
class CallsRead:
    """What a target's calls say, whatever the time: kept while they are the same."""

    calls: Sequence[Attempt]
    history: list[Attempt]
    last: Attempt | None
    skipped_at: datetime | None
    # When the last call says to try again, by the rules and the event's start it was
    # worked out for (the queue's fold; the same every time until a call is added).
    retry_at: dict[object, datetime] = field(default_factory=dict)


def read_calls(attempts: Sequence[Attempt]) -> CallsRead:
    history: list[Attempt] = []
    last: Attempt | None = None
    skipped_at: datetime | None = None
    for attempt in effective(attempts):
        if attempt.outcome is Outcome.SKIPPED:
            skipped_at = attempt.at
        else:
            history.append(attempt)
            last, skipped_at = attempt, None
    return CallsRead(attempts, history, last, skipped_at)


class FoldMemo:
    """Each target's calls as last read, for the next build of its event's queue: a
    key changes one target's calls, and reading the other 149 targets' again (3,000
    calls late in a session) was a quarter of the key's time. Calls are the store's
    shared records: the same objects, in the same order, are the same calls."""

    def __init__(self) -> None:
        self._by_target: dict[int, CallsRead] = {}
        self.states: dict[int, Any] = {}  # each target's last fold (`states.FoldedState`)
        self.directory: object = None  # the directory's version at the last build
        self._grouped: dict[int, list[Attempt]] = {}
        self._grouped_from: Sequence[Attempt] = ()
        # The targets whose calls the last `by_target` added to (None: all grouped again).
        self.fresh: set[int] | None = None
        self.built: Any = None  # the last queue built (`order.Built`), to place the fresh in

    def by_target(self, attempts: Sequence[Attempt]) -> dict[int, list[Attempt]]:
        """The event's calls (in order) by target. A key adds a call at the end: only
        the calls after those grouped last time are sorted in (3,000 calls late in a
        session were grouped again on every key). `attempts` is kept: the store's
        copy, never changed after."""
        before = self._grouped_from
        if len(attempts) >= len(before) and all(map(operator.is_, before, attempts)):
            grouped = self._grouped
            self.fresh = set()
            for attempt in attempts[len(before) :]:  # a new list: the reads keep theirs
                grouped[attempt.target_id] = [*grouped.get(attempt.target_id, ()), attempt]
                self.fresh.add(attempt.target_id)
        else:  # a call taken back or added before others (a teammate's): all again
            grouped = {}
            self.fresh = None
            for attempt in attempts:
                grouped.setdefault(attempt.target_id, []).append(attempt)
        self._grouped, self._grouped_from = grouped, attempts
        return grouped

    def calls_of(self, target_id: int, attempts: Sequence[Attempt]) -> CallsRead:
        known = self._by_target.get(target_id)
        if known is not None and known.calls is attempts:  # a target with no new call
            return known
        if (
            known is not None
            and len(known.calls) == len(attempts)
            and all(map(operator.is_, known.calls, attempts))
        ):
            return known
        read = self._by_target[target_id] = read_calls(attempts)
        return read
