"""A team calling through a synced folder, simulated: each caller has their own copy of
the folder and their own data file, and runs the real `CallSession` (so the real
`TeamLink`) on a simulated clock. A sync engine copies each caller's file to the
others' copies after a random delay, sometimes only part of it (a sync still under
way), never across a partition while it lasts.

Used by tests/core/team/test_simulation.py (properties) and benchmarks/team_calls.py
(how many targets are called twice with leases, with none, with a static split).
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from relance_tui.core.calls.reading import effective
from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import (
    Attempt,
    Contact,
    Event,
    EventKind,
    Outcome,
    Outlet,
    OutletKind,
    Settings,
    Target,
)
from relance_tui.core.station.session import CallSession
from relance_tui.core.store.store import Store
from relance_tui.core.team import leases
from relance_tui.core.team.folder import CALLERS_DIR, base_path
from relance_tui.core.team.live import join_team
from relance_tui.core.team.organiser import create_team
from relance_tui.core.team.shares import deal

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ)
OUTCOMES = [
    (Outcome.CONFIRMED, 25),
    (Outcome.DECLINED, 15),
    (Outcome.VOICEMAIL, 25),
    (Outcome.NO_ANSWER, 20),
    (Outcome.CALLBACK, 10),
    (Outcome.INTERESTED, 5),
]
PULL_EVERY = timedelta(seconds=2)  # as the app does
DIALLING = timedelta(seconds=10)  # a caller told "taken" before this passes the card


@dataclass
class Caller:
    name: str
    folder: Path
    session: CallSession
    busy_until: datetime | None = None
    started: datetime | None = None
    takes: list[tuple[int, datetime, bool]] = field(default_factory=list)  # target, at, alone
    after_confirmation: int = 0  # cards taken whose outlet's confirmation had arrived


@dataclass
class Result:
    callers: list[Caller]
    made: dict[str, Attempt]  # every attempt recorded, by uid
    event_id: int
    targets: int
    partial_copies: int
    finished_at: datetime

    @property
    def stores(self) -> list[Store]:
        return [c.session.store for c in self.callers]


def build_list(store: Store, size: int, outlets: int) -> Event:
    """An event and `size` targets over `outlets` outlets (several people per outlet)."""
    event = Event(title="Lancement", kind=EventKind.EVENT, start=T0 + timedelta(days=2))
    store.save(event)
    made = [
        Outlet(name=f"Média {i}", kind=list(OutletKind)[i % 5], warmth=i % 4, phone="514-555-0100")
        for i in range(outlets)
    ]
    store.save_many(made)
    contacts = [
        Contact(outlet_id=made[i % outlets].id or 0, name=f"Contact {i}", phone=f"514-555-{i:04d}")
        for i in range(size)
    ]
    store.save_many(contacts)
    targets = [
        Target(event_id=event.id or 0, position=i + 1, contact_id=c.id)
        for i, c in enumerate(contacts)
    ]
    store.save_many(targets)
    settings = Settings(
        retry_voicemail_min=5, retry_no_answer_min=5, retry_resend_min=5, id=1, caller_asked=True
    )
    store.save(settings)
    return event


@contextmanager
def no_leases() -> Iterator[None]:
    """Every caller reads the shared list as if nobody held a card, each from its top
    (a naive shared list)."""
    with (
        mock.patch.object(leases.TeamView, "taken", lambda *a, **k: ({}, {})),
        mock.patch.object(leases.TeamView, "beaten_by", lambda *a, **k: None),
        mock.patch("relance_tui.core.station.session.spread", lambda *a, **k: None),
    ):
        yield


def simulate(
    root: Path,
    *,
    callers: int,
    seed: int,
    targets: int = 200,
    delay: tuple[float, float] = (1.0, 30.0),
    partitions: list[tuple[float, float, frozenset[int]]] = (),  # type: ignore[assignment]
    mode: str = "leases",  # or "naive" (no leases), "split" (`relance split`: a share each)
    limit: timedelta = timedelta(hours=3),
    partial: float = 0.1,
    pull_every: timedelta = PULL_EVERY,
    conflicts: float = 0.0,
) -> Result:
    rng = random.Random(seed)
    main = Store.open(root / "main.json")
    event = build_list(main, targets, max(2, targets // 3))
    assert event.id is not None
    shares = deal(main.targets(event.id), {}, {}, callers)
    create_team(main, event, root / "origin", T0)
    main.close()
    clock = _Clock(T0)
    team: list[Caller] = []
    for number in range(callers):
        folder = root / f"folder-{number}"
        (folder / CALLERS_DIR).mkdir(parents=True)
        shutil.copy2(base_path(root / "origin"), base_path(folder))
        name = f"Appelant {number}"
        local = join_team(folder, name, root / f"caller-{number}.json", T0)
        store = Store.open(local)
        if mode == "split":  # `relance split`: each caller's file holds their share only
            mine = {t.id for t in shares[number]}
            others = [(Target, t.id) for t in store.targets(event.id) if t.id not in mine]
            store.delete_many(others)  # type: ignore[arg-type]
        team.append(Caller(name, folder, CallSession(store, clock)))
    made: dict[str, Attempt] = {}
    outlets = {
        t.id: _outlet_of(team[0].session.store, t) for t in team[0].session.store.targets(event.id)
    }
    own = [c.session.team.own_path.name for c in team]  # type: ignore[union-attr]
    copies = _Syncer(rng, [c.folder for c in team], own, delay, partitions, partial, conflicts)

    def step(caller: Caller) -> None:
        session = caller.session
        now = clock()
        if caller.started is not None:
            if session.beaten_by() is not None and now - caller.started < DIALLING:
                session.pass_card()  # told at once that a teammate is on it: leaves it
                caller.started = None
            elif caller.busy_until is not None and now >= caller.busy_until:
                outcome = rng.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
                when = now + timedelta(minutes=30) if outcome is Outcome.CALLBACK else None
                recorded = session.record(outcome, when, anyone=rng.random() < 0.5)
                if recorded is not None:
                    made[recorded.attempt.uid] = recorded.attempt
                caller.started = None
        card = session.card
        if caller.started is None and card is not None:  # the card shown: dialled at once
            caller.started = now
            caller.busy_until = now + timedelta(seconds=rng.uniform(20, 120))
            me = session.team.caller_id  # type: ignore[union-attr]
            outlet = card.outlet.id if card.outlet is not None else None
            last = {a.target_id: a for a in effective(session.store.attempts(event.id))}
            confirmed = {  # as the queue reads them: each target's last word
                outlets.get(target)
                for target, a in last.items()
                if a.outcome is Outcome.CONFIRMED and a.caller != caller.name
            }
            if outlet is not None and outlet in confirmed:
                caller.after_confirmation += 1
            alone = not any(
                lease.target_id == card.target.id and lease.caller_id != me
                for lease in session.team.view.active(now)  # type: ignore[union-attr]
            )
            caller.takes.append((card.target.id or 0, now, alone))

    context = no_leases() if mode == "naive" else _nothing()
    with context:
        while clock() - T0 < limit:
            copies.run_until(clock(), clock.now - T0)
            for caller in team:
                caller.session.sync()
                step(caller)
            clock.now += pull_every
            if all(c.session.card is None for c in team):  # nobody to call now: wait
                waits = [s.next_at for c in team for s in _later(c.session) if s.next_at]
                if not waits or min(waits) - T0 >= limit:
                    break
                clock.now = max(clock.now, min(waits))
        finished = clock()
        copies.everything()  # the partition is over: every file reaches every copy
        for _ in range(2):
            for caller in team:
                caller.session.sync()
    return Result(team, made, event.id, targets, copies.partial_copies, finished)


def _outlet_of(store: Store, target: Target) -> int | None:
    contact = store.get(Contact, target.contact_id) if target.contact_id is not None else None
    return contact.outlet_id if contact is not None else target.outlet_id


def _later(session: CallSession) -> list[Any]:
    return session.queue.later if session.queue is not None else []


@contextmanager
def _nothing() -> Iterator[None]:
    yield


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class _Syncer:
    """Each caller's file reaches each other copy of the folder after a delay."""

    def __init__(
        self,
        rng: random.Random,
        folders: list[Path],
        own: list[str],
        delay: tuple[float, float],
        partitions: list[tuple[float, float, frozenset[int]]],
        partial: float,
        conflicts: float = 0.0,
    ) -> None:
        self.rng, self.folders, self.own, self.delay = rng, folders, own, delay
        self.partitions, self.partial, self.conflicts = partitions, partial, conflicts
        self.due: dict[tuple[int, int], float] = {}  # (from, to) -> when (seconds)
        self.sent: dict[tuple[int, int], int] = {}  # the size last copied whole
        self.partial_copies = 0
        self.conflict_copies = 0

    def _apart(self, a: int, b: int, at: float) -> bool:
        return any(
            start <= at < end and ((a in side) != (b in side))
            for start, end, side in self.partitions
        )

    def run_until(self, now: datetime, elapsed: timedelta) -> None:
        at = elapsed.total_seconds()
        for source in range(len(self.folders)):
            for target in range(len(self.folders)):
                if source == target:
                    continue
                pair = (source, target)
                if pair not in self.due:
                    self.due[pair] = at + self.rng.uniform(*self.delay)
                if at >= self.due[pair] and not self._apart(source, target, at):
                    size = (self.folders[source] / CALLERS_DIR / self.own[source]).stat().st_size
                    if self.sent.get(pair) != size:  # unchanged since: nothing to carry
                        self._copy(source, target, cut=self.rng.random() < self.partial)
                    del self.due[pair]

    def everything(self) -> None:
        for source in range(len(self.folders)):
            for target in range(len(self.folders)):
                if source != target:
                    self._copy(source, target, cut=False)

    def _copy(self, source: int, target: int, *, cut: bool) -> None:
        """Caller `source`'s own file, as it is now, into `target`'s copy of the folder."""
        path = self.folders[source] / CALLERS_DIR / self.own[source]
        data = path.read_bytes()
        if cut and len(data) > 10:  # a sync still under way: the file stops mid-line
            data = data[: self.rng.randrange(len(data) // 2, len(data))]
            self.partial_copies += 1
        else:
            self.sent[(source, target)] = len(data)
        if self.conflicts and self.rng.random() < self.conflicts:  # an engine's own copy
            self.conflict_copies += 1
            stale = data[: self.rng.randrange(0, len(data) + 1)]
            name = f"{path.stem} (conflicted copy {self.conflict_copies}){path.suffix}"
            (self.folders[target] / CALLERS_DIR / name).write_bytes(stale)
        destination = self.folders[target] / CALLERS_DIR / path.name
        temporary = destination.with_name("." + path.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(destination)  # as Syncthing does: whole, or not at all
