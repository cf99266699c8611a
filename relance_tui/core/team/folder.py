"""The team's folder, carried by a sync engine (Syncthing, a cloud folder, a share).

    FOLDER/relance-equipe.json          the event and its call list, written once
    FOLDER/appelants/<name>-<id>.jsonl  one per caller, appended to by that caller only

One writer per file, so no sync engine ever sees two versions of one file to
reconcile. A caller's file is a log of signed lines: a greeting (who writes it),
calls, leases ("I am on this card until…") and releases. Every line carries its
number and an HMAC under the team's key, so a line cut short by a sync still under
way, or changed by anything but relance, stops the reading there: the lines after
it wait until the file is whole again, they are never merged.
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from relance_tui.core.store.files import FILE_MODE, fsync_dir
from relance_tui.core.store.snapshot import sign

BASE_NAME = "relance-equipe.json"
CALLERS_DIR = "appelants"
SUFFIX = ".jsonl"


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


def _signed_part(seq: int, caller_id: str, kind: str, at: str, body: Any) -> bytes:
    return json.dumps(
        [seq, caller_id, kind, at, body], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def encode_entry(key: str, entry: Entry) -> bytes:
    at = entry.at.isoformat()
    signature = sign(key, _signed_part(entry.seq, entry.caller_id, entry.kind, at, entry.body))
    line = {
        "seq": entry.seq,
        "caller": entry.caller_id,
        "kind": entry.kind,
        "at": at,
        "body": entry.body,
        "sig": signature,
    }
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def decode_entry(key: str, raw: bytes) -> Entry | None:
    """The line's entry, or None when it is not whole, not signed by the team, or odd."""
    try:
        line = json.loads(raw)
        seq, caller_id, kind = line["seq"], line["caller"], line["kind"]
        at, body, signature = line["at"], line["body"], line["sig"]
        if not (isinstance(seq, int) and isinstance(caller_id, str) and isinstance(kind, str)):
            return None
        if not (isinstance(body, dict) and isinstance(signature, str) and isinstance(at, str)):
            return None
        expected = sign(key, _signed_part(seq, caller_id, kind, at, body))
        if not hmac.compare_digest(expected, signature):
            return None
        return Entry(seq, caller_id, kind, datetime.fromisoformat(at), body)
    except (ValueError, TypeError, KeyError):
        return None


@dataclass
class CallerFile:
    """What has been read so far of one caller's file: lines are only ever added, so
    each reading goes on from where the last one stopped."""

    path: Path
    offset: int = 0
    entries: list[Entry] = field(default_factory=list)
    caller_id: str = ""
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
            self.offset, self.entries, self.caller_id = 0, [], ""
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            data = handle.read()
        self._seen = (stat.st_size, stat.st_mtime_ns)
        added: list[Entry] = []
        self.stuck_at = None
        for raw in _whole_lines(data):
            entry = decode_entry(key, raw)
            expected_seq = len(self.entries) + 1
            if (
                entry is None
                or entry.seq != expected_seq
                or (self.caller_id and entry.caller_id != self.caller_id)
            ):
                self.stuck_at = expected_seq  # wait for the sync to bring it whole
                break
            self.caller_id = self.caller_id or entry.caller_id
            self.entries.append(entry)
            added.append(entry)
            self.offset += len(raw) + 1
        if self.stuck_at is None and not data.endswith(b"\n") and data:
            self.stuck_at = len(self.entries) + 1  # the last line is still coming
        return added


def _whole_lines(data: bytes) -> Iterator[bytes]:
    """The lines of `data` that end with a newline (the last one may still be coming)."""
    start = 0
    while (end := data.find(b"\n", start)) != -1:
        yield data[start:end]
        start = end + 1


def append_entries(path: Path, key: str, entries: list[Entry]) -> None:
    """Add lines at the end of the caller's own file, on disk before returning."""
    if not entries:
        return
    data = b"".join(encode_entry(key, e) for e in entries)
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


def caller_files(folder: Path) -> list[Path]:
    """Every caller's file in the folder, in name order (a sync engine's conflict copies
    and temporary files are not callers' files)."""
    directory = callers_dir(folder)
    if not directory.is_dir():
        return []
    return sorted(
        p
        for p in directory.iterdir()
        if p.name.endswith(SUFFIX)
        and not p.name.startswith(".")
        and ".sync-conflict-" not in p.name
    )
