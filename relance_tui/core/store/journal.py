"""The journal: every change, one checksummed line, fsync'd before it counts.

A line is `<crc32 hex> <json list of ops>\\n`. The store appends a line and
fsyncs it *before* changing anything in memory, so a write that returned is on
disk and a write that failed changed nothing. Compaction (`Store.compact`)
folds the journal into the snapshot and starts a new one.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import threading
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relance_tui.core.errors import CorruptDataFile, StoreWriteFailed, os_words
from relance_tui.core.store.files import FILE_MODE, fsync_dir
from relance_tui.core.store.snapshot import Tables, encode_doc, sign


@dataclass(frozen=True)
class Put:
    """Insert or replace one document."""

    table: str
    doc_id: int
    doc: Mapping[str, Any]


@dataclass(frozen=True)
class Delete:
    """Remove one document."""

    table: str
    doc_id: int


Op = Put | Delete


def _op_list(ops: Iterable[Op]) -> list[list[Any]]:
    return [
        ["put", op.table, op.doc_id, op.doc]
        if isinstance(op, Put)
        else ["del", op.table, op.doc_id]
        for op in ops
    ]


def encode_ops(
    ops: Iterable[Op], seq: int | None = None, generation: int = 0, key: str | None = None
) -> bytes:
    """One journal line: `<crc32 hex> <json>\\n`. With `seq`, the JSON is
    `{"g": generation, "s": seq, "ops": [...]}`: the snapshot generation it follows
    and its place in the journal, so a missing, repeated or reordered line shows.
    With the `key` of a sealed file, `"h"` signs the line."""
    body: Any = _op_list(ops)
    if seq is not None:
        body = {"g": generation, "s": seq, "ops": body}
        if key is not None:
            body["h"] = _signature(key, body)
    payload = encode_doc(body)  # orjson: a 10,000-row import's line in a fifth of the time
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


@dataclass(frozen=True)
class Line:
    """A journal line that checks: its ops, and its generation and sequence number
    (None for a line written before lines carried them)."""

    ops: list[Op]
    generation: int | None = None
    seq: int | None = None


def _signature(key: str, body: Mapping[str, Any]) -> str:
    unsigned = {"g": body.get("g"), "s": body.get("s"), "ops": body.get("ops")}
    return sign(key, json.dumps(unsigned, ensure_ascii=False, separators=(",", ":")).encode())


def lines_whole(path: Path) -> bool:
    """Every line of the journal at `path` checks against its CRC (the last one may be
    torn: a write that never returned). Unreadable: False."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    lines = data.split(b"\n")
    for number, line in enumerate(lines, start=1):
        if number == len(lines):
            break  # torn, or the empty rest after the last newline
        try:
            if len(line) < 10 or int(line[:8], 16) != zlib.crc32(line[9:]):
                return False
        except ValueError:
            return False
    return True


def decode_line(line: bytes, key: str | None = None) -> list[Op] | None:
    """The ops of one journal line, or None when the line is damaged."""
    decoded = decode(line, key)
    return decoded.ops if decoded is not None else None


def decode(line: bytes, key: str | None = None) -> Line | None:
    """One journal line, or None when it is damaged (or, in a sealed file, unsigned)."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    payload = line[9:].rstrip(b"\n")
    try:
        if int(line[:8], 16) != zlib.crc32(payload):
            return None
        raw = json.loads(payload.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    generation = seq = None
    if key is not None and not (
        isinstance(raw, dict) and hmac.compare_digest(str(raw.get("h", "")), _signature(key, raw))
    ):
        return None
    if isinstance(raw, dict):
        generation, seq, raw = raw.get("g"), raw.get("s"), raw.get("ops")
        if not isinstance(generation, int) or not isinstance(seq, int):
            return None
    if not isinstance(raw, list):
        return None
    ops: list[Op] = []
    try:
        for item in raw:
            if item[0] == "put" and isinstance(item[3], dict):
                ops.append(Put(str(item[1]), int(item[2]), item[3]))
            elif item[0] == "del":
                ops.append(Delete(str(item[1]), int(item[2])))
            else:
                return None
    except (TypeError, IndexError, KeyError, ValueError):
        return None
    return Line(ops, generation, seq)


def apply_ops(tables: Tables, ops: Iterable[Op]) -> None:
    """Change `tables` as the ops say (the only place where tables are changed)."""
    for op in ops:
        table = tables.setdefault(op.table, {})
        if isinstance(op, Put):
            table[str(op.doc_id)] = dict(op.doc)
        else:
            table.pop(str(op.doc_id), None)


def data_file_of(journal: Path) -> Path:
    """The data file a journal belongs to ("db.json.journal" -> "db.json")."""
    return journal.with_name(journal.name.removesuffix(".prev").removesuffix(".journal"))


def read_journal(
    path: Path, generation: int | None = None, key: str | None = None
) -> tuple[list[list[Op]], int]:
    """The transactions of a journal and the sequence number its next line takes.

    A last line without its newline is a write that never returned (the process
    died mid-append): it is dropped. Any other line that does not check means the
    file itself was damaged, and the store refuses to guess; the error names the
    data file (what the user opens and `check --restore` repairs).

    With `generation` (the snapshot's), sequenced lines are checked: lines of an
    older generation were folded into the snapshot already (a compaction that died
    before it set its journal aside) and are skipped; lines of the snapshot's own
    generation must run 1, 2, 3… — a missing, repeated or reordered line is damage,
    and so is a line newer than the snapshot (an old snapshot put back).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], 1
    return parse_journal(data, path, generation, key)


