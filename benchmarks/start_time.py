"""Start time where the user sits: the installed `relance` in a pseudo-terminal.

Spawns `relance --db FILE` (a copy of the demo data) in a 100x32 pty, feeds its
output to a pyte screen, and times spawn -> the screen showing the first rows
of the media list (and, with --card, then `4` -> the first call card).
Prints median, p95, max and n.

    .venv/bin/python benchmarks/start_time.py [--runs 15] [--card]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
RELANCE = Path(sys.executable).with_name("relance")
COLUMNS, LINES = 100, 32


def _screen_text(screen: pyte.Screen) -> str:
    return "\n".join(screen.display)


def _wait_for(fd: int, stream: pyte.ByteStream, screen: pyte.Screen, marker: str) -> float:
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            stream.feed(data)
            if marker in _screen_text(screen):
                return time.perf_counter()
    raise TimeoutError(f"{marker!r} never appeared:\n{_screen_text(screen)}")


def one_run(db: Path, card: bool) -> tuple[float, float | None]:
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)})
        # A user's install keeps its byte-code: measure that, not a compile per start.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.execv(str(RELANCE), [str(RELANCE), "--db", str(db), "--lang", "fr"])
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    started = time.perf_counter()
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.ByteStream(screen)
    try:
        first = _wait_for(fd, stream, screen, "CIBL") - started
        to_card = None
        if card:
            pressed = time.perf_counter()
            os.write(fd, b"4")
            # The card with its talking points rendered (the ask is their last line).
            to_card = (
                _wait_for(fd, stream, screen, os.environ.get("MARK", "pourrait être là")) - pressed
            )
        os.write(fd, b"q")
        time.sleep(0.3)
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    return first, to_card


def summary(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return (
        f"{name}: median {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, "
        f"max {ms[-1]:.0f} ms, n={len(ms)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--card", action="store_true", help="also time `4` -> first card")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    try:
        seed = work / "seed.json"
        subprocess.run(
            [
                str(Path(sys.executable)),
                "-c",
                "import sys; from pathlib import Path;"
                "from relance_tui.core.store.store import Store;"
                "from relance_tui.core.demo import load_demo;"
                "from datetime import datetime; from zoneinfo import ZoneInfo;"
                "from relance_tui.locations import data_dir;"
                "s = Store.open(Path(sys.argv[1]));"
                "load_demo(s, data_dir(), datetime.now(ZoneInfo('America/Toronto')));"
                "s.close()",
                str(seed),
            ],
            check=True,
        )
        firsts, cards = [], []
        for run in range(args.runs + 1):
            db = work / f"run{run}.json"
            shutil.copyfile(seed, db)
            first, card = one_run(db, args.card)
            if run == 0:
                continue  # the first run warms the disk cache and byte-code
            firsts.append(first)
            if card is not None:
                cards.append(card)
        print(summary("spawn -> first screen (Listes with rows)", firsts))
        if cards:
            print(summary("`4` -> first call card", cards))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
