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
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(db), str(rng.choice([5, 20, 2000]))],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.08))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        # Only complete lines were acknowledged (a uid cut mid-print was not).
        lines = out.split("\n")
        acknowledged.update(line for line in lines[:-1] if len(line) == 32)

        with Store.open(db) as store:
            found = {a.uid for a in store.attempts()}
        missing = acknowledged - found
        assert not missing, f"{len(missing)} acknowledged writes lost"
    assert len(acknowledged) > KILLS  # the writer did get work done between kills
