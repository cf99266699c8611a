"""Writing a file so that it is either whole or absent, private to its owner.

Anything relance writes (the data file, exports, reports, copied emails, team
shares) goes through here: a temporary file in the same folder, fsync'd, then
renamed over the target, and the folder fsync'd, mode 0600.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import filelock

from relance_tui.core.errors import StoreLocked

FILE_MODE = 0o600


def backup_path(path: Path) -> Path:
    """Where the previous snapshot of the data file `path` is kept."""
    return path.with_name(path.name + ".bak")


def journal_path(path: Path) -> Path:
    """The journal of the data file `path`."""
    return path.with_name(path.name + ".journal")


def folding_journal_path(path: Path) -> Path:
    """The journal set aside while a new snapshot is written from it (`folding`)."""
    return path.with_name(path.name + ".journal.fold")


def previous_journal_path(path: Path) -> Path:
    """The journal folded into the current snapshot (it rebuilds it from the backup)."""
    return path.with_name(path.name + ".journal.prev")


def private_dirs(path: Path) -> None:
    """The folder `path` and every folder above it that is missing, each made 0700:
    `mkdir(parents=True)` makes those above with the default mode (0777 under a
    umask of 000), and contact data lives in them."""
    missing: list[Path] = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def take_lock(path: Path) -> filelock.BaseFileLock:
    """The file's writer lock, taken now; StoreLocked when another relance holds it."""
    lock = filelock.FileLock(str(lock_path(path)), timeout=0, mode=FILE_MODE, thread_local=False)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise StoreLocked(path=str(path)) from None
    return lock


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in the folder `path` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file, fsync it and rename it over `path` (mode 0600)."""
    write_atomically_bytes(path, text.encode("utf-8"))


def write_atomically_bytes(path: Path, data: bytes) -> None:
    """`write_atomically` for bytes."""
    write_atomically_with(path, lambda handle: handle.write(data))


def copy_atomically(source: Path, path: Path) -> None:
    """Copy `source` to `path` (0600), streamed, fsync'd, renamed into place."""

    def copy(handle: BinaryIO) -> None:
        with source.open("rb") as origin:
            shutil.copyfileobj(origin, handle, 1024 * 1024)

    write_atomically_with(path, copy)


def write_atomically_with(
    path: Path,
    write: Callable[[BinaryIO], object],
    *,
    before_replace: Callable[[Path], object] | None = None,
) -> None:
    """Let `write` fill a temporary file, then put it in place atomically
    (`before_replace` runs between the two, given the temporary file)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace(tmp)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files a killed relance left beside `path` (call with the lock held)."""
    for stale in path.parent.glob(f".{path.name}.*tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
