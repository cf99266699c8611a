"""A snapshot read a slice of documents at a time, by the layout its meta gives.

`json.loads` of a whole 20,000-contact file holds its text while the tables are
built: 38 MB of UTF-8 become a 76 MB `str` as soon as one character is above
U+00FF (an em dash, a curly apostrophe, "œ"), on top of the tables. The writer
(`snapshot.write_snapshot`) notes in the meta where each slice of a table lies; here
the file is read in that order, each slice hashed and parsed alone, so the peak is
the tables and one slice.

The layout is not trusted: it is a shortcut, never a source. Every byte between two
slices is checked to be exactly the punctuation the writer puts there, the slices
tile the body up to the meta, and each slice must parse as a list of members. Then
the text is the slices joined by that punctuation, and JSON has one parse: the
tables are the ones `json.loads` of the whole text gives. Anything else (no layout,
a layout that does not fit, a slice that does not parse) returns None and the
caller parses the whole file, which says what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any, BinaryIO

from relance_tui.core.store.event_index import EVENT_TABLES, ByEvent

Tables = dict[str, dict[str, dict[str, Any]]]
SHARED = ("outcome", "caller")  # words tens of thousands of calls repeat


def read_sliced(
    path: Path,
    meta_table: dict[str, Any],
    layout: Any,
    cut: int,
    known: frozenset[str],
    by_events: dict[str, ByEvent],
) -> tuple[Tables, str] | None:
    """The tables of the snapshot at `path` (whose meta table, already read, starts at
    byte `cut`) and the SHA-256 of its bytes before the meta; None when `layout` does
    not describe the file. `by_events` receives the ids by event of `EVENT_TABLES`,
    grouped as each slice is read (`event_index`; one pass less at a cold start)."""
    if not _well_formed(layout):
        return None
    digest = hashlib.sha256()
    tables: Tables = {}
    found: dict[str, ByEvent] = {}
    try:
        with path.open("rb") as handle:
            if not _expect(handle, b"{", digest):
                return None
            for number, (name, spans) in enumerate(layout):
                if name not in known or name == "meta" or name in tables:
                    return None
                header = (b"," if number else b"") + json.dumps(name).encode() + b":{"
                if not _expect(handle, header, digest):
                    return None
                index: ByEvent | None = {} if name in EVENT_TABLES else None
                table = _read_table(handle, spans, digest, index)
                if table is None or not _expect(handle, b"}", digest):
                    return None
                tables[name] = table
                if index is not None:
                    found[name] = index
            if handle.tell() != cut:
                return None
    except OSError:
        return None
    by_events.update(found)
    by_events.update((name, {}) for name in EVENT_TABLES if name not in found)
    tables["meta"] = meta_table
    return tables, digest.hexdigest()


def _well_formed(layout: Any) -> bool:
    return isinstance(layout, list) and all(
        isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], list)
        and len(entry[1]) % 2 == 0
        and all(type(at) is int and at >= 0 for at in entry[1])
        for entry in layout
    )


def _expect(handle: BinaryIO, literal: bytes, digest: Any) -> bool:
    read = handle.read(len(literal))
    digest.update(read)
    return read == literal


def _read_table(
    handle: BinaryIO, spans: list[int], digest: Any, index: ByEvent | None
) -> dict[str, Any] | None:
    table: dict[str, Any] = {}
    for at in range(0, len(spans), 2):
        start, end = spans[at], spans[at + 1]
        if at and not _expect(handle, b",", digest):
            return None
        if handle.tell() != start or end <= start:
            return None
        data = handle.read(end - start)
        digest.update(data)
        if len(data) != end - start:
            return None
        try:
            piece = json.loads(b"{" + data + b"}")
        except ValueError:  # JSONDecodeError, UnicodeDecodeError
            return None
        del data
        if not isinstance(piece, dict) or not all(map(str.isdigit, piece)):
            return None
        if not set(map(type, piece.values())) <= {dict}:
            return None
        if index is not None:
            for key, doc in piece.items():
                for word in SHARED:  # shared as soon as read: the copies' room is reused
                    if type(value := doc.get(word)) is str:
                        doc[word] = sys.intern(value)
                if isinstance(event := doc.get("event_id"), int):  # as `by_event` does
                    index.setdefault(event, set()).add(int(key))
        table.update(piece)
    return table
