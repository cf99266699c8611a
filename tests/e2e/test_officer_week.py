"""The officer's week in a real terminal, on the installed command, with the clock of
the whole process fixed by faketime: a Friday afternoon before a Monday event, then the
event's morning at the door, then the afternoon after it (issue: the officer's week)."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import Outcome
from relance_tui.core.store.store import Store
from tests.conftest import require_program
from tests.e2e.test_tmux import Terminal, installed_relance

FRIDAY = "2026-12-04 15:05:00"  # the demo's event falls on Monday 7 December, 10 h 30
MONDAY_DOOR = "2026-12-07 10:00:00"
MONDAY_AFTER = "2026-12-07 15:00:00"


def at(moment: str) -> str:
    """The command prefix that fixes the process's clock (Montréal's time) at `moment`."""
    faketime = require_program("faketime")
    return f"env TZ=America/Toronto {faketime} -f '@{moment}'"


def montreal(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=DEFAULT_TZ)


def test_on_a_friday_next_morning_and_demain_mean_monday(tmp_path: Path) -> None:
    """`i` comes back Monday 9 h, not Saturday; `b samedi 20h` is warned of and ↓ takes
    Monday 9 h; `b mardi 10h` (after the Monday event) is warned of, and kept only on a
    second Entrée."""
    terminal = Terminal("relance-friday")
    relance = installed_relance()
    db = tmp_path / "demo.json"
    try:
        terminal.start(f"{at(FRIDAY)} {relance} demo --db {db}")
        terminal.wait_for("Appelés : 0 / 30")
        terminal.keys("i")  # Béatrice (CIBL) is interested: back the next working morning
        screen = terminal.wait_for("Appelés : 1 / 30")
        assert "lun. 9 h  CIBL 101,5" in screen and "demain 9 h" not in screen
        assert "À faire : 29" in screen and "Plus tard : 1" in screen

        terminal.keys("b")
        terminal.wait_for("Rappeler à quelle heure ?")
        terminal.keys("samedi 20h")
        screen = terminal.wait_for("C'est une fin de semaine, hors de 8 h – 18 h")
        assert "prendre lundi 7 décembre, 9 h" in screen
        terminal.keys("Down")  # one key takes the time offered
        terminal.wait_for("Appelés : 2 / 30")

        terminal.keys("b")
        terminal.wait_for("Rappeler à quelle heure ?")
        terminal.keys("mardi 10h", "Enter")
        screen = terminal.wait_for("après le début de l'événement")
        assert "Rappeler à quelle heure ?" in screen  # the first Entrée did not save it
        terminal.keys("Enter")  # the second keeps it, knowingly
        terminal.wait_for("Appelés : 3 / 30")
        terminal.keys("q")
        terminal.wait_closed(timeout=60)  # folded and unlocked before the next start
    finally:
        terminal.close()

    with Store.open(db) as store:
        event = store.current_event()
        assert event is not None and event.id is not None
        assert event.start == montreal(7, 10, 30)
        calls = sorted(store.attempts(event.id), key=lambda a: a.at)
    assert [a.outcome for a in calls] == [Outcome.INTERESTED, Outcome.CALLBACK, Outcome.CALLBACK]
    assert calls[1].callback_at == montreal(7, 9)  # Monday, not Saturday 20 h
    assert calls[2].callback_at == montreal(8, 10)  # kept on purpose


def test_the_event_day_opens_on_the_door_and_the_day_after_on_the_bilan(tmp_path: Path) -> None:
    """Friday: CIBL confirms twice (Béatrice, then Catherine through the side list) and
    a callback is promised. Monday 10 h: relance opens on Accueil; Béatrice is checked
    in. Monday 15 h: relance opens on the Bilan; CIBL came, so Catherine is not
    "confirmed absent" but "venu (par Béatrice Thibault)"; the callback is "Non rappelé"."""
    terminal = Terminal("relance-event-day")
    relance = installed_relance()
    db = tmp_path / "demo.json"
    try:
        terminal.start(f"{at(FRIDAY)} {relance} demo --db {db}")
        terminal.wait_for("Appelés : 0 / 30")
        terminal.keys("c")  # Béatrice, CIBL: confirmed; Catherine (CIBL) goes aside
        screen = terminal.wait_for("Confirmés : 1")
        assert "Mis de côté" in screen
        assert "déjà confirmé par Béat" in screen or "CIBL 101,5 (Cath" in screen
        terminal.keys("b")
        terminal.wait_for("Rappeler à quelle heure ?")
        terminal.keys("16h", "Enter")  # today, 16 h: a sensible time, saved at once
        terminal.wait_for("Appelés : 2 / 30")
        terminal.keys("Tab", "End", "Enter")  # the last of the side list: Catherine, aside
        terminal.wait_for("CIBL 101,5 a déjà confirmé — Béatrice Thibault")
        terminal.keys("c")
        terminal.wait_for("Confirmés : 2")
        terminal.keys("q")
        terminal.wait_closed(timeout=60)  # folded and unlocked before the next start

        terminal.start(f"{at(MONDAY_DOOR)} {relance} --db {db}")
        terminal.wait_for("Tapez un média ou un nom")  # Accueil, on its own
        terminal.keys("Béatrice")
        terminal.wait_for("CIBL 101,5 — Béatrice Thibault")
        terminal.keys("Enter")
        terminal.wait_for("1 présent·e (1 média)")
        terminal.keys("C-q")  # the search field has the keys: q would be typed
        terminal.wait_closed(timeout=60)  # folded and unlocked before the next start

        terminal.start(f"{at(MONDAY_AFTER)} {relance} --db {db}")
        screen = terminal.wait_for("Résultats des appels")  # the Bilan, on its own
        assert "Rappels (" not in screen
        terminal.keys("]", "]", "]")  # to the fourth tab: the callbacks never made
        screen = terminal.wait_for("Non rappelés (1)")
        terminal.keys("q")
        terminal.wait_closed(timeout=60)  # folded and unlocked before the next start
    finally:
        terminal.close()

    env = {**os.environ, "RELANCE_LANG": "fr", "TZ": "America/Toronto"}
    faketime = require_program("faketime")
    report = subprocess.run(
        [faketime, "-f", f"@{MONDAY_AFTER}", relance, "report", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    absent = report.split("Confirmés absents")[1].split("\n\n")[0]
    assert "CIBL" not in absent
    present = report.split("Présents")[1].split("\n\n")[0]
    assert "Catherine Vachon" in present and "venu (par Béatrice Thibault)" in present
    assert "Non rappelés (l'événement a commencé) (1)" in report
    assert "Rappels à faire" not in report
