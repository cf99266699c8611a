"""French typography for rendered text: what must not be broken stays together.

A no-break space (U+00A0) goes before « : ; ! ? » where the writer put a space,
inside guillemets, and inside times ("10 h 30"), so a line never starts with
"?" or "30". English text is left as written. Terminals draw U+00A0 everywhere;
the narrower U+202F is missing from many terminal fonts.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

_BEFORE_PUNCTUATION = re.compile(r"[ \t]+(?=[:;!?»])")
_AFTER_GUILLEMET = re.compile(r"«[ \t]+")
_TIME = re.compile(r"\b(\d{1,2})[ \t]h(?:[ \t](\d{2}))?\b")


def _time(match: re.Match[str]) -> str:
    hour, minutes = match.group(1), match.group(2)
    return f"{hour}{NBSP}h{NBSP}{minutes}" if minutes else f"{hour}{NBSP}h"


def french(text: str) -> str:
    """`text` with the no-break spaces French typography asks for."""
    text = _BEFORE_PUNCTUATION.sub(NBSP, text)
    text = _AFTER_GUILLEMET.sub("«" + NBSP, text)
    text = _TIME.sub(_time, text)
    return text


_SPACE_BEFORE_COMMA = re.compile(r"(?<=\S)[ \t]+(?=[,.])")
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def tidy(text: str) -> str:
    """What an empty variable leaves behind, removed: "Bonjour , ici" -> "Bonjour, ici"."""
    return _DOUBLE_SPACE.sub(" ", _SPACE_BEFORE_COMMA.sub("", text))


def finish(text: str, lang: str) -> str:
    """Rendered text made ready to read in its language."""
    text = tidy(text)
    return french(text) if lang == "fr" else text


def plain_spaces(text: str) -> str:
    """No-break spaces back to plain ones (for word counts and searches)."""
    return text.replace(NBSP, " ")
