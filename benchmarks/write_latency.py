"""Durable write latency of one recorded outcome, at agency scale.

Builds a data file with N contacts and M attempts, then times recording one
more attempt through:
  - relance's Store (journal append + fsync),
  - TinyDB's default JSONStorage (rewrites the whole file in place, no fsync),
  - a whole-file temp + fsync + os.replace storage (what a naive durable store does).
Prints median and 95th percentile and the ratios against the Store in the same run.

    .venv/bin/python benchmarks/write_latency.py [--contacts 5000] [--attempts 50000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from tinydb import TinyDB

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import Attempt, Contact, Outcome, Outlet
from relance_tui.core.store.files import write_atomically
from relance_tui.core.store.store import Store

START = datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ)


def build(path: Path, contacts: int, attempts: int) -> None:
    with Store.open(path) as store:
        outlets = [Outlet(name=f"Média {i}", phone="514-555-0100") for i in range(200)]
        store.save_many(outlets)
        store.save_many(
            Contact(
                outlet_id=outlets[i % 200].id,
                name=f"Contact {i}",
                phone="514-555-0142",
                email=f"c{i}@example.org",
                notes="note " * 5,
            )
            for i in range(contacts)
        )
        for chunk in range(0, attempts, 5000):
            store.save_many(
                Attempt(
                    event_id=1 + i % 200,
                    target_id=i % contacts,
                    at=START + timedelta(seconds=i),
                    outcome=Outcome.VOICEMAIL,
                    note="msg",
                )
                for i in range(chunk, min(chunk + 5000, attempts))
            )


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def attempt(i: int) -> Attempt:
    return Attempt(event_id=1, target_id=i, at=START, outcome=Outcome.CONFIRMED, note="à confirmer")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--attempts", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="relance-bench-"))
    path = tmp / "relance.json"
    build(path, args.contacts, args.attempts)
    size_mb = path.stat().st_size / 1e6

    results: dict[str, list[float]] = {}
    with Store.open(path) as store:
        store.compact_every = 10**9  # measure the write, not a compaction
        samples = []
        for i in range(args.runs):
            t0 = time.perf_counter()
            store.save(attempt(i))
            samples.append((time.perf_counter() - t0) * 1000)
        results["relance Store (journal + fsync)"] = samples

    copy = tmp / "tinydb-default.json"
    copy.write_bytes(path.read_bytes())
    with TinyDB(copy) as db:
        table = db.table("attempts")
        samples = []
        for i in range(args.runs):
            t0 = time.perf_counter()
            table.insert(attempt(i).to_doc())
            samples.append((time.perf_counter() - t0) * 1000)
        results["TinyDB default JSONStorage (no fsync)"] = samples

    data = json.loads(path.read_text())
    samples = []
    for i in range(args.runs):
        t0 = time.perf_counter()
        data["attempts"][str(10**7 + i)] = attempt(i).to_doc()
        write_atomically(tmp / "replace.json", json.dumps(data, ensure_ascii=False))
        samples.append((time.perf_counter() - t0) * 1000)
    results["whole file, temp + fsync + os.replace"] = samples

    print(f"data file: {args.contacts} contacts, {args.attempts} attempts, {size_mb:.1f} MB")
    base = statistics.median(results["relance Store (journal + fsync)"])
    for name, samples in results.items():
        median, p95 = summary(samples)
        print(f"{name:42s} median {median:7.2f} ms  p95 {p95:7.2f} ms  x{median / base:6.1f}")


if __name__ == "__main__":
    main()
