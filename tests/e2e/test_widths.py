"""Every width shows the whole line: the installed command in a real terminal at 80×24,
100×32, 144×36 and 160×45, on each screen, with the demo data made busy (a long
outlet, show and air time on the card; every list of the Bilan filled; eight takes).
No line of the card, the side panel, the status line, the Bilan's lists or the takes
table ends cut ("…")."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from relance_tui.core.calls.queue import load_queue, record_outcome
from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.door.door import add_walk_in, check_in, door_list
from relance_tui.core.models import Outcome, RehearsalTake
from relance_tui.core.station.demo import load_demo
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir
from tests.conftest import require_program
from tests.e2e.test_tmux import Terminal, installed_relance

FRIDAY = datetime(2026, 12, 4, 10, 5, tzinfo=DEFAULT_TZ)  # the demo's event: Monday 10 h 30
SIZES = [(80, 24), (100, 32), (144, 36), (160, 45)]


def busy_demo(db: Path) -> None:
    """The demo with calls of every kind, a door kept, and eight takes."""
    with Store.open(db) as store:
        event = load_demo(store, data_dir(), FRIDAY)
        assert event.id is not None
        plan = [
            Outcome.CONFIRMED,
            Outcome.RESEND,
            Outcome.VOICEMAIL,
            Outcome.CALLBACK,
            Outcome.WRONG_NUMBER,
            Outcome.CONFIRMED,
        ]
        moment = FRIDAY
        for outcome in plan:
            state = load_queue(store, event, moment).current
            assert state is not None
            note = "Envoyer caméraman si possible" if outcome is Outcome.CONFIRMED else ""
            callback = moment + timedelta(hours=3) if outcome is Outcome.CALLBACK else None
            record_outcome(
                store, state, outcome, moment, duration_s=75, note=note, callback_at=callback
            )
            moment += timedelta(minutes=4)
        first = door_list(store, event, FRIDAY)[0]
        check_in(store, event, first, event.start - timedelta(minutes=10))
        add_walk_in(store, event, "Métro Montréal", "Zoé Lavoie", event.start)
        for n in range(8):
            at = FRIDAY - timedelta(hours=20 - n)
            seconds = 26.0 + n
            store.save(
                RehearsalTake(
                    event_id=event.id, at=at, duration_s=seconds, words=61, wpm=61 / seconds * 60
                )
            )


def cut_lines(screen: str, first_row: int, last_row: int) -> list[str]:
    """The rows between `first_row` and `last_row` (the mode bar, the banner and the
    footer left out) whose card half or side half ends in an ellipsis."""
    rows = screen.splitlines()[first_row:last_row]
    cut = []
    for row in rows:
        for half in row.split("▏"):
            if half.strip().startswith(("─", "╭")):
                continue  # the script box's title: its keys are in the help too
            if half.rstrip().endswith("…"):
                cut.append(row)
    return cut


def changed(terminal: Terminal, before: str, timeout: float = 10.0) -> str:
    """The screen once it differs from `before` (a key's effect drawn)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = terminal.capture()
        if screen != before:
            return screen
        time.sleep(0.1)
    return before  # the key changed nothing visible (one tab left)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_line_that_matters_is_cut_at_any_width(tmp_path: Path, size: tuple[int, int]) -> None:
    faketime = require_program("faketime")
    db = tmp_path / "busy.json"
    busy_demo(db)
    relance = installed_relance()
    terminal = Terminal(f"relance-width-{size[0]}", size)
    clock = f"env TZ=America/Toronto {faketime} -f '@2026-12-04 10:45:00'"
    try:
        terminal.start(f"{clock} {relance} --db {db} --screen calls")
        screen = terminal.wait_for("Appelés")
        if size[0] < 100:
            terminal.keys("l")  # the side lists, folded at 80 columns
            screen = terminal.wait_for("Rappels")
        footer = 2 if size[1] <= 30 else 4
        rows = screen.splitlines()
        assert not cut_lines(screen, 3, len(rows) - footer), screen

        terminal.keys("3")
        screen = terminal.wait_for("Rythme")
        takes = [row for row in screen.splitlines() if " s " in row and "▏" in row]
        assert len([row for row in takes if "," in row]) >= 3, screen
        assert not any("…" in row.split("▏")[-1] for row in takes), screen

        terminal.keys("5")
        screen = terminal.wait_for("Confirmés (")
        for _ in range(8):  # every tab of the Bilan: its rows whole
            lists = [row.split("▕")[-1] for row in screen.splitlines()[5:-footer]]
            people = [row for row in lists if "514" in row or "Métro" in row]
            # A phone is never cut; from 100 columns nothing else either (at 80 a
            # name may be, the status line shows the highlighted row whole).
            phones = [row for row in people if "514" in row]
            assert all(re.search(r"514 555-\d{4}(,|\s|$)", row) for row in phones), screen
            if size[0] >= 100:
                assert not any("…" in row for row in people), screen
            terminal.keys("]")
            screen = changed(terminal, screen)
        terminal.keys("q")
        terminal.wait_closed()
    finally:
        terminal.close()
