"""An event's templates: by language, the draft being written and the last good one.

Each event has talking points, an email subject and body, and a voicemail
script in French and in English. What the caller types is the draft; it becomes
the version calls use only once it renders. A draft with an error never
replaces the last good version: the call card keeps working, with a badge.
"""

from __future__ import annotations

import dataclasses
from functools import cache

from relance_tui.core.models import Event, Language
from relance_tui.core.who import Who
from relance_tui.locations import data_dir

NAMES = ("talking_points", "email_subject", "email_body", "voicemail")
LANGUAGES = ("fr", "en")


@cache
def default_template(lang: str, name: str, flavour: str = "") -> str:
    """The shipped default (`flavour="demo"`: the demo event's own pitch)."""
    folder = data_dir() / "templates" / (f"{flavour}/{lang}" if flavour else lang)
    path = folder / f"{name}.j2"
    if not path.exists():  # the demo only changes what it needs to
        path = data_dir() / "templates" / lang / f"{name}.j2"
    return path.read_text(encoding="utf-8")


def defaults(lang: str, flavour: str = "") -> dict[str, str]:
    return {name: default_template(lang, name, flavour) for name in NAMES}


def event_language(event: Event) -> str:
    return event.language.value if event.language.value in LANGUAGES else "fr"


def draft(event: Event, lang: str, name: str) -> str:
    """The text being written (the shipped default when nothing was written)."""
    return event.templates.get(lang, {}).get(name, default_template(lang, name))


def good(event: Event, lang: str, name: str) -> str:
    """The version calls use: the last one that rendered (the draft if none is known)."""
    return event.good_templates.get(lang, {}).get(name, draft(event, lang, name))


def is_broken(event: Event, lang: str, name: str) -> bool:
    """Whether the draft failed to render, so calls use an older version."""
    return good(event, lang, name) != draft(event, lang, name)


def is_default(event: Event, lang: str) -> bool:
    """Whether the language still holds the shipped default texts only."""
    return all(draft(event, lang, name) == default_template(lang, name) for name in NAMES)


def with_drafts(event: Event, lang: str, drafts: dict[str, str], rendered: set[str]) -> Event:
    """The event with `drafts` written in `lang`; those in `rendered` (they rendered)
    become the good versions too."""
    templates = {code: dict(texts) for code, texts in event.templates.items()}
    good_templates = {code: dict(texts) for code, texts in event.good_templates.items()}
    language_drafts = templates.setdefault(lang, {})
    language_good = good_templates.setdefault(lang, {})
    for name, text in drafts.items():
        if name not in language_good:  # the first save: what was there rendered before
            language_good[name] = good(event, lang, name)
        language_drafts[name] = text
        if name in rendered:
            language_good[name] = text
    return dataclasses.replace(event, templates=templates, good_templates=good_templates)


def with_defaults(event: Event, lang: str, flavour: str = "") -> Event:
    """The event with the shipped defaults written (and good) in `lang`."""
    texts = defaults(lang, flavour)
    return with_drafts(event, lang, texts, set(texts))


def script_language(who: Who, event: Event, override: str | None = None) -> str:
    """The language to speak to this target in: a choice made on the card, else the
    contact's, else the outlet's, else (for both or unknown) the event's."""
    if override in LANGUAGES:
        assert override is not None
        return override
    contact_lang = who.contact.language if who.contact is not None else ""
    if contact_lang in LANGUAGES:
        return contact_lang
    if who.outlet is not None and who.outlet.language in (Language.FR, Language.EN):
        return who.outlet.language.value
    return event_language(event)


def spoken_languages(who: Who) -> str:
    """The badge for the card: "FR", "EN" or "FR·EN"."""
    contact_lang = who.contact.language if who.contact is not None else ""
    lang = contact_lang or (who.outlet.language.value if who.outlet is not None else "fr")
    return {"fr": "FR", "en": "EN"}.get(lang, "FR·EN")
