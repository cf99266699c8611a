"""Two callers, two laptops, one Syncthing folder on a LAN with no internet: the
installed `relance` in two terminals, each on its own copy of the team's folder.

An outcome on A reaches B's queue and Bilan within the sync time plus 2 s; with B's
daemon killed, both call; once it is back, both data files hold the same calls.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from relance_tui.core.calls.timing import system_clock
from relance_tui.core.station.demo import load_demo
from relance_tui.core.store.store import Store
from relance_tui.core.team.folder import BASE_NAME, CALLERS_DIR
from relance_tui.locations import data_dir
from tests.conftest import require_program
from tests.e2e.syncthing import pair, wait_until
from tests.e2e.test_tmux import Terminal, installed_relance


def calls_in(path: Path) -> set[str]:
    """The calls a data file holds now (read beside its running app, as `report` does)."""
    store = Store.open_read_only(path)
    event = store.current_event()
    assert event is not None and event.id is not None
    return {a.uid for a in store.attempts(event.id)}


def has_outcome(folder: Path, caller: str, outcome: str) -> bool:
    return any(
        f'"outcome":"{outcome}"' in path.read_text(errors="replace")
        for path in (folder / CALLERS_DIR).glob(f"{caller}-*.jsonl")
    )


def test_two_callers_through_syncthing(tmp_path: Path) -> None:
    syncthing = require_program("syncthing")
    relance = installed_relance()
    main = tmp_path / "organisation.json"
    with Store.open(main) as store:
        event = load_demo(store, data_dir(), system_clock())
    a, b = pair(syncthing, tmp_path)
    alex, sam = Terminal("relance-team-a"), Terminal("relance-team-b")
    try:
        a.start()
        b.start()
        wait_until(lambda: a.connected_to(b) and b.connected_to(a), 120, "the daemons meet")
        team = [relance, "team"]
        subprocess.run(
            [*team, "create", str(event.id), str(a.folder), "--db", str(main)], check=True
        )
        wait_until(lambda: (b.folder / BASE_NAME).exists(), 60, "the list reaches B")
        for name, daemon in (("Alex", a), ("Sam", b)):
            local = tmp_path / f"{name}.json"
            subprocess.run(
                [
                    *team,
                    "join",
                    str(daemon.folder),
                    "--name",
                    name,
                    "--phone",
                    "514-555-0123",
                    "--db",
                    str(local),
                    "--no-open",
                ],
                check=True,
                capture_output=True,
            )
        alex.start(f"{relance} --db {tmp_path / 'Alex.json'} --screen calls")
        alex.wait_for("Appelés : 0 /", timeout=30)
        # Sam opens once Alex's card is known on B: their first cards differ.
        wait_until(
            lambda: any(
                '"kind":"lease"' in p.read_text() for p in (b.folder / CALLERS_DIR).glob("alex-*")
            ),
            60,
            "Alex's card reaches B",
        )
        sam.start(f"{relance} --db {tmp_path / 'Sam.json'} --screen calls")
        sam.wait_for("Alex ☎", timeout=30)  # Sam's side panel: Alex on the phone
        alex.wait_for("Sam ☎", timeout=30)  # and Sam's card known to Alex

        alex.keys("c")
        pressed = time.monotonic()
        wait_until(lambda: has_outcome(b.folder, "alex", "confirmed"), 60, "the call reaches B")
        synced = time.monotonic() - pressed
        left = synced + 2.0 - (time.monotonic() - pressed)
        screen = sam.wait_for("Appelés : 1 /", timeout=max(left, 0.1))  # B's queue
        assert "1 appel, 1 confirmé" in screen  # the team panel: Alex's confirmation
        sam.keys("5")
        screen = sam.wait_for("1 appel pour 30 cibles", timeout=10)  # B's Bilan
        assert "1 confirmé (1 média)" in screen
        sam.keys("4")
        sam.wait_for("Appelés : 1 /")

        # B's laptop leaves the network: both go on calling.
        b.stop()
        assert not b.answers()  # B is off the network: nothing syncs
        alex.keys("n")
        alex.wait_for("Appelés : 2 /")
        sam.keys("v")
        sam.wait_for("Appelés : 2 /")
        assert calls_in(tmp_path / "Alex.json") != calls_in(tmp_path / "Sam.json")
        b.start()
        wait_until(
            lambda: calls_in(tmp_path / "Alex.json") == calls_in(tmp_path / "Sam.json"),
            90,
            "both files hold the same calls",
        )
        assert len(calls_in(tmp_path / "Alex.json")) == 3
        alex.wait_for("Appelés : 3 /")
        sam.wait_for("Appelés : 3 /")
    except AssertionError:
        print("A:", a.log(), "\nB:", b.log())
        raise
    finally:
        alex.close()
        sam.close()
        a.stop()
        b.stop()
