"""What the store keeps beside its tables so that a card reads fast, kept current by
every write: typed records of the small tables, each event's documents by id, and
the typed records of those documents as they are asked for.

Records handed out are shared between callers: change a copy
(`dataclasses.replace`) and save it, never the record itself.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from relance_tui.core.models import Record
from relance_tui.core.store.event_index import ByEvent, by_event
from relance_tui.core.store.journal import Op, Put
from relance_tui.core.store.snapshot import Tables

R = TypeVar("R", bound=Record)
KEPT_EVENTS = 8  # (table, event) pairs whose records are kept
BULK = 200  # documents in one write past which an event's ordered list is sorted anew


class Records(Mapping[int, Record]):
    """A small table's records by id, each made from its document the first time it
    is asked for (a call card needs 150 of 5,000 contacts: the start made them all),
    then kept until a write changes it."""

    def __init__(self, tables: Tables, table: str, record_type: type[Record]) -> None:
        self._tables = tables
        self._table = table
        self._type = record_type
        self._made: dict[int, Record] = {}
        self.changes = 0  # documents of the table written since it was kept

    def _raw(self) -> dict[str, dict[str, Any]]:
        return self._tables.get(self._table, {})

    def __getitem__(self, doc_id: int) -> Record:
        made = self._made.get(doc_id)
        if made is None:
            doc = self._raw()[str(doc_id)]  # KeyError: no such record
            made = self._made[doc_id] = self._type.from_doc(doc, doc_id)
        return made

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, int) and str(doc_id) in self._raw()

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in list(self._raw()))

    def __len__(self) -> int:
        return len(self._raw())

    def forget(self, doc_id: int) -> None:
        """The document changed or went: made again when next asked for."""
        self._made.pop(doc_id, None)
        self.changes += 1


ABSENT = object()  # a document that was not in its table before a write


@dataclass
class _Ordered:
    record_type: type[Record]
    key: Callable[[Any], Any]
    records: list[Record]


class Indexes:
    def __init__(
        self,
        tables: Tables,
        cached: Mapping[str, type[Record]],
        by_events: Mapping[str, ByEvent] | None = None,
    ) -> None:
        """`by_events`: tables' ids by event already known, for exactly these tables."""
        self._tables = tables
        self._cached_types = cached
        self._records: dict[str, Records] = {}
        self._by_event: dict[str, ByEvent] = dict(by_events or {})
        # (table, event id) -> records by id, for the few events read last only: a
        # report over every past event must not keep 200,000 calls as records.
        self._event_records: OrderedDict[tuple[str, int], dict[int, Record]] = OrderedDict()
        # The same few events' records in the order asked for (`ordered`), kept in order
        # as new documents come: a key's new call, not a sort of the event's 3,000.
        self._ordered: OrderedDict[tuple[str, int], _Ordered] = OrderedDict()

    def events_before(self, ops: list[Op]) -> dict[tuple[str, int], object]:
        """The event each document belonged to before `ops` (call before applying);
        ABSENT for a document new to its table."""
        found: dict[tuple[str, int], object] = {}
        for op in ops:
            if op.table in self._by_event:
                doc = self._tables.get(op.table, {}).get(str(op.doc_id))
                found[(op.table, op.doc_id)] = ABSENT if doc is None else doc.get("event_id")
        return found

    def update(self, ops: list[Op], old_events: dict[tuple[str, int], object]) -> None:
        """After `ops` were applied to the tables."""
        if len(ops) > BULK:  # many records at once (a merge, a team's calls): the events'
            self._forget_order(ops)  # lists sorted again once, when asked, not one by one
        for op in ops:
            records = self._records.get(op.table)
            if records is not None:
                records.forget(op.doc_id)
            index = self._by_event.get(op.table)
            if index is None:  # nor records of its events: they are read through it
                continue
            for (table, _), records_of_event in self._event_records.items():
                if table == op.table:
                    records_of_event.pop(op.doc_id, None)
            old = old_events.get((op.table, op.doc_id))
            if isinstance(old, int):
                index.get(old, set()).discard(op.doc_id)
            if isinstance(op, Put) and isinstance(op.doc.get("event_id"), int):
                index.setdefault(op.doc["event_id"], set()).add(op.doc_id)
            self._keep_in_order(op, old_events.get((op.table, op.doc_id), ABSENT))

    def _forget_order(self, ops: list[Op]) -> None:
        for op in ops:
            event = op.doc.get("event_id") if isinstance(op, Put) else None
            if op.table in self._by_event and isinstance(event, int):
                self._ordered.pop((op.table, event), None)

    def _keep_in_order(self, op: Op, old_event: object) -> None:
        """A new document of an event whose records are kept in order takes its place;
        a document changed or deleted: that event's list is made again when asked."""
        new_event = op.doc.get("event_id") if isinstance(op, Put) else None
        kept = self._ordered.get((op.table, new_event)) if isinstance(new_event, int) else None
        if isinstance(op, Put) and old_event is ABSENT and kept is not None:
            assert isinstance(new_event, int)
            record = kept.record_type.from_doc(self._tables[op.table][str(op.doc_id)], op.doc_id)
            cache = self._event_records.get((op.table, new_event))
            if cache is not None:
                cache[op.doc_id] = record  # the one record of this document
            bisect.insort(kept.records, record, key=kept.key)
            return
        for event in (old_event, new_event):
            if isinstance(event, int):
                self._ordered.pop((op.table, event), None)

    def records(self, table: str) -> Records:
        """Every record of a small table, by id (made as they are asked for)."""
        records = self._records.get(table)
        if records is None:
            records = self._records[table] = Records(self._tables, table, self._cached_types[table])
        return records

    def _index(self, table: str) -> dict[int, set[int]]:
        """A big table's document ids by event."""
        index = self._by_event.get(table)
        if index is None:
            index = self._by_event[table] = by_event(self._tables.get(table, {}))
        return index

    def events_with(self, table: str) -> set[int]:
        """The events that have at least one document in a big table."""
        return {event for event, ids in self._index(table).items() if ids}

    def event_docs(self, table: str, event_id: int) -> list[tuple[int, dict[str, Any]]]:
        """An event's documents of a big table, by id."""
        raw = self._tables.get(table, {})
        ids = self._index(table).get(event_id, ())
        return [(doc_id, raw[str(doc_id)]) for doc_id in sorted(ids)]

    def ordered(
        self, record_type: type[R], table: str, event_id: int, key: Callable[[Any], Any]
    ) -> list[R]:
        """An event's records of a big table in `key`'s order (a list of one's own)."""
        kept = self._ordered.pop((table, event_id), None)
        if kept is None or kept.key is not key:
            records = sorted(self.event_records(record_type, table, event_id), key=key)
            kept = _Ordered(record_type, key, records)  # type: ignore[arg-type]
        self._ordered[(table, event_id)] = kept  # the most recent last
        while len(self._ordered) > KEPT_EVENTS:
            self._ordered.popitem(last=False)
        return list(kept.records)  # type: ignore[arg-type]

    def event_records(self, record_type: type[R], table: str, event_id: int) -> list[R]:
        """An event's records of a big table, by id: built once each, then shared (a
        call is read on every card; tens of thousands of other events' are not)."""
        cache = self._event_records.pop((table, event_id), None) or {}
        self._event_records[(table, event_id)] = cache  # the most recent last
        while len(self._event_records) > KEPT_EVENTS:
            self._event_records.popitem(last=False)
        found: list[R] = []
        for doc_id, doc in self.event_docs(table, event_id):
            record = cache.get(doc_id)
            if record is None:
                record = cache[doc_id] = record_type.from_doc(doc, doc_id)
            found.append(record)  # type: ignore[arg-type]
        return found
