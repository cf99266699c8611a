"""Handing a number to the officer's own dialer: the `dial_command` setting."""

from __future__ import annotations

import shlex
import subprocess

from relance_tui import i18n

DIAL_TIMEOUT_S = 10


def run_dial_command(command: str, number: str) -> str:
    """Run `command` with the number (`{number}` in it, else `tel:<number>` appended);
    what happened, in words. Blocks up to DIAL_TIMEOUT_S: call it off the UI thread."""
    try:
        words = shlex.split(command)
        if any("{number}" in word for word in words):
            args = [word.replace("{number}", number) for word in words]
        else:
            args = [*words, f"tel:{number}"]
        subprocess.run(args, check=True, timeout=DIAL_TIMEOUT_S, capture_output=True)
        return i18n.t("calls.dialed", number=number)
    except (OSError, ValueError, subprocess.SubprocessError) as problem:
        return i18n.t("calls.dial_failed", problem=str(problem)[:120])
