"""Import of a 10,000-row CSV, and search per keystroke over 5,000 contacts (PRODUCT §11).

    .venv/bin/python benchmarks/media_list.py [--rows 10000] [--contacts 5000]

Prints medians and 95th percentiles; the targets are under 2 s for the import
and under 30 ms per keystroke.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from relance_tui.core.media.importers import apply_import, plan_import
from relance_tui.core.media.search import media_rows, search
from relance_tui.core.store.store import Store

FIRST = ["Élise", "François", "Geneviève", "Jérôme", "Zoé", "Noémie", "Hugo", "Léa", "Tom", "Sam"]
LAST = ["Côté", "Lévesque", "Œuvrard", "Gagné", "Brûlé", "Martel", "Roy", "Thibault"]
ROLES = ["recherchiste", "journaliste", "affectatrice", "chef de pupitre", "réalisateur"]


def make_csv(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    lines = ["Média;Nom;Rôle;Téléphone;Courriel;Émission;Notes"]
    for i in range(rows):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        lines.append(
            f"Média {i % 400};{name};{rng.choice(ROLES)};514-555-{i % 10000:04d} poste {i % 900};"
            f"p{i}@media{i % 400}.example;Émission {i % 50};note « {i} »"
        )
    path.write_text("\n".join(lines), encoding="utf-8")


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="relance-bench-"))
    csv_path = tmp / "liste.csv"
    make_csv(csv_path, args.rows)

    timings = []
    for run in range(args.runs):
        with Store.open(tmp / f"import-{run}.json") as store:
            started = time.perf_counter()
            plan = plan_import(csv_path, store)
            apply_import(store, plan)
            timings.append(time.perf_counter() - started)
    print(
        f"import of {args.rows} rows ({len(plan.new_contacts)} contacts, "
        f"{len(plan.new_outlets)} outlets): median {statistics.median(timings):.2f} s, "
        f"p95 {pct(timings, 0.95):.2f} s (target < 2 s)"
    )

    make_csv(csv_path, args.contacts, seed=2)
    with Store.open(tmp / "search.json") as store:
        apply_import(store, plan_import(csv_path, store))
        started = time.perf_counter()
        rows = media_rows(store.outlets(), store.shows(), store.contacts())
        build = time.perf_counter() - started
        samples = []
        for query in (
            "e",
            "el",
            "eli",
            "elis",
            "elise",
            "elise c",
            "elise co",
            "elise cot",
            "montreal",
            "gagne",
            "zoe brule",
            "emission 4",
            "note",
            "x",
        ):
            for prefix_end in range(1, len(query) + 1):
                started = time.perf_counter()
                search(rows, query[:prefix_end])
                samples.append((time.perf_counter() - started) * 1000)
    print(
        f"search over {len(rows)} rows ({args.contacts} contacts): per keystroke median "
        f"{statistics.median(samples):.2f} ms, p95 {pct(samples, 0.95):.2f} ms "
        f"(target < 30 ms); index built once in {build * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
