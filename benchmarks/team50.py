"""A team of 50 on one 1,000-target list, through a folder whose copies arrive late.

Two parts:

1. The simulation of tests/team_sim.py: 50 callers, each on their own copy of the
   folder, running the real CallSession and TeamLink on a simulated clock (reading
   the folder every 2 s, as the app does); each caller's file reaches each other
   copy 5 to 30 s after it changed, in random order, sometimes cut short (a sync
   still under way), and sync engines' conflict copies appear beside the files.
   Printed: calls made, calls lost (made but missing from a caller's data file or
   from the organiser's after `collect`), cards taken whose outlet's confirmation
   had already arrived (the rule: 0), the lease collision rate (cards taken while a
   teammate's lease on the same target had reached this copy), and the wall time.

2. The fold: 50 callers' files of 200 calls each (as the app writes them: one lease
   and one call a batch, each batch sealed), read into the team's calls (each line
   parsed and chained, each file's seals checked once, the calls typed): the fold
   a caller's app or `collect` does. Then `collect_calls` whole: the fold, the
   roster, and the one durable write of 10,000 calls into a fresh copy of the
   organiser's file each run. Printed: median, p95, max, n, and the ratio against a
   baseline measured in the same run: the same lines only parsed as JSON (the floor
   of any reading of them). Target: the fold's median <= 200 ms.

Usage: python benchmarks/team50.py [--callers 50] [--targets 1000] [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from relance_tui.core.models import Attempt, Outcome  # noqa: E402
from relance_tui.core.store.store import Store  # noqa: E402
from relance_tui.core.team.folder import (  # noqa: E402
    CallerFile,
    caller_files,
    read_base,
    team_calls,
)
from relance_tui.core.team.leases import called_twice  # noqa: E402
from relance_tui.core.team.live import TeamLink, join_team  # noqa: E402
from relance_tui.core.team.organiser import collect_calls, create_team  # noqa: E402
from tests.team_sim import T0, build_list, simulate  # noqa: E402


def figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms, n {len(ordered)}"
    )


def the_simulation(callers: int, targets: int, minutes: int, seed: int) -> None:
    print(f"1. {callers} callers, {targets} targets, copies 5-30 s late, seed {seed}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as root:
        result = simulate(
            Path(root),
            callers=callers,
            seed=seed,
            targets=targets,
            delay=(5.0, 30.0),
            limit=timedelta(minutes=minutes),
            partial=0.1,
            conflicts=0.05,
        )
        made = set(result.made)
        lost_here = sum(
            len(made - {a.uid for a in store.attempts(result.event_id)}) for store in result.stores
        )
        # The organiser brings the first copy of the folder back into their own file.
        with Store.open(Path(root) / "main.json") as main:
            done = collect_calls(main, result.callers[0].folder)
            kept = {a.uid for a in main.attempts(result.event_id)}
        lost_main = len(made - kept)
        takes = [take for caller in result.callers for take in caller.takes]
        collisions = sum(1 for _, _, alone in takes if not alone)
        overlaps = overlapping_takes(result)
        twice = len(called_twice(list(result.made.values())))
        after = sum(caller.after_confirmation for caller in result.callers)
        for caller in result.callers:
            caller.session.store.close()
    wall = time.perf_counter() - started
    minutes = (result.finished_at - T0).total_seconds() / 60
    print(f"   calls made {len(made)} in {minutes:.0f} simulated min")
    print(f"   calls lost: {lost_here} in the callers' files, {lost_main} in the organiser's")
    print(f"   refused files at collect: {len(done.refused)} (conflict copies are never read)")
    print(f"   cards taken after the outlet's confirmation had arrived: {after}")
    print(
        f"   lease collisions: {overlaps} of {len(takes)} cards taken while a teammate was "
        f"still on the same target ({100 * overlaps / max(1, len(takes)):.2f} %; the later "
        f"one is told within seconds and passes); {collisions} while that teammate's lease "
        f"had reached this copy"
    )
    print(f"   targets brought to an end by two callers (files not met yet): {twice}")
    print(f"   partial copies {result.partial_copies}, wall time {wall:.0f} s")


def overlapping_takes(result: object) -> int:
    """Cards taken while another caller was still on the same target (their lease had
    not reached this copy yet). A caller is on a card from the moment they take it
    until they take their next one (they record or pass it just before)."""
    spans: dict[int, list[tuple[object, object, str]]] = {}
    for caller in result.callers:  # type: ignore[attr-defined]
        takes = sorted(caller.takes, key=lambda take: take[1])
        for n, (target, at, _) in enumerate(takes):
            end = takes[n + 1][1] if n + 1 < len(takes) else at + timedelta(minutes=2)
            spans.setdefault(target, []).append((at, end, caller.name))
    overlaps = 0
    for taken in spans.values():
        taken.sort()
        for n, (at, _, who) in enumerate(taken):
            if any(other != who and start <= at < end for start, end, other in taken[:n]):
                overlaps += 1
    return overlaps


def a_folder(root: Path, callers: int, calls: int) -> tuple[Path, Path]:
    """The organiser's file and a folder where each caller wrote `calls` calls."""
    main_path = root / "main.json"
    with Store.open(main_path) as main:
        event = build_list(main, callers * calls, callers * 4)
        create_team(main, event, root / "folder", T0)
    targets: list[int] = []
    for number in range(callers):
        local = join_team(root / "folder", f"Appelant {number}", root / f"c{number}.json", T0)
        with Store.open(local) as store:
            link = TeamLink.of(store)
            assert link is not None and event.id is not None
            link.start(store, T0)
            if not targets:
                targets = [t.id or 0 for t in store.targets(event.id)]
            mine = targets[number * calls : (number + 1) * calls]
            for n, target in enumerate(mine):
                at = T0 + timedelta(minutes=n)
                link.hold(target, None, at)
                call = Attempt(
                    event_id=event.id,
                    target_id=target,
                    at=at,
                    outcome=Outcome.VOICEMAIL,
                    caller=f"Appelant {number}",
                )
                store.save(call)
                link.called(target)
                link.catch_up(store, at)
                link.flush()
    return main_path, root / "folder"


