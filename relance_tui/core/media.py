"""The media list: outlets, shows and contacts; search; the event's call list.

Forms hand in text; `build_outlet`, `build_show` and `build_contact` return a
valid record or raise MediaInvalid with one message per field.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from relance_tui import i18n
from relance_tui.core.errors import RelanceError
from relance_tui.core.events import EventInvalid, _clean
from relance_tui.core.models import (
    Contact,
    Event,
    Language,
    Outlet,
    OutletKind,
    Record,
    Role,
    Show,
    Target,
)
from relance_tui.core.phones import BadPhone, parse_phone
from relance_tui.core.store import Store

EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]{2,}$")
MAX_TEXT = 300
MAX_NOTES = 5000


class MediaInvalid(EventInvalid):
    key = "media.invalid"


class NotAllowed(RelanceError):
    """An operation the data forbids, with the reason (do-not-call, calls on record...)."""

    key = "media.not_allowed"


def fold(text: str) -> str:
    """Lower case without accents: "Montréal" and "montreal" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _text(values: dict[str, str], name: str, errors: dict[str, str], limit: int = MAX_TEXT) -> str:
    value = _clean(values.get(name, "")).strip()
    if len(value) > limit:
        errors[name] = i18n.t("event.error.too_long", limit=limit)
    return value


def _phone(values: dict[str, str], errors: dict[str, str]) -> tuple[str, str]:
    raw = _clean(values.get("phone", "")).strip()
    extension = _clean(values.get("extension", "")).strip()
    if not raw:
        if extension:
            errors["extension"] = i18n.t("media.error.extension_without_phone")
        return "", ""
    try:
        return parse_phone(raw, extension)
    except BadPhone as problem:
        errors["phone"] = str(problem)
        return raw, extension


def _email(values: dict[str, str], errors: dict[str, str]) -> str:
    email = _clean(values.get("email", "")).strip()
    if email and not EMAIL.match(email):
        errors["email"] = i18n.t("media.error.email", email=email)
    return email


def _tags(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;]", _clean(text)) if t.strip()]


def build_outlet(values: dict[str, str], base: Outlet | None = None) -> Outlet:
    errors: dict[str, str] = {}
    name = _text(values, "name", errors)
    if not name:
        errors["name"] = i18n.t("media.error.name_missing")
    phone, extension = _phone(values, errors)
    email = _email(values, errors)
    try:
        kind = OutletKind(values.get("kind") or OutletKind.RADIO.value)
    except ValueError:
        errors["kind"] = i18n.t("event.error.kind")
        kind = OutletKind.RADIO
    try:
        language = Language(values.get("language") or Language.FR.value)
    except ValueError:
        errors["language"] = i18n.t("event.error.language")
        language = Language.FR
    warmth_text = values.get("warmth", "1").strip() or "1"
    warmth = int(warmth_text) if warmth_text in {"0", "1", "2", "3"} else -1
    if warmth < 0:
        errors["warmth"] = i18n.t("settings.error.number", low=0, high=3)
    region = _text(values, "region", errors)
    website = _text(values, "website", errors)
    notes = _text(values, "notes", errors, MAX_NOTES)
    if errors:
        raise MediaInvalid(errors)
    record = base or Outlet(name=name)
    return dataclasses.replace(
        record,
        name=name,
        kind=kind,
        language=language,
        region=region,
        phone=phone,
        extension=extension,
        email=email,
        website=website,
        warmth=warmth,
        tags=_tags(values.get("tags", "")),
        notes=notes,
        do_not_call=values.get("do_not_call", "") in ("1", "true", "True", "oui", "yes"),
    )


def build_show(values: dict[str, str], outlet_id: int, base: Show | None = None) -> Show:
    errors: dict[str, str] = {}
    name = _text(values, "name", errors)
    if not name:
        errors["name"] = i18n.t("media.error.name_missing")
    air_time = _text(values, "air_time", errors)
    notes = _text(values, "notes", errors, MAX_NOTES)
    if errors:
        raise MediaInvalid(errors)
    record = base or Show(outlet_id=outlet_id, name=name)
    return dataclasses.replace(
        record, outlet_id=outlet_id, name=name, air_time=air_time, notes=notes
    )


