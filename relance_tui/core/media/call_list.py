"""An event's call list: who is on it, in what order (friendliest first)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from relance_tui.core.media.records import NotAllowed
from relance_tui.core.media.search import MediaRow
from relance_tui.core.models import Attempt, Event, Outcome, Record, Target
from relance_tui.core.store.store import Store
from relance_tui.core.who import Directory


def _target_for(store: Store, event: Event, row: MediaRow) -> Target | None:
    assert event.id is not None
    for target in store.targets(event.id):
        if row.contact is not None and target.contact_id == row.contact.id:
            return target
        if row.contact is None and target.contact_id is None and target.outlet_id == row.outlet.id:
            return target
    return None


def in_call_list(store: Store, event: Event) -> set[str]:
    """Row keys of the event's call list."""
    assert event.id is not None
    return {
        f"c{t.contact_id}" if t.contact_id is not None else f"o{t.outlet_id}"
        for t in store.targets(event.id)
    }


def add_to_call_list(store: Store, event: Event, rows: Sequence[MediaRow]) -> tuple[int, int]:
    """Add rows at the end of the call list in one write; (added, refused as do-not-call)."""
    assert event.id is not None
    present = in_call_list(store, event)
    position = max((t.position for t in store.targets(event.id)), default=0)
    added: list[Record] = []
    refused = 0
    for row in rows:
        if row.key in present:
            continue
        if row.do_not_call:
            refused += 1
            continue
        position += 1
        added.append(
            Target(
                event_id=event.id,
                position=position,
                contact_id=row.contact.id if row.contact else None,
                outlet_id=row.outlet.id if row.contact is None else None,
            )
        )
        present.add(row.key)
    if added:
        store.save_many(added)
    return len(added), refused


def toggle_in_call_list(store: Store, event: Event, row: MediaRow) -> bool:
    """Add the row to the call list or take it out; True when it is now in.

    A do-not-call contact cannot be added, and a target with calls on record
    cannot be taken out (its history would lose its name): both raise NotAllowed.
    """
    target = _target_for(store, event, row)
    if target is None:
        if row.do_not_call:
            raise NotAllowed(
                "media.refused.do_not_call",
                name=row.contact.name if row.contact else row.outlet.name,
                why=do_not_call_reason(store, row),
            )
        add_to_call_list(store, event, [row])
        return True
    assert target.id is not None and event.id is not None
    if any(a.target_id == target.id for a in store.attempts(event.id)):
        raise NotAllowed("media.refused.has_calls")
    store.delete(Target, target.id)
    return False


def do_not_call_reason(store: Store, row: MediaRow) -> str:
    """Why this row is do-not-call, in words: the call where it was asked (when, for
    which event, what was noted), or else the record's own flag."""
    from relance_tui import i18n
    from relance_tui.core.dates import format_short_when

    asked: list[tuple[Attempt, Event]] = []
    for event in store.events(include_archived=True):
        assert event.id is not None
        mine = {
            t.id
            for t in store.targets(event.id)
            if (row.contact is not None and t.contact_id == row.contact.id)
            or (row.contact is None and t.contact_id is None and t.outlet_id == row.outlet.id)
        }
        asked += [
            (a, event)
            for a in store.attempts(event.id)
            if a.target_id in mine and a.outcome is Outcome.DO_NOT_CALL
        ]
    if not asked:
        return i18n.t("media.dnc_reason.flag")
    attempt, event = max(asked, key=lambda pair: pair[0].at)
    when = format_short_when(attempt.at, i18n.current_language())
    if attempt.note:
        return i18n.t("media.dnc_reason.call_note", when=when, event=event.title, note=attempt.note)
    return i18n.t("media.dnc_reason.call", when=when, event=event.title)


def move_in_call_list(store: Store, event: Event, row: MediaRow, step: int) -> bool:
    """Swap the row with its neighbour in the call list (step -1 up, +1 down)."""
    assert event.id is not None
    targets = store.targets(event.id)
    target = _target_for(store, event, row)
    if target is None:
        return False
    index = next(i for i, t in enumerate(targets) if t.id == target.id)
    other = index + step
    if not 0 <= other < len(targets):
        return False
    neighbour = targets[other]
    store.save_many(
        [
            dataclasses.replace(target, position=neighbour.position),
            dataclasses.replace(neighbour, position=target.position),
        ]
    )
    return True


def friendliest_first(store: Store, event: Event) -> None:
    """Reorder the call list: warmest outlets first, list order kept among equals."""
    assert event.id is not None
    directory = Directory.of(store)
    targets = sorted(store.targets(event.id), key=lambda t: (-directory.who(t).warmth, t.position))
    store.save_many(
        dataclasses.replace(target, position=position)
        for position, target in enumerate(targets, start=1)
    )


def call_list_counts(rows: Sequence[MediaRow]) -> tuple[Counter[str], Counter[str]]:
    """How many per kind of outlet and per role."""
    return Counter(r.outlet.kind.value for r in rows), Counter(r.role.value for r in rows)
