"""Several callers, one call list, no network: split the list into one data file per
caller, then merge their calls back.

Merging is by the attempts' unique ids, so it is idempotent (the same file twice
adds nothing), order-independent (A then B equals B then A) and loses no call.
A target's state always comes from its attempts, so nothing else needs merging
but the contact flags that calls set, which are derived again from the union.
"""

from __future__ import annotations

import dataclasses
import hmac
import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from relance_tui.core.calls.queue import load_queue
from relance_tui.core.calls.reading import effective
from relance_tui.core.calls.settled import is_settled
from relance_tui.core.door.door import walk_in_records
from relance_tui.core.door.turnout import records_for_share
from relance_tui.core.errors import RelanceError, StoreError, StoreWriteFailed, os_words
from relance_tui.core.models import (
    Arrival,
    Attempt,
    Contact,
    Event,
    Outcome,
    OutletKind,
    Record,
    Target,
)
from relance_tui.core.store.files import private_dirs
from relance_tui.core.store.reading import load_tables
from relance_tui.core.store.snapshot import sign, write_snapshot
from relance_tui.core.store.store import SCHEMA_VERSION, Store
from relance_tui.core.team.release import pack, shared_event_doc
from relance_tui.core.text import fold


class ForeignShare(RelanceError):
    """A file that is not a share of this data file's event; nothing was merged."""

    key = "team.foreign"


class ShareExists(RelanceError):
    key = "team.exists"


class SameNames(RelanceError):
    """Two callers whose names give the same file name."""

    key = "team.same_names"


class UnsealedShare(RelanceError):
    """A share without this data file's seal: never split from it, or edited outside
    relance (a recomputed checksum, a seal removed); nothing was merged."""

    key = "team.unsealed"


class BadShareRecord(RelanceError):
    """A call in a share that cannot be trusted (no id, a wrong type); nothing merged."""

    key = "team.bad_record"


def deal(
    targets: Sequence[Target], kinds: dict[int, OutletKind], warmths: dict[int, int], callers: int
) -> list[list[Target]]:
    """Share targets among callers: every target in exactly one share, sizes within one,
    each kind of outlet and the friendliest outlets spread evenly (cards dealt in turn)."""
    ordered = sorted(
        targets,
        key=lambda t: (
            kinds.get(t.id or 0, OutletKind.RADIO).value,
            -warmths.get(t.id or 0, 0),
            t.position,
        ),
    )
    shares: list[list[Target]] = [[] for _ in range(callers)]
    for index, target in enumerate(ordered):
        shares[index % callers].append(target)
    for share in shares:
        share.sort(key=lambda t: t.position)
    return shares


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "appelant"


@dataclass(frozen=True)
class Split:
    """The shares written: one file per caller, the targets each was dealt, and the
    targets left out because their newsroom was already settled (settled.py)."""

    paths: list[Path]
    dealt: list[int]
    left_out: int


def split(store: Store, event: Event, names: Sequence[str], out_dir: Path, now: datetime) -> Split:
    """Write one data file per caller in `out_dir`.

    Each holds the media list, the event with its templates, that caller's share of
    the call list with the calls already made on it, and the caller's name. Targets
    already settled at `now` (their own final answer, their outlet confirmed, their
    show refused) are dealt to no one; the answers that settled them go to every
    share, so that each share's queue and cards know which newsrooms are settled.
    """
    assert event.id is not None
    paths = [out_dir / f"relance-{_slug(name)}.json" for name in names]
    for path in paths:
        if path.exists():
            raise ShareExists(path=str(path))
    by_path: dict[Path, str] = {}
    for name, path in zip(names, paths, strict=True):
        if path in by_path:
            raise SameNames(name=name)
        by_path[path] = name
    main_id = store.meta().get("file_id")
    team_key = store.meta().get("team_key")
    if not main_id or not team_key:
        main_id = main_id or uuid.uuid4().hex
        team_key = secrets.token_hex(32)  # never leaves the main file
        store.update_meta(file_id=main_id, team_key=team_key)

    raw = store.tables()  # the tables as stored: copied as they are
    queue = load_queue(store, event, now)
    settled = {s.target.id for s in queue.all if is_settled(s, queue.answers)}
    answers = queue.answers
    settling = [*answers.confirmed.values(), *answers.declined.values()]
    context = {s.target.id for s in settling}
    targets = [t for t in store.targets(event.id) if t.id not in settled]
    kinds: dict[int, OutletKind] = {}
    warmths: dict[int, int] = {}
    for state in queue.all:
        outlet = state.outlet
        if outlet is not None and state.target.id is not None:
            kinds[state.target.id] = outlet.kind
            warmths[state.target.id] = outlet.warmth
    shares = deal(targets, kinds, warmths, len(names))
    by_id = {t.id: t for t in store.targets(event.id)}
    known = [by_id[target_id] for target_id in sorted(context, key=lambda i: i or 0)]
    settings_doc = dict(raw.get("settings", {}).get("1", {}))
    records = records_for_share(store, event)
    written: list[Path] = []
    try:
        private_dirs(out_dir)
        for name, path, share in zip(names, paths, shares, strict=True):
            tables = _share_tables(
                raw, event, [*share, *known], settings_doc, name, main_id, team_key, records
            )
            written.append(path)
            write_snapshot(path, tables)
    except OSError as exc:  # a full disk: no half set of shares left behind
        for path in written:
            path.unlink(missing_ok=True)
        where = written[-1] if written else out_dir
        raise StoreWriteFailed(path=str(where), detail=os_words(exc)) from exc

    return Split(paths, [len(share) for share in shares], len(settled))


