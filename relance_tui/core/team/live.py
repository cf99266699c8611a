"""Calling as a team, live, through a folder a sync engine carries (`core.team.folder`).

`create_team` writes the event and its call list into the folder, once. Each caller
`join_team`s: they get their own local data file, linked to the folder, and their
own file in it. While the app runs, `TeamLink`:

- appends the caller's calls, leases and releases to their own file (after the
  call is safe in the local data file: a crash between the two is caught up at
  the next start, the call's id telling what is missing);
- reads the others' files and adds their calls to the local data file by id, as
  `relance merge` does: idempotent, order-independent, nothing lost;
- keeps the team's view: who is on which card (`core.team.leases`).
"""

from __future__ import annotations

import functools
import re
import uuid
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from relance_tui.core.errors import CorruptDataFile, RelanceError, StoreError, os_words
from relance_tui.core.models import Attempt
from relance_tui.core.store.files import private_dirs
from relance_tui.core.store.snapshot import Tables, read_snapshot, write_snapshot
from relance_tui.core.store.store import SCHEMA_VERSION, Store
from relance_tui.core.team.folder import (
    CHAIN_START,
    CallerFile,
    Entry,
    append_entries,
    caller_files,
    callers_dir,
    named_for,
    read_base,
    team_calls,
    team_names,
)
from relance_tui.core.team.leases import MAX_LEASE, TeamView
from relance_tui.core.team.members import Roster, Signer, new_key_pair
from relance_tui.core.team.shares import flags_from_calls
from relance_tui.core.text import fold


class NameTaken(RelanceError):
    key = "team.name_taken"


class OtherTeam(RelanceError):
    """The local data file asked for is something else (another team, a plain file)."""

    key = "team.other_file"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "appelant"


def join_team(
    folder: Path,
    name: str,
    local: Path,
    now: datetime,
    phone: str = "",
    no_phone: bool = False,
) -> Path:
    """Link a local data file at `local` to the team's folder as caller `name` (again:
    the same file, untouched). Writes the caller's first line in the folder.

    `phone`: the caller's number, said at the end of a voicemail and signed under the
    email. Without one (and unless `no_phone`), the caller is not marked set up: the
    app asks for it before the first script is read."""
    folder = folder.expanduser().absolute()
    base = read_base(folder)
    team = base["meta"]["1"]["team"]
    if local.exists():
        try:
            mine = read_snapshot(local).get("meta", {}).get("1", {}).get("team", {})
        except CorruptDataFile:
            mine = {}
        if mine.get("team_id") != team["team_id"] or fold(mine.get("name", "")) != fold(name):
            raise OtherTeam(path=str(local))
        if mine.get("folder") != str(folder):  # the team's folder moved: follow it
            with Store.open(local) as store:
                store.update_meta(team={**store.meta()["team"], "folder": str(folder)})
        return local
    taken = {fold(n) for n in team_names(folder, team["key"]).values()}
    if fold(name) in taken:
        raise NameTaken(name=name)
    caller_id = uuid.uuid4().hex
    private, public = new_key_pair()  # this caller's own: they write only as themselves
    tables: Tables = {k: v for k, v in base.items() if k != "meta"}
    settings = dict(tables.get("settings", {}).get("1", {}))
    settings.update(
        caller_name=name,
        caller_phone=phone,
        caller_asked=bool(phone) or no_phone,
        current_event_id=team["event_id"],
    )
    tables["settings"] = {"1": settings}
    tables["meta"] = {
        "1": {
            "schema_version": SCHEMA_VERSION,
            "team": {
                "folder": str(folder),
                "team_id": team["team_id"],
                "key": team["key"],
                "event_id": team["event_id"],
                "caller_id": caller_id,
                "name": name,
                "signing_key": private,  # never in the folder
            },
            "outlet_records": base["meta"]["1"].get("outlet_records", {}),
            "release": base["meta"]["1"].get("release"),
        }
    }
    own = callers_dir(folder) / f"{slug(name)}-{caller_id[:8]}.jsonl"
    try:
        private_dirs(local.parent)
        write_snapshot(local, tables)
        hello = Entry(1, caller_id, "hello", now, {"name": name, "public_key": public})
        append_entries(own, team["key"], [hello], Signer(private), CHAIN_START)
    except OSError as exc:
        raise StoreError(path=str(local), detail=os_words(exc)) from exc
    return local


