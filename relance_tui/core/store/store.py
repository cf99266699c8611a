"""The data file as the domain sees it: one writer at a time, every write durable.

`Store.open()` takes the file's lock, checks the file, migrates an older schema
(after a backup copy) and replays the journal. Each `save*` / `delete` call is
one transaction that is on disk (fsync'd) before it returns.

The snapshot is a TinyDB JSON file that plain `tinydb.TinyDB(path)` reads whole; the
Store keeps its tables in memory, journals each change and folds the journal into a
new snapshot by atomic rename (`compact`, `folding`): docs/storage.md.
"""

from __future__ import annotations

import contextlib
import errno
import operator
import os
import threading
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import filelock

from relance_tui.core.errors import (
    StoreError,
    StoreLocked,
    StoreReplaced,
    StoreTakenOver,
    StoreWriteFailed,
    os_words,
)
from relance_tui.core.models import (
    Arrival,
    Attempt,
    Contact,
    Event,
    Outlet,
    Record,
    RehearsalTake,
    Settings,
    Show,
    Target,
)
from relance_tui.core.store import migrations
from relance_tui.core.store.custody import Custody, keep_session, refuse_other_names
from relance_tui.core.store.event_index import ByEvent
from relance_tui.core.store.files import (
    folding_journal_path,
    journal_path,
    lock_path,
    previous_journal_path,
    private_dirs,
    remove_stale_temporaries,
    take_lock,
)
from relance_tui.core.store.folding import Fold, begin_fold, replace_snapshot, set_journals_aside
from relance_tui.core.store.indexes import Indexes
from relance_tui.core.store.journal import Delete, Journal, Op, Put, apply_ops
from relance_tui.core.store.reading import generation_of, open_tables, read_now
from relance_tui.core.store.snapshot import Tables, seal_key_of, snapshot_checksum, write_snapshot
from relance_tui.core.store.tables_cache import write_at_close

SCHEMA_VERSION = migrations.SCHEMA_VERSION

TABLES: dict[type[Record], str] = {
    Outlet: "outlets",
    Show: "shows",
    Contact: "contacts",
    Event: "events",
    Target: "targets",
    Attempt: "attempts",
    RehearsalTake: "takes",
    Arrival: "arrivals",
    Settings: "settings",
}

R = TypeVar("R", bound=Record)

# Small tables read on every card are kept as typed records, updated on each write;
# the big per-event tables are indexed by event instead (50,000 attempts stay raw).
CACHED_TABLES: dict[str, type[Record]] = {
    "outlets": Outlet,
    "shows": Show,
    "contacts": Contact,
    "events": Event,
    "settings": Settings,
}
EVENT_TABLES = ("targets", "attempts", "takes", "arrivals")


_CALL_ORDER = operator.attrgetter("at", "caller", "id")  # records read have an id
_ARRIVAL_ORDER = operator.attrgetter("at", "id")


