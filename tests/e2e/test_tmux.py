"""The installed `relance` command in a real terminal (tmux)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from relance_tui.core.store import Store
from tests.conftest import require_program


def installed_relance() -> str:
    beside = Path(sys.executable).with_name("relance")
    found = str(beside) if beside.exists() else shutil.which("relance")
    assert found, "the relance command is not installed in this environment"
    return found


def test_installed_demo_switches_screens_and_quits_cleanly(tmp_path: Path) -> None:
    tmux = require_program("tmux")
    relance = installed_relance()
    db = tmp_path / "demo.json"
    session = f"relance-test-{os.getpid()}"
    socket = ["-L", session]
    env_prefix = f"env RELANCE_LANG=fr TERM=xterm-256color {relance} demo --db {db}"
    subprocess.run(
        [tmux, *socket, "new-session", "-d", "-s", session, "-x", "100", "-y", "32", env_prefix],
        check=True,
    )
    try:

        def capture(text: str) -> str:
            deadline = time.monotonic() + 15
            screen = ""
            while time.monotonic() < deadline:
                screen = subprocess.run(
                    [tmux, *socket, "capture-pane", "-p", "-t", session],
                    capture_output=True,
                    text=True,
                ).stdout
                if text in screen:
                    return screen
                time.sleep(0.2)
            raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

        def keys(*pressed: str) -> None:
            subprocess.run([tmux, *socket, "send-keys", "-t", session, *pressed], check=True)

        screen = capture("affichés sur 72")
        assert "Fenêtre de relance" in screen
        keys("2")
        capture("Lignes de communication")
        keys("4")
        capture("Appelés : 0 / 30")
        keys("5")
        capture("Aucun appel enregistré.")
        keys("q")
        deadline = time.monotonic() + 10
        while (
            time.monotonic() < deadline
            and subprocess.run(
                [tmux, *socket, "has-session", "-t", session], capture_output=True
            ).returncode
            == 0
        ):
            time.sleep(0.2)
    finally:
        subprocess.run([tmux, *socket, "kill-server"], capture_output=True)

    # Quit folded the journal in and released the lock: the file reopens at once.
    assert not db.with_name(db.name + ".journal").exists()
    with Store.open(db) as store:
        assert len(store.outlets()) >= 25


def test_installed_calls_keep_their_progress_across_a_restart(tmp_path: Path) -> None:
    tmux = require_program("tmux")
    relance = installed_relance()
    db = tmp_path / "demo.json"
    session = f"relance-calls-{os.getpid()}"
    socket = ["-L", session]

    def start(command: str) -> None:
        subprocess.run(
            [
                tmux,
                *socket,
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                "100",
                "-y",
                "32",
                f"env RELANCE_LANG=fr TERM=xterm-256color {command}",
            ],
            check=True,
        )

    def capture(text: str) -> str:
        deadline = time.monotonic() + 15
        screen = ""
        while time.monotonic() < deadline:
            screen = subprocess.run(
                [tmux, *socket, "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def keys(*pressed: str) -> None:
        subprocess.run([tmux, *socket, "send-keys", "-t", session, *pressed], check=True)

    def wait_closed() -> None:
        deadline = time.monotonic() + 10
        while (
            time.monotonic() < deadline
            and subprocess.run(
                [tmux, *socket, "has-session", "-t", session], capture_output=True
            ).returncode
            == 0
        ):
            time.sleep(0.2)

    try:
        start(f"{relance} demo --db {db}")
        capture("affichés sur 72")
        keys("4")
        capture("Appelés : 0 / 30")
        for key, expected in (
            ("c", "Appelés : 1 / 30"),
            ("v", "Appelés : 2 / 30"),
            ("d", "Appelés : 3 / 30"),
        ):
            keys(key)
            capture(expected)
        keys("q")
        wait_closed()

        start(f"{relance} --db {db}")
        capture("affichés sur 72")
        keys("4")
        screen = capture("Appelés : 3 / 30")
        assert "Confirmés : 1" in screen
        assert "Plus tard : 1" in screen
        keys("q")
        wait_closed()
    finally:
        subprocess.run([tmux, *socket, "kill-server"], capture_output=True)

    with Store.open(db) as store:
        outcomes = sorted(a.outcome.value for a in store.attempts())
    assert outcomes == ["confirmed", "declined", "voicemail"]
