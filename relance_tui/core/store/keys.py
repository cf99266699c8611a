"""Keys kept on this computer, in the user's own settings folder, never beside a data file.

A data file's folder may be a USB key, a synced folder or a share: anyone who can
write there can put a file beside it. What relance reads beside a data file and
trusts to stand for it (the tables written at close, `tables_cache`) is therefore
authenticated with a key that never leaves this user's settings folder: made once,
at random, 0600 in a 0700 folder (`RELANCE_KEYS` names another folder).

No key (a read-only home, a folder another user owns): nothing is authenticated,
so nothing beside the data file is trusted; relance reads the JSON, as ever.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

import platformdirs

from relance_tui.core.store.files import FILE_MODE, private_dirs

KEY_BYTES = 32
_known: dict[Path, bytes] = {}


def keys_dir() -> Path:
    env = os.environ.get("RELANCE_KEYS")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir("relance", appauthor=False)) / "keys"


def user_key(name: str) -> bytes | None:
    """This user's key called `name`, made the first time it is asked for; None when
    it can be neither read nor made."""
    path = keys_dir() / f"{name}.key"
    known = _known.get(path)
    if known is not None:
        return known
    key = _read(path)
    if key is None:
        key = _make(path)
    if key is not None:
        _known[path] = key
    return key


def _read(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            key = handle.read(KEY_BYTES + 1)
    except OSError:
        return None
    mine = not hasattr(os, "getuid") or stat.st_uid == os.getuid()
    # Someone else's file, or one others could change, is not this user's key.
    if not mine or stat.st_mode & 0o022 or len(key) != KEY_BYTES:
        return None
    return key


def _make(path: Path) -> bytes | None:
    """A new key, written once (two processes making it at the same time: the first
    one's stands and the second reads it)."""
    key = secrets.token_bytes(KEY_BYTES)
    try:
        private_dirs(path.parent)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        _write(temporary, key, os.O_TRUNC)
        try:
            os.link(temporary, path)  # fails if another process made it first
        except FileExistsError:
            pass
        except OSError:  # no hard links here (a FAT folder): take the name if still free
            with contextlib.suppress(FileExistsError):
                _write(path, key, os.O_EXCL)
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()
    except OSError:
        return None
    return _read(path)


def _write(path: Path, key: bytes, flag: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | flag, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
