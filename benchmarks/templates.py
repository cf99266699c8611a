"""What rendering templates in a separate process costs, and what it stops.

Figures, each with median, p95, max and n:
- the render process starting (spawn -> ready to render);
- rendering the demo's talking points for one contact in the render process,
  against rendering them in this process (the baseline, same run);
- how long a hostile template runs before it is stopped, and the memory it
  leaves this process with.

    .venv/bin/python benchmarks/templates.py [--runs 200]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from relance_tui.core.calls.timing import DEFAULT_TZ  # noqa: E402
from relance_tui.core.script import book  # noqa: E402
from relance_tui.core.script.render_process import Renderer  # noqa: E402
from relance_tui.core.script.sandbox import render_here  # noqa: E402
from relance_tui.core.script.templates import sample_context  # noqa: E402
from relance_tui.core.station.demo import load_demo  # noqa: E402
from relance_tui.core.store.store import Store  # noqa: E402
from relance_tui.locations import data_dir  # noqa: E402

HOSTILE = {
    "nested loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
    "{% endfor %}",
    "list to a huge string": "{{ ([[0]*100000]*100000)|string|length }}",
    "doubling a string": "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
}


def figures(name: str, samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return (
        f"{name:<44} median {statistics.median(ordered):8.2f} ms   p95 {p95:8.2f} ms   "
        f"max {ordered[-1]:8.2f} ms   n {len(ordered)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp())
    with Store.open(folder / "bench.json") as store:
        event = load_demo(store, data_dir(), datetime(2026, 11, 26, 9, 15, tzinfo=DEFAULT_TZ))
        context = sample_context(store, event, "fr")
    source = book.good(event, "fr", "talking_points")

    starts = []
    for _ in range(10):
        renderer = Renderer()
        started = time.perf_counter()
        renderer.render("", {}, "fr")  # the first render waits for the process to be ready
        starts.append((time.perf_counter() - started) * 1000)
        renderer.close()
    print(figures("render process start (spawn -> first render)", starts))

    here, there = [], []
    renderer = Renderer()
    renderer.render(source, context, "fr")
    for _ in range(args.runs):
        started = time.perf_counter()
        render_here(source, context, "fr")
        here.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        renderer.render(source, context, "fr")
        there.append((time.perf_counter() - started) * 1000)
    print(figures("talking points, in this process (baseline)", here))
    print(figures("talking points, in the render process", there))
    print(f"{'ratio of medians':<44} {statistics.median(there) / statistics.median(here):.1f}x")

    for name, hostile in HOSTILE.items():
        stops = []
        for _ in range(3):
            started = time.perf_counter()
            result = renderer.render(hostile, {}, "fr")
            stops.append((time.perf_counter() - started) * 1000)
        kind = getattr(result, "kind", "rendered")
        print(figures(f"hostile: {name} ({kind})", stops))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak resident memory of this process':<44} {peak_mb:.0f} MB")
    renderer.close()


if __name__ == "__main__":
    main()