def _share_tables(
    raw: dict[str, dict[str, dict[str, Any]]],
    event: Event,
    share: list[Target],
    settings_doc: dict[str, Any],
    name: str,
    main_id: str,
    team_key: str,
    records: dict[str, object],
) -> dict[str, dict[str, dict[str, Any]]]:
    """One caller's data file: the media list, the event, their targets and calls, and
    the outlets' track records (the past events stay in the main file)."""
    ids = {str(t.id) for t in share}
    file_id = uuid.uuid4().hex
    return {
        "outlets": raw.get("outlets", {}),
        "shows": raw.get("shows", {}),
        "contacts": raw.get("contacts", {}),
        "events": {str(event.id): shared_event_doc(raw["events"][str(event.id)])},
        "targets": {k: v for k, v in raw.get("targets", {}).items() if k in ids},
        "attempts": {
            k: v
            for k, v in raw.get("attempts", {}).items()
            if v.get("event_id") == event.id and str(v.get("target_id")) in ids
        },
        "takes": {k: v for k, v in raw.get("takes", {}).items() if v.get("event_id") == event.id},
        "arrivals": {  # whoever keeps the door may use any of the files
            k: v for k, v in raw.get("arrivals", {}).items() if v.get("event_id") == event.id
        },
        "settings": {"1": {**settings_doc, "caller_name": name, "current_event_id": event.id}},
        "meta": {
            "1": {
                "schema_version": SCHEMA_VERSION,
                "file_id": file_id,
                "split_of": {"file_id": main_id, "event_id": event.id, "caller": name},
                "seal_key": share_key(team_key, file_id),
                "outlet_records": records,
                "release": pack(event),  # the communiqué itself, never a path (`release`)
            }
        },
    }


def share_key(team_key: str, file_id: str) -> str:
    """The key a share signs its snapshot and journal with: derived from the main
    file's secret, so only the main file can tell a genuine seal from a new one.

    The share holds its own key (its app signs each call it records), so the seal
    catches edits made outside relance, not a caller who rebuilds it on purpose."""
    return sign(team_key, file_id.encode("utf-8"))


@dataclass(frozen=True)
class MergePlan:
    path: Path
    caller: str
    event_id: int
    attempts: list[Attempt]
    already: int
    arrivals: list[Arrival] = dataclasses.field(default_factory=list)  # at the door
    far: int = 0  # calls dated far from the event (a computer's clock set wrong?)


FAR_FROM_EVENT = timedelta(days=180)  # calls are made in the weeks before an event


def plan_merge(store: Store, path: Path) -> MergePlan:
    """Read a share and find its calls that the main file does not have yet.

    Raises ForeignShare for a file split from another data file or event,
    NewerSchema or CorruptDataFile for a file this relance cannot read. Writes nothing.
    """
    try:
        tables = load_tables(path)
    except OSError as exc:
        raise StoreError(path=str(path), detail=os_words(exc)) from exc
    meta = tables.get("meta", {}).get("1", {})
    split_of = meta.get("split_of")
    main_id = store.meta().get("file_id")
    if not isinstance(split_of, dict) or not main_id or split_of.get("file_id") != main_id:
        raise ForeignShare(path=str(path))
    # The snapshot's and journal's signatures were checked as it was read; the key
    # must be the one this file gave it.
    team_key = store.meta().get("team_key")
    if not team_key or not hmac.compare_digest(
        str(meta.get("seal_key", "")), share_key(team_key, str(meta.get("file_id", "")))
    ):
        raise UnsealedShare(path=str(path))
    event = store.get(Event, int(split_of.get("event_id", -1)))
    if event is None or event.id is None:
        raise ForeignShare(path=str(path))
    known = {a.uid for a in store.attempts(event.id)}
    target_ids = {t.id for t in store.targets(event.id)}
    # Every call is checked, whatever its event: a text event id must not slip by.
    checked = [_checked_attempt(path, k, d) for k, d in tables.get("attempts", {}).items()]
    incoming = [a for a in checked if a.event_id == event.id]
    if any(a.target_id not in target_ids for a in incoming):
        raise ForeignShare(path=str(path))
    new = [a for a in incoming if a.uid not in known]
    known_arrivals = {a.uid for a in store.arrivals(event.id)}
    arrivals = [
        Arrival.from_doc(doc)
        for doc in tables.get("arrivals", {}).values()
        if doc.get("event_id") == event.id
    ]
    return MergePlan(
        path=path,
        caller=str(split_of.get("caller", "")),
        event_id=event.id,
        far=sum(abs(a.at - event.start) > FAR_FROM_EVENT for a in new),
        attempts=sorted(new, key=lambda a: (a.at, a.uid)),
        already=len(incoming) - len(new),
        arrivals=sorted(
            (a for a in arrivals if a.uid not in known_arrivals), key=lambda a: (a.at, a.uid)
        ),
    )


