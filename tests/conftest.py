"""Shared fixtures: every test runs on its own data file, in French, at a fixed time."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from relance_tui import i18n
from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.station.demo import load_demo
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir

# Thursday 26 November 2026, 9:15 in Montréal: the demo event is two days later.
FIXED_NOW = datetime(2026, 11, 26, 9, 15, tzinfo=DEFAULT_TZ)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def fake_program(folder: Path, name: str, body: str) -> Path:
    """An executable shell script `name` in `folder` (a stand-in for a real program)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep a developer's own data file, language and clipboard out of the tests."""
    monkeypatch.setenv("RELANCE_DB", str(tmp_path / "default" / "relance.json"))
    monkeypatch.delenv("RELANCE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("RELANCE_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("RELANCE_KEYS", str(tmp_path / "keys"))
    # No test opens a real application: the desktop's opener fails, says no handler.
    desktop = tmp_path / "desktop-bin"
    fake_program(desktop, "xdg-open", "exit 4")
    fake_program(desktop, "xdg-mime", "exit 0")
    monkeypatch.setenv("PATH", f"{desktop}{os.pathsep}{os.environ.get('PATH', '')}")
    i18n.set_language("fr")
    yield
    i18n.set_language("fr")


@pytest.fixture
def now() -> datetime:
    return FIXED_NOW


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "relance.json"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(db_path)
    yield opened
    if opened.is_open:
        opened.close()


@pytest.fixture
def demo_store(store: Store) -> Store:
    load_demo(store, data_dir(), FIXED_NOW)
    return store


def require_program(name: str) -> str:
    """The path of `name`; skip with a reason when missing, fail instead under CI=true."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if IN_CI:
            pytest.fail(f"{message}, and CI=true: .ci/run must install it")
        pytest.skip(message)
    if name == "faketime":
        forget_stale_faketime_semaphores()
    return path


def forget_stale_faketime_semaphores(shm: Path = Path("/dev/shm")) -> None:
    """The `faketime` wrapper names a semaphore and a shared memory after its pid and
    removes them when it ends; one killed with its terminal (a tmux session closed)
    leaves them, and a later wrapper given the same pid then refuses to start
    ("sem_open: File exists"). Those of processes that are gone are removed."""
    for leftover in [*shm.glob("sem.faketime_sem_*"), *shm.glob("faketime_shm_*")]:
        pid = leftover.name.rsplit("_", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            with contextlib.suppress(OSError):
                leftover.unlink()
