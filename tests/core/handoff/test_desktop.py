"""Every hand-off on each system the officers use, through platform shims: the exact
command run, or the exact `os.startfile` call on Windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from relance_tui.core.handoff import desktop, dial, mail

PROGRAMS = {"open": "/usr/bin/open", "xdg-open": "/usr/bin/xdg-open"}


def which(name: str) -> str | None:
    return PROGRAMS.get(name)


class Recorder:
    def __init__(self, code: int = 0, fails: bool = False) -> None:
        self.runs: list[list[str]] = []
        self.started: list[str] = []
        self.code, self.fails = code, fails

    def run(self, argv: list[str], timeout: float) -> int:
        self.runs.append(argv)
        return self.code

    def startfile(self, target: str) -> None:
        self.started.append(target)
        if self.fails:
            raise OSError("no application is associated with this file")


@pytest.mark.parametrize(
    "target", ["/home/x/brouillons/cibl.eml", "/home/x/calendrier/relance-1.ics", "/home/x/dossier"]
)
@pytest.mark.parametrize(
    ("platform", "expected"),
    [("darwin", ["/usr/bin/open"]), ("linux", ["/usr/bin/xdg-open"]), ("win32", None)],
)
def test_a_draft_a_calendar_or_a_folder_opens_with_the_system_s_own_way(
    platform: str, expected: list[str] | None, target: str
) -> None:
    shim = Recorder()
    opened = desktop.open_with_desktop(
        target, platform=platform, which=which, startfile=shim.startfile, run=shim.run
    )
    assert opened
    if expected is None:  # Windows: the file's associated program, no command
        assert shim.started == [target] and shim.runs == []
    else:
        assert shim.runs == [[*expected, target]] and shim.started == []


def test_nothing_to_open_with_says_so() -> None:
    shim = Recorder(fails=True)
    assert not desktop.open_with_desktop("x.eml", platform="win32", startfile=shim.startfile)
    assert not desktop.open_with_desktop("x.eml", platform="linux", which=lambda _: None)
    assert not desktop.open_with_desktop(
        "x.eml", platform="darwin", which=which, run=Recorder(code=1).run
    )


@pytest.mark.parametrize(
    ("platform", "tel", "keys"),
    [
        ("win32", True, ["windows"]),
        ("win32", False, []),  # nothing takes tel: links: the QR code
        ("darwin", False, ["macos"]),
        ("linux", False, []),  # xdg-open, but no tel: handler registered (the fake xdg-mime)
    ],
)
def test_the_dialers_found_on_each_system(platform: str, tel: bool, keys: list[str]) -> None:
    found = dial.detect(which=which, platform=platform, tel_handler=lambda _: tel)
    assert [d.key for d in found] == keys


def test_on_windows_the_number_goes_to_the_tel_handler_through_startfile() -> None:
    shim = Recorder()
    [windows] = dial.detect(which=lambda _: None, platform="win32", tel_handler=lambda _: True)
    done = dial.dial(windows, "tel:+15145550136,221", startfile=shim.startfile)
    assert done.ok and shim.started == ["tel:+15145550136,221"]
    failing = Recorder(fails=True)
    done = dial.dial(windows, "tel:+15145550136", startfile=failing.startfile)
    assert not done.ok and "associated" in done.detail


def test_on_macos_the_number_goes_to_open() -> None:
    [mac] = dial.detect(which=which, platform="darwin", tel_handler=lambda _: False)
    assert mac.argv("tel:+15145550136") == ["/usr/bin/open", "tel:+15145550136"]


def test_a_draft_handed_over_on_windows_opens_the_eml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shim = Recorder()
    monkeypatch.setattr(desktop.sys, "platform", "win32")
    monkeypatch.setattr(desktop, "_startfile", lambda: shim.startfile)
    message = mail.draft("elise@cibl.example", "Rappel", "Bonjour", None, None)
    said = mail.hand_over(tmp_path / "brouillons", "Élise", message)
    assert [Path(p).suffix for p in shim.started] == [".eml"]
    assert Path(shim.started[0]).is_file() and said
