"""What the columns and cells of an imported file mean: the fields relance knows,
their names in French and English (and in Google, Outlook and vCard exports), and
the words a cell may hold for a role, a kind, a language, a warmth."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from relance_tui import i18n
from relance_tui.core.media.reach import phone_kind
from relance_tui.core.media.readers import BadImportFile
from relance_tui.core.models import Language, OutletKind, Role
from relance_tui.core.text import fold

FIELDS = (
    "outlet",
    "name",
    "first_name",
    "last_name",
    "role",
    "phone",
    "extension",
    "email",
    "others",
    "show",
    "notes",
    "kind",
    "language",
    "region",
    "tags",
    "warmth",
    "do_not_call",
    "to_fix",
    "pronunciation",
    "group",
)

# Header synonyms, folded (lower case, no accents). Earlier entries win when a
# file has several columns for one field (Outlook's "Job Title" over "Title").
SYNONYMS: dict[str, tuple[str, ...]] = {
    "outlet": (
        "media",
        "organisme",
        "outlet",
        "organization name",
        "organization 1 - name",
        "organisation",
        "organization",
        "company",
        "entreprise",
        "societe",
        "station",
    ),
    "name": ("nom complet", "full name", "name", "nom", "display name", "contact"),
    "first_name": ("prenom", "first name", "given name"),
    "last_name": ("nom de famille", "last name", "family name", "surname"),
    "role": (
        "role",
        "job title",
        "organization title",
        "organization 1 - title",
        "fonction",
        "titre",
        "title",
    ),
    "phone": (
        "telephone",
        "tel",
        "phone",
        "business phone",
        "phone 1 - value",
        "numero",
        "work phone",
        "telephone travail",
        "mobile phone",
        "cellulaire",
        "home phone",
    ),
    "extension": ("poste", "ext", "extension"),
    "email": (
        "courriel",
        "e-mail address",
        "e-mail 1 - value",
        "email",
        "e-mail",
        "adresse courriel",
        "mail",
    ),
    "others": ("autres numeros et courriels", "other numbers and emails", "autres coordonnees"),
    "show": ("emission", "show", "programme", "program"),
    "notes": ("notes", "note", "commentaires", "comments", "remarques"),
    "kind": ("type", "kind", "type de media"),
    "language": ("langue", "language"),
    "region": ("region", "ville", "city", "business city", "home city"),
    "tags": ("etiquettes", "tags", "labels", "categories"),
    "warmth": ("sympathie", "sympathique", "sympa", "warmth", "friendly"),
    "do_not_call": ("ne plus appeler", "do not call"),
    "to_fix": ("a corriger", "to fix", "to correct"),
    "pronunciation": ("prononciation", "pronunciation", "prononcer", "how to say"),
    "group": ("groupe", "group", "autres noms", "aliases", "reseau", "network"),
}

ROLE_WORDS: tuple[tuple[str, Role], ...] = (
    ("affectat", Role.ASSIGNMENT),
    ("assignment", Role.ASSIGNMENT),
    ("pupitre", Role.DESK),
    ("desk", Role.DESK),
    ("editor", Role.DESK),
    ("recherch", Role.RESEARCHER),
    ("research", Role.RESEARCHER),
    ("realisat", Role.PRODUCER),
    ("producer", Role.PRODUCER),
    ("salle de nouvelles", Role.NEWSROOM),
    ("newsroom", Role.NEWSROOM),
    ("journalist", Role.JOURNALIST),
    ("reporter", Role.JOURNALIST),
    ("chroniqu", Role.JOURNALIST),
)
KIND_WORDS = {
    "tele": OutletKind.TV,
    "television": OutletKind.TV,
    "journal": OutletKind.PRINT,
    "communautaire": OutletKind.COMMUNITY,
    "universitaire": OutletKind.CAMPUS,
}


@functools.cache
def _kind_names() -> dict[str, OutletKind]:
    """Each kind's code and words in both languages (what an export writes), folded."""
    names = dict(KIND_WORDS)
    for kind in OutletKind:
        names[kind.value] = kind
        for lang in i18n.LANGUAGES:
            names[fold(i18n.t(f"kind.{kind.value}", lang))] = kind
    return names