class Store:
    """The domain's view of the data file. Build it with `Store.open()`."""

    def __init__(
        self,
        path: Path,
        tables: Tables,
        lock: filelock.BaseFileLock,
        compact_every: int = 2000,
        by_events: Mapping[str, ByEvent] | None = None,
        from_tables: bool = False,  # the tables were this snapshot's `.tables`
    ) -> None:
        self.path = path
        self.compact_every = compact_every  # journal lines folded into the snapshot at once
        self._tables = tables  # the one copy in memory; changed only by `commit`
        self._journal: Journal | None = Journal(
            journal_path(path), generation_of(tables), key=seal_key_of(tables)
        )
        self._next_ids: dict[str, int] = {}
        self._ids_ahead: dict[str, tuple[int, int]] = {}  # (changes then, next id)
        self._indexes = Indexes(tables, CACHED_TABLES, by_events)
        self._from_tables = from_tables
        self._fold: Fold | None = None  # the snapshot being written off the key path
        self.read_only = False  # opened to read beside a running app: never writes
        self.changes = 0  # commits so far: what was read from the store may be kept while equal
        self.write_tables = write_at_close  # for the next start (`tables_cache`)
        self.custody = Custody(path, lock, take_lock)  # still its lock, still its file

    # opening and closing ----------------------------------------------------
    @classmethod
    def open_read_only(cls, path: Path) -> Store:
        """The file as it is now, unlocked, for commands that only read beside the app."""
        path = Path(path).expanduser().resolve()  # writes are refused (`read_only`)
        store = cls(path, read_now(path), filelock.FileLock(str(lock_path(path))))
        store.read_only = True
        return store

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Store:
        """Open (or create) the data file at `path`, holding its lock until `close()`.
        Symlinks are followed: the lock, the journal and every write belong to the real
        file (two paths to one file are one writer; a link into a synced folder stays)."""
        path = Path(path).expanduser().resolve()
        try:
            private_dirs(path.parent)
            if path.exists() and not os.access(path, os.R_OK | os.W_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            lock = take_lock(path)
        except OSError as exc:
            # A read-only file or folder, a missing disk: say so, touch nothing.
            raise StoreError(path=str(path), detail=os_words(exc)) from exc
        try:
            store = cls._open_locked(path, lock, create)
        except OSError as exc:
            lock.release()
            raise StoreError(path=str(path), detail=os_words(exc)) from exc
        except BaseException:
            lock.release()
            raise
        threading.Thread(target=store.prepare_journal, name="relance-journal", daemon=True).start()
        return store

    @classmethod
    def _open_locked(cls, path: Path, lock: filelock.BaseFileLock, create: bool) -> Store:
        remove_stale_temporaries(path)  # we hold the lock: none is live
        refuse_other_names(path)  # a hard link would be a second writer
        if not path.exists():
            if not create:
                raise FileNotFoundError(path)
            tables: Tables = {name: {} for name in TABLES.values()}
            tables["meta"] = {"1": {"schema_version": SCHEMA_VERSION}}
            try:
                write_snapshot(path, tables)
            except OSError as exc:
                raise StoreWriteFailed(path=str(path), detail=os_words(exc)) from exc
            return cls(path, tables, lock)
        tables, by_events, replayed, next_seq, generation, cached = open_tables(path)
        store = cls(path, tables, lock, by_events=by_events, from_tables=cached)
        if replayed:
            # An unclean end: its journal folded now, or (disk full) later; writes go on.
            journal = store._journal_or_fail()
            journal.next_seq, journal.generation = next_seq, generation
            with contextlib.suppress(StoreWriteFailed):
                store.compact()
        elif folding_journal_path(path).exists():  # a fold that ended before its rename
            os.replace(folding_journal_path(path), previous_journal_path(path))
        return store

    def close(self) -> None:
        """Fold the journal into the data file and release the lock."""
        if self.read_only:
            self._journal = None  # nothing was taken, nothing to fold
            return
        try:
            if self._fold is not None:
                self._fold.wait()
            pending = folding_journal_path(self.path).exists()
            journal = self._journal
            with contextlib.suppress(StoreWriteFailed, StoreTakenOver, StoreReplaced):
                if journal is not None:
                    self._hold(journal)  # another's now: nothing of theirs is touched
                if journal is not None and (journal.has_lines() or pending):
                    # Every write is in the journal already: a fold that fails (a full
                    # disk) loses nothing and is done at the next open.
                    checksum = self.compact()
                    self.write_tables(self.path, self._tables, checksum)  # read at the next start
                elif journal is not None and not self._from_tables:  # no tables, stale, migrated
                    # The checksum is the child's to work out, not the quit's (`tables_cache`).
                    self.write_tables(
                        self.path, self._tables, partial(snapshot_checksum, self.path)
                    )
        finally:
            if self._journal is not None:
                self._journal.close()
                if not self._journal.has_lines() and self.custody.lost is None:  # `prepare`'s
                    with contextlib.suppress(OSError):
                        self._journal.path.unlink()
            self._journal = None
            if self.custody.lock.is_locked:  # the lock taken again (`custody`), if it was
                self.custody.lock.release()

    def prepare_journal(self) -> None:
        """The journal file, made ahead of the first write (by a thread at open)."""
        self._journal_or_fail().prepare()

    def count_ids_ahead(self) -> None:
        """Each big table's next id before the first write (200,000 calls: 0.1 s of the
        first key), from a thread once the app is up (not during its start)."""
        for table in EVENT_TABLES:
            changes, ids = self.changes, list(self._tables.get(table, {}))  # ids: one step
            self._ids_ahead[table] = (changes, max(map(int, ids), default=0) + 1)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._journal is not None

    def _journal_or_fail(self) -> Journal:
        if self._journal is None:
            raise RuntimeError("store is closed")
        return self._journal

    def tables(self) -> Tables:
        """The documents as stored (read-only by convention: change them through `commit`)."""
        self._journal_or_fail()
        return self._tables

    def compact(self) -> str:
        """Fold the journal into the snapshot (atomic replace), keeping one generation back;
        the new snapshot's checksum.

        The previous snapshot is kept as `.bak` and the journal folded in as
        `.journal.prev`: together they rebuild the current state if the
        snapshot is ever damaged (`recovery`).
        """
        journal = self._journal_or_fail()
        if self._fold is not None:
            self._fold.wait()  # one writer of the snapshot at a time
        self.custody.check()
        generation = max(generation_of(self._tables), journal.generation) + 1
        meta = self._tables.setdefault("meta", {})
        previous_meta = meta.get("1", {})
        meta["1"] = {**previous_meta, "generation": generation}
        try:
            checksum = replace_snapshot(self.path, self._tables, self.custody)
        except OSError as exc:  # not folded: the journal still follows the old snapshot
            meta["1"] = previous_meta
            raise StoreWriteFailed(path=str(self.path), detail=os_words(exc)) from exc
        try:
            journal.close()
            set_journals_aside(self.path)
        except OSError as exc:
            raise StoreWriteFailed(path=str(self.path), detail=os_words(exc)) from exc
        finally:
            # New lines follow the new generation (older ones a failed rename left: skipped).
            journal.generation, journal.next_seq, journal.lines = generation, 1, 0
        return checksum

    # writing ------------------------------------------------------------------
    def _allocate_id(self, table: str) -> int:
        if table not in self._next_ids:
            counted = self._ids_ahead.get(table)  # exact while nothing was written since
            if counted is None or counted[0] != self.changes:
                counted = (0, max(map(int, self.tables().get(table, {})), default=0) + 1)
            self._next_ids[table] = counted[1]
        doc_id = self._next_ids[table]
        self._next_ids[table] += 1
        return doc_id

    def reserve_id(self, record_type: type[Record]) -> int:
        """An id for a record to be saved later (so one transaction can link records)."""
        return self._allocate_id(TABLES[record_type])

    def commit(self, ops: list[Op]) -> None:
        """Make `ops` durable, then visible. On failure nothing changes."""
        if self.read_only:
            raise StoreLocked(path=str(self.path))
        journal = self._journal_or_fail()
        self._hold(journal)
        journal.append(ops)
        old_events = self._indexes.events_before(ops)
        apply_ops(self._tables, ops)
        self._indexes.update(ops, old_events)
        self.changes += 1
        if journal.lines >= self.compact_every and (self._fold is None or self._fold.done):
            # Off the key path (`folding`): the write is durable in the journal already.
            self._fold = begin_fold(self.path, journal, self._tables, self.custody) or self._fold

    def _hold(self, journal: Journal) -> None:
        """Still the file's one writer, on the file it opened (`custody`), else nothing
        more is written; a file replaced under the app keeps this session in a copy."""
        try:
            self.custody.check()
        except StoreReplaced as lost:
            if not lost.copy:
                with contextlib.suppress(OSError):
                    named = journal.is_named()
                    journal.close()
                    lost.copy = str(keep_session(self.path, self._tables, journal.path, named))
            raise
        if not journal.is_named():  # deleted or moved under the app: written from memory
            self.compact()

    def save_many(self, records: Iterable[Record]) -> list[int]:
        """Insert or replace records in one durable transaction; set and return their ids."""
        records = list(records)
        ops: list[Op] = []
        ids: list[int] = []
        assigned: list[tuple[Record, int]] = []
        for record in records:
            table = TABLES[type(record)]
            doc_id = record.id if record.id is not None else self._allocate_id(table)
            ops.append(Put(table, doc_id, record.to_doc()))
            assigned.append((record, doc_id))
            ids.append(doc_id)
        self.commit(ops)
        for record, doc_id in assigned:
            record.id = doc_id
        return ids

    def save(self, record: Record) -> int:
        return self.save_many([record])[0]

    def delete(self, record_type: type[Record], doc_id: int) -> None:
        self.delete_many([(record_type, doc_id)])

    def delete_many(self, items: Iterable[tuple[type[Record], int]]) -> None:
        """Delete several records in one durable transaction."""
        self.commit([Delete(TABLES[record_type], doc_id) for record_type, doc_id in items])

    # reading ------------------------------------------------------------------
    def _docs(self, table: str) -> list[tuple[int, dict[str, Any]]]:
        return [(int(key), doc) for key, doc in self.tables().get(table, {}).items()]

    def all(self, record_type: type[R]) -> list[R]:
        """Every record of a kind. Records of the small tables are shared between
        callers: change a copy (`dataclasses.replace`) and save it, never the record."""
        table = TABLES[record_type]
        if table in CACHED_TABLES:
            return list(self._indexes.records(table).values())  # type: ignore[arg-type]
        return [record_type.from_doc(doc, doc_id) for doc_id, doc in self._docs(table)]

    def by_id(self, record_type: type[R]) -> Mapping[int, R]:
        """The records of a small table by id, shared and kept current (do not change them)."""
        table = TABLES[record_type]
        if table not in CACHED_TABLES:
            raise ValueError(f"{table} is not kept as records")
        return self._indexes.records(table)  # type: ignore[return-value]

    def get(self, record_type: type[R], doc_id: int) -> R | None:
        table = TABLES[record_type]
        if table in CACHED_TABLES:
            return self._indexes.records(table).get(doc_id)  # type: ignore[return-value]
        doc = self.tables().get(table, {}).get(str(doc_id))
        return None if doc is None else record_type.from_doc(doc, doc_id)

    def count(self, record_type: type[Record]) -> int:
        return len(self.tables().get(TABLES[record_type], {}))

    def outlets(self) -> list[Outlet]:
        return sorted(self.all(Outlet), key=lambda o: o.name.casefold())

    def contacts(self) -> list[Contact]:
        return self.all(Contact)

    def shows(self) -> list[Show]:
        return self.all(Show)

    def events(self, *, include_archived: bool = False) -> list[Event]:
        events = [e for e in self.all(Event) if include_archived or not e.archived]
        return sorted(events, key=lambda e: e.start)

    def targets(self, event_id: int) -> list[Target]:
        found = self._indexes.event_records(Target, "targets", event_id)
        return sorted(found, key=lambda t: t.position)

    def attempts(self, event_id: int | None = None) -> list[Attempt]:
        """An event's calls (or every call), in the order they were made."""
        return self._in_order(Attempt, event_id)

    def arrivals(self, event_id: int | None = None) -> list[Arrival]:
        """Who came to the door of an event (or of every event), in the order recorded."""
        return self._in_order(Arrival, event_id)

    def events_with_arrivals(self) -> set[int]:
        """The events whose door was kept (someone checked in), without reading them."""
        return self._indexes.events_with(TABLES[Arrival])

    def _in_order(self, record_type: type[Attempt | Arrival], event_id: int | None) -> list[Any]:
        table = TABLES[record_type]
        if event_id is None:  # every event's: not kept (tens of thousands, read rarely)
            found = [record_type.from_doc(doc, doc_id) for doc_id, doc in self._docs(table)]
            return sorted(found, key=_CALL_ORDER if record_type is Attempt else _ARRIVAL_ORDER)
        # At the same instant, by caller: a team's machines add each other's calls in
        # different orders, and each caller's own come in their order everywhere.
        order = _CALL_ORDER if record_type is Attempt else _ARRIVAL_ORDER
        return self._indexes.ordered(record_type, table, event_id, order)

    def takes(self, event_id: int) -> list[RehearsalTake]:
        found = self._indexes.event_records(RehearsalTake, "takes", event_id)
        return sorted(found, key=lambda t: t.at)

    def settings(self) -> Settings:
        found = self.all(Settings)
        return found[0] if found else Settings(id=1)

    def current_event(self) -> Event | None:
        """The event chosen in settings, else the next one that is not archived."""
        settings = self.settings()
        if settings.current_event_id is not None:
            event = self.get(Event, settings.current_event_id)
            if event is not None and not event.archived:
                return event
        events = self.events()
        return events[0] if events else None

    def meta(self) -> dict[str, Any]:
        """The file's own facts: schema version, identity, what it was split from."""
        return dict(self.tables().get("meta", {}).get("1", {}))

    def update_meta(self, **values: Any) -> None:
        self.commit([Put("meta", 1, {**self.meta(), **values})])

    def schema_version(self) -> int:
        return migrations.schema_version(self.tables())
