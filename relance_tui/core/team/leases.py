"""Who is on which card: leases, read from every caller's file, and what they mean.

Taking a card leases its target (and, by default, its outlet) for a while; an
outcome, a skip or the next card releases it, and a lease no one renews runs out.
Others' queues leave leased targets aside. When two callers took the same target
before their files met, the earliest lease wins (then the caller's id, so every
machine picks the same one) and the other caller is told at once.

A callback belongs to whoever promised it (or to anyone): it is offered to its
owner first, and to anyone after a grace period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from relance_tui.core.calls.queue import Queue, Status, TargetState
from relance_tui.core.calls.reading import effective
from relance_tui.core.models import FINAL_OUTCOMES, Attempt, Outcome
from relance_tui.core.team.folder import Entry

MAX_LEASE = timedelta(minutes=15)  # whatever a lease line says: one renews, or it ends


@dataclass(frozen=True)
class Lease:
    caller_id: str
    caller: str
    target_id: int
    outlet_id: int | None
    at: datetime
    until: datetime

    def beats(self, other: Lease) -> bool:
        """Whether this lease came first (the same answer on every machine)."""
        return (self.at, self.caller_id) < (other.at, other.caller_id)


@dataclass
class TeamView:
    """Every caller's greeting and current lease, as far as their files have come."""

    names: dict[str, str] = field(default_factory=dict)  # caller id -> name
    holding: dict[str, Lease] = field(default_factory=dict)  # caller id -> current lease
    waiting: dict[str, int] = field(default_factory=dict)  # caller name -> stuck line

    def add(self, entries: Iterable[Entry], now: datetime | None = None) -> None:
        """Take in lines of the callers' files, each file's in its order. A lease ends
        at most `MAX_LEASE` after the reader's clock (`now`), or its own line's time:
        a lease written to last a day keeps no outlet out of every queue for a day."""
        for entry in entries:
            body = entry.body
            if entry.kind == "hello":
                self.names[entry.caller_id] = str(body.get("name", ""))
            elif entry.kind == "lease":
                try:
                    until = datetime.fromisoformat(str(body["until"]))
                    lease = Lease(
                        caller_id=entry.caller_id,
                        caller=self.names.get(entry.caller_id, ""),
                        target_id=int(body["target_id"]),
                        outlet_id=body.get("outlet_id"),
                        at=entry.at,
                        until=min(until, min(now or entry.at, entry.at) + MAX_LEASE),
                    )
                except (KeyError, TypeError, ValueError):  # no zone, no target: not a lease
                    continue
                self.holding[entry.caller_id] = lease
            elif entry.kind in ("release", "attempt"):
                held = self.holding.get(entry.caller_id)
                if held is not None and held.target_id == body.get("target_id"):
                    del self.holding[entry.caller_id]

    def active(self, now: datetime) -> list[Lease]:
        return [lease for lease in self.holding.values() if lease.until > now]

    def taken(
        self, me: str, now: datetime, *, outlets: bool = True
    ) -> tuple[dict[int, Lease], dict[int, Lease]]:
        """The targets, and outlets, that others hold now (earliest lease of each)."""
        targets: dict[int, Lease] = {}
        by_outlet: dict[int, Lease] = {}
        for lease in sorted(self.active(now), key=lambda x: (x.at, x.caller_id)):
            if lease.caller_id == me:
                continue
            targets.setdefault(lease.target_id, lease)
            if outlets and lease.outlet_id is not None:
                by_outlet.setdefault(lease.outlet_id, lease)
        return targets, by_outlet

    def beaten_by(self, me: str, now: datetime, *, outlets: bool = True) -> Lease | None:
        """Another caller's lease that came before mine on my card's target (or outlet):
        we both took it before our files met, and theirs wins."""
        mine = self.holding.get(me)
        if mine is None:
            return None
        for lease in self.active(now):
            same = lease.target_id == mine.target_id or (
                outlets and lease.outlet_id is not None and lease.outlet_id == mine.outlet_id
            )
            if lease.caller_id != me and same and lease.beats(mine):
                return lease
        return None


def set_aside_for_team(
    queue: Queue,
    taken: Mapping[int, Lease],
    taken_outlets: Mapping[int, Lease],
    me: str,
    now: datetime,
    grace: timedelta,
) -> None:
    """Take out of the ready list what is not this caller's to call now: targets others
    hold, and callbacks promised by someone else still within their grace period."""
    kept: list[TargetState] = []
    for state in queue.ready:
        holder = taken.get(state.target.id or 0)
        outlet = state.outlet
        if holder is None and outlet is not None and outlet.id is not None:
            holder = taken_outlets.get(outlet.id)
        if holder is not None:
            queue.taken[state.target.id or 0] = holder.caller
            queue.held.append(state)
            continue
        last = state.last
        owner = last.callback_for if last is not None else ""
        if (
            state.status is Status.CALLBACK_DUE
            and owner
            and owner != me
            and state.next_at is not None
            and now < state.next_at + grace
        ):
            queue.taken[state.target.id or 0] = owner
            queue.held.append(state)
            continue
        kept.append(state)
    queue.ready = kept


def spread(queue: Queue, rank: int) -> None:
    """Callers whose files have not met yet would all take the same first card: the
    caller ranked `rank` in the team takes the card that far down the ready list
    instead (the friendliest outlets still go first, one to each caller). A callback
    due stays first: it was promised."""
    ready = queue.ready
    if rank <= 0 or len(ready) < 2 or ready[0].status is Status.CALLBACK_DUE:
        return
    ready.insert(0, ready.pop(min(rank, len(ready) - 1)))


def rank_of(view: TeamView, me: str) -> int:
    """This caller's place in the team (by caller id: the same on every machine)."""
    ids = sorted(set(view.names) | {me})
    return ids.index(me)


@dataclass(frozen=True)
class CallerProgress:
    name: str
    called: int  # calls made (skips aside)
    confirmed: int  # targets whose last word is their confirmation
    on_the_phone: int | None  # the target they hold now


def team_progress(
    attempts: Sequence[Attempt], view: TeamView, now: datetime
) -> list[CallerProgress]:
    """Each caller's progress (in name order: a team, not a race)."""
    called: dict[str, int] = {}
    last: dict[int, Attempt] = {}
    for attempt in effective(attempts):
        if attempt.outcome is Outcome.SKIPPED:
            continue
        called[attempt.caller] = called.get(attempt.caller, 0) + 1
        last[attempt.target_id] = attempt
    confirmed: dict[str, int] = {}
    for attempt in last.values():
        if attempt.outcome is Outcome.CONFIRMED:
            confirmed[attempt.caller] = confirmed.get(attempt.caller, 0) + 1
    holding = {lease.caller: lease.target_id for lease in view.active(now)}
    names = set(view.names.values()) | {name for name in called if name}
    return [
        CallerProgress(
            name=name,
            called=called.get(name, 0),
            confirmed=confirmed.get(name, 0),
            on_the_phone=holding.get(name),
        )
        for name in sorted(names, key=str.casefold)
    ]


def called_twice(attempts: Sequence[Attempt]) -> dict[int, list[str]]:
    """Targets that two callers or more brought to a final outcome: target -> callers."""
    finals: dict[int, set[str]] = {}
    for attempt in effective(attempts):
        if attempt.outcome in FINAL_OUTCOMES:
            finals.setdefault(attempt.target_id, set()).add(attempt.caller)
    return {t: sorted(names) for t, names in finals.items() if len(names) > 1}
