"""Kill a writer with SIGKILL at random points, N times, and count what survived.

    .venv/bin/python benchmarks/durability.py [--kills 300]

Prints the number of kills, acknowledged writes, unreadable files and lost writes.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from relance_tui.core.errors import CorruptDataFile
from relance_tui.core.store.store import Store

WRITER = Path(__file__).parents[1] / "tests" / "core" / "kill_writer.py"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    db = Path(tempfile.mkdtemp(prefix="relance-kill-")) / "relance.json"
    acknowledged: set[str] = set()
    unreadable = lost = 0
    for number in range(1, args.kills + 1):
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(db), str(rng.choice([5, 20, 2000]))],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        writer.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.1))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        lines = out.split("\n")
        acknowledged.update(line for line in lines[:-1] if len(line) == 32)
        try:
            with Store.open(db) as store:
                found = {a.uid for a in store.attempts()}
        except CorruptDataFile:
            unreadable += 1
            continue
        lost = len(acknowledged - found)
        if number % 100 == 0:
            print(
                f"  after {number} kills: {len(acknowledged)} acknowledged, "
                f"{unreadable} unreadable, {lost} lost",
                flush=True,
            )
    print(
        f"kills: {args.kills}  acknowledged writes: {len(acknowledged)}  "
        f"unreadable files: {unreadable}  lost acknowledged writes: {lost}"
    )

    # A second instance on the same file: how long until it is refused?
    holder = Store.open(db)
    try:
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            second = subprocess.run(
                [sys.executable, "-m", "relance_tui", "--db", str(db)],
                capture_output=True,
                text=True,
                timeout=30,
            )
            samples.append(time.perf_counter() - started)
            assert second.returncode == 2, second.stderr
    finally:
        holder.close()
    print(
        f"second instance refused (exit 2, file named) in {max(samples) * 1000:.0f} ms at "
        "most over 5 tries, interpreter start included (target < 1 s)"
    )


if __name__ == "__main__":
    main()
