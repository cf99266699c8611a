"""When the data file cannot be read: rebuild it from its backup, or reseal a hand edit.

The backup (`.bak`) is the snapshot before the last compaction; the journal
folded in then (`.journal.prev`) and the current journal bring it up to the
last write that returned.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from relance_tui.core.errors import CorruptDataFile
from relance_tui.core.store import migrations
from relance_tui.core.store.files import (
    FILE_MODE,
    backup_path,
    copy_atomically,
    journal_path,
    previous_journal_path,
    take_lock,
)
from relance_tui.core.store.journal import apply_ops, read_journal
from relance_tui.core.store.snapshot import Tables, read_snapshot, write_snapshot


def recover_tables(path: Path) -> Tables | None:
    """The current state rebuilt from the backup and both journals, if they are sound."""
    bak = backup_path(path)
    if not bak.exists():
        return None
    try:
        tables = read_snapshot(bak)
        if migrations.schema_version(tables) != migrations.SCHEMA_VERSION:
            return None
        for journal in (previous_journal_path(path), journal_path(path)):
            transactions, _ = read_journal(journal)
            for ops in transactions:
                apply_ops(tables, ops)
    except CorruptDataFile:
        return None
    return tables


def restore_from_backup(path: Path) -> tuple[Path, Path]:
    """Set an unreadable data file aside and rebuild it from its backup and journals.

    Returns (the backup used, where the damaged file now is). Raises
    CorruptDataFile when there is nothing sound to restore from.
    """
    path = Path(path).absolute()
    lock = take_lock(path)
    try:
        tables = recover_tables(path)
        if tables is None:
            raise CorruptDataFile(path=str(path), detail_key="store.corrupt.no_backup")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        if path.exists():
            shutil.copyfile(path, aside)
            os.chmod(aside, FILE_MODE)
        write_snapshot(path, tables)
        for journal in (journal_path(path), previous_journal_path(path)):
            with contextlib.suppress(FileNotFoundError):
                journal.unlink()
        return backup_path(path), aside
    finally:
        lock.release()


def accept_changes(path: Path) -> None:
    """Seal again a file changed by hand (valid JSON, right shape, stale seal)."""
    path = Path(path).absolute()
    lock = take_lock(path)
    try:
        tables = read_snapshot(path, verify=False)
        copy_atomically(path, path.with_name(path.name + ".before-accept"))
        write_snapshot(path, tables)
    finally:
        lock.release()


def readable_by_tinydb(path: Path) -> bool:
    """Whether plain TinyDB reads the snapshot at `path` with every document we read.

    TinyDB is the format at rest (see `store`): users and their scripts may open
    the file with `tinydb.TinyDB(path)`, and `relance check` proves they can.
    """
    ours = read_snapshot(path)
    db = TinyDB(path, access_mode="r")
    try:
        return all(
            len(db.table(name)) == len(table) for name, table in ours.items() if name != "_default"
        )
    finally:
        db.close()


def describe(tables: Tables) -> dict[str, Any]:
    """Counts that `relance check` prints."""
    return {
        "schema": migrations.schema_version(tables),
        "outlets": len(tables.get("outlets", {})),
        "contacts": len(tables.get("contacts", {})),
        "events": len(tables.get("events", {})),
        "attempts": len(tables.get("attempts", {})),
    }
