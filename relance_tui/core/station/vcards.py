"""The media list out to an address book: vCard 3.0, the version Apple and iOS
Contacts, Google, Outlook and Thunderbird all read, one card per contact.

Each card holds the contact's name, outlet (ORG), role (TITLE), the number to call
first (`TEL;TYPE=WORK,VOICE,PREF`, its extension as `x221`), the other numbers and
emails with their kinds, and the notes; `relance import` reads it back the same
(tests/core/station/test_vcards.py). Lines end in CRLF and fold at 75 octets.
"""

from __future__ import annotations

from pathlib import Path

from relance_tui import i18n
from relance_tui.core.media.reach import EMAIL_KIND, split_entry
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.store.files import private_dirs, write_atomically_bytes
from relance_tui.core.store.store import Store
from relance_tui.core.text import without_controls

_TYPES = {
    "work": "WORK,VOICE",
    "cell": "CELL,VOICE",
    "main": "MAIN",
    "phone": "VOICE",
    "home": "HOME,VOICE",
    "other": "OTHER",
    "fax": "WORK,FAX",
    "pager": "PAGER",
}


def _escaped(value: str) -> str:
    value = without_controls(value, keep="\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _folded(line: str) -> str:
    """A content line folded at 75 octets (RFC 6350 3.2), never inside a character."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)


def _number(value: str, extension: str) -> str:
    return f"{value} x{extension}" if extension else value


def card(contact: Contact, outlet: Outlet | None) -> str:
    """One contact as a vCard 3.0 (its UID names it in a vdir folder)."""
    given, _, family = contact.name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{uid(contact)}",
        f"FN:{_escaped(contact.name)}",
        f"N:{_escaped(family)};{_escaped(given)};;;",
    ]
    if outlet is not None:
        lines.append(f"ORG:{_escaped(outlet.name)}")
    lines.append(f"TITLE:{_escaped(i18n.t('role.' + contact.role.value))}")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE,PREF:{_number(contact.phone, contact.extension)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET,PREF:{_escaped(contact.email)}")
    for stored in contact.others:
        if not isinstance(stored, str):
            continue
        kind, value, extension = split_entry(stored)
        if kind == EMAIL_KIND:
            lines.append(f"EMAIL;TYPE=INTERNET:{_escaped(value)}")
        else:
            lines.append(
                f"TEL;TYPE={_TYPES.get(kind, 'VOICE')}:{_escaped(_number(value, extension))}"
            )
    if contact.notes.strip():
        lines.append(f"NOTE:{_escaped(contact.notes.strip())}")
    lines.append("END:VCARD")
    return "".join(_folded(line) + "\r\n" for line in lines)


def uid(contact: Contact) -> str:
    return f"relance-contact-{contact.id}"


def media_list_cards(store: Store) -> list[tuple[str, bytes]]:
    """Every contact of the media list (not the deleted ones), by outlet then name: its
    UID and its vCard."""
    outlets = {o.id: o for o in store.outlets() if not o.deleted}
    contacts = [c for c in store.contacts() if not c.deleted and c.outlet_id in outlets]
    contacts.sort(key=lambda c: (outlets[c.outlet_id].name.casefold(), c.name.casefold()))
    return [(uid(c), card(c, outlets.get(c.outlet_id)).encode("utf-8")) for c in contacts]


def media_list_vcards(store: Store) -> bytes:
    """The media list as one .vcf file."""
    return b"".join(data for _, data in media_list_cards(store))


def write_vdir(store: Store, folder: Path) -> int:
    """One .vcf per contact in `folder` (made 0700; files 0600, written atomically), as
    vdirsyncer and khard keep an address book; cards relance wrote before and whose
    contact is gone are removed, others' files are left alone. The number written."""
    private_dirs(folder)
    cards = media_list_cards(store)
    for name, data in cards:
        write_atomically_bytes(folder / f"{name}.vcf", data)
    kept = {f"{name}.vcf" for name, _ in cards}
    for old in folder.glob("relance-contact-*.vcf"):
        if old.name not in kept:
            old.unlink()
    return len(cards)
