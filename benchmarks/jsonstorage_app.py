"""relance with its write swapped for TinyDB's default JSONStorage (benchmarks only).

Each transaction rewrites the whole file through `tinydb.storages.JSONStorage`
(TinyDB's own write: truncate, dump, flush, fsync) instead of appending one
journal line; everything else is the installed app. `terminal.py` runs it beside
`relance` on a copy of the same file to print the ratio.

    .venv/bin/python benchmarks/jsonstorage_app.py --db FILE
"""

from __future__ import annotations

from typing import Any

from tinydb.storages import JSONStorage

from relance_tui.cli import main
from relance_tui.core.store import journal, store


def _commit(self: store.Store, ops: list[journal.Op]) -> None:
    old_events = self._indexes.events_before(ops)
    journal.apply_ops(self._tables, ops)
    self._indexes.update(ops, old_events)
    storage: Any = getattr(self, "_tinydb", None)
    if storage is None:
        storage = self._tinydb = JSONStorage(str(self.path))  # type: ignore[attr-defined]
    storage.write(self._tables)


def _close(self: store.Store) -> None:
    storage = getattr(self, "_tinydb", None)
    if storage is not None:
        storage.close()
    self._lock.release()
    self._journal = None


store.Store.commit = _commit  # type: ignore[method-assign]
store.Store.close = _close  # type: ignore[method-assign]

if __name__ == "__main__":
    main()
