"""Reading the data file without writing: for `check`, and for commands that read
beside the running app.

`load_tables` reads, checks and migrates in memory, the journal replayed.
`read_now` reads without the lock: the journal before the snapshot, so that if
the app compacts in between, the lines it folded in are older than the snapshot
and skipped by their generation.
"""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

from relance_tui.core.errors import CorruptDataFile, NewerSchema, StoreError, os_words
from relance_tui.core.store import migrations
from relance_tui.core.store.event_index import ByEvent
from relance_tui.core.store.files import (
    backup_path,
    copy_atomically,
    folding_journal_path,
    journal_path,
)
from relance_tui.core.store.folding import read_journals
from relance_tui.core.store.journal import apply_ops
from relance_tui.core.store.snapshot import (
    Tables,
    read_own_snapshot,
    read_snapshot,
    seal_key_of,
    write_snapshot,
)

SCHEMA_VERSION = migrations.SCHEMA_VERSION


def load_tables(path: Path, snapshot_counts: dict[str, int] | None = None) -> Tables:
    """Read, check and migrate-in-memory the file at `path`, with its journal replayed
    (`snapshot_counts`, if given, receives each table's documents before the journal).

    Raises CorruptDataFile or NewerSchema; never writes.
    """
    tables = read_snapshot(path)
    if snapshot_counts is not None:
        snapshot_counts.update((n, len(t)) for n, t in tables.items() if n != "_default")
    version = migrations.schema_version(tables)
    if version > SCHEMA_VERSION:
        raise NewerSchema(path=str(path), found=version, supported=SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        tables = migrations.migrate(tables, version)
    transactions, _, _ = read_journals(path, generation_of(tables), seal_key_of(tables))
    for ops in transactions:
        apply_ops(tables, ops)
    return tables


def open_tables(path: Path) -> tuple[Tables, dict[str, ByEvent], bool, int, int, bool]:
    """For the store, under the file's lock: the tables, migrated on disk (after a dated
    copy) and with the journal replayed; the big tables' ids by event read with them
    (none once anything changed them); whether a journal was replayed; its next
    sequence number and generation; whether the tables were this snapshot's `.tables`
    as they stand. CorruptDataFile names a backup when one rebuilds the file."""
    try:
        # The bytes are not kept: at agency scale they would double the peak memory.
        tables, by_events, from_cache = read_own_snapshot(path)
        version = migrations.schema_version(tables)
        if version > SCHEMA_VERSION:
            raise NewerSchema(path=str(path), found=version, supported=SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            # Keep the file as it was before touching it.
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            copy_atomically(path, path.with_name(f"{path.name}.schema{version}-{stamp}.bak"))
            tables = migrations.migrate(tables, version)
            write_snapshot(path, tables)
        key = seal_key_of(tables)
        transactions, next_seq, generation = read_journals(path, generation_of(tables), key)
    except CorruptDataFile as exc:
        from relance_tui.core.store.recovery import recover_tables

        exc.backup = str(backup_path(path)) if recover_tables(path) is not None else None
        raise
    for ops in transactions:
        apply_ops(tables, ops)
    if transactions or version < SCHEMA_VERSION:
        by_events = {}  # the tables changed since: built again when needed
        from_cache = False
    return tables, by_events, bool(transactions), next_seq, generation, from_cache


def generation_of(tables: Tables) -> int:
    """How many compactions made this snapshot: the journal lines that follow it carry it."""
    value = tables.get("meta", {}).get("1", {}).get("generation", 0)
    return value if isinstance(value, int) else 0


def read_now(path: Path) -> Tables:
    """The tables as they are now, read without the lock (see the module docstring)."""
    try:
        if not path.is_file():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
        # The journal, then a journal set aside for a fold (`folding`), then the
        # snapshot: whatever the app does between two reads, nothing is missed.
        journal = _bytes_of(journal_path(path))
        fold = _bytes_of(folding_journal_path(path))
        tables = read_snapshot(path, cached=True)
    except OSError as exc:
        raise StoreError(path=str(path), detail=os_words(exc)) from exc
    except CorruptDataFile as exc:  # say where the backup is, as `check` would
        from relance_tui.core.store.recovery import recover_tables

        exc.backup = str(backup_path(path)) if recover_tables(path) is not None else None
        raise
    version = migrations.schema_version(tables)
    if version > SCHEMA_VERSION:
        raise NewerSchema(path=str(path), found=version, supported=SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        tables = migrations.migrate(tables, version)
    # Lines of a journal the app folded in meanwhile are older than the snapshot:
    # skipped by their generation.
    transactions, _, _ = read_journals(
        path, generation_of(tables), seal_key_of(tables), journal=journal, fold=fold
    )
    for ops in transactions:
        apply_ops(tables, ops)
    return tables


def _bytes_of(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
