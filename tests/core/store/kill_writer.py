"""A writer that records attempts as fast as it can and prints each acknowledged uid.

Run by test_durability.py, which kills it with SIGKILL at random moments.
"""

import sys
from datetime import datetime
from pathlib import Path

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import Attempt, Outcome
from relance_tui.core.store.store import Store

store = Store.open(Path(sys.argv[1]))
# Compact often so that kills also land inside a compaction.
store.compact_every = int(sys.argv[2])
print("ready", flush=True)
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
    print(attempt.uid, flush=True)
    i += 1
