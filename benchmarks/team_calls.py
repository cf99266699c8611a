"""How often a team calls the same target twice: leases against no leases.

The simulation of tests/team_sim.py (each caller on their own copy of the folder, the
real CallSession and TeamLink on a simulated clock, each caller reading the folder every
5 s: the app reads it every second, so the figures lean against leases), with every
file reaching the other copies 1 to 30 s after it changed, on a 200-target list:

- leases: relance team, as built;
- naive: the same shared list with no leases (everyone calls the first target their
  copy says nobody has ended);
- split: `relance split`, a share of the list each, no sharing.

Prints, per team size and mode, over the seeds: the share of targets that two callers
or more brought to an end (median, max), the calls made, and how long the team took
until nothing was left to call now (simulated minutes; the split waits for its slowest
share). Usage: python benchmarks/team_calls.py [--callers 3 6] [--seeds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from relance_tui.core.team.leases import called_twice  # noqa: E402
from tests.team_sim import T0, simulate  # noqa: E402

MODES = ("leases", "naive", "split")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--callers", type=int, nargs="+", default=[3, 6])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--targets", type=int, default=200)
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"{args.targets} targets, sync delays 1-30 s, seeds 1..{args.seeds}")
    print(f"{'callers':>7} {'mode':<7} {'twice median':>13} {'max':>6} {'calls':>6} {'minutes':>8}")
    for callers in args.callers:
        for mode in MODES:
            shares, calls, minutes = [], [], []
            for seed in range(1, args.seeds + 1):
                with tempfile.TemporaryDirectory() as root:
                    result = simulate(
                        Path(root),
                        callers=callers,
                        seed=seed,
                        targets=args.targets,
                        mode=mode,
                        pull_every=timedelta(seconds=5),
                    )
                    twice = called_twice(list(result.made.values()))
                    shares.append(100 * len(twice) / args.targets)
                    calls.append(len(result.made))
                    minutes.append((result.finished_at - T0).total_seconds() / 60)
                    for store in result.stores:
                        store.close()
            print(
                f"{callers:>7} {mode:<7} {statistics.median(shares):>12.1f}% {max(shares):>5.1f}%"
                f" {statistics.median(calls):>6.0f} {statistics.median(minutes):>8.0f}"
            )
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