def build_contact(values: dict[str, str], base: Contact | None = None) -> Contact:
    errors: dict[str, str] = {}
    name = _text(values, "name", errors)
    if not name:
        errors["name"] = i18n.t("media.error.name_missing")
    outlet_text = values.get("outlet_id", "").strip()
    if not outlet_text.isdigit():
        errors["outlet_id"] = i18n.t("media.error.outlet_missing")
    show_text = values.get("show_id", "").strip()
    try:
        role = Role(values.get("role") or Role.JOURNALIST.value)
    except ValueError:
        errors["role"] = i18n.t("media.error.role")
        role = Role.JOURNALIST
    phone, extension = _phone(values, errors)
    email = _email(values, errors)
    notes = _text(values, "notes", errors, MAX_NOTES)
    pronunciation = _text(values, "pronunciation", errors)
    if errors:
        raise MediaInvalid(errors)
    record = base or Contact(outlet_id=int(outlet_text), name=name)
    return dataclasses.replace(
        record,
        outlet_id=int(outlet_text),
        name=name,
        role=role,
        show_id=int(show_text) if show_text.isdigit() else None,
        phone=phone,
        extension=extension,
        email=email,
        notes=notes,
        pronunciation=pronunciation,
        do_not_call=values.get("do_not_call", "") in ("1", "true", "True", "oui", "yes"),
        to_fix=False if base is None else base.to_fix and not (phone != base.phone),
    )


# --- rows: what the Listes table shows and searches -----------------------------------


@dataclass
class MediaRow:
    """One line of the media list: a contact, or an outlet's newsroom line."""

    outlet: Outlet
    contact: Contact | None = None
    show: Show | None = None
    haystack: str = field(default="", repr=False)
    key: str = field(default="", init=False)

    def __post_init__(self) -> None:
        # Computed once: the search and the table compare keys on every keystroke.
        self.key = f"c{self.contact.id}" if self.contact else f"o{self.outlet.id}"

    @property
    def do_not_call(self) -> bool:
        return self.contact.do_not_call if self.contact else self.outlet.do_not_call

    @property
    def role(self) -> Role:
        return self.contact.role if self.contact else Role.NEWSROOM


def media_rows(
    outlets: Iterable[Outlet], shows: Iterable[Show], contacts: Iterable[Contact]
) -> list[MediaRow]:
    """Every outlet's newsroom line and every contact, with a folded text to search."""
    shows_by_id = {s.id: s for s in shows}
    by_outlet: dict[int | None, list[Contact]] = {}
    for contact in contacts:
        if not contact.deleted:
            by_outlet.setdefault(contact.outlet_id, []).append(contact)
    rows: list[MediaRow] = []
    for outlet in sorted(outlets, key=lambda o: fold(o.name)):
        if outlet.deleted:
            continue
        outlet_text = " ".join([outlet.name, outlet.region, " ".join(outlet.tags), outlet.notes])
        rows.append(
            MediaRow(outlet=outlet, haystack=fold(outlet_text + " " + i18n.t("role.newsroom")))
        )
        for contact in sorted(by_outlet.get(outlet.id, []), key=lambda c: fold(c.name)):
            show = shows_by_id.get(contact.show_id)
            text = " ".join(
                [contact.name, contact.email, contact.notes, show.name if show else "", outlet_text]
            )
            rows.append(MediaRow(outlet=outlet, contact=contact, show=show, haystack=fold(text)))
    return rows


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    region: str = ""
    language: str = ""
    tag: str = ""
    min_warmth: int = 0
    role: str = ""

    @property
    def active(self) -> bool:
        return self != Filters()


