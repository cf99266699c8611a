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
import secrets
import uuid
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from relance_tui.core.door.turnout import records_for_share
from relance_tui.core.errors import CorruptDataFile, RelanceError, StoreError, os_words
from relance_tui.core.handoff.release import pack, shared_event_doc
from relance_tui.core.models import Attempt, Event
from relance_tui.core.store.snapshot import Tables, read_snapshot, write_snapshot
from relance_tui.core.store.store import SCHEMA_VERSION, Store
from relance_tui.core.team.folder import (
    CallerFile,
    Entry,
    append_entries,
    base_path,
    caller_files,
    callers_dir,
)
from relance_tui.core.team.leases import TeamView
from relance_tui.core.team.shares import ForeignShare, flags_from_calls
from relance_tui.core.text import fold


class NotATeamFolder(RelanceError):
    key = "team.not_a_folder"


class TeamExists(RelanceError):
    key = "team.folder_exists"


class NameTaken(RelanceError):
    key = "team.name_taken"


class OtherTeam(RelanceError):
    """The local data file asked for is something else (another team, a plain file)."""

    key = "team.other_file"


PERSONAL_SETTINGS = ("caller_name", "caller_phone", "dial_command", "dialer", "caller_asked")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "appelant"


def create_team(store: Store, event: Event, folder: Path, now: datetime) -> Path:
    """Write the event, its call list and the media list into `folder`; the base's path."""
    assert event.id is not None
    path = base_path(folder)
    if path.exists():
        raise TeamExists(path=str(path))
    raw = store.tables()
    targets = {k: v for k, v in raw.get("targets", {}).items() if v.get("event_id") == event.id}
    settings = {
        k: v for k, v in raw.get("settings", {}).get("1", {}).items() if k not in PERSONAL_SETTINGS
    }
    key = secrets.token_hex(32)
    team_id = uuid.uuid4().hex
    tables: Tables = {
        "outlets": raw.get("outlets", {}),
        "shows": raw.get("shows", {}),
        "contacts": raw.get("contacts", {}),
        "events": {str(event.id): shared_event_doc(raw["events"][str(event.id)])},
        "targets": targets,
        "attempts": {
            k: v for k, v in raw.get("attempts", {}).items() if v.get("event_id") == event.id
        },
        "takes": {k: v for k, v in raw.get("takes", {}).items() if v.get("event_id") == event.id},
        "settings": {"1": {**settings, "current_event_id": event.id}},
        "meta": {
            "1": {
                "schema_version": SCHEMA_VERSION,
                "team": {
                    "team_id": team_id,
                    "key": key,
                    "event_id": event.id,
                    "created": now.isoformat(),
                },
                "seal_key": key,  # a base cut short by a sync, or edited, is refused
                # The outlets' track records ("venu 2 fois sur 3"): the past events stay
                # in the organiser's file.
                "outlet_records": records_for_share(store, event),
                "release": pack(event),  # the communiqué itself, never a path (`release`)
            }
        },
    }
    try:
        callers_dir(folder).mkdir(parents=True, exist_ok=True, mode=0o700)
        write_snapshot(path, tables)
    except OSError as exc:
        raise StoreError(path=str(folder), detail=os_words(exc)) from exc
    teams = list(store.meta().get("teams", []))
    store.update_meta(teams=[*teams, team_id])  # `collect` takes calls from these only
    return path


def collect_calls(store: Store, folder: Path) -> tuple[int, dict[str, int]]:
    """Add the team's calls to the organiser's data file (the one `create` read), by id:
    idempotent, in any order. Returns the calls added, and the callers whose file is
    not whole yet (name -> line waited for: the lines before it were taken)."""
    base = read_base(folder)
    team = base["meta"]["1"]["team"]
    if team["team_id"] not in store.meta().get("teams", []):
        raise ForeignShare(path=str(folder))
    event_id = int(team["event_id"])
    targets = {t.id for t in store.targets(event_id)}
    known = {a.uid for a in store.attempts(event_id)}
    view = TeamView()
    incoming: list[Attempt] = []
    for path in caller_files(folder):
        reader = CallerFile(path)
        entries = reader.read_more(str(team["key"]))
        view.add(entries)
        if reader.stuck_at is not None:
            view.waiting[view.names.get(reader.caller_id, path.stem)] = reader.stuck_at
        incoming += _calls(entries, event_id, targets, known)
    if incoming:  # each caller's calls in the order they made them
        store.save_many([*incoming, *flags_from_calls(store, incoming)])
    return len(incoming), view.waiting


