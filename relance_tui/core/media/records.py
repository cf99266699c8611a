"""Outlets, shows and contacts as forms hand them in, and deleting them.

`build_outlet`, `build_show` and `build_contact` return a valid record or raise
MediaInvalid with one message per field; nothing is saved half-valid.
"""

from __future__ import annotations

import dataclasses
import re

from relance_tui import i18n
from relance_tui.core.errors import FieldsInvalid, RelanceError
from relance_tui.core.media.reach import EMAIL, BadReach, describe_all, parse_others
from relance_tui.core.models import (
    Contact,
    Language,
    Outlet,
    OutletKind,
    Record,
    Role,
    Show,
    Target,
)
from relance_tui.core.phones import BadPhone, parse_phone
from relance_tui.core.store.store import Store
from relance_tui.core.text import clean
from relance_tui.core.who import Directory

MAX_TEXT = 300
MAX_NOTES = 5000


class MediaInvalid(FieldsInvalid):
    key = "media.invalid"


class NotAllowed(RelanceError):
    """An operation the data forbids, with the reason (do-not-call, calls on record...)."""

    key = "media.not_allowed"


def _text(values: dict[str, str], name: str, errors: dict[str, str], limit: int = MAX_TEXT) -> str:
    value = clean(values.get(name, "")).strip()
    if len(value) > limit:
        errors[name] = i18n.t("event.error.too_long", limit=limit)
    return value


def _phone(values: dict[str, str], errors: dict[str, str]) -> tuple[str, str]:
    raw = clean(values.get("phone", "")).strip()
    extension = clean(values.get("extension", "")).strip()
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
    email = clean(values.get("email", "")).strip()
    if email and not EMAIL.match(email):
        errors["email"] = i18n.t("media.error.email", email=email)
    return email


def _tags(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;]", clean(text)) if t.strip()]


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
    group = _text(values, "group", errors)
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
        group=group,
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
    others = base.others if base else []
    typed = values.get("others")
    if typed is not None and not (base and typed.strip() == describe_all(base.others).strip()):
        # The form has the field and it was changed (a caller without it keeps them;
        # unchanged, a fax kept as written stays as it is).
        try:
            others = parse_others(clean(values["others"]))
        except BadReach as problem:
            errors["others"] = i18n.t("media.error.others", entry=str(problem))
    notes = _text(values, "notes", errors, MAX_NOTES)
    pronunciation = _text(values, "pronunciation", errors)
    # The language to speak to this person in; empty: the outlet's.
    language = values.get("language", base.language if base else "").strip()
    if language not in ("", *(lang.value for lang in Language)):
        errors["language"] = i18n.t("media.error.language")
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
        others=others,
        notes=notes,
        pronunciation=pronunciation,
        language=language,
        do_not_call=values.get("do_not_call", "") in ("1", "true", "True", "oui", "yes"),
        bounced=values.get("bounced", "1" if base and base.bounced else "") in ("1", "true", "oui")
        and not (base is not None and email != base.email),  # a new email: not bounced yet
        # "To fix" (a wrong number, someone who left) holds until the form says it is
        # fixed, or the phone changes.
        to_fix=values.get("to_fix", "1" if base and base.to_fix else "") in ("1", "true", "oui")
        and not (base is not None and phone != base.phone),
    )


def has_calls(store: Store, contact: Contact | None = None, outlet: Outlet | None = None) -> bool:
    """Whether calls to this contact (or anyone at this outlet) are on record."""
    directory = Directory.of(store)
    targets = {t.id: t for t in store.all(Target)}
    for attempt in store.attempts():
        target = targets.get(attempt.target_id)
        if target is None:
            continue
        if contact is not None and target.contact_id == contact.id:
            return True
        if outlet is not None:
            called = directory.who(target).outlet
            if called is not None and called.id == outlet.id:
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
