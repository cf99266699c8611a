"""Damage the data file (or its journal) at random offsets; count what is seen and repaired.

    .venv/bin/python benchmarks/garble.py [--offsets 100] [--contacts 5000] [--attempts 50000]
    .venv/bin/python benchmarks/garble.py --journal [--offsets 100]

Each trial flips one byte of a sealed agency-scale file, then opens it: the start
must refuse (CorruptDataFile), leave the file as it was, and name the backup;
`relance check --restore` must then give back every call.

With --journal, each trial leaves 40 calls in the journal (the app was killed),
flips one byte of one of its complete lines, then: the start must refuse, `check
--restore` must succeed, lose at most the damaged call, and name it.
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


def journal_trials(offsets: int) -> None:
    from click.testing import CliRunner

    from relance_tui.cli import main as cli
    from relance_tui.core.calls.timing import system_clock
    from relance_tui.core.models import Attempt, Event, EventKind, Outcome, Outlet, Target
    from relance_tui.core.store.files import journal_path

    rng = random.Random(14)
    detected = restored = named = lost_more = 0
    for _ in range(offsets):
        path = Path(tempfile.mkdtemp(prefix="relance-garble-j-")) / "relance.json"
        store = Store.open(path)
        event = Event(title="T", kind=EventKind.EVENT, start=system_clock())
        store.save(event)
        outlet = Outlet(name="CIBL 101,5")
        store.save(outlet)
        target = Target(event_id=event.id, position=1, outlet_id=outlet.id)
        store.save(target)
        store.compact()
        uids = []
        for _ in range(40):
            attempt = Attempt(
                event_id=event.id, target_id=target.id, at=system_clock(), outcome=Outcome.NO_ANSWER
            )
            store.save(attempt)
            uids.append(attempt.uid)
        store._lock.release()  # noqa: SLF001 - killed: the calls stay in the journal
        journal = journal_path(path)
        lines = journal.read_bytes().split(b"\n")
        number = rng.randrange(len(lines) - 1)  # a complete line
        raw = bytearray(lines[number])
        at = rng.randrange(len(raw))
        raw[at] = (raw[at] + rng.randrange(1, 256)) % 256
        if raw[at] == ord("\n"):
            raw[at] = ord("x")
        lines[number] = bytes(raw)
        journal.write_bytes(b"\n".join(lines))
        try:
            Store.open(path).close()
        except CorruptDataFile:
            detected += 1
        result = CliRunner().invoke(cli, ["--lang", "fr", "check", "--db", str(path), "--restore"])
        restored += result.exit_code == 0
        named += f"ligne {number + 1} du journal" in result.output
        with Store.open(path) as repaired:
            kept = {a.uid for a in repaired.attempts()}
        lost_more += len(set(uids) - kept) > 1
    print(
        f"{offsets} one-byte damages in the journal: {detected} detected, {restored} restored "
        f"by check --restore, {named} named the damaged line, {lost_more} lost more than "
        "the damaged call"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offsets", type=int, default=100)
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--attempts", type=int, default=50000)
    parser.add_argument("--journal", action="store_true", help="damage the journal instead")
    args = parser.parse_args()
    if args.journal:
        journal_trials(args.offsets)
        return
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
