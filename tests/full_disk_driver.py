"""Run every subcommand on a full disk; prints what each said, as JSON.

Run by `test_full_disk.py` inside a private mount namespace (`unshare -rm`): it
mounts a small tmpfs at argv[1], puts a data file there with a pending journal (a
session that never closed) and a team share, fills the disk, then runs the
installed `relance` on it. Not a test module itself.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

RELANCE = str(Path(sys.executable).with_name("relance"))


def build(folder: Path) -> None:
    from relance_tui.core.calls.queue import record_outcome
    from relance_tui.core.calls.timing import system_clock
    from relance_tui.core.models import Outcome, Outlet
    from relance_tui.core.station.demo import load_demo
    from relance_tui.core.store.store import Store
    from relance_tui.core.team.shares import split
    from relance_tui.locations import data_dir

    db = folder / "db.json"
    with Store.open(db) as store:
        event = load_demo(store, data_dir(), system_clock())
        [share, _] = split(store, event, ["Sam", "Alex"], folder / "parts", system_clock()).paths
    with Store.open(share) as caller:  # calls to merge: more than a page of journal
        for target in caller.targets(event.id or 0):
            record_outcome(
                caller,
                state_of(caller, event.id or 0, target),
                Outcome.VOICEMAIL,
                system_clock(),
                caller="Sam",
                note="Message laissé à la réception, rappeler après la réunion de 10 h. " * 3,
            )
    store = Store.open(db)
    store.save(Outlet(name="Écrit juste avant la panne"))  # in the journal only
    pending = db.read_bytes(), (folder / "db.json.journal").read_bytes()
    store.close()  # as a kill would leave it, without the lock: put the bytes back
    db.write_bytes(pending[0])
    (folder / "db.json.journal").write_bytes(pending[1])


def state_of(store, event_id, target):  # type: ignore[no-untyped-def]
    from relance_tui.core.calls.queue import load_queue
    from relance_tui.core.calls.timing import system_clock
    from relance_tui.core.models import Event

    event = store.get(Event, event_id)
    return load_queue(store, event, system_clock()).find(target.id)


def big_list(path: Path) -> None:
    """An import whose one journal line is far larger than a page (tmpfs slack)."""
    rows = ["Média,Nom,Téléphone,Courriel"]
    rows += [
        f"Radio {n},Personne {n},514 555-{n:04d},personne{n}@radio{n}.example" for n in range(300)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def fill(folder: Path) -> None:
    with open(folder / "fill", "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc


def state(folder: Path) -> str:
    """What the user has: the records of the data file and of the share, as read."""
    from relance_tui.core.store.reading import read_now

    counts = {}
    for name in ("db.json", "parts/relance-sam.json"):
        tables = read_now(folder / name)
        counts[name] = {t: len(docs) for t, docs in tables.items() if t != "meta"}
    return json.dumps(counts, sort_keys=True)


def main() -> None:
    folder = Path(sys.argv[1])
    source = folder.parent / "big-list.csv"
    big_list(source)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], check=True)
    build(folder)
    db = str(folder / "db.json")
    share = str(folder / "parts" / "relance-sam.json")
    commands = {
        "check": ["check", "--db", db],
        "report": ["report", "--db", db],
        "export": ["export", "--db", db],
        "export --output": ["export", "--db", db, "--output", str(folder / "x.csv")],
        "report --output": ["report", "--db", db, "--output", str(folder / "r.md")],
        "import": ["import", str(source), "--db", db],
        "split": ["split", "--names", "A,B", "--output", str(folder / "more"), "--db", db],
        "merge": ["merge", share, "--db", db],
        "check --restore": ["check", "--restore", "--db", db],
        "check --accept": ["check", "--accept", "--db", db],
        "demo --db": ["demo", "--db", str(folder / "new-demo.json")],
        "open a new file": ["check", "--db", str(folder / "nouveau.json")],
    }
    before = state(folder)
    fill(folder)
    results = {}
    env = {**os.environ, "RELANCE_LANG": "fr", "TERM": "dumb"}
    for name, args in commands.items():
        done = subprocess.run(
            [RELANCE, *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        results[name] = {"rc": done.returncode, "out": done.stdout[-2000:], "err": done.stderr}
        results[name]["unchanged"] = state(folder) == before
    unchanged = state(folder) == before
    (folder / "fill").unlink()
    shutil.rmtree(folder / "more", ignore_errors=True)
    after = subprocess.run([RELANCE, "check", "--db", db], capture_output=True, text=True, env=env)
    print(json.dumps({"results": results, "unchanged": unchanged, "after": after.stdout}))


if __name__ == "__main__":
    main()
