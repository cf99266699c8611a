"""The data file at rest: a TinyDB JSON document, sealed.

The file is what `tinydb.TinyDB(path)` reads: one object per table, each a map
from document id (as a string) to a document. relance adds a `meta` table,
written last, whose `checksum` is the SHA-256 of every byte before it: damage
anywhere in the file, even damage that leaves valid JSON, is seen at the next
start.

A file can also be *sealed* (a team share, see `core.team.shares`): its meta holds
a `seal_key`, and `seal` is an HMAC of the checksum under that key; its journal
lines carry one too. A hand edit with a recomputed checksum no longer passes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from relance_tui.core.errors import CorruptDataFile
from relance_tui.core.store.files import write_atomically_with
from relance_tui.core.store.sliced import read_sliced, read_unlaid
from relance_tui.core.store.tables_cache import BY_EVENT, cache_path, read_tables

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
        "arrivals",
        "settings",
    }
)
Tables = dict[str, dict[str, dict[str, Any]]]
META_MARKER = b',"meta":{"1":'
SLICE = 2000  # documents encoded at a time
TAIL = 1 << 16  # the end of a snapshot read for its meta table
CHUNK = 1 << 20  # bytes hashed at a time
LAYOUT = "layout"  # where each slice of documents lies in the snapshot (`sliced`)
NOT_CARRIED = ("checksum", "seal", LAYOUT)  # a snapshot's own, never written again
SYNC_STEP = 4 << 20  # bytes of a snapshot written between two syncs
_sync = getattr(os, "fdatasync", os.fsync)  # the data (macOS has fsync only)


def encode_doc(doc: Any) -> bytes:
    """Compact UTF-8 JSON: orjson (16 times faster here on a 5,000-contact file), the
    same bytes as `json.dumps(separators=(",", ":"), ensure_ascii=False)`."""
    try:
        return orjson.dumps(doc)
    except (TypeError, orjson.JSONEncodeError):  # what only json takes (a huge int...)
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def seal_key_of(tables: Tables) -> str | None:
    """The key a sealed file's snapshot and journal lines are signed with, or None."""
    meta = tables.get("meta", {}).get("1", {})
    key = meta.get("seal_key") if isinstance(meta, dict) else None
    return key if isinstance(key, str) and key else None


def sign(key: str, data: bytes) -> str:
    """HMAC-SHA256 of `data` under a hex or text key."""
    return hmac.new(key.encode("utf-8"), data, hashlib.sha256).hexdigest()


def _encode_slice(piece: dict[str, Any]) -> bytes:
    """`"id":{doc},"id":{doc}` for a slice of a table: one orjson call (a call per
    document cost 0.5 s of a 20,000-contact fold)."""
    try:
        return orjson.dumps(piece)[1:-1]
    except (TypeError, orjson.JSONEncodeError):
        return b",".join(encode_doc(key) + b":" + encode_doc(doc) for key, doc in piece.items())


