"""A faster read of the data file: its tables as Python's `marshal` wrote them.

Parsing the JSON of a 5,000-contact file takes 0.38 s of a 1.6 s start (1.4 s at
20,000); `marshal` reads the same tables in a third of that, into the same memory.
So when relance closes a file after its last fold, it also writes the tables
beside it, `<file>.tables` (0600), tagged with the checksum of the snapshot they
were folded into.

With them go the big tables' document ids by event (`event_index`): the first
card reads its event's calls through them, and working them out from 200,000 calls
took 0.2 s of a 20,000-contact start. The store uses them only when the tables are
the snapshot's alone (no journal replayed, no migration).

The JSON file stays the file of record, and the tables are never a source: they
are read only with it, only when the snapshot's own checksum is the one they were
written for (the snapshot is read and checked as ever), only when their HMAC holds
under this user's own key (`keys`: kept in the user's settings folder, never
beside the data file, so a file planted beside it by anyone who can write that
folder, a synced folder, a USB key, is never taken for it), and only when this
Python writes `marshal` alike; otherwise, or if anything at all is off, the JSON
is parsed as before. Only the app's own file is read so (`cached=True`): `merge`,
`collect` and `check` always read the JSON. The tables are never fsync'd (a torn
copy fails its HMAC) and deleting them loses nothing.

Two things keep the memory of a big start down (20,000 contacts: 212 MB at its
peak, 178 MB after, before either). The tables are written in pieces of at most
`PIECE` documents, each its own `marshal` payload, read and loaded one at a time:
the file's bytes are never all held beside the tables they become. And equal
values (an outcome, a caller, an event's id...) are written as one object that
every document shares (`share_equal_values`): `marshal` writes a shared object
once and reads it back shared, where the JSON gives each document its own copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from relance_tui.core.store.event_index import EVENT_TABLES, by_event
from relance_tui.core.store.keys import user_key

# 2: with the big tables' ids by event; 3: in pieces; 4: an HMAC under the user's key
MAGIC = b"relance-tables 4"
KEY_NAME = "tables"
PIECE = 20_000  # documents a piece (a fifth of a 20,000-contact file's calls)
LENGTH = 8  # bytes of a piece's length, before it
BY_EVENT = "\x00by event"  # beside the tables (no table has this name): `event_index`
_in_a_child = False  # set for the installed command, which leaves by `os._exit`


def write_in_a_child_from_now() -> None:
    """From now on `write_at_close` hands the writing to a child process. For the
    installed command only: the app's quit and every command that closes a file
    give the prompt back at once (a test's process must not fork behind its back)."""
    global _in_a_child
    _in_a_child = True


Checksum = str | Callable[[], str | None]  # or how to work it out (in the child)


def write_at_close(data_file: Path, tables: dict[str, Any], checksum: Checksum) -> int | None:
    """What a store closing `data_file` does with its tables (see above); the pid of
    the child writing them, if one does. `checksum` may be a function reading it from
    the snapshot: then the child works it out, not the quit."""
    if _in_a_child:
        return write_tables_later(data_file, tables, checksum)
    write_tables(data_file, tables, checksum)
    return None


def cache_path(data_file: Path) -> Path:
    return data_file.with_name(data_file.name + ".tables")


def _tag() -> bytes:
    return f"{sys.implementation.cache_tag}-{marshal.version}".encode("ascii")


def write_tables(data_file: Path, tables: dict[str, Any], checksum: Checksum) -> None:
    """The tables (but `meta`, read from the snapshot) for the snapshot whose checksum
    is `checksum`. Best effort: a failure leaves no file and is not an error (without
    a key of the user's own, none is written: it could not be trusted)."""
    key = user_key(KEY_NAME)
    known = checksum() if callable(checksum) else checksum
    if key is None or known is None:
        forget_tables(data_file)
        return
    target = cache_path(data_file)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        kept: dict[str, Any] = {name: table for name, table in tables.items() if name != "meta"}
        share_equal_values(kept)
        kept[BY_EVENT] = {name: by_event(tables.get(name, {})) for name in EVENT_TABLES}
        pieces = [len(p).to_bytes(LENGTH, "little") + p for p in map(marshal.dumps, _pieces(kept))]
        digest = _mac(key, known)
        for piece in pieces:
            digest.update(piece)
        header = b" ".join((MAGIC, _tag(), known.encode("ascii"), digest.hexdigest().encode()))
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(header + b"\n")
            handle.writelines(pieces)
        os.replace(temporary, target)
    except (OSError, ValueError):  # a full disk, a read-only folder, an odd value
        with contextlib.suppress(OSError):
            temporary.unlink()


def write_tables_later(data_file: Path, tables: dict[str, Any], checksum: Checksum) -> int | None:
    """`write_tables` in a child process, for the app's quit: the prompt comes back
    while the child writes (at 20,000 contacts marshal alone takes 0.3 s). The child
    has a copy of the tables as they are now (the pages are shared until written),
    lets go of the terminal and every open file, and ends with `os._exit`. The
    child's process id (None when written here, or not at all)."""
    if not fork_is_safe():
        write_tables(data_file, tables, checksum)  # the quit waits for it: no child
        return None
    try:
        child = os.fork()
    except OSError:  # no process to spare: this start will read the JSON
        return None
    if child:
        return child
    try:
        # Its own session: when relance led the terminal's (a launcher, `tmux
        # new-session relance`, `ssh -t`), the terminal's hang-up at its exit would end
        # the child before it wrote a byte.
        with contextlib.suppress(OSError):
            os.setsid()
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(quiet, stream)
        os.closerange(3, 65536)  # the lock, the journal, the render process's pipes
        write_tables(data_file, tables, checksum)
    finally:
        os._exit(0)


def fork_is_safe(platform: str | None = None) -> bool:
    """Whether a child may be forked from this process (which has run threads): on
    Linux and the BSDs. Windows has no fork; macOS's frameworks are not safe in a
    child forked without exec (Python's own default there is "spawn")."""
    platform = sys.platform if platform is None else platform
    return hasattr(os, "fork") and not platform.startswith(("darwin", "win32", "cygwin"))


def _mac(key: bytes, checksum: str) -> hmac.HMAC:
    """The HMAC of a tables file, begun with the snapshot's checksum it stands for."""
    return hmac.new(key, b"%s %s\n" % (MAGIC, checksum.encode("ascii")), hashlib.sha256)


def read_tables(data_file: Path, checksum: str) -> dict[str, Any] | None:
    """The tables written by this user for the snapshot whose checksum is `checksum`,
    or None (none, another snapshot's, damaged, or not authenticated)."""
    key = user_key(KEY_NAME)
    if key is None:
        return None
    try:
        with cache_path(data_file).open("rb") as handle:
            fields = handle.readline(256).rstrip(b"\n").split(b" ")
            expected = [*MAGIC.split(b" "), _tag(), checksum.encode("ascii")]
            if len(fields) != len(expected) + 1 or fields[:-1] != expected:
                return None
            digest = _mac(key, checksum)
            tables: dict[str, Any] = {}
            pieces: list[bytes] = []
            left = os.fstat(handle.fileno()).st_size - handle.tell()
            while length := handle.read(LENGTH):
                size = int.from_bytes(length, "little")
                left -= LENGTH + size
                if left < 0:  # a length no piece of this file has: damaged
                    return None
                piece = handle.read(size)
                digest.update(length)
                digest.update(piece)
                pieces.append(piece)
            # Authenticated before a byte is unmarshalled: `marshal` is not for
            # untrusted data.
            if not hmac.compare_digest(digest.hexdigest().encode("ascii"), fields[-1]):
                return None
            while pieces:
                name, docs = marshal.loads(pieces.pop(0))
                tables.setdefault(name, {}).update(docs)
    except (OSError, ValueError, EOFError, TypeError):  # short, damaged or odd
        return None
    return tables


def _pieces(tables: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each table as (name, documents) pieces of at most `PIECE` documents."""
    for name, table in tables.items():
        items = list(table.items())
        for start in range(0, max(len(items), 1), PIECE):
            yield name, dict(items[start : start + PIECE])


def share_equal_values(tables: dict[str, Any]) -> None:
    """Make equal strings and integers of the documents one object (in place, for
    the tables about to be written; the values stay equal). Keyed by type: `1`,
    `True` and `1.0` are equal, and none may stand for another."""
    strings: dict[str, str] = {}
    numbers: dict[int, int] = {}
    for table in tables.values():
        for doc in table.values():
            if type(doc) is not dict:
                continue
            for key, value in doc.items():
                kind = type(value)
                if kind is str:
                    doc[key] = strings.setdefault(value, value)
                elif kind is int:
                    doc[key] = numbers.setdefault(value, value)


def forget_tables(data_file: Path) -> None:
    with contextlib.suppress(OSError):
        cache_path(data_file).unlink()
