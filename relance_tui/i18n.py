"""User-facing messages in French (Québec, the default) and English.

The messages live in gettext catalogues, `locale/<lang>/LC_MESSAGES/relance.po`,
that a translator opens in Poedit or Weblate: `msgctxt` is the message's id in
the code (`calls.recorded`), `msgid` the English source, `msgstr` the text
shown. Counts have plural forms (`msgid_plural`, `msgstr[n]`) chosen by the
catalogue's own Plural-Forms rule, as `npgettext` would.

The app reads the compiled `.mo` beside each `.po` (the wheel's build compiles
them; a checkout compiles them at the first start, with Babel, and keeps them).
`tests/core/test_i18n.py` fails when a message used in the code is missing from
a catalogue, when the languages disagree on placeholders, or when a plural form
is missing.
"""

from __future__ import annotations

import gettext
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
DOMAIN = "relance"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

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


@dataclass(frozen=True)
class Catalogue:
    """One language's messages, by id: a text, or the plural forms of a counted text."""

    texts: dict[str, str]
    plurals: dict[str, tuple[str, ...]]
    plural_index: Callable[[int], int]


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogue(lang: str) -> bytes:
    """The `.mo` of a language, compiled from its `.po` (Babel; build and first start)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as handle:
        catalogue = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def _mo_bytes(lang: str) -> bytes:
    po = po_path(lang)
    mo = po.with_suffix(".mo")
    try:
        if mo.stat().st_mtime >= po.stat().st_mtime:
            return mo.read_bytes()
    except FileNotFoundError:
        pass
    data = compile_catalogue(lang)
    try:  # kept for the next start; an installed, read-only package just compiles again
        tmp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, mo)
    except OSError:
        pass
    return data


def parse_mo(data: bytes) -> Catalogue:
    """Read a GNU `.mo` file: entries keyed `<context>\\x04<msgid>` become messages by id."""
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    plural_index: Callable[[int], int] = lambda n: int(n != 1)  # noqa: E731
    for number in range(count):
        o_len, o_at = struct.unpack(order + "2I", data[originals + 8 * number :][:8])
        t_len, t_at = struct.unpack(order + "2I", data[translations + 8 * number :][:8])
        original = data[o_at : o_at + o_len].decode("utf-8")
        text = data[t_at : t_at + t_len].decode("utf-8")
        if not original:
            for line in text.splitlines():
                name, _, value = line.partition(":")
                if name.strip().lower() == "plural-forms":
                    rule = value.split("plural=", 1)[1].strip().rstrip(";")
                    plural_index = gettext.c2py(rule)
            continue
        key, _, msgid = original.partition("\x04")
        if "\x00" in msgid:
            plurals[key] = tuple(text.split("\x00"))
        else:
            texts[key] = text
    return Catalogue(texts, plurals, plural_index)


_catalogues: dict[str, Catalogue] = {}


def catalogue(lang: str) -> Catalogue:
    """The messages of `lang`, read once."""
    found = _catalogues.get(lang)
    if found is None:
        found = _catalogues[lang] = parse_mo(_mo_bytes(lang))
    return found


def has(key: str, lang: str | None = None) -> bool:
    """Whether the catalogue of `lang` has a message `key`."""
    messages = catalogue(lang or _current)
    return key in messages.texts or key in messages.plurals


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The message `key` in `lang` (default: the current language), filled with `params`.

    A counted message takes its form from `count` (npgettext's rule for the
    language): `t("count.events", count=1)` is "1 événement".
    """
    messages = catalogue(lang or _current)
    forms = messages.plurals.get(key)
    if forms is not None:
        count = int(params.get("count", 0))
        index = messages.plural_index(count)
        text = forms[min(index, len(forms) - 1)]
    else:
        text = messages.texts.get(key, key)
    return text.format(**params) if params else text


def decimal(value: float, places: int = 1, lang: str | None = None, sign: bool = False) -> str:
    """A number with its decimals as the language writes them: "26,0" / "26.0"."""
    text = f"{value:+.{places}f}" if sign else f"{value:.{places}f}"
    return text.replace(".", ",") if (lang or current_language()) == "fr" else text
