"""User-facing messages in French (Québec, the default) and English.

The messages live in gettext catalogues, `locale/<lang>/LC_MESSAGES/relance.po`,
that a translator opens in Poedit or Weblate: `msgctxt` is the message's id in
the code (`calls.recorded`), `msgid` the English source, `msgstr` the text
shown. Counts have plural forms (`msgid_plural`, `msgstr[n]`) chosen by the
catalogue's own Plural-Forms rule, as `npgettext` would.

The app reads the compiled `.mo` beside each `.po` through the standard library's
`gettext.translation`, and asks it `pgettext(id, msgid)` / `npgettext(...)` with the
English msgid the ids file gives (`catalogue_build`: the wheel's build and `make`
compile both; a checkout that has not is compiled in memory, never written).
`tests/core/test_i18n.py` fails when a message used in the code is missing from
a catalogue, when the languages disagree on placeholders, or when a plural form
is missing.
"""

from __future__ import annotations

import gettext
import io
import json
import os
from pathlib import Path
from typing import Any

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
DOMAIN = "relance"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
IDS_PATH = LOCALE_DIR / "relance.ids.json"  # message id -> English msgid (`catalogue_build`)
SOURCE = "en"  # the language of the msgids

_current = DEFAULT_LANGUAGE


def detect_language(explicit: str | None = None, stored: str | None = None) -> str:
    """`--lang`, then `RELANCE_LANG`, then the language saved in the settings, then
    `LANG`; French when none says otherwise."""
    for candidate in (explicit, os.environ.get("RELANCE_LANG"), stored, os.environ.get("LANG")):
        if not candidate:
            continue
        code = candidate.strip().lower()[:2]
        if code in LANGUAGES:
            return code
        if candidate is explicit:
            raise ValueError(candidate)
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def current_language() -> str:
    return _current


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _built(lang: str) -> bool:
    """Whether the compiled catalogue and the ids file are there and not older than
    the `.po` files (a checkout after an edit: `make` compiles them again)."""
    try:
        compiled = min(po_path(lang).with_suffix(".mo").stat().st_mtime, IDS_PATH.stat().st_mtime)
        return compiled >= max(po_path(lang).stat().st_mtime, po_path(SOURCE).stat().st_mtime)
    except FileNotFoundError:
        return False


_translations: dict[str, gettext.NullTranslations] = {}
_ids: dict[str, list[str]] = {}


def translation(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`, read once through the standard library's gettext. A
    checkout whose catalogues are not compiled (or older than their `.po`) compiles
    them in memory, with Babel: nothing is written into the package."""
    found = _translations.get(lang)
    if found is None:
        if _built(lang):
            found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
            ids = json.loads(IDS_PATH.read_text(encoding="utf-8"))
        else:
            from relance_tui.catalogue_build import compile_po, message_ids

            found = gettext.GNUTranslations(io.BytesIO(compile_po(po_path(lang))))
            ids = message_ids(po_path(SOURCE))
        _ids.update(ids)
        _translations[lang] = found
    return found


def text(key: str, lang: str | None = None, count: int | None = None) -> str:
    """The message `key` in `lang` as the catalogue has it (not filled in): its form
    for `count` when it is counted (`npgettext`'s rule for the language); the id
    itself when no catalogue has it."""
    found = translation(lang or _current)
    ids = _ids.get(key)
    if ids is None:
        return key
    if len(ids) > 1:
        return found.npgettext(key, ids[0], ids[1], 0 if count is None else count)
    return found.pgettext(key, ids[0])


def has(key: str, lang: str | None = None) -> bool:
    """Whether the catalogues have a message `key`."""
    translation(lang or _current)
    return key in _ids


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The message `key` in `lang` (default: the current language), filled with `params`.

    A counted message takes its form from `count` (npgettext's rule for the
    language): `t("count.events", count=1)` is "1 événement".
    """
    found = text(key, lang, int(params.get("count", 0)) if "count" in params else None)
    return found.format(**params) if params else found


def decimal(value: float, places: int = 1, lang: str | None = None, sign: bool = False) -> str:
    """A number with its decimals as the language writes them: "26,0" / "26.0"."""
    text = f"{value:+.{places}f}" if sign else f"{value:.{places}f}"
    return text.replace(".", ",") if (lang or current_language()) == "fr" else text
