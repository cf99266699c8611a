"""The demo data of `data/`: real Montréal outlets (names only), fictional contacts,
fictional 514-555-01xx numbers, one event placed relative to today so that its
relance window is open, and three past events with who came to the door."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from relance_tui.core.models import (
    Arrival,
    Attempt,
    Contact,
    Event,
    EventKind,
    Language,
    Outcome,
    Outlet,
    OutletKind,
    Role,
    Settings,
    Show,
    Target,
)
from relance_tui.core.script import book
from relance_tui.core.store.store import Store


def _weekday_near(day: date, today: date) -> date:
    """The demo's launch on a weekday (newsrooms are staffed, morning shows on air):
    the weekday before `day` if one is still after today, else the Monday after —
    either way its follow-up window is open today."""
    earlier = day
    while earlier.weekday() >= 5 and earlier > today + timedelta(days=1):
        earlier -= timedelta(days=1)
    if earlier.weekday() < 5 and earlier > today:
        return earlier
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def load_demo(store: Store, data_dir: Path, now: datetime) -> Event:
    """Fill an empty store with the demo media list, event, call list and settings."""
    media: dict[str, Any] = json.loads((data_dir / "demo_media.json").read_text("utf-8"))
    spec: dict[str, Any] = json.loads((data_dir / "demo_event.json").read_text("utf-8"))

    contacts: list[Contact] = []
    for entry in media["outlets"]:
        outlet = Outlet(
            name=entry["name"],
            kind=OutletKind(entry["kind"]),
            language=Language(entry["language"]),
            region=entry["region"],
            phone=entry["phone"],
            extension=entry["extension"],
            email=entry["email"],
            website=entry["website"],
            warmth=entry["warmth"],
            tags=entry["tags"],
            notes=entry["notes"],
            group=entry.get("group", ""),
        )
        store.save(outlet)
        assert outlet.id is not None
        shows = [
            Show(outlet_id=outlet.id, name=s["name"], air_time=s["air_time"])
            for s in entry["shows"]
        ]
        store.save_many(shows)
        show_ids = {s.name: s.id for s in shows}
        outlet_contacts = [
            Contact(
                outlet_id=outlet.id,
                name=c["name"],
                role=Role(c["role"]),
                show_id=show_ids.get(c["show"]) if c["show"] else None,
                phone=c["phone"],
                extension=c["extension"],
                email=c["email"],
                notes=c["notes"],
                do_not_call=c["do_not_call"],
                pronunciation=c["pronunciation"],
                # Verified over the last two years: a few are « à vérifier ».
                verified=(now.date() - timedelta(days=37 * ((len(contacts) + i) % 21))).isoformat(),
            )
            for i, c in enumerate(entry["contacts"])
        ]
        store.save_many(outlet_contacts)
        contacts.extend(outlet_contacts)

    hour, minute = (int(part) for part in spec["time"].split(":"))
    day = _weekday_near((now + timedelta(days=spec["days_from_today"])).date(), now.date())
    event = Event(
        title=spec["title"],
        kind=EventKind(spec["kind"]),
        start=datetime.combine(day, time(hour, minute), tzinfo=now.tzinfo),
        venue=spec["venue"],
        address=spec["address"],
        spokespeople=spec["spokespeople"],
        visuals=spec["visuals"],
        language=Language(spec["language"]),
        press_release=(data_dir / "communique_fr.txt").read_text("utf-8"),
    )
    for lang in book.LANGUAGES:  # the demo's own pitch, in both languages
        event = book.with_defaults(event, lang, flavour="demo")
    store.save(event)
    assert event.id is not None

    callable_contacts = [c for c in contacts if not c.do_not_call][: spec["call_list_size"]]
    store.save_many(
        Target(event_id=event.id, position=position, contact_id=contact.id)
        for position, contact in enumerate(callable_contacts, start=1)
    )
    _past_events(store, spec.get("past_events", []), now, contacts)
    caller = spec["caller"]
    store.save(
        Settings(
            id=1,
            caller_name=caller["name"],
            organisation=caller["organisation"],
            caller_phone=caller["phone"],
            current_event_id=event.id,
        )
    )
    return event


def _past_events(
    store: Store, specs: list[dict[str, Any]], now: datetime, contacts: list[Contact]
) -> None:
    """Archived events with their answers and who came to the door: the history the
    turnout estimate and the card's "venu 3 fois sur 4" learn from."""
    outlet_ids = {o.name: o.id for o in store.outlets() if o.id is not None}
    first_contact: dict[int, Contact] = {}
    for contact in contacts:
        if not contact.do_not_call:
            first_contact.setdefault(contact.outlet_id, contact)
    for spec in specs:
        hour, minute = (int(part) for part in spec["time"].split(":"))
        day = (now + timedelta(days=spec["days_from_today"])).date()
        start = datetime.combine(day, time(hour, minute), tzinfo=now.tzinfo)
        event = Event(title=spec["title"], kind=EventKind.EVENT, start=start, archived=True)
        store.save(event)
        assert event.id is not None
        answers = [(n, Outcome.CONFIRMED) for n in spec["confirmed"]]
        answers += [(n, Outcome.INTERESTED) for n in spec["interested"]]
        targets = [
            Target(event_id=event.id, position=i, contact_id=first_contact[outlet_ids[n]].id)
            for i, (n, _) in enumerate(answers, start=1)
        ]
        store.save_many(targets)
        called_at = start - timedelta(days=2)
        records: list[Attempt | Arrival] = [
            Attempt(event_id=event.id, target_id=t.id, at=called_at, outcome=outcome)
            for t, (_, outcome) in zip(targets, answers, strict=True)
            if t.id is not None
        ]
        for name in spec["came"]:
            contact = first_contact[outlet_ids[name]]
            records.append(
                Arrival(
                    event_id=event.id,
                    at=start - timedelta(minutes=10),
                    outlet_id=contact.outlet_id,
                    contact_id=contact.id,
                    outlet_name=name,
                    contact_name=contact.name,
                )
            )
        store.save_many(records)
