"""No command ever ends in a traceback: a message in the user's language and an exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RELANCE = str(Path(sys.executable).with_name("relance"))
FIXTURE = Path(__file__).parent / "fixtures" / "spreadsheet-utf8-bom-comma.csv"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RELANCE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RELANCE_LANG": "fr"},
    )


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "relance.json"
    from relance_tui.core.calls.timing import system_clock
    from relance_tui.core.station.demo import load_demo
    from relance_tui.core.store.store import Store
    from relance_tui.locations import data_dir

    with Store.open(db) as store:
        load_demo(store, data_dir(), system_clock())
    return db


def read_only_cases(tmp_path: Path, db: Path) -> dict[str, list[str]]:
    # /proc refuses new files even to root (CI runs as root); a chmod'ed folder does not.
    read_only = Path("/proc") if os.geteuid() == 0 else tmp_path / "read-only"
    if os.geteuid() != 0:
        read_only.mkdir()
        read_only.chmod(0o500)
    return {
        "export into a read-only folder": [
            "export",
            "--db",
            str(db),
            "--output",
            str(read_only / "x.csv"),
        ],
        "split into a read-only folder": [
            "split",
            "1",
            "--callers",
            "2",
            "--output",
            str(read_only / "parts"),
            "--db",
            str(db),
        ],
        "import into a read-only folder": [
            "import",
            str(FIXTURE),
            "--db",
            str(read_only / "new.json"),
        ],
    }


def cases(tmp_path: Path, db: Path) -> dict[str, list[str]]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    return {
        "check a folder": ["check", "--db", str(folder)],
        "open a folder": ["report", "1", "--db", str(folder)],
        "import /dev/zero": ["import", "/dev/zero", "--db", str(db)],
        "import a folder": ["import", str(folder), "--db", str(db)],
        "report into a folder": ["report", "1", "--db", str(db), "--output", str(folder)],
        "merge a folder": ["merge", str(folder), "--db", str(db)],
        "report an unknown event": ["report", "999", "--db", str(db)],
    }


def test_read_only_places_are_said_not_thrown(tmp_path: Path, demo_db: Path) -> None:
    check_all(demo_db, read_only_cases(tmp_path, demo_db))


def test_nothing_ends_in_a_traceback(tmp_path: Path, demo_db: Path) -> None:
    check_all(demo_db, cases(tmp_path, demo_db))


def counts(db: Path) -> tuple[int, int, int]:
    from relance_tui.core.store.store import Store

    with Store.open(db) as store:
        return len(store.outlets()), len(store.contacts()), len(store.attempts())


def check_all(db: Path, commands: dict[str, list[str]]) -> None:
    before = counts(db)
    for name, args in commands.items():
        done = run(*args)
        said = done.stdout + done.stderr
        assert "Traceback" not in said, (name, said)
        assert done.returncode in (1, 2), (name, done.returncode, said)  # refused
        assert said.strip(), name  # with a message, not silence
        if done.returncode == 1:  # ours (2 is a wrong use, worded by Click)
            assert "Error" not in said and "errno" not in said, (name, said)
    assert counts(db) == before  # nothing was changed


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["report", "--bogus"], ["Utilisation : relance report", "Option inconnue : --bogus."]),
        (["split"], ["Option manquante : '--output'"]),
        (["report", "1", "2"], ["Argument en trop (2)"]),
        (["export", "--format", "xls"], ["Valeur invalide pour '--format'", "l'un de"]),
        (["--help"], ["Afficher cette aide et quitter.", "Commandes"]),
    ],
)
def test_clicks_own_messages_are_in_french(args: list[str], words: list[str]) -> None:
    done = run(*args)
    said = done.stdout + done.stderr
    assert done.returncode == (0 if "--help" in args else 2), said
    for expected in words:
        assert expected in said, (expected, said)
    assert "Usage:" not in said and "Error:" not in said and "Show this" not in said


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "en", "report", "--bogus"],
        ["report", "--bogus", "--lang", "en"],
        ["report", "--lang=en", "--bogus"],
    ],
)
def test_the_language_option_works_before_or_after_the_subcommand(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "No such option: --bogus." in done.stderr and "Usage: relance report" in done.stderr


def test_version() -> None:
    from importlib.metadata import version

    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"relance, version {version('relance')}"


def test_a_long_import_shows_its_progress_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal, the rows being read are counted (with the time left); in a pipe
    nothing is drawn, and the report reads the same."""
    import pty
    import select

    source = tmp_path / "grande-liste.csv"
    rows = ["Média,Nom,Téléphone"] + [
        f"Radio {n},Personne {n},514 555-{n % 10000:04d}" for n in range(3000)
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "liste.json"
    master, slave = pty.openpty()
    done = subprocess.Popen(
        [RELANCE, "import", str(source), "--db", str(db), "--dry-run"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**os.environ, "RELANCE_LANG": "fr", "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(slave)
    drawn = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break  # the command ended: the terminal is closed
        if not chunk:
            break
        drawn += chunk
    out, _ = done.communicate(timeout=60)
    os.close(master)
    assert done.returncode == 0
    screen = drawn.decode("utf-8", "replace")
    assert "Lecture des lignes" in screen and "/3000" in screen, screen[-500:]
    assert "3000 lignes" in out.decode() or "3 000 lignes" in out.decode()
    piped = run("import", str(source), "--db", str(db), "--dry-run")
    assert "Lecture des lignes" not in piped.stdout + piped.stderr
