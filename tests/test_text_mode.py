"""The plain-text call mode for screen-reader users (`relance --texte`): lines only,
the same keys, one sentence per key; what the keys record is in the store."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from relance_tui import i18n, text_mode
from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.models import Outcome
from relance_tui.core.store.store import Store
from tests.e2e.test_tmux import Terminal, installed_relance

BOXES = re.compile("[\u2500-\u259f]")  # box drawing and block elements


def test_keys_record_calls_and_each_says_one_sentence(demo_store: Store, now: datetime) -> None:
    i18n.set_language("fr")
    keys = iter(["c", "z", "v", "b", "s", "u", "q"])
    lines: list[str] = []
    event = demo_store.current_event()
    assert event is not None and event.id is not None
    before = len(demo_store.attempts(event.id))
    text_mode.run(
        demo_store,
        fixed_clock(now),
        "fr",
        lambda: next(keys, ""),
        lambda _: "demain 10h",
        lines.append,
    )
    calls = demo_store.attempts(event.id)[before:]
    assert [a.outcome for a in calls][:3] == [
        Outcome.CONFIRMED,
        Outcome.VOICEMAIL,
        Outcome.CALLBACK,
    ]
    said = [line for line in lines if line.startswith(("Enregistré", "Rappel pour", "La touche"))]
    assert len(said) == 4 and said[1].startswith("La touche z")
    assert not any(BOXES.search(line) or "★" in line for line in lines)
    assert lines[-1] == i18n.t("text.bye")


def test_the_installed_command_in_a_terminal_shows_no_box(tmp_path: Path) -> None:
    terminal = Terminal("relance-texte", size=(100, 40))
    db = tmp_path / "demo.json"
    try:
        terminal.start(f"{installed_relance()} demo --texte --db {db}")
        first = terminal.wait_for("pourrait être là ?", timeout=60)
        terminal.keys("c", "n")  # the second while the next card is written: kept for it
        screen = terminal.wait_for("Enregistré : présence confirmée", timeout=30)
        assert not BOXES.search(screen) and not BOXES.search(first)
        screen = terminal.wait_for("Enregistré : pas de réponse", timeout=30)
        assert screen.count("Enregistré :") == 2  # one sentence per key
        assert "\nn" not in screen and not any(line.startswith("n") for line in screen.split("\n"))
        terminal.keys("q")
        terminal.wait_closed(timeout=30)
    finally:
        terminal.close()
    with Store.open(db) as store:
        event = store.current_event()
        assert event is not None and event.id is not None
        outcomes = [a.outcome for a in store.attempts(event.id)]
        assert outcomes[-2:] == [Outcome.CONFIRMED, Outcome.NO_ANSWER]