@dataclass(frozen=True)
class Pulled:
    calls: int  # teammates' calls added to the local data file
    changed: bool  # anything new: calls, leases, a teammate joining
    missing: bool = False  # the team's folder is not there (unmounted, moved, renamed)


@dataclass
class TeamLink:
    """The running app's side of the team: its own file, everyone else's."""

    folder: Path
    key: str
    event_id: int
    caller_id: str
    name: str
    lease: timedelta = timedelta(minutes=10)
    view: TeamView = field(default_factory=TeamView)
    files: dict[Path, CallerFile] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)  # call ids in the base or a caller's file
    pending: list[Entry] = field(default_factory=list)
    seq: int = 0
    held: tuple[int, datetime, datetime] | None = None  # target, since, until
    started: bool = False
    signer: Signer | None = None  # None: a file joined before callers signed
    chain: bytes = CHAIN_START  # of one's own file, after its last line
    roster: Roster = field(default_factory=Roster)  # who is who, as first seen
    refused: dict[str, str] = field(default_factory=dict)  # file name -> why (`Roster`)
    _calls_seen: int = -1  # the data file's number of calls at the last catch-up

    @classmethod
    def of(cls, store: Store) -> TeamLink | None:
        """The link of a caller's local data file (one per open file: its lines are
        numbered by one writer); None for a file of one's own."""
        link = _LINKS.get(store)
        if link is None:
            link = cls._new(store)
            if link is not None:
                _LINKS[store] = link
        return link

    @classmethod
    def _new(cls, store: Store) -> TeamLink | None:
        team = store.meta().get("team")
        if not isinstance(team, dict) or "caller_id" not in team:
            return None
        settings = store.settings()
        private = team.get("signing_key")
        signer = Signer(private) if isinstance(private, str) and len(private) == 64 else None
        roster = Roster.of(store.meta().get("team_roster"))
        if signer is not None:
            roster.admit(str(team["caller_id"]), str(team["name"]), signer.public_hex())
        return cls(
            folder=Path(team["folder"]),
            key=str(team["key"]),
            event_id=int(team["event_id"]),
            caller_id=str(team["caller_id"]),
            name=str(team["name"]),
            lease=min(MAX_LEASE, timedelta(minutes=max(1, settings.team_lease_min))),
            signer=signer,
            roster=roster,
        )

    @functools.cached_property
    def own_path(self) -> Path:
        return callers_dir(self.folder) / f"{slug(self.name)}-{self.caller_id[:8]}.jsonl"

    def start(self, store: Store, now: datetime) -> Pulled:
        """Read the folder, mend the end of one's own file if a crash cut it, and add to
        it the calls made here that it lacks. Then as `pull` (once started)."""
        if self.started:
            return self.pull(store, now)
        self.started = True
        own = CallerFile(self.own_path)
        entries = own.read_more(self.key)
        if own.stuck_at is not None:  # a batch cut by a crash: only this app writes here
            with self.own_path.open("r+b") as handle:
                handle.truncate(own.offset)
        self.seq, self.chain = len(own.entries), own.chain
        self.view.add(entries, now)
        self.known.update(str(e.body.get("uid")) for e in entries if e.kind == "attempt")
        if not entries:
            hello = {"name": self.name}
            if self.signer is not None:
                hello["public_key"] = self.signer.public_hex()
            self._queue(now, "hello", hello)
        self.files[self.own_path] = own
        pulled = self.pull(store, now)
        self.catch_up(store, now)
        self.flush()
        return pulled

    # one's own file ---------------------------------------------------------
    def _queue(self, now: datetime, kind: str, body: dict[str, Any]) -> None:
        self.seq += 1
        self.pending.append(Entry(self.seq, self.caller_id, kind, now, body))

    def catch_up(self, store: Store, now: datetime) -> None:
        """Queue this caller's calls that their file does not hold yet (a call is safe in
        the local data file first). Calls that came with the list are in every base."""
        count = store.count(Attempt)
        if count == self._calls_seen:
            return
        self._calls_seen = count
        for attempt in store.attempts(self.event_id):
            if attempt.uid not in self.known and attempt.caller == self.name:
                self.known.add(attempt.uid)
                self._queue(attempt.at, "attempt", attempt.to_doc())

    def hold(self, target_id: int | None, outlet_id: int | None, now: datetime) -> None:
        """Lease the card on screen (renewed halfway), or release the one held."""
        if target_id is None:
            if self.held is not None:
                self._queue(now, "release", {"target_id": self.held[0]})
                self.held = None
            return
        if self.held is not None and self.held[0] == target_id:
            since, until = self.held[1], self.held[2]
            if now < until - self.lease / 2:
                return
        else:
            since = now
        until = now + self.lease
        self.held = (target_id, since, until)
        body = {
            "target_id": target_id,
            "outlet_id": outlet_id,
            "since": since.isoformat(),
            "until": until.isoformat(),
        }
        self._queue(now, "lease", body)

    def called(self, target_id: int) -> None:
        """A call on `target_id` was recorded: its lease ends with it."""
        if self.held is not None and self.held[0] == target_id:
            self.held = None

    def flush(self) -> None:
        """Append what is queued to one's own file, on disk before returning."""
        if not self.pending:
            return
        entries, self.pending = self.pending, []
        try:
            self.chain = append_entries(self.own_path, self.key, entries, self.signer, self.chain)
        except OSError:
            self.pending = entries + self.pending  # the folder is away: tried again later
            return
        own = self.files.get(self.own_path)
        if own is not None:  # what this app wrote need not be read back
            own.entries.extend(entries)
            own.offset, own.chain = self.own_path.stat().st_size, self.chain
        self.view.add(entries)

    # the others' files ------------------------------------------------------
    def pull(self, store: Store, now: datetime | None = None) -> Pulled:
        """Read what teammates added; their new calls go into the local data file. A
        file that does not speak for its own caller (`Roster`) is left aside."""
        if not callers_dir(self.folder).is_dir():
            return Pulled(calls=0, changed=False, missing=True)
        changed = False
        incoming: list[Attempt] = []
        targets: set[int | None] = set()
        self.view.waiting.clear()
        known_before = self.roster.saved()
        for path in caller_files(self.folder):
            if path == self.own_path or path.name in self.refused:
                continue
            reader = self.files.setdefault(path, CallerFile(path))
            entries = reader.read_more(self.key)
            if entries and not self._admits(path, reader, entries):
                continue
            self.view.add(entries, now)
            if reader.stuck_at is not None:
                who = self.view.names.get(reader.caller_id, path.stem)
                self.view.waiting[who] = reader.stuck_at
            if not entries:
                continue
            changed = True
            if not targets and any(e.kind == "attempt" for e in entries):
                targets = {t.id for t in store.targets(self.event_id)}
            name = self.roster.name_of(reader.caller_id)
            calls = team_calls(entries, self.event_id, targets, self.known)
            incoming += [call for call in calls if call.caller == name]
        if self.roster.saved() != known_before:
            store.update_meta(team_roster=self.roster.saved())
        if incoming:
            known_here = {a.uid for a in store.attempts(self.event_id)}
            new = [a for a in incoming if a.uid not in known_here]  # each caller's in order
            if new:
                store.save_many([*new, *flags_from_calls(store, new)])
            return Pulled(calls=len(new), changed=True)
        return Pulled(calls=0, changed=changed)

    def _admits(self, path: Path, reader: CallerFile, entries: list[Entry]) -> bool:
        """Whether this file speaks for its own caller; if not, it is never read again."""
        if reader.entries[:1] != entries[:1]:
            return True  # admitted at its first lines
        hello = str(entries[0].body.get("name", "")) if entries[0].kind == "hello" else ""
        why = "unsigned" if reader.unsigned else ""
        if not why and not named_for(path, reader.caller_id):
            why = "renamed"
        why = why or self.roster.admit(reader.caller_id, hello, reader.public_key)
        if why:
            self.refused[path.name] = why
        return not why


_LINKS: weakref.WeakKeyDictionary[Store, TeamLink] = weakref.WeakKeyDictionary()
