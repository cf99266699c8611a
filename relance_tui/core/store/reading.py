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
from pathlib import Path

from relance_tui.core.errors import NewerSchema, StoreError, os_words
from relance_tui.core.store import migrations
from relance_tui.core.store.files import folding_journal_path, journal_path
from relance_tui.core.store.folding import read_journals
from relance_tui.core.store.journal import apply_ops
from relance_tui.core.store.snapshot import Tables, read_snapshot, seal_key_of

SCHEMA_VERSION = migrations.SCHEMA_VERSION


def load_tables(path: Path) -> Tables:
    """Read, check and migrate-in-memory the file at `path`, with its journal replayed.

    Raises CorruptDataFile or NewerSchema; never writes.
    """
    tables = read_snapshot(path)
    version = migrations.schema_version(tables)
    if version > SCHEMA_VERSION:
        raise NewerSchema(path=str(path), found=version, supported=SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        tables = migrations.migrate(tables, version)
    transactions, _, _ = read_journals(path, generation_of(tables), seal_key_of(tables))
    for ops in transactions:
        apply_ops(tables, ops)
    return tables


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
