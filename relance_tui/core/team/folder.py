"""The team's folder, carried by a sync engine (Syncthing, a cloud folder, a share).

    FOLDER/relance-equipe.json          the event and its call list, written once
    FOLDER/appelants/<name>-<id>.jsonl  one per caller, appended to by that caller only

One writer per file, so no sync engine ever sees two versions of one file to
reconcile. A caller's file is a log of numbered lines: a greeting (who writes it,
with their public key), calls, leases ("I am on this card until…") and releases. The
lines are chained (each one's SHA-256 over the one before), and the last line of
each batch the app appends is sealed: an HMAC of the chain under the team's key (the
base's) and the caller's own signature of it (`members`). A batch is taken whole
once its seals hold; a line cut short by a sync still under way, or changed by
anything but relance, stops the reading there: the lines after it wait until the
file is whole again, they are never merged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from relance_tui.core.errors import RelanceError, StoreError, os_words
from relance_tui.core.models import Attempt
from relance_tui.core.store.files import FILE_MODE, fsync_dir
from relance_tui.core.store.snapshot import Tables, read_snapshot
from relance_tui.core.team.members import Signer, verify

BASE_NAME = "relance-equipe.json"
CALLERS_DIR = "appelants"
SUFFIX = ".jsonl"
CHAIN_START = hashlib.sha256(b"relance-team-chain 1").digest()
# `<name>-<the first 8 hex digits of the caller's id>.jsonl`, and nothing else: a sync
# engine's copies (Syncthing's `.sync-conflict-…`, Dropbox's `(conflicted copy …)`,
# Nextcloud's `(Copie en conflit …)`, Google Drive's ` (1)`, OneDrive's `-LAPTOP`)
# and temporary files are never read as a caller's.
CALLER_FILE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*-([0-9a-f]{8})\.jsonl")


class NotATeamFolder(RelanceError):
    key = "team.not_a_folder"


def base_path(folder: Path) -> Path:
    return folder / BASE_NAME


def callers_dir(folder: Path) -> Path:
    return folder / CALLERS_DIR


@dataclass(frozen=True)
class Entry:
    """One line of a caller's file."""

    seq: int
    caller_id: str
    kind: str  # hello, attempt, lease, release
    at: datetime
    body: dict[str, Any]


SEAL = b',"sig":"'  # where a batch's seals begin, at the end of its last line


def link(chain: bytes, part: bytes) -> bytes:
    """The chain after one more line (`part`: the line without its seals)."""
    return hashlib.sha256(chain + part).digest()


def team_seal(key: str, chain: bytes) -> str:
    """The team's HMAC of a chain: the batch is the team's (its key is the base's)."""
    return hmac.digest(key.encode("utf-8"), chain, "sha256").hex()


def encode_entries(
    key: str, entries: list[Entry], signer: Signer | None, chain: bytes
) -> tuple[bytes, bytes]:
    """A batch of lines, its last one sealed (the team's HMAC and the caller's own
    signature, both of the chain so far); and the chain after it."""
    lines: list[bytes] = []
    for entry in entries:
        fields = {
            "seq": entry.seq,
            "caller": entry.caller_id,
            "kind": entry.kind,
            "at": entry.at.isoformat(),
            "body": entry.body,
        }
        part = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        chain = link(chain, part)
        lines.append(part)
    seals = SEAL + team_seal(key, chain).encode("ascii") + b'"'
    if signer is not None:
        seals += b',"ed":"' + signer.sign(chain).encode("ascii") + b'"'
    lines[-1] = lines[-1][:-1] + seals + b"}"
    return b"".join(line + b"\n" for line in lines), chain


def decode_entry(raw: bytes) -> tuple[Entry, bytes, tuple[str, str] | None] | None:
    """The line's entry, the line without its seals, and its seals (the team's HMAC
    and the caller's signature) if it ends a batch; None when it is not whole or odd."""
    try:
        line = orjson.loads(raw)  # 20,000 lines of a team: a quarter of json's time
        seq, caller_id, kind, at, body = (
            line["seq"],
            line["caller"],
            line["kind"],
            line["at"],
            line["body"],
        )
        if not (isinstance(seq, int) and isinstance(caller_id, str) and isinstance(kind, str)):
            return None
        if not (isinstance(body, dict) and isinstance(at, str)):
            return None
        seals = None
        if "sig" in line:
            cut = raw.rfind(SEAL)
            if cut < 0 or not isinstance(line["sig"], str):
                return None
            raw = raw[:cut] + b"}"
            seals = (line["sig"], line["ed"] if isinstance(line.get("ed"), str) else "")
        return Entry(seq, caller_id, kind, datetime.fromisoformat(at), body), raw, seals
    except (ValueError, TypeError, KeyError, AttributeError, orjson.JSONDecodeError):
        return None


