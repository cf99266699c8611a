"""The journal: every change, one checksummed line, fsync'd before it counts.

A line is `<crc32 hex> <json list of ops>\\n`. The store appends a line and
fsyncs it *before* changing anything in memory, so a write that returned is on
disk and a write that failed changed nothing. Compaction (`Store.compact`)
folds the journal into the snapshot and starts a new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relance_tui.core.errors import CorruptDataFile, StoreWriteFailed
from relance_tui.core.store.files import FILE_MODE
from relance_tui.core.store.snapshot import Tables


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


def encode_ops(ops: Iterable[Op]) -> bytes:
    """One journal line: `<crc32 hex> <json list of ops>\\n`."""
    payload = json.dumps(
        [
            ["put", op.table, op.doc_id, op.doc]
            if isinstance(op, Put)
            else ["del", op.table, op.doc_id]
            for op in ops
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def decode_line(line: bytes) -> list[Op] | None:
    """The ops of one journal line, or None when the line is damaged."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    payload = line[9:].rstrip(b"\n")
    try:
        if int(line[:8], 16) != zlib.crc32(payload):
            return None
        raw = json.loads(payload.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
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
    return ops


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


def read_journal(path: Path) -> tuple[list[list[Op]], int]:
    """The transactions of a journal and the byte length of its sound prefix.

    A last line without its newline is a write that never returned (the process
    died mid-append): it is dropped. Any other line that does not check means the
    file itself was damaged, and the store refuses to guess; the error names the
    data file (what the user opens and `check --restore` repairs).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    transactions: list[list[Op]] = []
    offset = 0
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        # Only a last line without its newline is a write that never returned; a
        # complete line that does not check is damage, even at the end.
        torn = number == len(lines)
        if raw == b"" and torn:
            break
        ops = decode_line(raw)
        if ops is None:
            if torn:
                break
            raise CorruptDataFile(
                path=str(data_file_of(path)), detail_key="store.detail.journal", line=number
            )
        transactions.append(ops)
        offset += len(raw) + 1
    return transactions, offset


@dataclass(frozen=True)
class DamagedLine:
    """A journal line that does not check: where, and what it seems to hold."""

    number: int
    table: str  # "" when not even that can be read
    doc: Mapping[str, Any]


def read_journal_lenient(path: Path) -> tuple[list[list[Op]], list[DamagedLine]]:
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
        ops = decode_line(raw)
        if ops is not None:
            transactions.append(ops)
        elif not torn:
            damaged.append(_what_it_held(number, raw))
    return transactions, damaged


def _what_it_held(number: int, raw: bytes) -> DamagedLine:
    try:
        item = json.loads(raw[9:].decode("utf-8", errors="replace"))[0]
        return DamagedLine(number, str(item[1]), item[3] if isinstance(item[3], dict) else {})
    except (ValueError, TypeError, IndexError, KeyError):
        return DamagedLine(number, "", {})


class Journal:
    """The open journal of one data file: `append` returns once the line is on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines = 0  # appended since the last compaction
        self._fd: int | None = None

    def append(self, ops: list[Op]) -> None:
        """Append `ops` as one line and fsync it; StoreWriteFailed (and no line) on error."""
        try:
            line = encode_ops(ops)
        except (UnicodeEncodeError, TypeError, ValueError) as exc:
            # Malformed text (a lone surrogate) or a value JSON cannot hold: refuse it whole.
            raise StoreWriteFailed(path=str(self.path), detail=str(exc)[:80]) from exc
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
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
            raise StoreWriteFailed(path=str(self.path), detail=exc.strerror or exc) from exc
        self.lines += 1

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
