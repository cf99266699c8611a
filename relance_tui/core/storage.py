"""A durable TinyDB storage: the JSON snapshot plus an fsync'd append-only journal.

The user's data file stays a plain TinyDB JSON file. Every change is first
appended to `<file>.journal` as one checksummed line and fsync'd; only then is
it applied in memory, so a write that returned is on disk, and a write that
failed changed nothing. `compact()` folds the journal back into the snapshot by
writing a temporary file, fsync'ing it and `os.replace`-ing it over the
snapshot; the previous snapshot and journal are kept as `.bak` and
`.journal.prev`, which together rebuild the current state if the snapshot is
ever damaged. See docs/storage.md for the measurements behind this design.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from tinydb.storages import Storage

from relance_tui.core.errors import CorruptDataFile, StoreWriteFailed

FILE_MODE = 0o600
KNOWN_TABLES = frozenset(
    {
        "_default",
        "meta",
        "outlets",
        "shows",
        "contacts",
        "events",
        "targets",
        "attempts",
        "takes",
        "settings",
    }
)
Tables = dict[str, dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class Put:
    table: str
    doc_id: int
    doc: Mapping[str, Any]


@dataclass(frozen=True)
class Delete:
    table: str
    doc_id: int


Op = Put | Delete


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file, fsync it and rename it over `path` (mode 0600)."""
    write_atomically_bytes(path, text.encode("utf-8"))


META_MARKER = b',"meta":{"1":'


def write_tables_atomically(path: Path, tables: Tables) -> None:
    """Write the tables as TinyDB JSON, atomically, a slice at a time, sealed.

    Encoding the whole database into one string would double the memory it takes
    at every compaction (tens of MB at agency scale); each slice here is a few
    thousand documents. The `meta` table is written last and carries the SHA-256
    of everything before it, so damage anywhere in the file is seen at the next
    start (`parse_snapshot`), even damage that leaves valid JSON.
    """
    digest = hashlib.sha256()

    def chunks() -> Iterator[bytes]:
        body = {name: table for name, table in tables.items() if name != "meta"}
        if not body:
            body = {"_default": {}}  # the seal needs something before the meta table
        opening = b"{"
        digest.update(opening)
        yield opening
        for number, (name, table) in enumerate(body.items()):
            pieces = [("," if number else "") + json.dumps(name) + ":{"]
            items = list(table.items())
            for start in range(0, len(items), 2000):
                pieces.append(
                    ("," if start else "")
                    + ",".join(
                        json.dumps(key)
                        + ":"
                        + json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
                        for key, doc in items[start : start + 2000]
                    )
                )
                chunk = "".join(pieces).encode("utf-8")
                pieces = []
                digest.update(chunk)
                yield chunk
            closing = ("".join(pieces) + "}").encode("utf-8")
            digest.update(closing)
            yield closing
        meta = {
            key: value
            for key, value in tables.get("meta", {}).get("1", {}).items()
            if key != "checksum"
        }
        meta["checksum"] = digest.hexdigest()
        yield (
            META_MARKER
            + json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            + b"}}"
        )

    _write_atomically_with(path, lambda handle: handle.writelines(chunks()))


def copy_atomically(source: Path, path: Path) -> None:
    """Copy `source` to `path` (0600), streamed, fsync'd, renamed into place."""

    def copy(handle: BinaryIO) -> None:
        with source.open("rb") as origin:
            shutil.copyfileobj(origin, handle, 1024 * 1024)

    _write_atomically_with(path, copy)


def write_atomically_bytes(path: Path, data: bytes) -> None:
    _write_atomically_with(path, lambda handle: handle.write(data))


def _write_atomically_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


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


def parse_snapshot(path: Path, text: bytes, *, verify: bool = True) -> Tables:
    """Parse and check the shape (and seal) of a TinyDB JSON file; CorruptDataFile if wrong."""
    return _parse([text], path, verify)


def read_snapshot(path: Path, *, verify: bool = True) -> Tables:
    """`parse_snapshot` of the file at `path`, never holding its bytes, text and tables
    all at once (at agency scale that is the peak memory of a start)."""
    return _parse([path.read_bytes()], path, verify)