def the_fold(callers: int, calls_each: int, runs: int) -> None:
    print(f"2. the fold: {callers} files x {calls_each} calls")
    with tempfile.TemporaryDirectory() as root:
        main_path, folder = a_folder(Path(root), callers, calls_each)
        lines = sum(len(p.read_bytes().splitlines()) for p in caller_files(folder))
        files = len(caller_files(folder))
        folds: list[float] = []
        collects: list[float] = []
        floor: list[float] = []
        key = str(read_base(folder)["meta"]["1"]["team"]["key"])
        for run in range(runs):
            started = time.perf_counter()
            calls = 0
            for path in caller_files(folder):
                reader = CallerFile(path)
                entries = reader.read_more(key)
                calls += len(team_calls(entries, 1, set(range(1, 20_001)), set()))
            folds.append(time.perf_counter() - started)
            assert calls == callers * calls_each, calls
            copy = Path(root) / f"run-{run}.json"
            shutil.copyfile(main_path, copy)
            with Store.open(copy) as main:
                started = time.perf_counter()
                done = collect_calls(main, folder)
                collects.append(time.perf_counter() - started)
                assert done.added == callers * calls_each and not done.refused, done
            started = time.perf_counter()
            for path in caller_files(folder):
                for raw in path.read_bytes().splitlines():
                    json.loads(raw)
            floor.append(time.perf_counter() - started)
    print(f"   {lines} lines in {files} files")
    base = statistics.median(floor)
    print(f"   baseline (json.loads of the same lines): {figures(floor)}")
    print(f"   fold:    {figures(folds)}; {statistics.median(folds) / base:.1f}x the baseline")
    print(
        f"   collect: {figures(collects)}; {statistics.median(collects) / base:.1f}x the baseline"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--callers", type=int, default=50)
    parser.add_argument("--targets", type=int, default=1000)
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-simulation", action="store_true")
    args = parser.parse_args()
    if not args.skip_simulation:
        the_simulation(args.callers, args.targets, args.minutes, args.seed)
    the_fold(args.callers, args.calls, args.runs)


if __name__ == "__main__":
    main()