@dataclass
class CallerFile:
    """What has been read so far of one caller's file: lines are only ever added, so
    each reading goes on from where the last one stopped. Lines are taken a signed
    batch at a time; a file whose greeting has no key (written by a relance before
    callers signed) is read line by line and marked `unsigned`."""

    path: Path
    offset: int = 0
    entries: list[Entry] = field(default_factory=list)
    caller_id: str = ""
    public_key: str = ""
    unsigned: bool = False
    chain: bytes = CHAIN_START  # after the last line taken
    stuck_at: int | None = None  # the number of a line that is cut short or not the team's
    _seen: tuple[int, int] = (-1, -1)  # size and mtime when last read

    def read_more(self, key: str) -> list[Entry]:
        """The entries added since the last reading (none if the file did not change)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return []
        if (stat.st_size, stat.st_mtime_ns) == self._seen:
            return []
        if stat.st_size < self.offset:  # replaced by a shorter file: read it again
            self.offset, self.entries, self.caller_id, self.chain = 0, [], "", CHAIN_START
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            data = handle.read()
        self._seen = (stat.st_size, stat.st_mtime_ns)
        added: list[Entry] = []
        pending: list[Entry] = []  # read, waiting for the signature that ends their batch
        ends: list[tuple[int, bytes, tuple[str, str], int]] = []  # lines, chain, seals, bytes
        pending_bytes, chain = 0, self.chain
        self.stuck_at = None
        for raw in _whole_lines(data):
            decoded = decode_entry(raw)
            expected_seq = len(self.entries) + len(pending) + 1
            if decoded is None or not self._follows(decoded[0], expected_seq):
                self.stuck_at = expected_seq  # wait for the sync to bring it whole
                break
            entry, part, seals = decoded
            if expected_seq == 1:
                self._greeted(entry)
            chain = link(chain, part)
            pending.append(entry)
            pending_bytes += len(raw) + 1
            if seals is not None:
                ends.append((len(pending), chain, seals, pending_bytes))
        # The last sealed end vouches for every line before it (the chain): one check
        # for all that came since the last reading. If it fails, the longest run of
        # ends that holds is taken, and what follows is never. A file whose greeting
        # names no key of its caller's (a relance before callers signed): the team's
        # seal alone, and `unsigned` says so.
        vouched = _last_that_holds(key, "" if self.unsigned else self.public_key, ends)
        if vouched is not None:
            count, vouched_chain, _, vouched_bytes = vouched
            self._take(pending[:count], vouched_bytes, vouched_chain, added)
            pending = pending[count:]
        if pending:  # the end of their batch is still coming, or is not their caller's
            self.stuck_at = pending[0].seq
        if self.stuck_at is None and not data.endswith(b"\n") and data:
            self.stuck_at = len(self.entries) + 1  # the last line is still coming
        return added

    def _take(self, entries: list[Entry], size: int, chain: bytes, added: list[Entry]) -> None:
        self.entries += entries
        added += entries
        self.offset += size
        self.chain = chain

    def _follows(self, entry: Entry, expected_seq: int) -> bool:
        return entry.seq == expected_seq and (
            not self.caller_id or entry.caller_id == self.caller_id
        )

    def _greeted(self, entry: Entry) -> None:
        self.caller_id = entry.caller_id
        key = entry.body.get("public_key") if entry.kind == "hello" else None
        self.public_key = key if isinstance(key, str) else ""
        self.unsigned = not self.public_key


End = tuple[int, bytes, tuple[str, str], int]  # lines, chain, seals, bytes


def _last_that_holds(key: str, public_key: str, ends: list[End]) -> End | None:
    """The last sealed end whose seals hold, all those before it holding too (with no
    public key, the team's seal alone)."""

    def holds(end: End) -> bool:
        team, own = end[2]
        if not hmac.compare_digest(team_seal(key, end[1]), team):
            return False
        return not public_key or verify(public_key, end[1], own)

    if not ends:
        return None
    if holds(ends[-1]):
        return ends[-1]
    held = None
    for end in ends:  # something was added that the team or its caller did not seal
        if not holds(end):
            break
        held = end
    return held


def _whole_lines(data: bytes) -> Iterator[bytes]:
    """The lines of `data` that end with a newline (the last one may still be coming)."""
    start = 0
    while (end := data.find(b"\n", start)) != -1:
        yield data[start:end]
        start = end + 1


def append_entries(
    path: Path, key: str, entries: list[Entry], signer: Signer | None, chain: bytes
) -> bytes:
    """Add a batch of lines at the end of the caller's own file, on disk before
    returning; the chain after them."""
    if not entries:
        return chain
    data, chain = encode_entries(key, entries, signer, chain)
    new = not path.exists()
    # The callers' folder, never the team's folder above it: a drive not mounted must
    # not become an empty folder on this disk.
    path.parent.mkdir(exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if new:
        fsync_dir(path.parent)
    return chain


def caller_files(folder: Path) -> list[Path]:
    """Every caller's file in the folder, in name order (`CALLER_FILE`)."""
    directory = callers_dir(folder)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if CALLER_FILE.fullmatch(p.name))


def named_for(path: Path, caller_id: str) -> bool:
    """The file's name carries its caller's id (a file renamed is not theirs)."""
    found = CALLER_FILE.fullmatch(path.name)
    return found is not None and caller_id.startswith(found.group(1))


def read_base(folder: Path) -> Tables:
    """The team's base (the event, its call list, the media list), sealed."""
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
    names: dict[str, str] = {}
    for path in caller_files(folder):
        for entry in CallerFile(path).read_more(key)[:1]:
            if entry.kind == "hello":
                names[entry.caller_id] = str(entry.body.get("name", ""))
    return names


def team_calls(
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