def _parse(holder: list[bytes], path: Path, verify: bool) -> Tables:
    text = holder.pop()
    if not text.strip():
        raise CorruptDataFile(path=str(path), detail_key="store.detail.empty")
    cut = text.rfind(META_MARKER)
    digest = hashlib.sha256(memoryview(text)[:cut]).hexdigest() if cut >= 0 else None
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        raise CorruptDataFile(path=str(path), detail_key="store.detail.encoding") from None
    del text
    try:
        data = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise CorruptDataFile(
            path=str(path), detail_key="store.detail.not_json", line=exc.lineno, column=exc.colno
        ) from None
    del decoded
    if not isinstance(data, dict):
        raise CorruptDataFile(path=str(path), detail_key="store.detail.shape", what="top level")
    for name, table in data.items():
        if name not in KNOWN_TABLES:
            raise CorruptDataFile(path=str(path), detail_key="store.detail.shape", what=name)
        if not isinstance(table, dict) or not all(
            isinstance(doc, dict) and key.isdigit() for key, doc in table.items()
        ):
            raise CorruptDataFile(path=str(path), detail_key="store.detail.shape", what=name)
    if verify:
        meta = data.get("meta", {}).get("1", {})
        expected = meta.get("checksum") if isinstance(meta, dict) else None
        # No seal: written before seals existed, or by hand. A seal must match.
        if expected is not None and expected != digest:
            raise CorruptDataFile(path=str(path), detail_key="store.detail.checksum")
    # Tens of thousands of calls repeat a few words: share them.
    for doc in data.get("attempts", {}).values():
        for key in ("outcome", "caller"):
            value = doc.get(key)
            if isinstance(value, str):
                doc[key] = sys.intern(value)
    return data


class JournaledStorage(Storage):
    """TinyDB storage whose reads and writes are in memory; durability is `commit()`.

    TinyDB hands a storage the whole database on each write; the Store knows
    what it changed and commits just that to the journal *before* changing the
    in-memory tables, so a failed commit leaves memory and disk as they were.
    """

    def __init__(self, path: Path, tables: Tables, compact_every: int = 2000) -> None:
        self.path = path
        self.journal_path = path.with_name(path.name + ".journal")
        self._tables = tables
        self._pending = 0
        self.compact_every = compact_every
        self._journal_fd: int | None = None

    # TinyDB's Storage interface -----------------------------------------
    def read(self) -> Tables:
        return self._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._tables = data

    def close(self) -> None:
        if self._journal_fd is not None:
            os.close(self._journal_fd)
            self._journal_fd = None

    # durability ----------------------------------------------------------
    def commit(self, ops: list[Op]) -> None:
        """Append `ops` as one journal line and fsync it; raise StoreWriteFailed on error."""
        try:
            line = encode_ops(ops)
        except (UnicodeEncodeError, TypeError, ValueError) as exc:
            # Malformed text (a lone surrogate) or a value JSON cannot hold: refuse it whole.
            raise StoreWriteFailed(path=str(self.journal_path), detail=str(exc)[:80]) from exc
        try:
            if self._journal_fd is None:
                self._journal_fd = os.open(
                    self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE
                )
            start = os.fstat(self._journal_fd).st_size
            try:
                written = os.write(self._journal_fd, line)
                if written != len(line):
                    raise OSError(28, "short write")
                os.fsync(self._journal_fd)
            except OSError:
                # Leave no partial line behind (a full disk can cut a write short).
                with contextlib.suppress(OSError):
                    os.ftruncate(self._journal_fd, start)
                raise
        except OSError as exc:
            raise StoreWriteFailed(path=str(self.journal_path), detail=exc.strerror or exc) from exc
        self._pending += 1

    @property
    def needs_compaction(self) -> bool:
        return self._pending >= self.compact_every

    def compact(self) -> None:
        """Fold the journal into the snapshot (atomic replace), keeping one generation back."""
        bak = self.path.with_name(self.path.name + ".bak")
        prev = self.path.with_name(self.path.name + ".journal.prev")
        try:
            if self.path.exists():
                # A copy, not a hard link: damage done to the file in place must
                # not reach its backup.
                copy_atomically(self.path, bak)
            write_tables_atomically(self.path, self._tables)
            self.close()
            if self.journal_path.exists():
                os.replace(self.journal_path, prev)
                _fsync_dir(self.path.parent)
        except OSError as exc:
            raise StoreWriteFailed(path=str(self.path), detail=exc.strerror or exc) from exc
        self._pending = 0
