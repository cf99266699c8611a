"""Agency scale, through the real UI (headless): PRODUCT §11.

Builds a data file of 5,000 contacts, 200 events and 50,000 attempts, then
prints medians and 95th percentiles of:
  - outcome key -> durable write -> next card rendered (Appels);
  - the same write through TinyDB's default JSONStorage on the same data (ratio);
  - start (opening the file) -> first card rendered;
  - search, per keystroke, until the Listes table is redrawn;
  - resident memory.

    .venv/bin/python benchmarks/scale.py [--contacts 5000] [--events 200] [--attempts 50000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from tinydb import TinyDB

from relance_tui.core.calls.timing import DEFAULT_TZ, fixed_clock
from relance_tui.core.models import (
    Attempt,
    Contact,
    Event,
    EventKind,
    Outcome,
    Outlet,
    OutletKind,
    Settings,
    Target,
)
from relance_tui.core.script import book
from relance_tui.core.store.store import Store

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=DEFAULT_TZ)
RETRY = [Outcome.VOICEMAIL, Outcome.NO_ANSWER, Outcome.INTERESTED, Outcome.RESEND]


def build(
    path: Path,
    contacts: int,
    events: int,
    attempts: int,
    seed: int = 1,
    *,
    current: Event | None = None,
    current_targets: int = 60,
    settings: Settings | None = None,
) -> int:
    """Write the data file; returns the id of the current event.

    `current` replaces the last event (the one being called), with
    `current_targets` people on its call list; `settings` replaces the default.
    """
    rng = random.Random(seed)
    kinds = list(OutletKind)
    templates = {"templates": {lang: book.defaults(lang) for lang in book.LANGUAGES}}
    with Store.open(path) as store:
        outlets = [
            Outlet(
                name=f"Média {i}",
                kind=kinds[i % len(kinds)],
                warmth=i % 4,
                phone=f"514-555-{i:04d}",
                region="Montréal",
                tags=["quartier"],
            )
            for i in range(max(1, contacts // 20))
        ]
        store.save_many(outlets)
        people = [
            Contact(
                outlet_id=outlets[i % len(outlets)].id or 0,
                name=f"Personne {i} Côté",
                phone=f"438-555-{i % 10000:04d}",
                email=f"p{i}@media.example",
                notes="préfère les courriels",
            )
            for i in range(contacts)
        ]
        for chunk in range(0, contacts, 2000):
            store.save_many(people[chunk : chunk + 2000])
        event_list = [
            Event(
                title=f"Événement {i}",
                kind=EventKind.EVENT,
                start=NOW + timedelta(days=2 - (events - 1 - i)),
                **templates,
            )
            for i in range(events)
        ]
        if current is not None:
            event_list[-1] = current
        store.save_many(event_list)
        per_event = max(1, attempts // events)
        targets_per_event = 60
        all_attempts: list[Attempt] = []
        for event in event_list:
            assert event.id is not None
            count = current_targets if event is event_list[-1] else targets_per_event
            chosen = rng.sample(people, min(count, len(people)))
            targets = [
                Target(event_id=event.id, position=p + 1, contact_id=c.id)
                for p, c in enumerate(chosen)
            ]
            store.save_many(targets)
            if event is event_list[-1]:
                continue  # the current event: most of its list still to call
            for n in range(per_event):
                target = targets[n % len(targets)]
                all_attempts.append(
                    Attempt(
                        event_id=event.id,
                        target_id=target.id or 0,
                        at=NOW - timedelta(days=30, minutes=n),
                        outcome=rng.choice(RETRY),
                        duration_s=40,
                        caller="Sam",
                    )
                )
        for chunk in range(0, len(all_attempts), 5000):
            store.save_many(all_attempts[chunk : chunk + 5000])
        current = event_list[-1]
        settings = settings or Settings(caller_name="Sam")
        settings.id, settings.current_event_id = 1, current.id
        store.save(settings)
        assert current.id is not None
        return current.id


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def line(name: str, samples: list[float], unit: str = "ms", target: str = "") -> str:
    return (
        f"{name:44s} median {statistics.median(samples):8.1f} {unit}  "
        f"p95 {pct(samples, 0.95):8.1f} {unit}  {target}"
    )


async def through_the_ui(path: Path, keys: int) -> dict[str, list[float]]:
    from relance_tui.ui.app import make_app
    from relance_tui.ui.screens.calls import CallsScreen
    from relance_tui.ui.screens.lists import ListsScreen

    results: dict[str, list[float]] = {"start": [], "outcome": [], "search": [], "noop": []}
    started = time.perf_counter()
    store = Store.open(path)
    app = make_app(store=store, clock=fixed_clock(NOW), start_mode="calls")
    async with app.run_test(size=(100, 32)) as pilot:
        while not (isinstance(app.screen, CallsScreen) and app.screen.current is not None):
            await pilot.pause(0.005)
        await pilot.pause()
        results["start"].append((time.perf_counter() - started) * 1000)
        screen = app.screen
        # What Pilot itself costs per key (it waits for the screen to settle): a key
        # bound to nothing, pressed the same way. Subtracted below, and printed.
        for _ in range(keys):
            t0 = time.perf_counter()
            await pilot.press("z")
            results["noop"].append((time.perf_counter() - t0) * 1000)
        for n in range(keys):
            before = screen.current.target.id if screen.current else None
            t0 = time.perf_counter()
            await pilot.press("v" if n % 2 else "n")
            while screen.current is not None and screen.current.target.id == before:
                await pilot.pause(0.001)
            results["outcome"].append((time.perf_counter() - t0) * 1000)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ListsScreen)
        await pilot.press("slash")
        await pilot.pause()
        for text in ("personne 12 cote", "media 4", "zzz"):
            for char in text:
                t0 = time.perf_counter()
                await pilot.press("space" if char == " " else char)
                results["search"].append((time.perf_counter() - t0) * 1000)
            app.screen.query_one("#search").value = ""
            await pilot.pause()
    store.close()
    return results


def jsonstorage_writes(path: Path, runs: int) -> list[float]:
    copy = path.with_name("tinydb-default.json")
    shutil.copyfile(path, copy)
    samples = []
    with TinyDB(copy) as db:
        table = db.table("attempts")
        for n in range(runs):
            doc = Attempt(event_id=1, target_id=n, at=NOW, outcome=Outcome.VOICEMAIL).to_doc()
            t0 = time.perf_counter()
            table.insert(doc)
            samples.append((time.perf_counter() - t0) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--attempts", type=int, default=50000)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--ui-only", type=Path)
    args = parser.parse_args()
    if args.ui_only:
        results: dict[str, object] = dict(asyncio.run(through_the_ui(args.ui_only, args.keys)))
        results["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(results))
        return
    path = Path(tempfile.mkdtemp(prefix="relance-scale-")) / "relance.json"
    t0 = time.perf_counter()
    build(path, args.contacts, args.events, args.attempts)
    print(
        f"data file: {args.contacts} contacts, {args.events} events, {args.attempts} attempts, "
        f"{path.stat().st_size / 1e6:.1f} MB (built in {time.perf_counter() - t0:.1f} s)"
    )
    # The UI runs in a process of its own, so that its memory is not the builder's.
    out = subprocess.run(
        [sys.executable, __file__, "--ui-only", str(path), "--keys", str(args.keys)],
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(out.stdout.strip().splitlines()[-1])
    tinydb = jsonstorage_writes(path, 20)
    noop = statistics.median(results["noop"])
    outcome = [max(0.0, t - noop) for t in results["outcome"]]
    search = [max(0.0, t - noop) for t in results["search"]]
    print(line("start -> first card rendered", results["start"], "ms", "(target < 1000 ms)"))
    print(line("Pilot's own cost per key (no-op key)", results["noop"], "ms"))
    print(
        line(
            "outcome key -> durable write -> next card",
            outcome,
            "ms",
            "(target < 30 ms; raw minus Pilot's cost)",
        )
    )
    print(line("  raw, with Pilot's cost", results["outcome"], "ms"))
    print(line("TinyDB JSONStorage, one insert, same data", tinydb, "ms"))
    ratio = statistics.median(tinydb) / max(0.1, statistics.median(outcome))
    print(f"{'':44s} ratio JSONStorage insert / relance key-to-card: x{ratio:.1f}")
    print(
        line(
            "search, per keystroke, table redrawn",
            search,
            "ms",
            "(target < 30 ms; raw minus Pilot's cost)",
        )
    )
    print(line("  raw, with Pilot's cost", results["search"], "ms"))
    print(f"{'resident memory of the app (peak)':44s} {results['rss_mb']:.0f} MB (target < 150 MB)")


if __name__ == "__main__":
    main()