def _slices(table: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The table's documents a slice at a time, by the ids it holds as it is reached.

    A fold writes the live tables while keys go on writing (`folding`): the ids are
    a list taken at once, each document read as the slice is encoded, one that was
    removed since left out. A document written since may be the newer one; the
    journal after the fold writes it again, and replaying a whole document over
    itself changes nothing. (A list of every (id, document) pair would make 200,000
    tuples at 20k, one more object each for the cyclic collector to walk.)"""
    ids = list(table)
    for start in range(0, len(ids), SLICE):
        part = ids[start : start + SLICE]
        docs = list(map(table.get, part))
        piece = dict(zip(part, docs, strict=True))
        if None in docs:  # (documents are dicts: none equals None)
            piece = {doc_id: doc for doc_id, doc in piece.items() if doc is not None}
        if piece:
            yield piece


def write_snapshot(
    path: Path, tables: Tables, *, before_replace: Callable[[Path], object] | None = None
) -> str:
    """Write the tables as TinyDB JSON, atomically, a slice at a time, sealed
    (`before_replace` runs once the new file is on disk, before it takes the name).

    Encoding the whole database into one string would double the memory it takes
    at every compaction (tens of MB at agency scale); each slice here is a few
    thousand documents.
    """
    digest = hashlib.sha256()

    layout: list[list[Any]] = []  # each table's name and the spans of its slices
    offset = 0

    def chunks() -> Iterator[bytes]:
        nonlocal offset

        def out(data: bytes) -> bytes:
            nonlocal offset
            digest.update(data)
            offset += len(data)
            return data

        body = [(name, table) for name, table in list(tables.items()) if name != "meta"]
        if not body:
            body = [("_default", {})]  # the seal needs something before the meta table
        yield out(b"{")
        for number, (name, table) in enumerate(body):
            yield out((b"," if number else b"") + encode_doc(name) + b":{")
            spans: list[int] = []
            for piece in _slices(table):
                if spans:
                    yield out(b",")
                start = offset
                yield out(_encode_slice(piece))
                spans += (start, offset)
            layout.append([name, spans])
            yield out(b"}")
        meta = {
            key: value
            for key, value in tables.get("meta", {}).get("1", {}).items()
            if key not in NOT_CARRIED
        }
        meta["checksum"] = digest.hexdigest()
        if isinstance(meta.get("seal_key"), str):
            meta["seal"] = sign(meta["seal_key"], meta["checksum"].encode("ascii"))
        meta[LAYOUT] = layout
        yield META_MARKER + encode_doc(meta) + b"}}"

    write_atomically_with(
        path, lambda handle: _write_in_steps(handle, chunks()), before_replace=before_replace
    )
    return digest.hexdigest()  # the new snapshot's checksum


def _write_in_steps(handle: BinaryIO, chunks: Iterator[bytes]) -> None:
    """Write `chunks`, handing the disk a few megabytes at a time: a snapshot's 40 MB
    synced in one go held the disk for a tenth of a second, and the key whose call
    was being made durable meanwhile waited as long (a fold runs while keys come)."""
    written = 0
    for chunk in chunks:
        handle.write(chunk)
        written += len(chunk)
        if written >= SYNC_STEP:
            handle.flush()
            _sync(handle.fileno())
            written = 0


def parse_snapshot(path: Path, text: bytes, *, verify: bool = True) -> Tables:
    """Parse and check the shape (and seal) of a TinyDB JSON file; CorruptDataFile if wrong."""
    return _parse([text], path, verify)


def _seal_holds(meta: dict[str, Any], checksum: str) -> bool:
    """The meta's seal is the HMAC of `checksum` under its key (true when unsealed)."""
    key = meta.get("seal_key")
    if not isinstance(key, str) or not key:
        return True
    return hmac.compare_digest(str(meta.get("seal", "")), sign(key, checksum.encode()))


def read_snapshot(path: Path, *, verify: bool = True, cached: bool = False) -> Tables:
    """`parse_snapshot` of the file at `path`, never holding its bytes, text and tables
    all at once (at agency scale that is the peak memory of a start). With `cached`
    (the app's own file only, never a file merged or collected), the tables this user
    wrote when the file was last closed stand in for the JSON when they are this
    snapshot's (`tables_cache`)."""
    if verify and cached:
        return read_own_snapshot(path)[0]
    if verify and (sliced := _read_laid_out(path, {})) is not None:
        return sliced
    return _parse([path.read_bytes()], path, verify)


def read_own_snapshot(path: Path) -> tuple[Tables, dict[str, Any], bool]:
    """The app's own file as `read_snapshot(cached=True)` reads it; with the big
    tables' ids by event when they come with the tables (written with them, or
    grouped as a laid-out snapshot is read a slice at a time), and whether the
    tables were this user's `.tables` of this snapshot."""
    if (found := _cached(path)) is not None:
        tables, index = found
        return tables, index if isinstance(index, dict) else {}, True
    by_events: dict[str, Any] = {}
    if (sliced := _read_laid_out(path, by_events)) is not None:
        return sliced, by_events, False
    return _parse([path.read_bytes()], path, True), {}, False


def _cached(path: Path) -> tuple[Tables, object] | None:
    """The cached tables of this snapshot, its meta read from its own end; None when
    there are none for it, or the snapshot does not check out (then the JSON path
    says what is wrong).

    The snapshot is hashed as it is read, a chunk at a time: holding its bytes while
    the tables are loaded made the peak of a 5,000-contact start 15 MB higher."""
    if not cache_path(path).exists():
        return None
    sealed = sealed_meta(path)
    if sealed is None:
        return None
    checksum, meta_table = sealed
    tables = read_tables(path, checksum)
    if tables is None:
        return None
    index = tables.pop(BY_EVENT, None)
    tables["meta"] = meta_table
    return tables, index


def untrusted_cache(path: Path) -> Path | None:
    """The tables file beside `path` when it is not this snapshot's as this user wrote
    it (stale, damaged, planted, or another user's): never read, to be deleted."""
    cache = cache_path(path)
    if not cache.exists():
        return None
    sealed = sealed_meta(path)
    if sealed is not None and read_tables(path, sealed[0]) is not None:
        return None
    return cache


def snapshot_checksum(path: Path) -> str | None:
    """The checksum of the snapshot at `path` when its meta agrees, else None."""
    sealed = sealed_meta(path)
    return sealed[0] if sealed is not None else None


def sealed_meta(path: Path) -> tuple[str, dict[str, Any]] | None:
    """The checksum of the snapshot at `path` and its meta table, read from its end,
    when they agree (and its seal holds); else None."""
    found = _tail_meta(path)
    if found is None:
        return None
    cut, meta_table = found
    try:
        with path.open("rb") as handle:
            digest = hashlib.sha256()
            left = cut
            while left > 0 and (chunk := handle.read(min(CHUNK, left))):
                digest.update(chunk)
                left -= len(chunk)
    except OSError:
        return None
    checksum = digest.hexdigest()
    if left or not _meta_holds(meta_table, checksum):
        return None
    return checksum, meta_table


def _tail_meta(path: Path) -> tuple[int, dict[str, Any]] | None:
    """Where the meta table of the snapshot at `path` starts, and that table (without
    its layout), read from the file's end; None when the end is not a meta table."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            handle.seek(max(0, size - TAIL))
            tail = handle.read()
    except OSError:
        return None
    at = tail.rfind(META_MARKER)
    if at < 0 or not tail.endswith(b"}}"):
        return None
    try:
        meta_table = json.loads(tail[at + len(b',"meta":') : -1])
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(meta_table, dict) or not isinstance(meta_table.get("1"), dict):
        return None
    return size - len(tail) + at, meta_table


def _meta_holds(meta_table: dict[str, Any], checksum: str) -> bool:
    meta = meta_table["1"]
    meta.pop(LAYOUT, None)
    return meta.get("checksum") == checksum and _seal_holds(meta, checksum)


def _read_laid_out(path: Path, by_events: dict[str, Any]) -> Tables | None:
    """The snapshot read a slice at a time (`sliced`), when its meta says where the
    slices are and every byte checks out; None sends the caller to the whole parse."""
    found = _tail_meta(path)
    if found is None:
        return None
    cut, meta_table = found
    layout = meta_table["1"].get(LAYOUT)
    index: dict[str, Any] = {}
    read = read_sliced(path, meta_table, layout, cut, KNOWN_TABLES, index)
    if read is None or not _meta_holds(meta_table, read[1]):
        return None
    by_events.update(index)
    return read[0]


def _parse_json(decoded: str, path: Path) -> Any:
    """The tables, or CorruptDataFile saying where the text stops being JSON."""
    try:
        return json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise CorruptDataFile(
            path=str(path), detail_key="store.detail.not_json", line=exc.lineno, column=exc.colno
        ) from None


def _in_pieces(text: bytes, cut: int) -> Tables | None:
    """A compact snapshot without layout read a megabyte at a time (`sliced`), or None."""
    end = len(text)
    while end and text[end - 1] in b" \t\r\n":  # (not `rstrip`: a copy of it all)
        end -= 1
    if cut < 0 or text[end - 1 : end] != b"}":
        return None
    tables = read_unlaid(text, cut, KNOWN_TABLES)
    if tables is None:
        return None
    try:
        meta_table = json.loads(text[cut + len(b',"meta":') : end - 1])
    except ValueError:
        return None
    tables["meta"] = meta_table
    return tables


def _parse(holder: list[bytes], path: Path, verify: bool) -> Tables:
    text = holder.pop()
    if not text.strip():
        raise CorruptDataFile(path=str(path), detail_key="store.detail.empty")
    cut = text.rfind(META_MARKER)
    digest = hashlib.sha256(memoryview(text)[:cut]).hexdigest() if cut >= 0 else None
    data = _in_pieces(text, cut)
    if data is None:
        try:
            decoded = text.decode("utf-8")
        except UnicodeDecodeError:
            raise CorruptDataFile(path=str(path), detail_key="store.detail.encoding") from None
        del text  # the bytes go before the tables are built: a lower peak at the start
        # The standard library reads: orjson is 2.5 times faster here, but its peak is
        # 15 MB higher at 5,000 contacts and the tables it builds 10 MB larger.
        data = _parse_json(decoded, path)
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
    if isinstance(meta := data.get("meta", {}).get("1"), dict):
        meta.pop(LAYOUT, None)
    if verify:
        meta = data.get("meta", {}).get("1", {})
        expected = meta.get("checksum") if isinstance(meta, dict) else None
        # No seal: written before seals existed, or by hand. A seal must match.
        if expected is not None and expected != digest:
            raise CorruptDataFile(path=str(path), detail_key="store.detail.checksum")
        if seal_key_of(data) is not None and (expected is None or not _seal_holds(meta, expected)):
            raise CorruptDataFile(path=str(path), detail_key="store.detail.seal")
    # Tens of thousands of calls repeat a few words: share them.
    for doc in data.get("attempts", {}).values():
        for key in ("outcome", "caller"):
            value = doc.get(key)
            if isinstance(value, str):
                doc[key] = sys.intern(value)
    return data
