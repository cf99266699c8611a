"""Writers that record attempts as fast as they can, each printing every uid the
store acknowledged; test_durability.py kills them with SIGKILL at random moments.

This process imports the store once, then forks a writer for each line read on
stdin (`<data file> <compact every> <fifo>`): it prints the writer's pid, and
"gone" once the writer has died. A writer prints "ready" then its uids to the fifo.
A fresh interpreter per kill spent 0.2 s of each 0.4 s importing.
"""

import os
import sys
from datetime import datetime
from pathlib import Path

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import Attempt, Outcome
from relance_tui.core.store.store import Store


def write(db: Path, compact_every: int, fifo: Path) -> None:
    with fifo.open("w") as out:
        store = Store.open(db)
        # Compact often so that kills also land inside a compaction.
        store.compact_every = compact_every
        print("ready", file=out, flush=True)
        i = 0
        while True:
            attempt = Attempt(
                event_id=1,
                target_id=i % 30,
                at=datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ),
                outcome=Outcome.VOICEMAIL,
                note="x" * (i % 200),
            )
            store.save(attempt)
            print(attempt.uid, file=out, flush=True)
            i += 1


print("imported", flush=True)
for line in sys.stdin:
    db, compact_every, fifo = line.split()
    child = os.fork()
    if child == 0:
        try:
            write(Path(db), int(compact_every), Path(fifo))
        finally:
            os._exit(1)
    print(child, flush=True)
    os.waitpid(child, 0)
    print("gone", flush=True)
