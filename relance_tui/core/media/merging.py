"""What a file adds to a contact or an outlet already on the list, in words.

A duplicate loses nothing and overwrites nothing: every empty field is filled, a note
that differs is appended with where it came from, tags are joined, the other numbers
and emails are kept; a number or an email that differs from the one on the list is
kept beside it (in the contact's other ways to reach them), never in its place. Each
change is said, so the preview and the command line show, contact by contact, what
the import will do ("Geneviève Côté : région ← Montréal ; note ajoutée").
"""

from __future__ import annotations

import re

from relance_tui import i18n
from relance_tui.core.media.reach import entry
from relance_tui.core.models import Contact, Language, Outlet
from relance_tui.core.phones import format_phone, phone_key
from relance_tui.core.text import fold


def merge_contact(
    existing: Contact, new: Contact, source: str, take_file: bool = False
) -> list[str]:
    """Merge `new` (a row of `source`) into `existing`, in place; the changes in words.
    A number or an email that differs is kept beside the one on the list, or, when
    `take_file` (the officer's choice for the whole file), takes its place while the
    list's goes beside it: either way nothing is lost."""
    changes: list[str] = []
    if not existing.phone and new.phone:
        existing.phone, existing.extension = new.phone, new.extension
        changes.append(_filled("phone", format_phone(new.phone, new.extension)))
    elif new.phone and phone_key(new.phone, new.extension) != phone_key(
        existing.phone, existing.extension
    ):
        changes += _differing_phone(existing, new, take_file)
    if not existing.email and new.email:
        existing.email = new.email
        changes.append(_filled("email", new.email))
    elif new.email and new.email.casefold() != existing.email.casefold():
        changes += _differing_email(existing, new, take_file)
    for name in ("pronunciation", "language"):
        if not getattr(existing, name) and getattr(new, name):
            setattr(existing, name, getattr(new, name))
            changes.append(_filled(name, getattr(new, name)))
    if existing.show_id is None and new.show_id is not None:
        existing.show_id = new.show_id
        changes.append(i18n.t("import.change.show"))
    if note := _new_note(existing.notes, new.notes):
        existing.notes = (
            f"{existing.notes}\n— {i18n.t('import.change.from', source=source)} : {note}"
            if existing.notes
            else note
        )
        changes.append(i18n.t("import.change.note"))
    known = {existing.phone, existing.email} | set(existing.others)
    added = [way for way in new.others if way not in known]
    if added:
        existing.others = [*existing.others, *added]
        changes.append(i18n.t("import.change.others", count=len(added)))
    return changes


def _differing_phone(existing: Contact, new: Contact, take_file: bool) -> list[str]:
    if take_file:
        old = entry("work", existing.phone, existing.extension)
        existing.others = [
            o for o in existing.others if o != entry("work", new.phone, new.extension)
        ]
        existing.others = [*existing.others, old] if old not in existing.others else existing.others
        existing.phone, existing.extension = new.phone, new.extension
        return [_taken("phone", format_phone(new.phone, new.extension))]
    kept = entry("work", new.phone, new.extension)
    if kept in existing.others:
        return []
    existing.others = [*existing.others, kept]
    return [_kept_beside("phone", format_phone(new.phone, new.extension))]


def _differing_email(existing: Contact, new: Contact, take_file: bool) -> list[str]:
    if take_file:
        old = entry("email", existing.email)
        existing.others = [o for o in existing.others if o != entry("email", new.email)]
        existing.others = [*existing.others, old] if old not in existing.others else existing.others
        existing.email = new.email
        return [_taken("email", new.email)]
    kept = entry("email", new.email)
    if kept in existing.others:
        return []
    existing.others = [*existing.others, kept]
    return [_kept_beside("email", new.email)]


def fill_outlet(outlet: Outlet, region: str, tags: list[str]) -> list[str]:
    """An outlet already on the list, given the region and tags a row says: the
    region where it has none, the tags it lacks; the changes in words."""
    changes: list[str] = []
    if region and not outlet.region:
        outlet.region = region
        changes.append(_filled("region", region))
    have = {fold(tag) for tag in outlet.tags}
    added = [tag for tag in tags if fold(tag) not in have]
    if added:
        outlet.tags = [*outlet.tags, *added]
        changes.append(i18n.t("import.change.tags", tags=", ".join(added)))
    return changes


def _new_note(kept: str, note: str) -> str:
    """The part of `note` the kept notes do not already say (a re-import adds nothing)."""
    note = note.strip()
    if not note or fold(note) in fold(kept):
        return ""
    return note


def _filled(field_name: str, value: str) -> str:
    return i18n.t("import.change.filled", field=i18n.t(f"import.field.{field_name}"), value=value)


def _taken(field_name: str, value: str) -> str:
    return i18n.t("import.change.taken", field=i18n.t(f"import.field.{field_name}"), value=value)


def _kept_beside(field_name: str, value: str) -> str:
    return i18n.t("import.change.beside", field=i18n.t(f"import.field.{field_name}"), value=value)


# Outlets a Québec media list holds that work in English, and words of English names.
_ENGLISH_OUTLETS = frozenset(
    {
        "cbc",
        "ctv",
        "global",
        "gazette",
        "cjad",
        "citynews",
        "ckut",
        "chom",
        "cjlo",
        "suburban",
        "tsn",
        "virgin",
        "cult",
        "link",
        "concordian",
        "mcgill",
        "daily",
        "times",
        "record",
        "chronicle",
    }
)
# First words many outlets share in both languages: never a sign of kinship.
_COMMON = frozenset({"the", "radio", "tele", "television", "journal", "info", "news", "web"})
_ENGLISH_WORDS = frozenset({"the", "news", "weekly", "tribune", "post", "star", "today"})


def language_from_name(name: str, known: list[Outlet]) -> Language:
    """An outlet's language when the file says none: English for the names a Québec
    list knows as English (CBC, CTV, Gazette, CJAD…) or written in English ("The
    Suburban", "Montreal" without its accent), or as a known outlet of the same first
    word ("CBC Radio One" beside "CBC Montreal"); French otherwise."""
    words = re.findall(r"[a-z0-9]+", fold(name))
    if not words:
        return Language.FR
    for outlet in known:
        other = re.findall(r"[a-z0-9]+", fold(outlet.name))
        if other and other[0] == words[0] and len(words[0]) > 2 and words[0] not in _COMMON:
            return outlet.language
    if set(words) & (_ENGLISH_OUTLETS | _ENGLISH_WORDS):
        return Language.EN
    if "Montreal" in name or "montreal" in name.split():  # "Montréal" is French
        return Language.EN
    return Language.FR
