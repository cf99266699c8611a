"""Creating, editing, duplicating and archiving events, with validation.

A form hands in the text the user typed; `build_event` either returns a whole,
valid Event or raises EventInvalid with one message per field. Nothing is saved
half-valid.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime

from relance_tui import i18n
from relance_tui.core.dates import BadTime, parse_when
from relance_tui.core.errors import FieldsInvalid
from relance_tui.core.models import Event, EventKind, Language, Settings, Target
from relance_tui.core.script import book
from relance_tui.core.store.store import Store
from relance_tui.core.text import clean

MAX_TITLE = 200
MAX_FIELD = 2000
MAX_RELEASE = 50_000


class EventInvalid(FieldsInvalid):
    """One message per field of the event form that is not right."""

    key = "event.invalid"


@dataclass
class EventDraft:
    """What the event form holds: text as typed."""

    title: str = ""
    kind: str = EventKind.EVENT.value
    start: str = ""
    venue: str = ""
    address: str = ""
    spokespeople: str = ""
    visuals: str = ""
    language: str = Language.FR.value
    press_release: str = ""
    release_file: str = ""

    @classmethod
    def from_event(cls, event: Event) -> EventDraft:
        return cls(
            title=event.title,
            kind=event.kind.value,
            start=event.start.strftime("%Y-%m-%d %H:%M"),
            venue=event.venue,
            address=event.address,
            spokespeople="; ".join(event.spokespeople),
            visuals=event.visuals,
            language=event.language.value,
            press_release=event.press_release,
            release_file=event.release_file,
        )


def parse_event_start(text: str, now: datetime) -> datetime:
    """An event's date and time as typed; unlike a callback it may be in the past."""
    raw = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", raw):
        try:
            naive = datetime.fromisoformat(raw.replace(" ", "T"))
        except ValueError:
            raise BadTime(text=raw) from None
        return naive.replace(tzinfo=now.tzinfo)
    return parse_when(raw, now)


def build_event(draft: EventDraft, now: datetime, base: Event | None = None) -> Event:
    """A valid Event from the draft (keeping `base`'s id and templates), or EventInvalid."""
    errors: dict[str, str] = {}
    title = clean(draft.title).strip()
    if not title:
        errors["title"] = i18n.t("event.error.title_missing")
    elif len(title) > MAX_TITLE:
        errors["title"] = i18n.t("event.error.too_long", limit=MAX_TITLE)
    try:
        kind = EventKind(draft.kind)
    except ValueError:
        errors["kind"] = i18n.t("event.error.kind")
        kind = EventKind.EVENT
    try:
        language = Language(draft.language)
    except ValueError:
        errors["language"] = i18n.t("event.error.language")
        language = Language.FR
    start = now
    if not draft.start.strip():
        errors["start"] = i18n.t("event.error.start_missing")
    else:
        try:
            start = parse_event_start(draft.start, now)
        except BadTime as problem:
            errors["start"] = str(problem)
    fields = {
        "venue": clean(draft.venue).strip(),
        "address": clean(draft.address).strip(),
        "visuals": clean(draft.visuals).strip(),
        "release_file": clean(draft.release_file).strip(),
    }
    for name, value in fields.items():
        if len(value) > MAX_FIELD:
            errors[name] = i18n.t("event.error.too_long", limit=MAX_FIELD)
    release = clean(draft.press_release).strip()
    if len(release) > MAX_RELEASE:
        errors["press_release"] = i18n.t("event.error.too_long", limit=MAX_RELEASE)
    people = [p.strip() for p in re.split(r"[;\n]", clean(draft.spokespeople)) if p.strip()]
    if errors:
        raise EventInvalid(errors)
    values = dataclasses.asdict(base) if base is not None else {}
    values.update(
        title=title,
        kind=kind,
        start=start,
        language=language,
        spokespeople=people,
        press_release=release,
        **fields,
    )
    if base is None:
        return Event(**values)
    return dataclasses.replace(base, **values)


def create_event(store: Store, event: Event) -> Event:
    """Save a new event with the default templates in both languages; make it current."""
    for lang in book.LANGUAGES:
        event = book.with_defaults(event, lang)
    store.save(event)
    make_current(store, event)
    return event


def make_current(store: Store, event: Event) -> None:
    settings: Settings = store.settings()
    store.save(dataclasses.replace(settings, current_event_id=event.id))


def duplicate_event(store: Store, event: Event, now: datetime) -> Event:
    """A copy of the event (templates and call list, not the calls), made current."""
    assert event.id is not None
    copy = dataclasses.replace(
        event, id=None, title=i18n.t("event.copy_title", title=event.title), archived=False
    )
    store.save(copy)
    assert copy.id is not None
    store.save_many(
        Target(
            event_id=copy.id,
            position=t.position,
            contact_id=t.contact_id,
            outlet_id=t.outlet_id,
        )
        for t in store.targets(event.id)
    )
    make_current(store, copy)
    return copy


def set_archived(store: Store, event: Event, archived: bool) -> None:
    store.save(dataclasses.replace(event, archived=archived))
    settings = store.settings()
    if archived and settings.current_event_id == event.id:
        store.save(dataclasses.replace(settings, current_event_id=None))
