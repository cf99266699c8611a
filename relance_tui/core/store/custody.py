"""Making sure the store still holds what it opened: its lock and its data file.

A lock is a file, and files get deleted: a user told to "delete the stale lock", a
cleaning script, a sync tool carrying a deletion. A second relance then takes a new
lock on a new file of the same name, and two writers overwrite each other. A data
file can be replaced while the app runs (a restore, a sync from another laptop), and
the close would write over the replacement.

So before every journal write and every snapshot it writes, the store checks, with a
few `stat` calls (microseconds), that:
- the lock file on the path is the one it locked (the same file, by device and inode).
  If it was deleted and nobody took the path since, the lock is taken again and the
  store goes on; any other lock there is another writer's;
- the data file is the one it opened or last wrote (device, inode, size, mtime).

Otherwise it stops writing (`lost`): nothing it writes could land in the file it
means, and what it already wrote is where it was acknowledged. (Its journal deleted
under it, the store writes the snapshot from memory: `Store.commit`.)
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import filelock

from relance_tui.core.errors import HardLinked, StoreLocked, StoreReplaced, StoreTakenOver
from relance_tui.core.store.files import (
    backup_path,
    copy_atomically,
    fsync_dir,
    lock_path,
    previous_journal_path,
)
from relance_tui.core.store.snapshot import Tables, write_snapshot

FileId = tuple[int, int, int, int]  # device, inode, size, mtime (ns)


def file_id(path: Path) -> FileId | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def node_id(path: Path) -> tuple[int, int] | None:
    """Which file the name stands for (device, inode), or None when there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


class Custody:
    """What one store holds: its lock and the data file it opened or wrote last."""

    def __init__(
        self,
        path: Path,
        lock: filelock.BaseFileLock,
        take_lock: Callable[[Path], filelock.BaseFileLock],
    ) -> None:
        self.path = path
        self.lock = lock
        self._take_lock = take_lock
        self._lock_id = node_id(lock_path(path))
        self._file_ids = {file_id(path)}
        self._mutex = threading.Lock()
        self.lost: StoreTakenOver | StoreReplaced | None = None

    def check(self) -> None:
        """Raise (and stay `lost`) unless the lock and the data file are still ours."""
        if self.lost is None:
            with self._mutex:
                self.lost = self._what_is_lost()
        if self.lost is not None:
            raise self.lost

    def _what_is_lost(self) -> StoreTakenOver | StoreReplaced | None:
        now = node_id(lock_path(self.path))
        if now is None:  # deleted, and nobody took the name since: take it again
            try:
                lock = self._take_lock(self.path)
            except (StoreLocked, OSError):
                return StoreTakenOver(path=str(self.path))
            self.lock.release()
            self.lock, self._lock_id = lock, node_id(lock_path(self.path))
            now = self._lock_id
        if now != self._lock_id:  # another relance's lock: it may be writing
            return StoreTakenOver(path=str(self.path))
        if file_id(self.path) not in self._file_ids:
            return StoreReplaced(path=str(self.path))
        return None

    def replacing(self, new_file: Path) -> None:
        """A snapshot of ours is about to take the data file's name: both are ours."""
        with self._mutex:
            self._file_ids.add(file_id(new_file))

    def replaced(self) -> None:
        """Our snapshot took the name: it alone is ours now."""
        with self._mutex:
            self._file_ids = {file_id(self.path)}


def keep_session(path: Path, tables: Tables, journal: Path, journal_named: bool) -> Path:
    """The data file was replaced under the app: its whole state, as the app holds it,
    goes to a copy beside it (`relance.session-<when>.json`, a data file relance
    opens), and its journal beside that copy, so that the replacement, opened later,
    never replays this session's lines. The replacement is not touched."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.stem}.session-{stamp}{path.suffix}")
    write_snapshot(copy, tables)
    if journal_named and journal.exists():
        os.replace(journal, previous_journal_path(copy))
        fsync_dir(path.parent)
    return copy


def refuse_other_names(path: Path) -> None:
    """HardLinked when the data file has a name other than its own and `.bak` (a hard
    link is a second path to write it by, under no lock of ours). A fold killed
    between its two renames leaves `.bak` as a second name: it is copied anew."""
    try:
        links = os.stat(path).st_nlink
    except FileNotFoundError:
        return
    if links <= 1:
        return
    backup = backup_path(path)
    if links == 2 and backup.exists() and os.path.samefile(path, backup):
        copy_atomically(path, backup)
        return
    raise HardLinked(path=str(path))
