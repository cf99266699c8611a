"""Every subcommand on a full disk (a 2 MB tmpfs filled up) with a pending journal:
the reading ones work, the writing ones say the disk is full, nothing changes and
no traceback is printed (issue 14, items 7 and 12)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import IN_CI

DRIVER = Path(__file__).with_name("full_disk_driver.py")
FIXTURE = Path(__file__).parent / "fixtures" / "outlook.csv"


def private_mounts() -> list[str]:
    """How to run a command in a private mount namespace where it may mount a tmpfs:
    `unshare -rm` (a user namespace; root not needed). Skip with the reason when the
    machine allows neither; under CI=true that is a failure."""
    unshare = shutil.which("unshare")
    if unshare is not None:
        for prefix in ([unshare, "-rm"], [unshare, "-m"]):
            probe = subprocess.run(
                [*prefix, "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", "/tmp"],
                capture_output=True,
            )
            if probe.returncode == 0:
                return prefix
    reason = "no private mount namespace here (unshare -rm / -m refused): cannot fill a disk"
    if IN_CI:
        pytest.fail(f"{reason}, and CI=true")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def on_a_full_disk(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    prefix = private_mounts()
    folder = tmp_path_factory.mktemp("full-disk")
    done = subprocess.run(
        [*prefix, sys.executable, str(DRIVER), str(folder), str(FIXTURE)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).parents[1],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


READING = ["check", "report", "export", "check --restore", "open a new file"]
WRITING = [
    "export --output",
    "report --output",
    "import",
    "split",
    "merge",
    "check --accept",
    "demo --db",
]


@pytest.mark.parametrize("command", READING + WRITING)
def test_no_command_prints_a_traceback_on_a_full_disk(on_a_full_disk: dict, command: str) -> None:  # type: ignore[type-arg]
    said = on_a_full_disk["results"][command]
    text = said["out"] + said["err"]
    assert "Traceback" not in text and "Error" not in text and "errno" not in text, text
    if command in READING:
        assert said["rc"] == 0, text
    else:
        assert said["rc"] == 1, text
        assert "le disque est plein" in said["err"], text


def test_reading_commands_see_the_pending_journal(on_a_full_disk: dict) -> None:  # type: ignore[type-arg]
    results = on_a_full_disk["results"]
    assert "27 appels" in results["check"]["out"]
    assert "Écrit juste avant la panne" in results["export"]["out"]  # from the journal
    assert "Lancement de la campagne" in results["report"]["out"]  # the current event


def test_nothing_changed_and_the_file_checks_once_space_is_back(on_a_full_disk: dict) -> None:  # type: ignore[type-arg]
    assert on_a_full_disk["unchanged"]
    assert "fichier valide" in on_a_full_disk["after"] and "26 médias" in on_a_full_disk["after"]
