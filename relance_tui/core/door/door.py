"""The door of the event: who is expected, who came, with which crew.

The list at the door holds the people and outlets that confirmed or said they
were interested, then anyone who came. Arrivals are append-only, like calls:
checking someone in, changing their crew or interview, or undoing either is a
new record, and the last record that is not undone says where a person stands.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from relance_tui.core.calls.queue import load_queue
from relance_tui.core.calls.reading import effective
from relance_tui.core.models import Arrival, Contact, Crew, Event, Outcome, Outlet
from relance_tui.core.store.store import Store
from relance_tui.core.text import clean, fold

WALK_IN_TAG = "walk-in"  # the tag a walk-in's outlet or contact gets in the media list
EXPECTED = (Outcome.CONFIRMED, Outcome.INTERESTED)


class WalkInInvalid(Exception):
    """A walk-in without an outlet name."""


def person_key(outlet_id: int | None, contact_id: int | None) -> str:
    return f"c{contact_id}" if contact_id is not None else f"o{outlet_id}"


@dataclass(frozen=True)
class DoorEntry:
    """One line of the door list."""

    outlet_id: int | None
    contact_id: int | None
    outlet: str
    name: str  # the person; empty for a newsroom
    expected: str  # "confirmed", "interested", or "" (not expected: came anyway)
    arrival: Arrival | None  # their check-in, when they came
    notes: str = ""  # what the calls noted ("Envoyer caméraman si possible")
    outlet_came: str = ""  # not here, but their outlet is: who of it came

    @property
    def key(self) -> str:
        return person_key(self.outlet_id, self.contact_id)

    @property
    def present(self) -> bool:
        return self.arrival is not None

    @property
    def label(self) -> str:
        return f"{self.outlet} ({self.name})" if self.name else self.outlet


def standing(arrivals: Iterable[Arrival]) -> dict[str, Arrival]:
    """Who is present now, by person: the last record of each that is not undone."""
    records = list(arrivals)
    undone = {a.reverses for a in records if a.reverses}
    last: dict[str, Arrival] = {}
    for arrival in records:
        if arrival.reverses or arrival.uid in undone:
            continue
        last[person_key(arrival.outlet_id, arrival.contact_id)] = arrival
    return {key: a for key, a in last.items() if a.present}


def door_list(store: Store, event: Event, now: datetime) -> list[DoorEntry]:
    """Confirmed first, then interested, then whoever came unannounced; by outlet."""
    assert event.id is not None
    present = standing(store.arrivals(event.id))
    entries: dict[str, DoorEntry] = {}
    for state in load_queue(store, event, now).all:
        last = state.last
        if last is None or last.outcome not in EXPECTED:
            continue
        outlet_id = state.outlet.id if state.outlet else None
        contact_id = state.contact.id if state.contact else None
        key = person_key(outlet_id, contact_id)
        entries[key] = DoorEntry(
            outlet_id=outlet_id,
            contact_id=contact_id,
            outlet=state.outlet.name if state.outlet else "",
            name=state.name,
            expected=last.outcome.value,
            arrival=present.get(key),
            notes=" / ".join(a.note for a in state.history if a.note),
        )
    for key, arrival in present.items():
        if key not in entries:
            outlet = store.get(Outlet, arrival.outlet_id) if arrival.outlet_id else None
            contact = store.get(Contact, arrival.contact_id) if arrival.contact_id else None
            entries[key] = DoorEntry(
                outlet_id=arrival.outlet_id,
                contact_id=arrival.contact_id,
                outlet=outlet.name if outlet else arrival.outlet_name,
                name=contact.name if contact else arrival.contact_name,
                expected="",
                arrival=arrival,
            )
    came_for: dict[int, str] = {}  # outlet id -> who of it came (settled.py: one newsroom)
    for entry in entries.values():
        if entry.present and entry.outlet_id is not None:
            came_for.setdefault(entry.outlet_id, entry.name or entry.outlet)
    for key, entry in entries.items():
        if not entry.present and entry.outlet_id in came_for:
            entries[key] = dataclasses.replace(entry, outlet_came=came_for[entry.outlet_id])
    order = {Outcome.CONFIRMED.value: 0, Outcome.INTERESTED.value: 1, "": 2}
    return sorted(entries.values(), key=lambda e: (order[e.expected], fold(e.outlet), fold(e.name)))


def search_door(entries: list[DoorEntry], text: str) -> list[DoorEntry]:
    """The entries whose outlet or name holds every word typed (accents, case ignored)."""
    words = fold(text).split()
    return [e for e in entries if all(w in fold(f"{e.outlet} {e.name}") for w in words)]


def check_in(store: Store, event: Event, entry: DoorEntry, now: datetime) -> Arrival:
    """Mark them present now (once: a second check-in keeps the first time)."""
    if entry.arrival is not None:
        return entry.arrival
    assert event.id is not None
    arrival = Arrival(
        event_id=event.id,
        at=now,
        outlet_id=entry.outlet_id,
        contact_id=entry.contact_id,
        walk_in=entry.expected == "",
        outlet_name=entry.outlet,
        contact_name=entry.name,
    )
    store.save(arrival)
    return arrival


def set_crew(
    store: Store, event: Event, entry: DoorEntry, crew: list[Crew], interview: str, now: datetime
) -> Arrival:
    """Their crew and interview (checking them in if they were not yet)."""
    base = check_in(store, event, entry, now)
    updated = dataclasses.replace(  # a new record; the arrival time stays
        base,
        crew=[c.value for c in crew],
        interview=clean(interview).strip(),
        uid=uuid.uuid4().hex,
        id=None,
    )
    store.save(updated)
    return updated


def walk_in_records(
    store: Store, outlet_name: str, contact_name: str
) -> tuple[Outlet, Contact | None]:
    """A walk-in's outlet and contact: found in the media list by name (accents and
    case aside), or added to it with the walk-in tag. Used at the door and by merge."""
    outlet = next((o for o in store.outlets() if fold(o.name) == fold(outlet_name)), None)
    if outlet is None:
        outlet = Outlet(name=outlet_name, tags=[WALK_IN_TAG])
        store.save(outlet)
    assert outlet.id is not None
    if not contact_name:
        return outlet, None
    same = (c for c in store.contacts() if c.outlet_id == outlet.id)
    contact = next((c for c in same if fold(c.name) == fold(contact_name)), None)
    if contact is None:
        contact = Contact(outlet_id=outlet.id, name=contact_name, notes=WALK_IN_TAG)
        store.save(contact)
    return outlet, contact


def add_walk_in(
    store: Store, event: Event, outlet_name: str, contact_name: str, now: datetime
) -> Arrival:
    """Someone not on the list: their outlet and name (`walk_in_records`), checked in now."""
    outlet_name = clean(outlet_name).strip()
    if not outlet_name:
        raise WalkInInvalid()
    assert event.id is not None
    outlet, contact = walk_in_records(store, outlet_name, clean(contact_name).strip())
    contact_id = contact.id if contact else None
    entry = DoorEntry(
        outlet_id=outlet.id,
        contact_id=contact_id,
        outlet=outlet.name,
        name=contact.name if contact else "",
        expected="",
        arrival=standing(store.arrivals(event.id)).get(person_key(outlet.id, contact_id)),
    )
    return check_in(store, event, entry, now)


def arrival_label(arrival: Arrival) -> str:
    """ "Métro Montréal (Zoé Lavoie)", or the outlet alone."""
    if arrival.contact_name:
        return f"{arrival.outlet_name} ({arrival.contact_name})"
    return arrival.outlet_name


def undo_door(store: Store, event: Event, now: datetime) -> Arrival | None:
    """Undo the last check-in or crew change at this door; the record undone."""
    assert event.id is not None
    records = store.arrivals(event.id)
    undone = {a.reverses for a in records if a.reverses}
    live = [a for a in records if not a.reverses and a.uid not in undone]
    if not live:
        return None
    last = max(live, key=lambda a: a.id or 0)
    store.save(
        Arrival(
            event_id=event.id,
            at=now,
            outlet_id=last.outlet_id,
            contact_id=last.contact_id,
            present=False,
            reverses=last.uid,
        )
    )
    return last


@dataclass(frozen=True)
class DoorReport:
    """After the event: who came, who confirmed and did not (send them the material),
    who came without confirming. Absence is judged per outlet (settled.py): a
    confirmed person whose outlet came through someone else is listed with those
    present, "venu (par …)", never as absent."""

    present: list[DoorEntry]
    confirmed_absent: list[DoorEntry]
    came_unconfirmed: list[DoorEntry]

    @property
    def people_present(self) -> int:
        return sum(1 for e in self.present if e.present)


def door_report(store: Store, event: Event, now: datetime) -> DoorReport:
    entries = door_list(store, event, now)
    confirmed = [e for e in entries if e.expected == "confirmed" and not e.present]
    return DoorReport(
        present=[e for e in entries if e.present] + [e for e in confirmed if e.outlet_came],
        confirmed_absent=[e for e in confirmed if not e.outlet_came],
        came_unconfirmed=[e for e in entries if e.present and e.expected != "confirmed"],
    )


def door_fields(entry: DoorEntry, lang: str) -> dict[str, str]:
    """One door entry as the report's columns."""
    from relance_tui import i18n
    from relance_tui.core.dates import format_clock

    arrival = entry.arrival
    came = i18n.t("door.came_with", who=entry.outlet_came) if entry.outlet_came else ""
    return {
        "name": entry.name,
        "outlet": entry.outlet,
        "arrived": format_clock(arrival.at, lang) if arrival else came,
        "notes": entry.notes,
        "crew": ", ".join(i18n.t(f"crew.{c}") for c in arrival.crew) if arrival else "",
        "interview": arrival.interview if arrival else "",
        "said": i18n.t(f"outcome.{entry.expected}") if entry.expected else "",
    }


def came(store: Store, event: Event) -> set[str]:
    """The people present at the door of `event`, by person key."""
    assert event.id is not None
    return set(standing(store.arrivals(event.id)))


def effective_outcomes(store: Store, event: Event) -> dict[int, Outcome]:
    """Each target's last effective outcome at `event`."""
    assert event.id is not None
    last: dict[int, Outcome] = {}
    for attempt in effective(store.attempts(event.id)):
        if attempt.outcome not in (Outcome.SKIPPED,):
            last[attempt.target_id] = attempt.outcome
    return last
