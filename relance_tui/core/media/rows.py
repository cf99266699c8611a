"""One row of an imported file as what it says: who, at which outlet, the number to
call and the email among all those it gives (`reach`), the rest kept, and why a row
is refused or its contact flagged to fix."""

from __future__ import annotations

from dataclasses import dataclass

from relance_tui import i18n
from relance_tui.core.media.reach import (
    EMAIL,
    NEVER_CALLED,
    BadReach,
    Way,
    entry,
    labelled,
    parse_others,
    phone_kind,
    rank,
)
from relance_tui.core.media.readers import MULTI
from relance_tui.core.media.vocabulary import ReachColumn, role_from_text
from relance_tui.core.models import Role
from relance_tui.core.phones import BadPhone, parse_phone

_SEPARATOR = MULTI.strip()


def first_and_rest(value: str) -> tuple[str, list[str]]:
    if _SEPARATOR not in value:  # one value: most cells of most files
        return value.strip(), []
    parts = [p.strip() for p in value.split(_SEPARATOR) if p.strip()]
    return (parts[0] if parts else ""), parts[1:]


def reach_values(cells: list[str], reach: list[ReachColumn], values: dict[str, str]) -> None:
    """The row's numbers and emails from every column that holds one, labelled with
    their kind and in the order a caller tries them (`reach.rank`), as a vCard's are."""
    for field_name in ("phone", "email"):
        ranked: list[tuple[tuple[int, int, int], str]] = []
        for column in reach:
            if column.field != field_name or column.index >= len(cells):
                continue
            cell = cells[column.index].strip()
            if not cell:
                continue
            kind, preferred = column.kind, column.chosen
            if column.type_index is not None and column.type_index < len(cells):
                type_text = cells[column.type_index].strip()
                kind, preferred = phone_kind([type_text]), type_text.startswith("*")
            for value in cell.split(_SEPARATOR):
                if value.strip():
                    shown = labelled(kind, value.strip()) if field_name == "phone" else value
                    ranked.append((rank(kind, preferred), shown.strip()))
        ranked.sort(key=lambda pair: pair[0])  # stable: file order within one rank
        if ranked:
            values[field_name] = MULTI.join(value for _, value in ranked)


@dataclass
class Row:
    """A row's values, read and checked: who, where, how to reach them."""

    name: str
    other_names: list[str]
    outlet_name: str
    phone: str
    extension: str
    email: str
    others: list[str]  # `Contact.others`: every other number and email
    role: Role | None
    notes: list[str]
    flags: list[str]  # why the contact is flagged to fix (an unreadable number or email)


def read_row(values: dict[str, str]) -> Row | str:
    """The row's fields, or the reason it is refused (no name, a bad number or email)."""
    notes: list[str] = [values["notes"]] if values.get("notes") else []
    name = (
        values.get("name")
        or values.get("name_from_n")
        or " ".join(v for v in (values.get("first_name", ""), values.get("last_name", "")) if v)
    )
    name, other_names = first_and_rest(name)
    outlet_name, _ = first_and_rest(values.get("outlet", ""))
    if not name and not outlet_name:
        return i18n.t("import.row.no_name")
    if len(name) > 300 or len(outlet_name) > 300:
        return i18n.t("event.error.too_long", limit=300)
    phone, extension, email, others, flags = _ways(values, notes)
    if values.get("others"):  # relance's own export read back
        try:
            others += [o for o in parse_others(values["others"]) if o not in others]
        except BadReach as problem:
            notes.append(values["others"])
            flags.append(i18n.t("media.error.others", entry=str(problem)))
    role_text = values.get("role", "")
    role = role_from_text(role_text) if role_text else None
    if role_text and role is None:
        notes.append(i18n.t("import.title_kept", title=role_text))
    if role is None and values.get("role_extra"):
        role = role_from_text(values["role_extra"])
    return Row(name, other_names, outlet_name, phone, extension, email, others, role, notes, flags)


def _ways(values: dict[str, str], notes: list[str]) -> tuple[str, str, str, list[str], list[str]]:
    """(phone, extension, email, others, flags): the number to call is the first
    readable one that is not a fax or a pager, in the order given (`reach.rank`); the
    email the first valid one; the rest kept in `others`; an unreadable one kept as
    written in `notes` and said in `flags` (the contact is flagged to fix)."""
    phone, extension, email = "", "", ""
    others: list[str] = []
    flags: list[str] = []
    for text in _all(values.get("phone", "")):
        way = Way.read(text, "phone")
        try:
            number, its_extension = parse_phone(
                way.value, "" if phone else values.get("extension", "")
            )
        except BadPhone as problem:
            if way.kind in NEVER_CALLED:  # never called: kept as written, not a fault
                others.append(entry(way.kind, way.value))
            else:
                flags.append(str(problem))
                notes.append(i18n.t("import.kept_phone", phone=way.value))
            continue
        if not phone and way.kind not in NEVER_CALLED:
            phone, extension = number, its_extension
        elif number != phone and not any(o.split(":", 1)[1] == number for o in others):
            others.append(entry(way.kind, number, its_extension))  # one number, said once
    for text in _all(values.get("email", "")):
        if not EMAIL.match(text):
            flags.append(i18n.t("media.error.email", email=text))
            notes.append(i18n.t("import.kept_email", email=text))
        elif not email:
            email = text
        elif text.casefold() != email.casefold() and entry("email", text) not in others:
            others.append(entry("email", text))
    return phone, extension, email, others, flags


def _all(value: str) -> list[str]:
    return [part.strip() for part in value.split(_SEPARATOR) if part.strip()]
