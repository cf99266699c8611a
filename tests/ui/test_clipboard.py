"""The reminder email to the clipboard (PRODUCT §8): a real X clipboard, and none at all."""

from __future__ import annotations

import os
import stat
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pyperclip
import pytest

from relance_tui.core.calls.queue import load_queue
from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.store.store import Store
from relance_tui.ui import clipboard
from relance_tui.ui.app import make_app
from relance_tui.ui.clipboard import CopyMethod, copy_text
from relance_tui.ui.dialogs.copy import CopyDialog
from tests.conftest import require_program


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch):
    xvfb = require_program("Xvfb")
    require_program("xclip")
    number = 90 + os.getpid() % 500
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert socket.exists(), "Xvfb did not start"
    monkeypatch.setenv("DISPLAY", f":{number}")
    # pyperclip picks its mechanism once; make it look again with a display present.
    copy, paste = pyperclip.determine_clipboard()
    monkeypatch.setattr(pyperclip, "copy", copy)
    monkeypatch.setattr(pyperclip, "paste", paste)
    yield f":{number}"
    server.terminate()
    server.wait(timeout=5)


async def press_e(store: Store, now: datetime):
    app = make_app(store=store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4", "e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # No dialog in the way of the next call: the status line says how it went.
        assert not isinstance(app.screen, CopyDialog)
        said = str(app.screen.query_one("#call-status").render())
        await pilot.press("E")  # the text, on request
        await pilot.pause()
        assert isinstance(app.screen, CopyDialog)
        assert str(app.screen.query_one("#copy-status").render()) in said
        return (
            app.screen.query_one("#copy-text").text,
            str(app.screen.query_one("#copy-status").render()),
        )


async def test_e_puts_the_rendered_email_on_the_x_clipboard(
    demo_store: Store, now: datetime, x_display: str
) -> None:
    first = load_queue(demo_store, demo_store.current_event(), now).current
    text, status = await press_e(demo_store, now)
    assert status.startswith("copié dans le presse-papiers")
    held = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"],
        capture_output=True,
        text=True,
        timeout=5,
        env={**os.environ, "DISPLAY": x_display},
    ).stdout
    assert held == text
    # The body alone, ready to paste into a message: no "À :" or "Objet :" line.
    assert held.startswith(f"Bonjour {first.contact.first_name},")
    assert "Lancement de la campagne «\xa0Ruelles" in held  # no-break spaces kept
    assert not any(line.startswith(("À :", "Objet :")) for line in held.splitlines())


async def test_without_any_clipboard_the_text_is_shown_and_saved(
    demo_store: Store, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_mechanism(text: str) -> None:
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_mechanism)
    text, status = await press_e(demo_store, now)
    assert "confié au terminal pour la copie (collez pour vérifier" in status
    [saved] = (demo_store.path.parent / "copies").iterdir()
    assert str(saved) in status
    assert saved.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_copy_text_never_raises_and_falls_back_to_the_file(
    tmp_path: Path, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str) -> None:
        raise OSError("xclip exploded")

    monkeypatch.setattr(pyperclip, "copy", broken)
    result = copy_text("Bonjour", tmp_path / "copies", "Léa Roy", now, app=None)
    assert result.method is CopyMethod.FILE
    assert result.saved_to.read_text(encoding="utf-8") == "Bonjour"
    assert "sélectionnez le texte" in result.message()


def test_a_hung_clipboard_times_out(
    tmp_path: Path, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pyperclip, "copy", lambda text: time.sleep(5))
    monkeypatch.setattr(clipboard, "PYPERCLIP_TIMEOUT_S", 0.2)
    started = time.monotonic()
    result = copy_text("Bonjour", tmp_path, "x", now, app=None)
    assert time.monotonic() - started < 2
    assert result.method is CopyMethod.FILE