def read_base(folder: Path) -> Tables:
    path = base_path(folder)
    if not path.is_file():
        raise NotATeamFolder(path=str(folder))
    try:
        tables = read_snapshot(path)
    except OSError as exc:
        raise StoreError(path=str(path), detail=os_words(exc)) from exc
    team = tables.get("meta", {}).get("1", {}).get("team")
    if not isinstance(team, dict) or not team.get("key"):
        raise NotATeamFolder(path=str(folder))
    return tables


def team_names(folder: Path, key: str) -> dict[str, str]:
    """The callers who joined: caller id -> name, from their files' first lines."""
    view = TeamView()
    for path in caller_files(folder):
        view.add(CallerFile(path).read_more(key)[:1])
    return view.names


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
            },
            "outlet_records": base["meta"]["1"].get("outlet_records", {}),
            "release": base["meta"]["1"].get("release"),
        }
    }
    own = callers_dir(folder) / f"{slug(name)}-{caller_id[:8]}.jsonl"
    try:
        local.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_snapshot(local, tables)
        append_entries(own, team["key"], [Entry(1, caller_id, "hello", now, {"name": name})])
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
        return cls(
            folder=Path(team["folder"]),
            key=str(team["key"]),
            event_id=int(team["event_id"]),
            caller_id=str(team["caller_id"]),
            name=str(team["name"]),
            lease=timedelta(minutes=max(1, settings.team_lease_min)),
        )

    @functools.cached_property
    def own_path(self) -> Path:
        return callers_dir(self.folder) / f"{slug(self.name)}-{self.caller_id[:8]}.jsonl"

    def start(self, store: Store, now: datetime) -> Pulled:
        """Read the folder, mend the end of one's own file if a crash cut it, and add to
        it the calls made here that it lacks. Then as `pull` (once started)."""
        if self.started:
            return self.pull(store)
        self.started = True
        own = CallerFile(self.own_path)
        entries = own.read_more(self.key)
        if own.stuck_at is not None:  # a line cut by a crash: only this app writes here
            with self.own_path.open("r+b") as handle:
                handle.truncate(own.offset)
        self.seq = len(own.entries)
        self.view.add(entries)
        self.known.update(str(e.body.get("uid")) for e in entries if e.kind == "attempt")
        if not entries:
            self._queue(now, "hello", {"name": self.name})
        self.files[self.own_path] = own
        pulled = self.pull(store)
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
            append_entries(self.own_path, self.key, entries)
        except OSError:
            self.pending = entries + self.pending  # the folder is away: tried again later
            return
        own = self.files.get(self.own_path)
        if own is not None:  # what this app wrote need not be read back
            own.entries.extend(entries)
            own.offset = self.own_path.stat().st_size
        self.view.add(entries)

    # the others' files ------------------------------------------------------
    def pull(self, store: Store) -> Pulled:
        """Read what teammates added; their new calls go into the local data file."""
        if not callers_dir(self.folder).is_dir():
            return Pulled(calls=0, changed=False, missing=True)
        changed = False
        incoming: list[Attempt] = []
        targets: set[int | None] = set()
        self.view.waiting.clear()
        for path in caller_files(self.folder):
            if path == self.own_path:
                continue
            reader = self.files.setdefault(path, CallerFile(path))
            entries = reader.read_more(self.key)
            self.view.add(entries)
            if reader.stuck_at is not None:
                who = self.view.names.get(reader.caller_id, path.stem)
                self.view.waiting[who] = reader.stuck_at
            if not entries:
                continue
            changed = True
            if not targets and any(e.kind == "attempt" for e in entries):
                targets = {t.id for t in store.targets(self.event_id)}
            incoming += _calls(entries, self.event_id, targets, self.known)
        if incoming:
            known_here = {a.uid for a in store.attempts(self.event_id)}
            new = [a for a in incoming if a.uid not in known_here]  # each caller's in order
            if new:
                store.save_many([*new, *flags_from_calls(store, new)])
            return Pulled(calls=len(new), changed=True)
        return Pulled(calls=0, changed=changed)


_LINKS: weakref.WeakKeyDictionary[Store, TeamLink] = weakref.WeakKeyDictionary()


def _calls(
    entries: Iterable[Entry], event_id: int, targets: set[int | None], known: set[str]
) -> list[Attempt]:
    """The calls of a teammate's lines that are this team's (their lines are signed:
    anything else is a newer relance's, left aside)."""
    calls: list[Attempt] = []
    for entry in entries:
        if entry.kind != "attempt":
            continue
        doc = entry.body
        uid = doc.get("uid")
        if not isinstance(uid, str) or uid in known:
            continue
        if doc.get("event_id") != event_id or doc.get("target_id") not in targets:
            continue
        try:
            attempt = Attempt.from_doc(doc)
        except (ValueError, TypeError, KeyError):
            continue
        known.add(uid)
        calls.append(attempt)
    return calls
