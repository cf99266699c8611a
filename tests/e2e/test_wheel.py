"""The one-line install, as a user gets it: the wheel `make dist` builds, installed in a
clean environment, runs `relance --version`, `relance doctor` and `relance demo` to
its first card in a real terminal (tmux)."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.e2e.test_tmux import Terminal

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `relance` command of a clean environment holding only the built wheel and
    the dependencies it names (from the package index, as a user's install gets them)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(work)],
        check=True,
        capture_output=True,
    )
    [wheel] = work.glob("relance-*.whl")
    env_dir = work / "env"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    done = subprocess.run([str(pip), "install", "-q", str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return env_dir / "bin" / "relance"


def test_the_wheel_carries_the_compiled_catalogues_and_the_styles(installed: Path) -> None:
    site = next(installed.parent.parent.glob("lib/python*/site-packages/relance_tui"))
    for lang in ("fr", "en"):
        for domain in ("relance", "click"):
            assert (site / "locale" / lang / "LC_MESSAGES" / f"{domain}.mo").is_file()
    assert (site / "locale" / "relance.ids.json").is_file()
    assert (site / "styles" / "relance.tcss").is_file()
    done = subprocess.run([str(installed), "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "relance" in done.stdout


def test_the_installed_wheel_runs_doctor_and_the_demo_in_a_terminal(
    installed: Path, tmp_path: Path
) -> None:
    terminal = Terminal("relance-wheel")
    db = tmp_path / "demo.json"
    try:
        terminal.start(f"sh -c '{installed} doctor --db {db}; echo rc=$?; sleep 30'")
        screen = terminal.wait_for("rc=", timeout=60)
        assert "rc=0" in screen and "relance doctor" in screen
        assert "✓ Terminal" in screen
        terminal.close()
        terminal = Terminal("relance-wheel-demo")
        terminal.start(f"{installed} demo --db {db}")
        terminal.wait_for("Lignes de communication", timeout=60)  # the first card, from the wheel
        terminal.keys("q")
        terminal.wait_closed(timeout=30)
    finally:
        terminal.close()
