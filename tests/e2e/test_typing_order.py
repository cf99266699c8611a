"""Keys typed together act in the order they were typed, in a real pseudo-terminal.

A typist's burst (backspaces then letters, key repeat) reaches the app in one
read. The installed command runs in a pty whose screen pyte draws; the search
field must show what was typed, in order.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import termios
import time
from pathlib import Path

import pyte

from relance_tui.core.station.demo import load_demo
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir
from tests.conftest import FIXED_NOW
from tests.e2e.test_tmux import installed_relance


class Pty:
    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: a 100x32 terminal from its first draw
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
            os.environ.update(env)
            os.execv(argv[0], argv)
        self.screen = pyte.Screen(100, 32)
        self.stream = pyte.ByteStream(self.screen)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, *wanted: str, timeout: float = 30.0) -> str:
        """The screen once it shows every one of `wanted` (a frame may arrive in parts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    self.stream.feed(os.read(self.fd, 65536))
                except OSError:
                    break
            if all(text in self.text() for text in wanted):
                return self.text()
        raise AssertionError(f"{wanted!r} never appeared:\n{self.text()}")

    def type(self, data: bytes) -> None:
        os.write(self.fd, data)  # one write: the app reads it in one go

    def close(self) -> None:
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def test_backspaces_then_letters_in_one_burst_keep_their_order(tmp_path: Path) -> None:
    db = tmp_path / "relance.json"
    with Store.open(db) as store:
        load_demo(store, data_dir(), FIXED_NOW)
    term = Pty(
        [installed_relance(), "--db", str(db), "--lang", "fr", "--screen", "lists"],
        {"TERM": "xterm-256color", "RELANCE_CONFIG": str(tmp_path / "config.toml")},
    )
    try:
        term.wait_for("72 trouvés (")
        term.type(b"/")
        term.wait_for("/ chercher  ^g")  # the footer of the search field: it has the focus
        term.type(b"vacz")
        term.wait_for("vacz")
        term.type(b"\x7f\x7fchon")  # "vacz" less "z" and "c", then "chon"
        screen = term.wait_for("1 trouvé (72 au total)", "Catherine Vachon", "  vachon ")
        assert "vacz" not in screen
    finally:
        term.close()
