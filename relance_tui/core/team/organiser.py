"""The organiser's side of a live team: the folder made once, the calls brought back.

`create_team` writes the event, its call list and the media list into the folder
(`relance-equipe.json`, sealed with the team's key). `collect_calls` brings every
caller's calls into the organiser's data file, by id (idempotent, in any order),
taking from each caller's file only what that caller signed in their own name
(`members.Roster`, kept in the organiser's file), and keeping the flags their calls
imply as proposals (`proposals`).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from relance_tui.core.door.turnout import records_for_share
from relance_tui.core.errors import RelanceError, StoreError, os_words
from relance_tui.core.models import Attempt, Event
from relance_tui.core.store.files import private_dirs
from relance_tui.core.store.snapshot import Tables, write_snapshot
from relance_tui.core.store.store import SCHEMA_VERSION, Store
from relance_tui.core.team.folder import (
    CallerFile,
    base_path,
    caller_files,
    callers_dir,
    named_for,
    read_base,
    team_calls,
)
from relance_tui.core.team.members import Roster
from relance_tui.core.team.proposals import propose_from_calls
from relance_tui.core.team.release import pack, shared_event_doc
from relance_tui.core.team.shares import ForeignShare

PERSONAL_SETTINGS = ("caller_name", "caller_phone", "dial_command", "dialer", "caller_asked")


class TeamExists(RelanceError):
    key = "team.folder_exists"


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
        private_dirs(callers_dir(folder))
        write_snapshot(path, tables)
    except OSError as exc:
        raise StoreError(path=str(folder), detail=os_words(exc)) from exc
    teams = list(store.meta().get("teams", []))
    store.update_meta(teams=[*teams, team_id])  # `collect` takes calls from these only
    return path


@dataclass
class Collected:
    """What `collect_calls` did: calls added (by caller), callers whose file is not
    whole yet (name -> line waited for), files refused (file name -> why, see
    `members.Roster.admit`; "caller": calls recorded in another's name), new proposals."""

    added: int = 0
    by_caller: dict[str, int] = field(default_factory=dict)
    waiting: dict[str, int] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    proposals: int = 0


def collect_calls(store: Store, folder: Path) -> Collected:
    """Add the team's calls to the organiser's data file (the one `create` read)."""
    base = read_base(folder)
    team = base["meta"]["1"]["team"]
    team_id = str(team["team_id"])
    if team_id not in store.meta().get("teams", []):
        raise ForeignShare(path=str(folder))
    rosters = dict(store.meta().get("team_rosters", {}))
    roster = Roster.of(rosters.get(team_id))
    before = roster.saved()
    event_id = int(team["event_id"])
    targets: set[int | None] = {t.id for t in store.targets(event_id)}
    known = {a.uid for a in store.attempts(event_id)}
    done = Collected()
    incoming: list[Attempt] = []
    for path in caller_files(folder):
        reader = CallerFile(path)
        entries = reader.read_more(str(team["key"]))
        hello = entries[0].body.get("name", "") if entries and entries[0].kind == "hello" else ""
        name = roster.name_of(reader.caller_id) or str(hello) or path.stem
        if reader.stuck_at is not None:
            done.waiting[name] = reader.stuck_at
        if not entries:
            continue
        why = "unsigned" if reader.unsigned else ""
        if not why and not named_for(path, reader.caller_id):
            why = "renamed"
        why = why or roster.admit(reader.caller_id, str(hello), reader.public_key)
        if why:
            done.refused[path.name] = why
            continue
        name = roster.name_of(reader.caller_id)
        calls = team_calls(entries, event_id, targets, known)
        theirs = [call for call in calls if call.caller == name]
        if len(theirs) < len(calls):
            done.refused[path.name] = "caller"
        incoming += theirs  # each caller's calls in the order they made them
        if theirs:
            done.by_caller[name] = done.by_caller.get(name, 0) + len(theirs)
    if incoming:
        store.save_many(incoming)
        done.added = len(incoming)
        done.proposals = propose_from_calls(store, incoming)
    if roster.saved() != before:
        store.update_meta(team_rosters={**rosters, team_id: roster.saved()})
    return done
