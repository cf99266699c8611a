"""How else to reach a contact: the numbers and emails an address book gives beyond
the number to call and the email to write to (the cell, the home line, the fax, a
second email), and which of them is the number to call.

One rule for every format: a vCard's TEL types, a Google CSV's "Phone 2 - Type", an
Outlook column's name ("Mobile Phone", "Business Fax") all become a kind; the
preferred number first, then work, then cell, then the rest; a fax or a pager is
never the number to call. What is not the number to call nor the email is kept in
`Contact.others`, one entry per number or email, stored as "kind:value":
"cell:514-555-0142", "work:514-555-0100;221" (an extension after ";"),
"fax:+34 93 289 0729", "email:name@example.com".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from relance_tui import i18n
from relance_tui.core.phones import BadPhone, format_phone, parse_phone
from relance_tui.core.text import fold

EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]{2,}$")

# A phone's kinds, in the order a caller tries them (fax and pager: never).
PHONE_KINDS = ("work", "cell", "main", "phone", "home", "other", "fax", "pager")
NEVER_CALLED = frozenset({"fax", "pager"})
EMAIL_KIND = "email"
KINDS = (*PHONE_KINDS, EMAIL_KIND)
_ORDER = {"work": 0, "cell": 1, "main": 2, "phone": 2, "home": 3, "other": 3}

# Words a file uses for a number's type (vCard TYPE, Google's "Phone N - Type",
# Outlook's column names), folded; the first kind whose words match wins.
_TYPE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fax", ("fax", "telecopieur", "telex")),
    ("pager", ("pager", "teleavertisseur", "beeper")),
    ("cell", ("cell", "mobile", "iphone", "car", "cellulaire", "portable")),
    ("main", ("main", "primary", "principal", "standard")),
    ("work", ("work", "business", "bureau", "travail", "office", "company")),
    ("home", ("home", "domicile", "maison", "personal", "personnel")),
    ("other", ("other", "autre", "assistant", "callback", "radio", "isdn", "tty")),
)
_LABEL = re.compile(r"^(" + "|".join(KINDS) + r"): (.*)$", re.DOTALL)


def phone_kind(types: Iterable[str]) -> str:
    """The kind of a number from the words its file types it with ("WORK", "VOICE";
    "Work Fax"; "Mobile Phone"); "phone" when they say nothing usable."""
    words = {w for t in types for w in re.split(r"[^a-z]+", fold(t)) if w}
    for kind, kind_words in _TYPE_WORDS:
        if words & set(kind_words):
            return kind
    return "phone"


def rank(kind: str, preferred: bool = False) -> tuple[int, int, int]:
    """Lower first: never a fax or a pager, then the preferred one, then work, cell,
    a main or untyped line, home and the rest."""
    return int(kind in NEVER_CALLED), int(not preferred), _ORDER.get(kind, 4)


def labelled(kind: str, value: str) -> str:
    """A value with its kind, as a reader hands it to the import ("cell: 514…")."""
    return f"{kind}: {value}" if kind in KINDS and kind != "phone" else value


@dataclass(frozen=True)
class Way:
    """One number or email as a file gave it."""

    kind: str
    value: str

    @classmethod
    def read(cls, text: str, default: str) -> Way:
        """A value a reader labelled ("fax: 514…"), or a bare one of `default` kind."""
        found = _LABEL.match(text)
        return cls(found[1], found[2].strip()) if found else cls(default, text.strip())


def entry(kind: str, value: str, extension: str = "") -> str:
    """One stored entry: "cell:514-555-0142", "work:514-555-0100;221"."""
    return f"{kind}:{value}" + (f";{extension}" if extension else "")


def split_entry(stored: str) -> tuple[str, str, str]:
    """(kind, value, extension) of a stored entry; an unknown kind reads as "other"."""
    kind, _, rest = stored.partition(":")
    if kind not in KINDS:
        return "other", stored, ""
    if kind == EMAIL_KIND:
        return kind, rest, ""
    value, _, extension = rest.partition(";")
    return kind, value, extension if extension.isdigit() else ""


def describe(stored: str, lang: str | None = None) -> str:
    """An entry as a caller reads it: "cellulaire 514 555-0142", "fax +34 93 289 0729"."""
    kind, value, extension = split_entry(stored)
    label = i18n.t(f"reach.{kind}", lang)
    if kind == EMAIL_KIND:
        return f"{label} {value}"
    return f"{label} {format_phone(value, extension, lang or i18n.current_language())}"


def describe_all(others: Iterable[str], lang: str | None = None, sep: str = " ; ") -> str:
    # A teammate's file or a hand edit may hold anything: only text is shown.
    return sep.join(describe(stored, lang) for stored in others if isinstance(stored, str))


class BadReach(ValueError):
    """An entry of the "others" field that is neither a number nor an email."""


def _labels() -> dict[str, str]:
    """Every kind's label in both languages, and its code, folded -> kind."""
    labels = {kind: kind for kind in KINDS}
    for kind in KINDS:
        for lang in i18n.LANGUAGES:
            labels[fold(i18n.t(f"reach.{kind}", lang))] = kind
    return labels


def parse_others(text: str) -> list[str]:
    """The "others" field as typed (entries between ";" or on their own lines, each an
    optional label then a number or an email) as stored entries. BadReach names the
    first entry that is not one."""
    labels = _labels()
    stored: list[str] = []
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        first, _, rest = part.partition(" ")
        kind = labels.get(fold(first).rstrip(":."))
        value = rest.strip() if kind and rest.strip() else part
        if kind is None or value is part:
            kind = EMAIL_KIND if "@" in part else "phone"
        if kind == EMAIL_KIND or "@" in value:
            if not EMAIL.match(value):
                raise BadReach(part)
            stored.append(entry(EMAIL_KIND, value))
            continue
        try:
            phone, extension = parse_phone(value)
        except BadPhone:
            raise BadReach(part) from None
        stored.append(entry(kind, phone, extension))
    return stored
