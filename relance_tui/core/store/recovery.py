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

from tinydb import JSONStorage, TinyDB
from tinydb.middlewares import CachingMiddleware

from relance_tui.core.errors import CorruptDataFile, StoreWriteFailed, os_words
from relance_tui.core.store import migrations
from relance_tui.core.store.files import (
    FILE_MODE,
    backup_path,
    copy_atomically,
    folding_journal_path,
    journal_path,
    previous_journal_path,
    take_lock,
)
from relance_tui.core.store.journal import (
    DamagedLine,
    apply_ops,
    lines_whole,
    read_journal_lenient,
)
from relance_tui.core.store.snapshot import (
    Tables,
    read_snapshot,
    seal_key_of,
    sealed_meta,
    write_snapshot,
)


def recover_tables(path: Path) -> Tables | None:
    """The current state rebuilt from everything sound, if there is a base to start from."""
    recovered = recover(path)
    return recovered[0] if recovered is not None else None


def recover(path: Path) -> tuple[Tables, list[DamagedLine]] | None:
    """The state rebuilt from everything sound: the snapshot if it checks, else the
    backup and the journal folded into the snapshot since; then every journal line
    that checks. Returns the tables and the journal lines left out (damaged), or
    None when neither the snapshot nor the backup can be read."""
    journals = [folding_journal_path(path), journal_path(path)]  # a fold's, then the journal
    try:
        tables = read_snapshot(path)
    except (CorruptDataFile, OSError):
        try:
            tables = read_snapshot(backup_path(path))
        except (CorruptDataFile, OSError):
            return None
        journals.insert(0, previous_journal_path(path))
    if migrations.schema_version(tables) != migrations.SCHEMA_VERSION:
        return None
    left_out: list[DamagedLine] = []
    for journal in journals:
        transactions, damaged = read_journal_lenient(journal, seal_key_of(tables))
        for ops in transactions:
            apply_ops(tables, ops)
        left_out += damaged
    return tables, left_out


def restore_from_backup(path: Path) -> tuple[Path, Path]:
    """Set an unreadable data file aside and rebuild it (see `restore`)."""
    backup, aside, _ = restore(path)
    return backup, aside


def restore(path: Path) -> tuple[Path, Path, list[DamagedLine]]:
    """Set an unreadable data file aside (with its journals) and rebuild it from
    everything sound. Returns (the backup, where the damaged file now is, the journal
    lines left out). Raises CorruptDataFile when there is nothing sound to start from.
    """
    path = Path(path).absolute()
    lock = take_lock(path)
    try:
        recovered = recover(path)
        if recovered is None:
            raise CorruptDataFile(path=str(path), detail_key="store.corrupt.no_backup")
        tables, left_out = recovered
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        if path.exists():
            shutil.copyfile(path, aside)
            os.chmod(aside, FILE_MODE)
        journals = (journal_path(path), folding_journal_path(path), previous_journal_path(path))
        for journal in journals:
            if journal.exists():  # kept beside the damaged file, for whoever looks later
                kept = journal.with_name(f"{journal.name}.corrupt-{stamp}")
                shutil.copyfile(journal, kept)
                os.chmod(kept, FILE_MODE)  # contact data: private, like the data file
        write_snapshot(path, tables)
        for journal in journals:
            with contextlib.suppress(FileNotFoundError):
                journal.unlink()
        return backup_path(path), aside, left_out
    except OSError as exc:  # a full disk: the damaged file is where it was
        raise StoreWriteFailed(path=str(path), detail=os_words(exc)) from exc
    finally:
        lock.release()


def accept_changes(path: Path) -> None:
    """Seal again a file changed by hand (valid JSON, right shape, stale seal).

    A team share's HMAC seal is not renewed: the file becomes plain, usable by its
    caller, and `merge` refuses it (an edit outside relance is not merged)."""
    path = Path(path).absolute()
    lock = take_lock(path)
    try:
        tables = read_snapshot(path, verify=False)
        tables.get("meta", {}).get("1", {}).pop("seal_key", None)
        copy_atomically(path, path.with_name(path.name + ".before-accept"))
        write_snapshot(path, tables)
    except OSError as exc:  # a full disk: the file is as it was
        raise StoreWriteFailed(path=str(path), detail=os_words(exc)) from exc
    finally:
        lock.release()


def readable_by_tinydb(path: Path, counts: dict[str, int]) -> bool:
    """Whether plain TinyDB reads the snapshot at `path` with every document we read
    (`counts`: our own, table by table, of the snapshot as `load_tables` read it).

    TinyDB is the format at rest (see `store`): users and their scripts may open
    the file with `tinydb.TinyDB(path)`, and `relance check` proves they can. Its
    `CachingMiddleware` reads the file once for every table (else once per table: 5 s
    at 20,000 contacts)."""
    db = TinyDB(path, access_mode="r", storage=CachingMiddleware(JSONStorage))  # type: ignore[no-untyped-call]
    try:
        return all(len(db.table(name)) == count for name, count in counts.items())
    finally:
        db.close()


def describe(tables: Tables) -> dict[str, Any]:
    """Counts that `relance check` prints. Calls are counted as the Bilan counts them:
    an undo and the call it took back are not calls."""
    attempts = tables.get("attempts", {}).values()
    undone = {doc.get("reverses") for doc in attempts if doc.get("outcome") == "undo"}
    return {
        "schema": migrations.schema_version(tables),
        "outlets": len(tables.get("outlets", {})),
        "contacts": len(tables.get("contacts", {})),
        "events": len(tables.get("events", {})),
        "attempts": sum(
            1 for doc in attempts if doc.get("outcome") != "undo" and doc.get("uid") not in undone
        ),
    }


def describe_damaged(line: DamagedLine) -> str:
    """What a damaged journal line seems to have held, in words: "appel du 26 nov.,
    4 h 17 (ligne 7 du journal)". Read from the damaged bytes: a hint, never applied."""
    from relance_tui import i18n
    from relance_tui.core.dates import format_short_when

    where = i18n.t("store.damaged.line", line=line.number)
    doc = line.doc
    try:
        if line.table == "attempts" and isinstance(doc.get("at"), str):
            when = format_short_when(datetime.fromisoformat(doc["at"]), i18n.current_language())
            return i18n.t("store.damaged.call", when=when, where=where)
        if isinstance(doc.get("name"), str) or isinstance(doc.get("title"), str):
            name = str(doc.get("name") or doc.get("title"))
            return i18n.t("store.damaged.named", name=name, where=where)
    except ValueError:
        pass
    return where


def damaged_backups(path: Path) -> list[Path]:
    """The files that would rebuild `path` if it were damaged (`.bak`, `.journal.prev`)
    and cannot be read whole: `check` says so, while the data file itself is sound.
    Checked by their own checksums (the snapshot's SHA-256, each line's CRC): at
    20,000 contacts, a tenth of a second where parsing them took 1.3 s."""
    damaged: list[Path] = []
    backup, previous = backup_path(path), previous_journal_path(path)
    if backup.exists() and sealed_meta(backup) is None:
        damaged.append(backup)
    if previous.exists() and not lines_whole(previous):
        damaged.append(previous)
    return damaged


def torn_journal(path: Path) -> Path | None:
    """The journal, when its last line stops short (relance stopped while writing it,
    or the file was cut): that write was never confirmed, and `check` says so."""
    journal = journal_path(path)
    try:
        with journal.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size == 0:
                return None
            handle.seek(size - 1)
            return journal if handle.read(1) != b"\n" else None
    except OSError:
        return None