def _checked_attempt(path: Path, key: str, doc: Any) -> Attempt:
    """A share's call, whole and typed, or BadShareRecord naming its position."""
    if not isinstance(doc, dict):
        raise BadShareRecord(path=str(path), record=key)
    uid = doc.get("uid")
    fields_ok = (
        isinstance(uid, str)
        and len(uid) >= 8
        and isinstance(doc.get("event_id"), int)
        and isinstance(doc.get("target_id"), int)
    )
    if not fields_ok:
        raise BadShareRecord(path=str(path), record=key)
    try:
        attempt = Attempt.from_doc(doc)
    except (ValueError, TypeError, KeyError):  # an unknown outcome, a date in words
        raise BadShareRecord(path=str(path), record=key) from None
    if attempt.at.tzinfo is None:  # a time with no zone is no moment: never compared
        raise BadShareRecord(path=str(path), record=key)
    return attempt


def apply_merge(store: Store, plans: Sequence[MergePlan]) -> int:
    """Add the plans' calls in one durable write, then the flags they imply. Returns the
    number of calls added (0 writes nothing)."""
    seen: set[str] = set()
    attempts: list[Attempt] = []
    for plan in plans:
        for attempt in plan.attempts:
            if attempt.uid not in seen:
                seen.add(attempt.uid)
                attempts.append(attempt)
    arrivals = _arrivals_to_add(store, plans)
    if not attempts and not arrivals:
        return 0
    records: list[Record] = [*attempts, *arrivals]
    records += flags_from_calls(store, attempts)
    store.save_many(records)
    return len(attempts)


def _arrivals_to_add(store: Store, plans: Sequence[MergePlan]) -> list[Arrival]:
    """The door's records of the plans, once each. A walk-in's outlet and contact were
    created in the share: found here by name, or added (with the walk-in tag)."""
    seen: set[str] = set()
    added: list[Arrival] = []
    for plan in plans:
        for arrival in plan.arrivals:
            if arrival.uid in seen:
                continue
            seen.add(arrival.uid)
            if arrival.walk_in and not arrival.reverses and arrival.outlet_name:
                arrival = _found_by_name(store, arrival)
            added.append(arrival)
    return added


def _found_by_name(store: Store, arrival: Arrival) -> Arrival:
    outlet, contact = walk_in_records(store, arrival.outlet_name, arrival.contact_name)
    contact_id = contact.id if contact else None
    return dataclasses.replace(arrival, outlet_id=outlet.id, contact_id=contact_id, id=None)


def flags_from_calls(store: Store, added: Sequence[Attempt]) -> list[Contact]:
    """Contacts whose do-not-call or to-fix flag the union of calls now implies."""
    events = {a.event_id for a in added}
    changed: dict[int, Contact] = {}
    for event_id in events:
        union = store.attempts(event_id) + [a for a in added if a.event_id == event_id]
        union.sort(key=lambda a: (a.at, a.uid))
        targets = {t.id: t for t in store.targets(event_id)}
        for attempt in effective(union):
            target = targets.get(attempt.target_id)
            if target is None or target.contact_id is None:
                continue
            contact = changed.get(target.contact_id) or store.get(Contact, target.contact_id)
            if contact is None:
                continue
            if attempt.outcome is Outcome.DO_NOT_CALL and not contact.do_not_call:
                changed[target.contact_id] = dataclasses.replace(contact, do_not_call=True)
            elif attempt.outcome is Outcome.WRONG_NUMBER and not contact.to_fix:
                changed[target.contact_id] = dataclasses.replace(contact, to_fix=True)
    return list(changed.values())
