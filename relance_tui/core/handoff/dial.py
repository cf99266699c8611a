"""Dialing on the officer's own phone (people answer a number they know).

`p` hands the number, as a `tel:` URI with the extension after a pause
(`tel:+15145550136,221`: `;ext=` misdials on Android), to the first dialer found on
this machine, in this order: KDE Connect or GSConnect (a paired phone), Android over USB (adb,
DIAL not CALL: the phone shows the number, the caller presses call), macOS `open`
(an iPhone through Continuity), Windows' own `tel:` handler (`os.startfile`: Phone
Link, Teams, Skype, whichever the system gives it), Linphone, any `tel:` handler of
the desktop (`xdg-open`). The settings can name one, a command of the user's own, or none (the
QR code then: the caller scans it with the phone's camera). Nothing calls by itself.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from relance_tui.core.handoff.desktop import StartFile, has_tel_handler, is_windows

DETECT_TIMEOUT_S = 3
DIAL_TIMEOUT_S = 10
ORDER = ("kdeconnect", "gsconnect", "adb", "macos", "windows", "linphone", "xdg")
GSCONNECT_SCRIPT = "gnome-shell/extensions/gsconnect@andyholmes.github.io/gsconnect.sh"

Which = Callable[[str], str | None]


@dataclass(frozen=True)
class Dialer:
    key: str  # one of ORDER, or "custom"
    program: str
    device: str = ""  # KDE Connect's device id
    command: str = ""  # the user's own command ("custom")

    def argv(self, uri: str) -> list[str]:
        """The exact command line that hands `uri` to this dialer."""
        if self.key == "kdeconnect":
            return [self.program, "--device", self.device, "--share", uri]
        if self.key == "gsconnect":  # GNOME's KDE Connect: the phone opens its dialer
            return [self.program, "--device", self.device, "--share-link", uri]
        if self.key == "adb":
            return [
                self.program,
                "shell",
                "am",
                "start",
                "-a",
                "android.intent.action.DIAL",
                "-d",
                uri,
            ]
        if self.key == "linphone":
            return [self.program, "--call", uri]
        if self.key == "custom":
            words = shlex.split(self.command)
            number = uri.removeprefix("tel:")
            if any("{number}" in w or "{uri}" in w for w in words):
                return [w.replace("{number}", number).replace("{uri}", uri) for w in words]
            return [*words, uri]
        if self.key == "windows":  # not a command: `os.startfile(uri)` (see `dial`)
            return ["startfile", uri]
        return [self.program, uri]  # macOS open, xdg-open


def _output(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=DETECT_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""


def _gsconnect_script() -> str | None:
    """GSConnect's command-line script in the extension's folder (it is on PATH only
    when the user linked it there)."""
    homes = [os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local/share")]
    homes += (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")
    for home in homes:
        script = Path(home) / GSCONNECT_SCRIPT
        if home and script.is_file() and os.access(script, os.X_OK):
            return str(script)
    return None


def detect(
    which: Which = shutil.which,
    platform: str = sys.platform,
    tel_handler: Callable[[str], bool] = has_tel_handler,
) -> list[Dialer]:
    """The dialers usable on this machine now, in the order they are preferred."""
    found: list[Dialer] = []
    if program := which("kdeconnect-cli"):
        devices = _output([program, "--list-available", "--id-only"]).split()
        if devices:
            found.append(Dialer("kdeconnect", program, device=devices[0]))
    if program := which("gsconnect") or _gsconnect_script():
        devices = _output([program, "--list-devices"]).split()  # connected and paired
        if devices:
            found.append(Dialer("gsconnect", program, device=devices[0]))
    if program := which("adb"):
        lines = _output([program, "devices"]).splitlines()[1:]
        if any(line.rstrip().endswith("\tdevice") for line in lines):
            found.append(Dialer("adb", program))
    if platform == "darwin" and (program := which("open")):
        found.append(Dialer("macos", program))
    if is_windows(platform) and tel_handler(platform):
        found.append(Dialer("windows", "startfile"))
    if program := which("linphone"):
        found.append(Dialer("linphone", program))
    if platform != "darwin" and not is_windows(platform) and (program := which("xdg-open")):
        mime = which("xdg-mime")
        handler = _output([mime, "query", "default", "x-scheme-handler/tel"]) if mime else ""
        if handler.strip():
            found.append(Dialer("xdg", program))
    return found


def chosen(choice: str, command: str, found: list[Dialer]) -> Dialer | None:
    """The dialer the settings ask for: "auto" (the first found), "qr" (none: the QR
    code), "custom" (the user's command), or a dialer by name if it is found here."""
    if choice == "custom" and command.strip():
        return Dialer("custom", "", command=command)
    if choice == "qr":
        return None
    if choice in ("", "auto") and command.strip() and not found:
        return Dialer("custom", "", command=command)  # set before dialers were detected
    by_key = {d.key: d for d in found}
    if choice in by_key:
        return by_key[choice]
    return found[0] if choice in ("", "auto") and found else None


def tel_uri(number: str) -> str:
    """`tel:` and the number as dialers take it ("+15145550136,221")."""
    return f"tel:{number}"


@dataclass(frozen=True)
class Dialed:
    ok: bool
    detail: str = ""  # why it failed, in the dialer's own words


def dial(
    dialer: Dialer, uri: str, timeout: float | None = None, startfile: StartFile | None = None
) -> Dialed:
    """Run the dialer; blocks up to `timeout` (DIAL_TIMEOUT_S): call it off the UI thread."""
    timeout = DIAL_TIMEOUT_S if timeout is None else timeout
    if dialer.key == "windows":
        start = startfile or getattr(os, "startfile", None)
        if start is None:
            return Dialed(False, "os.startfile")
        try:
            start(uri)
        except OSError as problem:
            return Dialed(False, str(problem)[:120])
        return Dialed(True)
    try:
        done = subprocess.run(dialer.argv(uri), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Dialed(False, f"> {timeout:.0f} s")
    except (OSError, ValueError) as problem:
        return Dialed(False, str(problem)[:120])
    if done.returncode != 0:
        return Dialed(
            False, (done.stderr or done.stdout).strip()[:120] or f"code {done.returncode}"
        )
    return Dialed(True)
