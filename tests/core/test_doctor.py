"""`relance doctor`: each item present and missing, on each system, in both languages;
it changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from relance_tui import i18n
from relance_tui.core.handoff.dial import Dialer
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.station.doctor import Machine, can_run, examine
from relance_tui.core.store.store import Store

EVERYTHING = {"xclip": "/usr/bin/xclip", "xdg-open": "/usr/bin/xdg-open", "syncthing": "/usr/bin/s"}


def a_machine(**changes: object) -> Machine:
    fields: dict[str, object] = {
        "platform": "linux",
        "environ": {"TERM": "xterm-256color", "COLORTERM": "truecolor", "DISPLAY": ":0"},
        "is_terminal": True,
        "which": EVERYTHING.get,
        "dialers": lambda: [Dialer("kdeconnect", "/usr/bin/kdeconnect-cli", device="phone")],
        "mail_program": lambda: "Thunderbird",
        "microphone": lambda: "USB Audio",
    }
    fields.update(changes)
    return Machine(**fields)  # type: ignore[arg-type]


def said(checks, item: str) -> tuple[bool, str]:  # type: ignore[no-untyped-def]
    [check] = [c for c in checks if c.item == f"doctor.{item}"]
    return check.ok, check.said


def a_file(path: Path) -> Path:
    with Store.open(path) as store:
        outlet_id = store.save(Outlet(name="CIBL"))
        store.save(Contact(outlet_id=outlet_id, name="Élise Côté"))
    return path


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_everything_present_on_linux(tmp_path: Path, lang: str) -> None:
    i18n.set_language(lang)
    path = a_file(tmp_path / "relance.json")
    before = sorted(p.name for p in tmp_path.iterdir())
    checks = examine(path, a_machine())
    assert all(check.ok for check in checks), [c for c in checks if not c.ok]
    assert can_run(checks)
    assert said(checks, "mail") == (True, i18n.t("doctor.mail.ok", program="Thunderbird"))
    assert "KDE Connect" in said(checks, "dialer")[1] and "xclip" in said(checks, "clipboard")[1]
    assert "1 contact" in said(checks, "data")[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_everything_missing_says_what_to_do_and_relance_still_runs(
    tmp_path: Path, lang: str
) -> None:
    i18n.set_language(lang)

    def no_extra() -> str:
        raise ImportError("sounddevice")

    machine = a_machine(
        environ={"TERM": "xterm"}, which=lambda _: None, dialers=list, microphone=no_extra
    )
    checks = examine(tmp_path / "nouveau.json", machine)
    assert said(checks, "clipboard") == (False, i18n.t("doctor.clipboard.file"))
    assert said(checks, "dialer") == (False, i18n.t("doctor.dialer.qr"))
    assert said(checks, "mail") == (False, i18n.t("doctor.mail.none"))
    assert said(checks, "microphone") == (False, i18n.t("doctor.microphone.no_extra"))
    assert said(checks, "data")[0] and can_run(checks)  # a new file: created at first start
    assert not (tmp_path / "nouveau.json").exists()


def test_no_terminal_or_a_damaged_file_means_relance_cannot_run(tmp_path: Path) -> None:
    assert not can_run(examine(tmp_path / "x.json", a_machine(is_terminal=False)))
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{not json", encoding="utf-8")
    checks = examine(damaged, a_machine())
    ok, text = said(checks, "data")
    assert not ok and "relance check" in text and not can_run(checks)


@pytest.mark.parametrize(
    ("platform", "environ", "words"),
    [
        ("darwin", {"TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"}, "Menlo"),
        ("win32", {"TERM": "xterm"}, "Windows Terminal"),
        ("win32", {"TERM": "xterm", "WT_SESSION": "1"}, "xterm"),
    ],
)
def test_the_terminal_advice_of_each_system(platform: str, environ: dict, words: str) -> None:
    i18n.set_language("en")
    checks = examine(Path("/nonexistent/x.json"), a_machine(platform=platform, environ=environ))
    assert words in said(checks, "terminal")[1]


def test_on_a_mac_the_f_keys_are_said_to_be_media_keys() -> None:
    i18n.set_language("fr")
    checks = examine(Path("/nonexistent/x.json"), a_machine(platform="darwin"))
    ok, text = said(checks, "keys")
    assert not ok and "fn" in text and "ctrl+p" in text
    assert can_run(checks)  # a warning, not a stop


def test_the_team_folder_gone_is_said(tmp_path: Path) -> None:
    path = a_file(tmp_path / "relance.json")
    with Store.open(path) as store:
        store.update_meta(team={"folder": str(tmp_path / "partage")})
    i18n.set_language("en")
    assert not said(examine(path, a_machine()), "team")[0]
    (tmp_path / "partage").mkdir()
    ok, text = said(examine(path, a_machine()), "team")
    assert ok and "syncthing" in text


def test_the_command_prints_one_line_per_item(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from relance_tui.cli import main

    result = CliRunner().invoke(main, ["--lang", "en", "doctor", "--db", str(tmp_path / "x.json")])
    lines = result.output.splitlines()
    assert lines[0] == i18n.t("doctor.title", "en")
    marks = [line[0] for line in lines[1:-1]]
    assert set(marks) <= {"✓", "✗"} and len(marks) == 8  # a new file: no backup line
    assert result.exit_code == 1  # the runner is no terminal: relance could not run here
