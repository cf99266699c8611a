"""PRODUCT §12: an outcome the screen showed as recorded is never lost, whatever kills us."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from relance_tui.core.store.store import Store

WRITER = Path(__file__).with_name("kill_writer.py")
KILLS = int(os.environ.get("RELANCE_KILLS", "100"))


def test_sigkill_at_random_points_loses_no_acknowledged_write(tmp_path: Path) -> None:
    db = tmp_path / "relance.json"
    rng = random.Random(20261126)
    acknowledged: set[str] = set()
    writers = subprocess.Popen(
        [sys.executable, str(WRITER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert writers.stdin is not None and writers.stdout is not None
    try:
        assert writers.stdout.readline().strip() == "imported"
        for kill in range(KILLS):
            fifo = tmp_path / f"uids-{kill}"
            os.mkfifo(fifo)
            writers.stdin.write(f"{db} {rng.choice([5, 20, 2000])} {fifo}\n")
            writers.stdin.flush()
            writer = int(writers.stdout.readline())
            with fifo.open() as uids:
                assert uids.readline().strip() == "ready"
                time.sleep(rng.uniform(0.0, 0.08))
                os.kill(writer, signal.SIGKILL)
                out = uids.read()
            assert writers.stdout.readline().strip() == "gone"
            # Only complete lines were acknowledged (a uid cut mid-print was not).
            lines = out.split("\n")
            acknowledged.update(line for line in lines[:-1] if len(line) == 32)

            with Store.open(db) as store:
                found = {a.uid for a in store.attempts()}
            missing = acknowledged - found
            assert not missing, f"{len(missing)} acknowledged writes lost"
    finally:
        writers.kill()
        writers.wait()
    assert len(acknowledged) > KILLS  # the writer did get work done between kills