def search(rows: Sequence[MediaRow], query: str, filters: Filters = Filters()) -> list[MediaRow]:
    """Rows whose text holds every word of `query` (accents and case ignored), filtered."""
    words = fold(query).split()
    found = []
    for row in rows:
        outlet = row.outlet
        if filters.kind and outlet.kind.value != filters.kind:
            continue
        if filters.language and outlet.language.value not in (filters.language, "both"):
            continue
        if filters.region and fold(outlet.region) != fold(filters.region):
            continue
        if filters.tag and fold(filters.tag) not in {fold(t) for t in outlet.tags}:
            continue
        if outlet.warmth < filters.min_warmth:
            continue
        if filters.role and row.role.value != filters.role:
            continue
        if all(word in row.haystack for word in words):
            found.append(row)
    return found


# --- the event's call list ---------------------------------------------------------------


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
            )
        add_to_call_list(store, event, [row])
        return True
    assert target.id is not None and event.id is not None
    if any(a.target_id == target.id for a in store.attempts(event.id)):
        raise NotAllowed("media.refused.has_calls")
    store.delete(Target, target.id)
    return False


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
    outlets = {o.id: o for o in store.outlets()}
    contacts = {c.id: c for c in store.contacts()}

    def warmth(target: Target) -> int:
        contact = contacts.get(target.contact_id) if target.contact_id else None
        outlet = outlets.get(contact.outlet_id if contact else target.outlet_id)
        return outlet.warmth if outlet else 0

    targets = sorted(store.targets(event.id), key=lambda t: (-warmth(t), t.position))
    store.save_many(
        dataclasses.replace(target, position=position)
        for position, target in enumerate(targets, start=1)
    )


def call_list_counts(rows: Sequence[MediaRow]) -> tuple[Counter[str], Counter[str]]:
    """How many per kind of outlet and per role."""
    return Counter(r.outlet.kind.value for r in rows), Counter(r.role.value for r in rows)


def has_calls(store: Store, contact: Contact | None = None, outlet: Outlet | None = None) -> bool:
    """Whether calls to this contact (or anyone at this outlet) are on record."""
    contacts = {c.id: c for c in store.contacts()}
    targets = {t.id: t for t in store.all(Target)}
    for attempt in store.attempts():
        target = targets.get(attempt.target_id)
        if target is None:
            continue
        if contact is not None and target.contact_id == contact.id:
            return True
        if outlet is not None:
            owner = contacts.get(target.contact_id) if target.contact_id else None
            if (owner.outlet_id if owner else target.outlet_id) == outlet.id:
                return True
    return False


def delete_contact(store: Store, contact: Contact) -> None:
    """Delete a contact; one with calls on record is hidden instead, so history stays readable."""
    assert contact.id is not None
    if has_calls(store, contact=contact):
        store.save(dataclasses.replace(contact, deleted=True))
        return
    targets = [t for t in store.all(Target) if t.contact_id == contact.id]
    store.delete_many(
        [(Target, t.id) for t in targets if t.id is not None] + [(Contact, contact.id)]
    )


def delete_outlet(store: Store, outlet: Outlet) -> None:
    """Delete an outlet with its shows and contacts; hidden instead when calls are on record."""
    assert outlet.id is not None
    if has_calls(store, outlet=outlet):
        store.save(dataclasses.replace(outlet, deleted=True))
        return
    contacts = [c for c in store.contacts() if c.outlet_id == outlet.id]
    contact_ids = {c.id for c in contacts}
    targets = [
        t for t in store.all(Target) if t.contact_id in contact_ids or t.outlet_id == outlet.id
    ]
    doomed: list[tuple[type[Record], int]] = [(Target, t.id) for t in targets if t.id]
    doomed += [(Contact, c.id) for c in contacts if c.id is not None]
    doomed += [(Show, s.id) for s in store.shows() if s.outlet_id == outlet.id and s.id]
    store.delete_many([*doomed, (Outlet, outlet.id)])
