"""The event and the callbacks promised, for the officer's calendar (`.ics`).

One VEVENT for the event (a 1-hour alarm) and one per pending callback (the contact,
the outlet, the number as a `tel:` link, a 5-minute alarm), with UIDs that stay the
same from one export to the next: importing again updates, never duplicates. Google
Calendar, Outlook and Apple Calendar read it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from relance_tui import i18n
from relance_tui.core.calls.queue import load_queue
from relance_tui.core.dates import DEFAULT_TZ
from relance_tui.core.models import Event, Outcome
from relance_tui.core.phones import BadPhone, dial_string
from relance_tui.core.store.store import Store

PRODID = "-//relance//relance média//FR"


def _alarm(before: timedelta, text: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before)
    return alarm


def event_entry(
    event: Event, file_id: str, stamp: datetime, zone: ZoneInfo = DEFAULT_TZ
) -> icalendar.Event:
    """The event, in its named time zone (a fixed offset would import as floating)."""
    start = event.start.astimezone(zone)
    entry = icalendar.Event()
    entry.add("uid", f"event-{file_id}-{event.id}@relance")
    entry.add("dtstamp", stamp)
    entry.add("summary", event.title)
    entry.add("dtstart", start)
    entry.add("dtend", start + timedelta(hours=2))
    entry.add("location", ", ".join(p for p in (event.venue, event.address) if p))
    entry.add_component(_alarm(timedelta(hours=1), event.title))
    return entry


def calendar(entries: list[icalendar.Event]) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for entry in entries:
        cal.add_component(entry)
    cal.add_missing_timezones()  # VTIMEZONE for the events' zones (America/Toronto)
    data: bytes = cal.to_ical()
    return data


def event_ics(event: Event, file_id: str, stamp: datetime) -> bytes:
    """The invitation attached to a reminder email."""
    return calendar([event_entry(event, file_id, stamp)])


def callbacks_ics(store: Store, event: Event, now: datetime) -> bytes:
    """The event and its pending callbacks."""
    file_id = str(store.meta().get("file_id") or "main")
    zone = ZoneInfo(store.settings().timezone or "America/Toronto")
    entries = [event_entry(event, file_id, now, zone)]
    for state in load_queue(store, event, now).all:
        last = state.last
        if last is None or last.outcome is not Outcome.CALLBACK or state.next_at is None:
            continue
        phone, extension = state.phone
        try:
            uri = f"tel:{dial_string(phone, extension)}" if phone else ""
        except BadPhone:
            uri = ""
        who = f"{state.name} — {state.outlet.name}" if state.outlet else state.name
        entry = icalendar.Event()
        entry.add("uid", f"callback-{last.uid}@relance")
        entry.add("dtstamp", now)
        entry.add("summary", i18n.t("ics.callback", who=who))
        at = state.next_at.astimezone(zone)
        entry.add("dtstart", at)
        entry.add("dtend", at + timedelta(minutes=10))
        lines = [who, uri, last.note, event.title]
        entry.add("description", "\n".join(line for line in lines if line))
        if uri:
            entry.add("url", uri)
        entry.add_component(_alarm(timedelta(minutes=5), i18n.t("ics.callback", who=who)))
        entries.append(entry)
    return calendar(entries)
