"""The installed `relance` command in a real terminal (tmux)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from relance_tui.core.calls.queue import load_queue
from relance_tui.core.calls.timing import DEFAULT_TZ, format_when
from relance_tui.core.store.store import Store
from tests.conftest import require_program


def installed_relance() -> str:
    beside = Path(sys.executable).with_name("relance")
    found = str(beside) if beside.exists() else shutil.which("relance")
    assert found, "the relance command is not installed in this environment"
    return found


class Terminal:
    """One tmux server of our own, 100x32, running one command."""

    def __init__(self, name: str, size: tuple[int, int] = (100, 32)) -> None:
        self.tmux = require_program("tmux")
        self.size = size
        self.session = f"{name}-{os.getpid()}"
        self.socket = ["-L", self.session]

    def start(self, command: str) -> None:
        subprocess.run(
            [
                self.tmux,
                *self.socket,
                "new-session",
                "-d",
                "-s",
                self.session,
                "-x",
                str(self.size[0]),
                "-y",
                str(self.size[1]),
                # The size is the pane's: inherited COLUMNS/LINES would override it.
                f"env -u COLUMNS -u LINES RELANCE_LANG=fr TERM=xterm-256color {command}",
            ],
            check=True,
        )

    def capture(self) -> str:
        """The screen now, as the user reads it (no-break spaces read as spaces)."""
        screen = subprocess.run(
            [self.tmux, *self.socket, "capture-pane", "-p", "-t", self.session],
            capture_output=True,
            text=True,
        ).stdout
        return screen.replace("\xa0", " ")

    def wait_for(self, text: str, timeout: float = 15.0, gone: tuple[str, ...] = ()) -> str:
        """The screen once it shows `text` and none of `gone` (a frame is written in
        parts: a screen read mid-frame still shows rows of the last one)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = subprocess.run(
                [self.tmux, *self.socket, "capture-pane", "-p", "-t", self.session],
                capture_output=True,
                text=True,
            ).stdout
            # What the user reads: French no-break spaces read as spaces.
            screen = screen.replace("\xa0", " ")
            if text in screen and not any(old in screen for old in gone):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared without {gone!r}; the screen was:\n{screen}")

    def keys(self, *pressed: str) -> None:
        subprocess.run(
            [self.tmux, *self.socket, "send-keys", "-t", self.session, *pressed], check=True
        )

    def wait_closed(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while (
            time.monotonic() < deadline
            and subprocess.run(
                [self.tmux, *self.socket, "has-session", "-t", self.session], capture_output=True
            ).returncode
            == 0
        ):
            time.sleep(0.2)

    def close(self) -> None:
        subprocess.run([self.tmux, *self.socket, "kill-server"], capture_output=True)


def test_installed_demo_switches_screens_and_quits_cleanly(tmp_path: Path) -> None:
    terminal = Terminal("relance-shell")
    relance = installed_relance()
    db = tmp_path / "demo.json"
    try:
        terminal.start(f"{relance} demo --db {db}")
        # The demo's event is called today: the app opens on Appels, at its first card.
        screen = terminal.wait_for("Appelés : 0 / 30")
        assert "Fenêtre de relance" in screen and "Béatrice Thibault" in screen
        terminal.keys("1")
        terminal.wait_for("72 trouvés (72 au total)")
        terminal.keys("2")
        terminal.wait_for("Lignes de communication")
        terminal.keys("3")
        terminal.wait_for("Répétez au moins trois fois")
        terminal.keys("5")
        terminal.wait_for("Aucun appel enregistré.")
        terminal.keys("q")
        terminal.wait_closed()
    finally:
        terminal.close()

    # Quit folded the journal in and released the lock: the file reopens at once.
    assert not db.with_name(db.name + ".journal").exists()
    with Store.open(db) as store:
        assert len(store.outlets()) >= 25


def test_installed_calls_keep_their_progress_across_a_restart(tmp_path: Path) -> None:
    terminal = Terminal("relance-calls")
    relance = installed_relance()
    db = tmp_path / "demo.json"
    try:
        terminal.start(f"{relance} demo --db {db}")
        terminal.wait_for("Appelés : 0 / 30")
        for key, expected in (
            ("c", "Appelés : 1 / 30"),
            ("v", "Appelés : 2 / 30"),
            ("d", "Appelés : 3 / 30"),
        ):
            terminal.keys(key)
            terminal.wait_for(expected)
        terminal.keys("q")
        terminal.wait_closed()

        terminal.start(f"{relance} --db {db}")
        screen = terminal.wait_for("Appelés : 3 / 30")
        assert "Confirmés : 1" in screen
        # The voicemail's newsroom declined through a colleague of another show on the
        # next card: a refusal settles only that contact and show, so the voicemail
        # waits in "later"; CIBL's second journalist is aside (CIBL confirmed).
        assert "Plus tard : 1" in screen and "Mis de côté" in screen
        terminal.keys("q")
        terminal.wait_closed()
    finally:
        terminal.close()

    with Store.open(db) as store:
        outcomes = sorted(a.outcome.value for a in store.attempts(store.current_event().id))
        [voicemail] = [
            a for a in store.attempts(store.current_event().id) if a.outcome.value == "voicemail"
        ]
        queue = load_queue(store, store.current_event(), datetime.now(DEFAULT_TZ))
        later = [s.target.id for s in queue.later]
        aside = [s.name for s in queue.set_aside]
    assert outcomes == ["confirmed", "declined", "voicemail"]
    assert voicemail.target_id in later and aside == ["Catherine Vachon"]


@pytest.mark.parametrize("size", [(80, 24), (100, 32)])
def test_the_card_is_a_contact_sheet_at_80x24_and_100x32(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    terminal = Terminal(f"relance-card-{size[0]}", size)
    relance = installed_relance()
    db = tmp_path / "demo.json"
    try:
        terminal.start(f"{relance} demo --db {db}")
        # The app opens on Appels; the talking points follow once rendered.
        card = terminal.wait_for("pourrait être là ?")
        assert "Lignes de communication (FR)" in card
        assert "Béatrice Thibault — affectateur·trice" in card
        assert "Note : Très ouverte aux enjeux de quartier." in card  # the contact's notes
        assert "[FR]" in card  # the outlet's language
        assert "514 555-0136, poste 221" in card  # the phone as text
        assert "pourrait être là ?" in card  # the ask, the talking points' end, unscrolled
        terminal.keys("c")  # CIBL confirms: its other journalist is set aside
        terminal.wait_for("Confirmés : 1")
        if size[0] < 100:
            terminal.keys("l")  # the side lists fold away at 80 columns
            terminal.wait_for("Mis de côté")  # shown before tab looks for them
        terminal.keys("Tab")
        terminal.keys("Down")
        terminal.keys("Enter")
        card = terminal.wait_for("CIBL 101,5 a déjà confirmé — Béatrice Thibault")
        assert "Catherine Vachon" in card
        assert "(en ondes lun.-ven." in card  # the show's air time (may wrap)
        terminal.keys("q")
        terminal.wait_closed()
    finally:
        terminal.close()


def test_templates_as_a_communications_officer_writes_them(tmp_path: Path) -> None:
    """French variable names work, a mistake is said in French with its line, and a new
    event starts from generic talking points, not the demo's pitch."""
    terminal = Terminal("relance-templates", (100, 32))
    relance = installed_relance()
    db = tmp_path / "demo.json"
    try:
        terminal.start(f"{relance} demo --db {db}")
        terminal.wait_for("Appelés :")
        terminal.keys("2")
        terminal.wait_for("Objet du courriel")  # Script's own (Appels shows the points too)
        terminal.keys("Tab")  # into the talking points, cursor at the start
        terminal.keys("-l", "Salut {{ contact.prenom }} !")
        terminal.keys("Enter")
        terminal.wait_for("Salut Amélie !")
        terminal.keys("-l", "{% if emission %}")
        screen = terminal.wait_for("n'est pas fermé")
        # The message wraps in the preview pane, beside the editor.
        assert "✗ Lignes de communication : un « {% if %} »" in screen
        assert "n'est pas fermé : ajoutez « {% endif %} »," in screen
        assert "ligne 2" in screen
        assert "Jinja" not in screen and "Unexpected" not in screen
        terminal.keys("Escape")
        terminal.keys("C-n")
        terminal.wait_for("Titre")
        terminal.keys("-l", "Portes ouvertes du centre")
        terminal.keys("Tab", "Tab")
        # The date understood, before saving: tomorrow by the app's clock (Montréal
        # time), whatever day the test runs (it read "vendredi 27 novembre" only on
        # the 26th).
        tomorrow = datetime.now(DEFAULT_TZ).replace(hour=10, minute=0) + timedelta(days=1)
        terminal.keys("-l", "demain 10 h")
        terminal.wait_for(format_when(tomorrow, "fr"))
        terminal.keys("C-s")
        # The preview of the new event's talking points (the generic defaults).
        demo_pitch = ("Plantation", "belles images", "Ruelles vertes")
        screen = terminal.wait_for("« Portes ouvertes du centre ».", gone=demo_pitch)
        assert "Le lieu :" in screen
        terminal.keys("q")
        terminal.wait_closed()
    finally:
        terminal.close()


def test_the_door_at_80x24_survives_a_restart_and_reaches_the_report(tmp_path: Path) -> None:
    terminal = Terminal("relance-door", (80, 24))
    relance = installed_relance()
    db = tmp_path / "demo.json"
    try:
        terminal.start(f"{relance} demo --db {db}")
        terminal.wait_for("Appelés : 0/30")
        terminal.keys("c")  # CIBL 101,5 confirms
        terminal.wait_for("Confirmés : 1")
        terminal.keys("6")
        terminal.wait_for("attendus :")
        terminal.keys("-l", "cibl")
        terminal.wait_for("CIBL 101,5 — Béatrice Thibault · confirmé·e")
        terminal.keys("Enter")
        terminal.wait_for("Présent·e : CIBL 101,5 (Béatrice Thibault)")
        terminal.keys("C-n")
        terminal.wait_for("Arrivée imprévue : pas sur la liste")
        terminal.keys("-l", "Métro Montréal")
        terminal.keys("Tab")
        terminal.keys("-l", "Zoé Lavoie")
        terminal.wait_for("Zoé Lavoie")
        terminal.keys("C-s")
        terminal.wait_for("Arrivée imprévue, présente : Métro Montréal (Zoé Lavoie)")
        terminal.keys("Escape")
        terminal.wait_for("Recherche quittée")
        terminal.keys("q")
        terminal.wait_closed()

        terminal.start(f"{relance} --db {db}")
        terminal.wait_for("Appelés :")
        terminal.keys("6")
        screen = terminal.wait_for("2 présent·e·s (2 médias)")
        assert "✓" in screen and "Métro Montréal — Zoé Lavoie · non attendu·e" in screen
        terminal.keys("Escape")
        terminal.wait_for("Recherche quittée")
        terminal.keys("q")
        terminal.wait_closed()
    finally:
        terminal.close()

    report = subprocess.run(
        [relance, "report", "1", "--db", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "RELANCE_LANG": "fr"},
        check=True,
    ).stdout
    present = report.split("Présents (2)")[1].split("Confirmés absents")[0]
    assert "CIBL 101,5 · Béatrice Thibault" in present
    assert "Métro Montréal · Zoé Lavoie" in present


def test_p_shows_the_qr_code_and_r_opens_a_draft_in_the_mail_program(tmp_path: Path) -> None:
    """The installed command at 80x24, no phone on this machine, a mail program that
    opens drafts (a stand-in that records what it was given)."""
    from tests.conftest import fake_program

    desktop = tmp_path / "desktop"
    opened = tmp_path / "opened.txt"
    fake_program(desktop, "xdg-open", f'echo "$1" >> "{opened}"')
    fake_program(  # the mail program, and no tel: handler
        desktop, "xdg-mime", '[ "$3" = message/rfc822 ] && echo org.mozilla.thunderbird.desktop'
    )
    terminal = Terminal("relance-handoff", (80, 24))
    db = tmp_path / "demo.json"
    try:
        terminal.start(
            f"env PATH={desktop}:{os.environ['PATH']} {installed_relance()} demo --db {db}"
        )
        terminal.wait_for("Lignes de communication")
        terminal.keys("p")
        screen = terminal.wait_for("Scannez avec l'appareil photo")
        assert "Appeler Béatrice Thibault" in screen and "▀▀▀▀" in screen
        terminal.keys("Escape")
        # The dialog closed before r is sent (not alt+r).
        terminal.wait_for("c confirmé  i intéressé", gone=("Scannez avec l'appareil photo",))
        terminal.keys("r")
        terminal.wait_for("Courriel prêt dans Thunderbird")
        terminal.keys("q")
        terminal.wait_closed()
    finally:
        terminal.close()
    [draft] = (tmp_path / "brouillons").glob("*.eml")
    assert opened.read_text().split() == [str(draft)]
    assert "X-Unsent: 1" in draft.read_text("utf-8")


def test_the_tables_are_written_when_relance_led_the_terminal(tmp_path: Path) -> None:
    """Started as a desktop launcher or `tmux new-session relance` start it, relance
    leads the terminal's session: the terminal hangs up as it quits, and the child that
    writes the tables for the next start must outlive that (it has its own session).
    A 5,000-contact file opened without its tables, looked at, quit."""
    from benchmarks.scale import build
    from relance_tui.core.store.snapshot import untrusted_cache
    from relance_tui.core.store.tables_cache import cache_path

    db = tmp_path / "agence.json"
    build(db, 5000, 4, 20_000)
    cache_path(db).unlink()  # a copy of the file: it starts cold
    terminal = Terminal("relance-leader")
    try:
        terminal.start(f"{installed_relance()} --db {db} --screen lists")
        terminal.wait_for("au total)", timeout=60)
        terminal.keys("C-q")
        terminal.wait_closed(timeout=60)
    finally:
        terminal.close()
    deadline = time.monotonic() + 60
    while not cache_path(db).exists() and time.monotonic() < deadline:
        time.sleep(0.1)  # the child writes them after the quit: its state, polled
    assert cache_path(db).exists() and untrusted_cache(db) is None
