"""Damage the data file at random offsets; count the starts that see it and refuse it.

    .venv/bin/python benchmarks/garble.py [--offsets 100] [--contacts 5000] [--attempts 50000]

Each trial flips one byte of a sealed agency-scale file, then opens it: the start
must refuse (CorruptDataFile), leave the file as it was, and name the backup;
`relance check --restore` must then give back every call.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import build  # noqa: E402

from relance_tui.core.errors import CorruptDataFile  # noqa: E402
from relance_tui.core.store.recovery import restore_from_backup
from relance_tui.core.store.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offsets", type=int, default=100)
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--attempts", type=int, default=50000)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="relance-garble-")) / "relance.json"
    build(path, args.contacts, 200, args.attempts)
    with Store.open(path) as store:  # a second generation, so that a backup exists
        calls = {a.uid for a in store.attempts()}
    good = path.read_bytes()
    rng = random.Random(7)
    detected = untouched = named_backup = 0
    for _ in range(args.offsets):
        damaged = bytearray(good)
        offset = rng.randrange(len(damaged))
        damaged[offset] = (damaged[offset] + rng.randrange(1, 256)) % 256
        path.write_bytes(bytes(damaged))
        try:
            Store.open(path).close()
        except CorruptDataFile as refused:
            detected += 1
            named_backup += "--restore" in str(refused)
        untouched += path.read_bytes() == bytes(damaged)
    restore_from_backup(path)
    with Store.open(path) as store:
        kept = {a.uid for a in store.attempts()}
    print(
        f"{args.offsets} damaged starts ({len(good) / 1e6:.1f} MB file): {detected} detected, "
        f"{untouched} left untouched, {named_backup} offered the backup; after "
        f"check --restore: {len(calls - kept)} calls lost of {len(calls)}"
    )


if __name__ == "__main__":
    main()