def parse_journal(
    data: bytes, path: Path, generation: int | None = None, key: str | None = None
) -> tuple[list[list[Op]], int]:
    """`read_journal` over bytes already read (`path` names it in errors)."""
    transactions: list[list[Op]] = []
    expected = 1
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        torn = number == len(lines)
        if raw == b"" and torn:
            break
        line = decode(raw, key)
        if line is None:
            if torn:
                break
            raise CorruptDataFile(
                path=str(data_file_of(path)), detail_key="store.detail.journal", line=number
            )
        if generation is not None and line.seq is not None:
            if line.generation is not None and line.generation < generation:
                continue  # folded into the snapshot already
            if line.generation != generation or line.seq != expected:
                raise CorruptDataFile(
                    path=str(data_file_of(path)), detail_key="store.detail.sequence", line=number
                )
            expected += 1
        transactions.append(line.ops)
    return transactions, expected


@dataclass(frozen=True)
class DamagedLine:
    """A journal line that does not check: where, and what it seems to hold."""

    number: int
    table: str  # "" when not even that can be read
    doc: Mapping[str, Any]


def read_journal_lenient(
    path: Path, key: str | None = None
) -> tuple[list[list[Op]], list[DamagedLine]]:
    """Every transaction that checks, and the lines that do not (for recovery only:
    a damaged line is skipped, never guessed)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], []
    transactions: list[list[Op]] = []
    damaged: list[DamagedLine] = []
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        torn = number == len(lines)
        if raw == b"" and torn:
            break
        ops = decode_line(raw, key)
        if ops is not None:
            transactions.append(ops)
        elif not torn:
            damaged.append(_what_it_held(number, raw))
    return transactions, damaged


def _what_it_held(number: int, raw: bytes) -> DamagedLine:
    try:
        body = json.loads(raw[9:].decode("utf-8", errors="replace"))
        item = (body["ops"] if isinstance(body, dict) else body)[0]
        return DamagedLine(number, str(item[1]), item[3] if isinstance(item[3], dict) else {})
    except (ValueError, TypeError, IndexError, KeyError):
        return DamagedLine(number, "", {})


class Journal:
    """The open journal of one data file: `append` returns once the line is on disk."""

    def __init__(
        self, path: Path, generation: int = 0, next_seq: int = 1, key: str | None = None
    ) -> None:
        self.path = path
        self.key = key  # a sealed file's: every line signed
        self.lines = 0  # appended since the last compaction
        self.generation = generation  # of the snapshot this journal follows
        self.next_seq = next_seq
        self._fd: int | None = None
        self._lock = threading.Lock()  # `prepare` may run in a thread
        self._closed = False

    def prepare(self) -> None:
        """Create the file and make its name durable now, in a thread at open: the first
        call of a session then pays one line's fsync, not a new file's (90 ms of the
        first key at 20,000 contacts). A failure here is the first append's to say."""
        with self._lock:
            if self._fd is not None or self._closed:
                return
            with contextlib.suppress(OSError):
                fd = self._open()
                try:
                    os.fsync(fd)
                    fsync_dir(self.path.parent)
                except OSError:
                    os.close(fd)
                    raise
                self._fd = fd

    def append(self, ops: list[Op]) -> None:
        """Append `ops` as one line and fsync it; StoreWriteFailed (and no line) on error."""
        try:
            line = encode_ops(ops, self.next_seq, self.generation, self.key)
        except (UnicodeEncodeError, TypeError, ValueError) as exc:
            # Malformed text (a lone surrogate) or a value JSON cannot hold: refuse it whole.
            raise StoreWriteFailed(path=str(data_file_of(self.path)), detail=str(exc)[:80]) from exc
        with self._lock:
            self._append(line)
        self.lines += 1
        self.next_seq += 1

    def _append(self, line: bytes) -> None:
        self._closed = False
        try:
            if self._fd is None:
                self._fd = self._open()
            start = os.fstat(self._fd).st_size
            try:
                written = os.write(self._fd, line)
                if written != len(line):
                    raise OSError(28, "short write")
                os.fsync(self._fd)
            except OSError:
                # Leave no partial line behind (a full disk can cut a write short).
                with contextlib.suppress(OSError):
                    os.ftruncate(self._fd, start)
                raise
        except OSError as exc:
            raise StoreWriteFailed(path=str(data_file_of(self.path)), detail=os_words(exc)) from exc

    def _open(self) -> int:
        return os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)

    def close(self) -> None:
        with self._lock:
            self._closed = True  # a `prepare` that comes late opens nothing
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def is_named(self) -> bool:
        """The open file still has the journal's name (not deleted or moved under us)."""
        with self._lock:
            if self._fd is None:
                return True
            try:
                mine, named = os.fstat(self._fd), os.stat(self.path)
            except OSError:
                return False
        return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)

    def has_lines(self) -> bool:
        """Something was written to the file (an empty one is only `prepare`'s)."""
        try:
            return self.path.stat().st_size > 0
        except FileNotFoundError:
            return False