def kind_from_text(text: str) -> OutletKind:
    return _kind_names().get(fold(text), OutletKind.RADIO)


YES = {"1", "oui", "yes", "true", "vrai", "x"}


def header_key(header: str) -> str:
    return re.sub(r"\s+", " ", fold(header).strip().strip(":.").strip())


@functools.cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    """The synonym table, and the headers relance's own export writes (in both
    languages), so an export always imports back."""
    table = dict(SYNONYMS)
    for field_name in FIELDS:
        key = f"export.col.{field_name}"
        if i18n.has(key):
            headers = (header_key(i18n.t(key, lang)) for lang in i18n.LANGUAGES)
            table[field_name] = (*table.get(field_name, ()), *headers)
    return table


def map_columns(
    columns: list[str], overrides: dict[str, str], base: dict[str, str] | None = None
) -> dict[str, str]:
    """column name -> field, from the synonym table (or a format's own `base`
    mapping, such as vCard's) and the user's overrides."""
    mapping: dict[str, str] = {}
    folded = {header_key(c): c for c in reversed(columns)}
    if base is not None:
        mapping = {column: f for column, f in base.items() if column in columns}
    for field_name, synonyms in _synonyms().items() if base is None else ():
        for synonym in synonyms:
            column = folded.get(synonym)
            if column is not None and column not in mapping:
                mapping[column] = field_name
                break
    for column, field_name in overrides.items():
        matches = [c for c in columns if header_key(c) == header_key(column)]
        if not matches:
            raise BadImportFile("import.map_unknown_column", column=column)
        if field_name not in FIELDS and field_name != "ignore":
            raise BadImportFile("import.map_unknown_field", field=field_name)
        for existing in [c for c, f in mapping.items() if f == field_name]:
            del mapping[existing]
        mapping[matches[0]] = field_name
    return {c: f for c, f in mapping.items() if f != "ignore"}


_GOOGLE_VALUE = re.compile(r"^(phone|e-mail) (\d+) - value$")
_PHONE_WORDS = re.compile(
    r"\b(phone|telephone|tel|fax|pager|mobile|cellulaire|cell|telecopieur|callback|isdn)\b"
)
_EMAIL_WORDS = re.compile(r"\b(e-mail|email|courriel|mail)\b")


@dataclass(frozen=True)
class ReachColumn:
    """A column holding a number or an email: "Mobile Phone", "E-mail 2 Address",
    Google's "Phone 3 - Value" (its kind in the "Phone 3 - Type" column beside)."""

    index: int
    field: str  # "phone" or "email"
    kind: str  # `reach.phone_kind` of its header
    type_index: int | None = None  # Google's type column: the kind is in the row
    chosen: bool = False  # the user mapped it (--map): its number comes first


def reach_columns(
    columns: list[str], mapping: dict[str, str], overrides: dict[str, str]
) -> list[ReachColumn]:
    """Every column that holds a number or an email, mapped or not, but those the user
    mapped to something else: the number to call is chosen among them row by row."""
    keys = [header_key(c) for c in columns]
    position = {key: i for i, key in reversed(list(enumerate(keys)))}
    elsewhere = {header_key(c) for c, f in overrides.items() if f not in ("phone", "email")}
    chosen = {header_key(c) for c, f in overrides.items() if f in ("phone", "email")}
    found: list[ReachColumn] = []
    for index, (column, key) in enumerate(zip(columns, keys, strict=True)):
        field_name = mapping.get(column)
        if key in elsewhere or field_name not in (None, "phone", "email"):
            continue
        if google := _GOOGLE_VALUE.match(key):
            field_name = "phone" if google[1] == "phone" else "email"
            type_index = position.get(f"{google[1]} {google[2]} - type")
            if type_index is None:  # today's Google export: "Phone 1 - Label"
                type_index = position.get(f"{google[1]} {google[2]} - label")
            found.append(ReachColumn(index, field_name, "phone", type_index))
            continue
        if field_name is None and not {"type", "label", "display"} & set(key.split()):
            if _EMAIL_WORDS.search(key):
                field_name = "email"
            elif _PHONE_WORDS.search(key):
                field_name = "phone"
        if field_name is not None:
            found.append(ReachColumn(index, field_name, phone_kind([key]), None, key in chosen))
    return found


