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
import re
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


_HEADER = re.compile(rb'(?:\{|\},)"([a-z_]+)":\{')
_BETWEEN_DOCS = re.compile(rb'\},"\d+":\{')
PIECE = 1 << 20  # bytes of a snapshot without layout parsed at a time


def read_unlaid(text: bytes, cut: int, known: frozenset[str]) -> Tables | None:
    """The tables of a compact snapshot written without a layout (by the release
    before, or by TinyDB's own writer in compact form), `text` being its bytes and
    `cut` where its meta table starts: cut between documents a megabyte at a time and
    each piece parsed alone, as `read_sliced` does, so that the text never becomes
    one `str` (twice its bytes with one character above U+00FF). The same argument
    holds: every cut is at a comma between two members, each piece must parse as a
    list of members, so the tables are those of the whole parse. None when the text
    is not cut that way (spaces between tokens, an odd shape): parse it whole."""
    names = [name for name in known if name != "meta"]
    # Where each table's header comes next (a search per name, not a pattern over
    # every byte: 0.07 s against 0.23 s at 20,000 contacts).
    ahead = {name: text.find(_header(name), 0, cut) for name in names}
    tables: Tables = {}
    at = 0
    while at < cut - 1:
        found = _HEADER.match(text, at)
        if found is None or (name := found.group(1).decode()) not in names or name in tables:
            return None
        start = found.end()
        later = [(where, other) for other, where in ahead.items() if where >= start]
        end, after = min(later, default=(cut - 1, ""))
        if after:
            ahead[after] = text.find(_header(after), end + 1, cut)
        if text[end : end + 1] != b"}":
            return None
        table = _pieces(text, start, end + 1)
        if table is None:
            return None
        tables[name] = table
        at = end  # the table's closing brace, where the next header starts
    return tables if at == cut - 1 and tables else None


def _header(name: str) -> bytes:
    return b'},"' + name.encode() + b'":{'


def _pieces(text: bytes, start: int, end: int) -> dict[str, Any] | None:
    table: dict[str, Any] = {}
    at = start
    while at < end - 1:
        stop = end - 1
        if stop - at > PIECE:
            found = _BETWEEN_DOCS.search(text, at + PIECE, end - 1)
            stop = found.start() + 1 if found is not None else end - 1
        try:
            piece = json.loads(b"{" + text[at:stop] + b"}")
        except ValueError:
            return None
        if not isinstance(piece, dict) or not all(map(str.isdigit, piece)):
            return None
        if not set(map(type, piece.values())) <= {dict}:
            return None
        table.update(piece)
        at = stop + 1 if stop < end - 1 else stop
    return table
