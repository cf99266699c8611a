"""Handing a file or a link to the desktop's default application, on each system the
officers use: `os.startfile` on Windows (a `tel:` link reaches whatever the system
gives it — Phone Link, Teams, Skype; a `.eml` the mail program; a folder Explorer),
`open` on macOS, `xdg-open` on Linux and the BSDs.

Everything that decides is a parameter (`platform`, `which`, `startfile`, `run`), so
each system's path is tested on any machine (tests/core/handoff/test_desktop.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable

Which = Callable[[str], str | None]
StartFile = Callable[[str], None]
Run = Callable[[list[str], float], int]  # the exit code of a command run to its end


def _run(argv: list[str], timeout: float) -> int:
    try:
        return subprocess.run(argv, capture_output=True, timeout=timeout).returncode
    except (OSError, subprocess.SubprocessError):
        return -1


def _startfile() -> StartFile | None:
    return getattr(os, "startfile", None)  # Windows only


def is_windows(platform: str) -> bool:
    return platform.startswith(("win32", "cygwin"))


def opener_argv(target: str, platform: str, which: Which) -> list[str] | None:
    """The command that opens `target` with the default application (macOS, Linux),
    or None (Windows: `os.startfile`; or no opener installed)."""
    if is_windows(platform):
        return None
    program = which("open") if platform == "darwin" else which("xdg-open")
    return [program, target] if program else None


def open_with_desktop(
    target: str,
    timeout: float = 10,
    *,
    platform: str | None = None,
    which: Which = shutil.which,
    startfile: StartFile | None = None,
    run: Run = _run,
) -> bool:
    """Open a file, a folder or a link with the default application; True when it was
    handed over (False: nothing on this machine takes it)."""
    platform = sys.platform if platform is None else platform
    if is_windows(platform):
        start = startfile or _startfile()
        if start is None:
            return False
        try:
            start(target)
        except OSError:  # no application associated with it
            return False
        return True
    argv = opener_argv(target, platform, which)
    return argv is not None and run(argv, timeout) == 0


def has_tel_handler(platform: str | None = None) -> bool:
    """Windows: whether something on this machine takes `tel:` links (the registry's
    HKEY_CLASSES_ROOT\\tel); elsewhere the dialers are detected by their programs."""
    platform = sys.platform if platform is None else platform
    if not is_windows(platform):
        return False
    try:
        import winreg  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return False
    try:
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, "tel"):  # type: ignore[attr-defined,unused-ignore]
            return True
    except OSError:
        return False
