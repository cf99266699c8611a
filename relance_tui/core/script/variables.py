"""The variables a template may use, under their English and French names.

Both names work in both languages (`contact.prenom` is `contact.first_name`);
accented spellings work too (`événement.lieu`). The catalogue is the one list
the context, the F1 picker and the "did you mean" suggestions are built from.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from relance_tui.core.text import fold


@dataclass(frozen=True)
class Variable:
    """One field of one template object: `{{ group.name }}`."""

    group: str  # the English name of the object: contact, outlet, show, event, caller
    name: str  # its English name
    french: str  # its French name (no accents; the accented spelling works too)

    def path(self, lang: str) -> str:
        if lang == "fr":
            return f"{GROUPS[self.group]}.{self.french}"
        return f"{self.group}.{self.name}"


# English object name -> French object name
GROUPS = {
    "contact": "contact",
    "outlet": "media",
    "show": "emission",
    "event": "evenement",
    "caller": "appelant",
    "call": "appel",
}

CATALOGUE = (
    Variable("contact", "first_name", "prenom"),
    Variable("contact", "name", "nom"),
    Variable("contact", "role", "fonction"),
    Variable("contact", "phone", "telephone"),
    Variable("contact", "email", "courriel"),
    Variable("contact", "pronunciation", "prononciation"),
    Variable("outlet", "name", "nom"),
    Variable("outlet", "kind", "type"),
    Variable("outlet", "email", "courriel"),
    Variable("outlet", "someone", "quelquun"),
    Variable("show", "name", "nom"),
    Variable("show", "air_time", "en_ondes"),
    Variable("event", "title", "titre"),
    Variable("event", "title_quoted", "titre_cite"),
    Variable("event", "is_press_conference", "conference"),
    Variable("event", "when", "quand"),
    Variable("event", "date", "date"),
    Variable("event", "time", "heure"),
    Variable("event", "venue", "lieu"),
    Variable("event", "address", "adresse"),
    Variable("event", "spokespeople", "porte_parole"),
    Variable("event", "visuals", "visuels"),
    Variable("event", "press_release", "communique"),
    Variable("event", "start", "debut"),
    Variable("caller", "name", "nom"),
    Variable("caller", "organisation", "organisme"),
    Variable("caller", "phone", "telephone"),
    Variable("caller", "phone_spelled", "telephone_epele"),
    Variable("call", "situation", "situation"),
    Variable("call", "opening", "ouverture"),
    Variable("call", "subject_prefix", "prefixe_objet"),
)

# Accented spellings a French writer may type, mapped to the plain names above.
_ACCENTED = {
    "emission": "émission",
    "evenement": "événement",
    "media": "média",
    "prenom": "prénom",
    "telephone": "téléphone",
    "communique": "communiqué",
    "debut": "début",
    "telephone_epele": "téléphone_épelé",
}

# What the caller must fill in (Settings), by variable: an empty one is worth a warning.
CALLER_FIELDS = {"name": "caller_name", "organisation": "organisation", "phone": "caller_phone"}


def _spellings(name: str) -> list[str]:
    accented = _ACCENTED.get(name)
    return [name, accented] if accented else [name]


def with_aliases(context: dict[str, Any]) -> dict[str, Any]:
    """The context with every object and field reachable by its French names too."""
    result: dict[str, Any] = {}
    for group, value in context.items():
        if isinstance(value, dict):
            value = dict(value)
            for variable in CATALOGUE:
                if variable.group == group and variable.name in value:
                    for spelling in _spellings(variable.french):
                        value.setdefault(spelling, value[variable.name])
        result[group] = value
        for spelling in _spellings(GROUPS.get(group, group)):
            result.setdefault(spelling, value)
    return result


def names_of(group_written: str) -> list[str]:
    """Every field name an object accepts, given the object's name as written."""
    english = canonical_group(group_written)
    if english is None:
        return []
    names: list[str] = []
    for variable in CATALOGUE:
        if variable.group == english:
            names += [variable.name, *_spellings(variable.french)]
    return names


def canonical_group(written: str) -> str | None:
    """The English object name for a name as written (`événement` -> `event`)."""
    plain = fold(written)
    for english, french in GROUPS.items():
        if plain in (english, french):
            return english
    return None


def all_group_names() -> list[str]:
    names: list[str] = []
    for english, french in GROUPS.items():
        names += [english, *_spellings(french)]
    return names


def suggest(written: str, choices: list[str]) -> str | None:
    """The known name closest to a mistyped one, if any is close."""
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(fold(choice), choice)
    match = difflib.get_close_matches(fold(written), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def resolve(path: str) -> Variable | None:
    """The variable a dotted path names, in whichever language it is written."""
    group_written, _, field_written = path.partition(".")
    group = canonical_group(group_written)
    if group is None:
        return None
    plain = fold(field_written)
    for variable in CATALOGUE:
        if variable.group == group and plain in (variable.name, variable.french):
            return variable
    return None
