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


def read_journal(path: Path) -> tuple[list[list[Op]], int]:
    """The transactions of a journal and the byte length of its sound prefix.

    A damaged *last* line is a write that never returned (the process died
    mid-append): it is dropped. A damaged line followed by good ones means the
    file itself was damaged, and the store refuses to guess.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    transactions: list[list[Op]] = []
    offset = 0
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        is_last = number == len(lines) or (number == len(lines) - 1 and lines[-1] == b"")
        if raw == b"" and number == len(lines):
            break
        ops = decode_line(raw)
        if ops is None:
            if is_last:
                break
            raise CorruptDataFile(path=str(path), detail_key="store.detail.journal", line=number)
        transactions.append(ops)
        offset += len(raw) + 1
    return transactions, offset


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