VCARD_MAPPING = {
    "FN": "name",
    "N": "name_from_n",
    "ORG": "outlet",
    "TITLE": "role",
    "ROLE": "role_extra",
    "TEL": "phone",
    "EMAIL": "email",
    "NOTE": "notes",
    "CATEGORIES": "tags",
    "ADR": "region",
}


def detect_format(columns: list[str]) -> str:
    folded = {header_key(c) for c in columns}
    if {"company", "job title", "business phone"} & folded and "first name" in folded:
        return "outlook"
    if any(c.startswith(("phone 1 - ", "e-mail 1 - ", "organization 1 - ")) for c in folded):
        return "google"
    if "organization name" in folded and "first name" in folded:
        return "google"
    return "csv"


@functools.cache
def _role_names() -> dict[str, Role]:
    """Each role's code and words in both languages, folded (worked out once)."""
    names: dict[str, Role] = {}
    for role in Role:
        names[role.value] = role
        for lang in i18n.LANGUAGES:
            names[fold(i18n.t(f"role.{role.value}", lang))] = role
    return names


def role_from_text(text: str) -> Role | None:
    folded = fold(text)
    exact = _role_names().get(folded)
    if exact is not None:
        return exact
    for word, role in ROLE_WORDS:
        if word in folded:
            return role
    return None


WARMTH_WORDS = {
    "froid": 0,
    "cold": 0,
    "neutre": 1,
    "neutral": 1,
    "sympathique": 2,
    "sympa": 2,
    "friendly": 2,
    "tres sympathique": 3,
    "very friendly": 3,
}


def warmth_from_text(text: str) -> int:
    """0–3 from a number, stars, a word ("sympathique") or a yes/no column
    ("Sympathique = oui" is friendly, "non" neutral: not knowing is not cold)."""
    folded = fold(text).strip()
    if folded in {"0", "1", "2", "3"}:
        return int(folded)
    if folded and set(folded) == {"★"}:
        return min(len(folded), 3)
    if folded in WARMTH_WORDS:
        return WARMTH_WORDS[folded]
    return 2 if folded in YES else 1


def tags_from_text(text: str) -> list[str]:
    """Tags as written; Google's "Médias ::: * myContacts" is two labels, and its own
    system labels (starting with "*") are not the user's."""
    parts = (t.strip() for t in re.split(r"[,;]|:::", text))
    return [t for t in parts if t and not t.startswith("*")]


def language_from_text(text: str) -> Language:
    folded = fold(text)
    if folded in ("en", "anglais", "english"):
        return Language.EN
    if folded in ("both", "les deux", "bilingue", "bilingual"):
        return Language.BOTH
    return Language.FR


# A frequency or a band in an outlet's name: "102,3", "101.5 FM", "1690 AM".
FREQUENCY = re.compile(r"\b\d{2,4}(?:[,.]\d{1,2})?\b|\b(?:fm|am|mhz|khz)\b")


def loose_name(name: str) -> str:
    """An outlet's name with accents, case, punctuation and frequency set aside:
    "Radio Centre-Ville 102,3" and "radio centre ville" are nearly the same name.
    Empty when nothing is left ("98,5 FM"): such a name is never matched loosely."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", FREQUENCY.sub(" ", fold(name))).split())
