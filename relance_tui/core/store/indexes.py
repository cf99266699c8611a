"""What the store keeps beside its tables so that a card reads fast, kept current by
every write: typed records of the small tables, each event's documents by id, and
the typed records of those documents as they are asked for.

Records handed out are shared between callers: change a copy
(`dataclasses.replace`) and save it, never the record itself.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, TypeVar

from relance_tui.core.models import Record
from relance_tui.core.store.journal import Op, Put
from relance_tui.core.store.snapshot import Tables

R = TypeVar("R", bound=Record)
KEPT_EVENTS = 8  # (table, event) pairs whose records are kept


class Indexes:
    def __init__(self, tables: Tables, cached: Mapping[str, type[Record]]) -> None:
        self._tables = tables
        self._cached_types = cached
        self._records: dict[str, dict[int, Record]] = {}
        self._by_event: dict[str, dict[int, set[int]]] = {}
        # (table, event id) -> records by id, for the few events read last only: a
        # report over every past event must not keep 200,000 calls as records.
        self._event_records: OrderedDict[tuple[str, int], dict[int, Record]] = OrderedDict()

    def events_before(self, ops: list[Op]) -> dict[tuple[str, int], object]:
        """The event each document belonged to before `ops` (call before applying)."""
        return {
            (op.table, op.doc_id): self._tables.get(op.table, {})
            .get(str(op.doc_id), {})
            .get("event_id")
            for op in ops
            if op.table in self._by_event
        }

    def update(self, ops: list[Op], old_events: dict[tuple[str, int], object]) -> None:
        """After `ops` were applied to the tables."""
        for op in ops:
            records = self._records.get(op.table)
            if records is not None:
                if isinstance(op, Put):
                    record_type = self._cached_types[op.table]
                    records[op.doc_id] = record_type.from_doc(dict(op.doc), op.doc_id)
                else:
                    records.pop(op.doc_id, None)
            for (table, _), records_of_event in self._event_records.items():
                if table == op.table:
                    records_of_event.pop(op.doc_id, None)
            index = self._by_event.get(op.table)
            if index is not None:
                old = old_events.get((op.table, op.doc_id))
                if isinstance(old, int):
                    index.get(old, set()).discard(op.doc_id)
                if isinstance(op, Put) and isinstance(op.doc.get("event_id"), int):
                    index.setdefault(op.doc["event_id"], set()).add(op.doc_id)

    def records(self, table: str) -> dict[int, Record]:
        """Every record of a small table, by id."""
        records = self._records.get(table)
        if records is None:
            record_type = self._cached_types[table]
            raw = self._tables.get(table, {})
            records = {int(k): record_type.from_doc(v, int(k)) for k, v in raw.items()}
            self._records[table] = records
        return records

    def event_docs(self, table: str, event_id: int) -> list[tuple[int, dict[str, Any]]]:
        """An event's documents of a big table, by id."""
        raw = self._tables.get(table, {})
        index = self._by_event.get(table)
        if index is None:
            index = {}
            for key, doc in raw.items():
                event = doc.get("event_id")
                if isinstance(event, int):
                    index.setdefault(event, set()).add(int(key))
            self._by_event[table] = index
        return [(doc_id, raw[str(doc_id)]) for doc_id in sorted(index.get(event_id, ()))]

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
