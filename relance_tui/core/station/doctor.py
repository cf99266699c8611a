"""`relance doctor`: what works on this machine, one line each, and what to do when
something does not. It reads and asks; it never changes anything (no file written, no
microphone opened, no program run but the questions dialers and `xdg-mime` answer).

Every probe of the machine is a field of `Machine`, so each system's answers are
tested on any machine (tests/core/test_doctor.py).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from relance_tui import i18n
from relance_tui.core.errors import RelanceError
from relance_tui.core.handoff import dial
from relance_tui.core.handoff.desktop import is_windows


@dataclass(frozen=True)
class Check:
    """One line of the report: the item, whether it works, what it is or what to do."""

    item: str  # message id of the item's name
    ok: bool
    said: str  # in the user's language
    needed: bool = False  # relance cannot run without it


def _sounddevice_input() -> str | None:
    """The default microphone's name; raises ImportError or OSError when the voice
    extra or PortAudio is missing. Asks the device list only: nothing is opened."""
    import sounddevice  # type: ignore[import-untyped,import-not-found,unused-ignore]

    device = sounddevice.query_devices(kind="input")
    return str(device["name"]) if device else None


def _mail_program() -> str:
    from relance_tui.core.handoff.mail import mail_program  # the email package: here only

    return mail_program()


@dataclass(frozen=True)
class Machine:
    """What doctor asks the machine (each a parameter, for the tests)."""

    platform: str = sys.platform
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    is_terminal: bool = field(default_factory=lambda: sys.stdin.isatty() or sys.stdout.isatty())
    which: Callable[[str], str | None] = shutil.which
    dialers: Callable[[], list[dial.Dialer]] = dial.detect
    mail_program: Callable[[], str] = lambda: _mail_program()
    microphone: Callable[[], str | None] = _sounddevice_input


def _terminal(machine: Machine) -> Check:
    env = machine.environ
    term = env.get("TERM", "")
    if not machine.is_terminal or term == "dumb":
        return Check("doctor.terminal", False, i18n.t("doctor.terminal.none"), needed=True)
    colours = "24-bit" if env.get("COLORTERM") in ("truecolor", "24bit") else "256"
    if env.get("TERM_PROGRAM") == "Apple_Terminal":
        return Check("doctor.terminal", True, i18n.t("doctor.terminal.apple"))
    if is_windows(machine.platform) and not env.get("WT_SESSION"):
        return Check("doctor.terminal", True, i18n.t("doctor.terminal.console"))
    return Check("doctor.terminal", True, i18n.t("doctor.terminal.ok", term=term, colours=colours))


def _keys(machine: Machine) -> Check:
    if machine.platform == "darwin":
        return Check("doctor.keys", False, i18n.t("doctor.keys.mac"))
    return Check("doctor.keys", True, i18n.t("doctor.keys.ok"))


def _clipboard(machine: Machine) -> Check:
    env, which = machine.environ, machine.which
    if is_windows(machine.platform):
        return Check("doctor.clipboard", True, i18n.t("doctor.clipboard.ok", via="Windows"))
    if machine.platform == "darwin":
        found = "pbcopy" if which("pbcopy") else ""
    elif env.get("WAYLAND_DISPLAY") and which("wl-copy"):
        found = "wl-copy"
    elif env.get("DISPLAY"):
        found = next((name for name in ("xclip", "xsel") if which(name)), "")
    else:
        found = ""
    if found:
        return Check("doctor.clipboard", True, i18n.t("doctor.clipboard.ok", via=found))
    return Check("doctor.clipboard", False, i18n.t("doctor.clipboard.file"))


def _dialer(machine: Machine) -> Check:
    found = machine.dialers()
    if found:
        via = i18n.t(f"handoff.dialer.{found[0].key}")
        return Check("doctor.dialer", True, i18n.t("doctor.dialer.ok", via=via))
    return Check("doctor.dialer", False, i18n.t("doctor.dialer.qr"))


def _mail(machine: Machine) -> Check:
    if is_windows(machine.platform) or machine.platform == "darwin":
        return Check("doctor.mail", True, i18n.t("doctor.mail.default"))
    if not machine.which("xdg-open"):
        return Check("doctor.mail", False, i18n.t("doctor.mail.none"))
    program = machine.mail_program()
    if program:
        return Check("doctor.mail", True, i18n.t("doctor.mail.ok", program=program))
    return Check("doctor.mail", True, i18n.t("doctor.mail.default"))


def _microphone(machine: Machine) -> Check:
    try:
        name = machine.microphone()
    except ImportError:
        return Check("doctor.microphone", False, i18n.t("doctor.microphone.no_extra"))
    except Exception:  # PortAudio missing or its own errors: no device to ask
        return Check("doctor.microphone", False, i18n.t("doctor.microphone.none"))
    if not name:
        return Check("doctor.microphone", False, i18n.t("doctor.microphone.none"))
    return Check("doctor.microphone", True, i18n.t("doctor.microphone.ok", name=name))


def _data_file(path: Path, meta: dict[str, object]) -> list[Check]:
    """The data file and its backup (`meta` receives the file's meta table)."""
    from relance_tui.core.store.files import backup_path
    from relance_tui.core.store.reading import load_tables
    from relance_tui.core.store.recovery import describe

    if not path.exists():
        return [Check("doctor.data", True, i18n.t("doctor.data.new", path=str(path)))]
    try:
        tables = load_tables(path)
    except RelanceError as problem:
        said = i18n.t("doctor.data.problem", path=str(path), problem=str(problem))
        return [Check("doctor.data", False, said, needed=True)]
    found = tables.get("meta", {}).get("1", {})
    meta.update(found if isinstance(found, dict) else {})
    counts = describe(tables)
    del tables
    contacts = i18n.t("count.contacts", count=counts["contacts"])
    checks = [Check("doctor.data", True, i18n.t("doctor.data.ok", path=str(path), what=contacts))]
    backup = backup_path(path)
    if backup.exists():
        checks.append(Check("doctor.backup", True, i18n.t("doctor.backup.ok", path=str(backup))))
    else:
        checks.append(Check("doctor.backup", False, i18n.t("doctor.backup.none")))
    return checks


def _team(meta: Mapping[str, object], which: Callable[[str], str | None]) -> Check:
    team = meta.get("team")
    folder = team.get("folder") if isinstance(team, dict) else None
    if not folder:
        return Check("doctor.team", True, i18n.t("doctor.team.none"))
    if not Path(str(folder)).is_dir():
        return Check("doctor.team", False, i18n.t("doctor.team.missing", path=str(folder)))
    engine = next((name for name in ("syncthing", "nextcloud", "dropbox") if which(name)), "")
    said = i18n.t("doctor.team.ok", path=str(folder), engine=engine or "—")
    return Check("doctor.team", True, said)


def examine(path: Path, machine: Machine | None = None) -> list[Check]:
    """Every line of the report for the data file at `path`, on this machine."""
    machine = machine or Machine()
    checks = [_terminal(machine), _keys(machine), _clipboard(machine), _dialer(machine)]
    checks += [_mail(machine), _microphone(machine)]
    meta: dict[str, object] = {}
    checks += _data_file(path, meta)
    checks.append(_team(meta, machine.which))
    return checks


def can_run(checks: list[Check]) -> bool:
    """relance can run here: nothing it needs is missing."""
    return not any(check.needed and not check.ok for check in checks)
