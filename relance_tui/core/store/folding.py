"""Folding the journal into a new snapshot off the key path.

Every `compact_every` transactions the store sets its journal aside as
`.journal.fold` and goes on in a new journal (the next generation) at once; a
thread then writes the tables as they were at that moment, keeps the previous
snapshot as `.bak`, puts the new snapshot in place, and the set-aside journal
becomes `.journal.prev`. No write waits for it: a key never pays for a fold.

The copy the thread writes is shallow (each table's dict, not the documents):
documents are never changed in place, only replaced (`apply_ops`), so the
tables the thread reads stay as they were while the app goes on writing.

At every moment the files on disk rebuild the state: before the new snapshot is
in place, the old snapshot, then `.journal.fold`, then `.journal` (one
generation later); after, the set-aside lines are older than the snapshot and
skipped (`read_journals`). A fold that fails (a full disk) leaves them so; the
store folds from memory at close, or the next open does.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from relance_tui.core.store.custody import Custody
from relance_tui.core.store.files import (
    backup_path,
    copy_atomically,
    folding_journal_path,
    fsync_dir,
    journal_path,
    previous_journal_path,
)
from relance_tui.core.store.journal import Journal, Op, parse_journal
from relance_tui.core.store.snapshot import Tables, write_snapshot


def replace_snapshot(path: Path, tables: Tables, custody: Custody | None = None) -> str:
    """Write `tables` as the new snapshot, the one before kept as `.bak`.

    The old file becomes `.bak` by a hard link made once the new one is on disk,
    just before it takes the name: then the two names are two files again (damage
    done to one in place never reaches the other), and no 50 MB copy is written at
    every fold. Where links are not allowed (a FAT key, some shares), a copy. (Killed
    between the two, the file has two names; the next open copies `.bak` anew.)

    With the store's `custody`: checked before the old file is touched (it may be
    someone else's now), and told which file takes the name.
    """
    linked: list[bool] = []

    def keep_previous(new_file: Path) -> None:
        if custody is not None:
            custody.check()
            custody.replacing(new_file)
        if not path.exists():
            return
        backup = backup_path(path)
        temporary = backup.with_name(f".{backup.name}.{os.getpid()}.linktmp")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        try:
            os.link(path, temporary)
        except OSError:
            copy_atomically(path, backup)
            return
        os.replace(temporary, backup)
        fsync_dir(path.parent)  # the backup is in place before the snapshot moves
        linked.append(True)

    try:
        checksum = write_snapshot(path, tables, before_replace=keep_previous)
        if custody is not None:
            custody.replaced()
        return checksum
    except BaseException:
        if linked:  # the old file kept both names: the backup becomes a file of its own
            with contextlib.suppress(OSError):
                copy_atomically(path, backup_path(path))
        raise


def set_journals_aside(path: Path) -> None:
    """After a fold from memory: every journal line is in the snapshot. They become
    `.journal.prev` (a set-aside journal first, then the journal), which with `.bak`
    rebuilds the snapshot (`recovery`)."""
    journal, fold, previous = (
        journal_path(path),
        folding_journal_path(path),
        previous_journal_path(path),
    )
    if fold.exists():
        if journal.exists():
            with open(fold, "ab") as handle:
                handle.write(journal.read_bytes())
                handle.flush()
                os.fsync(handle.fileno())
            journal.unlink()
        os.replace(fold, previous)
    elif journal.exists():
        os.replace(journal, previous)
    fsync_dir(path.parent)


class Fold:
    """One snapshot written by a thread from the tables as they are (no copy).

    The keys go on writing meanwhile: a document the snapshot holds may be newer than
    the moment the journal was set aside, or gone. Every write since is in the new
    journal, which the next open replays over the snapshot: a whole document put
    again, or removed again, comes out the same (`apply_ops`). A shallow copy of the
    tables on the 2,000th key cost that key 36-42 ms and 10 MB at 20k."""

    def __init__(self, path: Path, tables: Tables, custody: Custody | None = None) -> None:
        self.path = path
        self.custody = custody
        self.error: Exception | None = None
        self._tables = tables
        self._thread = threading.Thread(target=self._run, name="relance-fold")
        self._thread.start()

    @property
    def done(self) -> bool:
        """Finished well: the next fold may begin. (After a failure, none does: the
        journal grows and the store folds from memory at close.)"""
        return not self._thread.is_alive() and self.error is None

    def wait(self) -> None:
        self._thread.join()

    def _run(self) -> None:
        try:
            replace_snapshot(self.path, self._tables, self.custody)
            os.replace(folding_journal_path(self.path), previous_journal_path(self.path))
            fsync_dir(self.path.parent)
        except Exception as exc:  # noqa: BLE001 - the journals still rebuild everything
            # A full disk, or anything else: no other fold begins this session (it
            # would set aside a journal over the one not folded yet); the close folds.
            self.error = exc
        finally:
            self._tables = {}


def begin_fold(
    path: Path, journal: Journal, tables: Tables, custody: Custody | None = None
) -> Fold | None:
    """Set the journal aside, go on in a new one, and start the thread that writes the
    snapshot. None when the journal could not be set aside (it goes on as it was)."""
    try:
        journal.close()
        os.replace(journal.path, folding_journal_path(path))
        fsync_dir(path.parent)
    except OSError:
        return None
    generation = journal.generation + 1
    meta = tables.setdefault("meta", {})
    meta["1"] = {**meta.get("1", {}), "generation": generation}
    journal.generation, journal.next_seq, journal.lines = generation, 1, 0
    return Fold(path, tables, custody)


def read_journals(
    path: Path,
    generation: int,
    key: str | None,
    journal: bytes | None = None,
    fold: bytes | None = None,
) -> tuple[list[list[Op]], int, int]:
    """The transactions after the snapshot of `generation`: those of a set-aside
    journal still to fold, then the journal's. Returns them, the journal's next
    sequence number and the generation its lines carry. `journal`/`fold`: bytes
    already read (else read here)."""
    if fold is None:
        with contextlib.suppress(FileNotFoundError):
            fold = folding_journal_path(path).read_bytes()
    if journal is None:
        try:
            journal = journal_path(path).read_bytes()
        except FileNotFoundError:
            journal = b""
    transactions: list[list[Op]] = []
    if fold:
        # Lines older than the snapshot: the fold finished before its rename. Else
        # they follow the snapshot, and the journal's lines are one generation on.
        transactions, _ = parse_journal(fold, folding_journal_path(path), generation, key)
        if transactions:
            generation += 1
    later, next_seq = parse_journal(journal, journal_path(path), generation, key)
    return transactions + later, next_seq, generation
