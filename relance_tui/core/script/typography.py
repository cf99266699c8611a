"""French typography for rendered text: what must not be broken stays together.

A no-break space (U+00A0) goes before « : ; ! ? » where the writer put a space,
inside guillemets, and inside times ("10 h 30"), so a line never starts with
"?" or "30". English text is left as written, but for guillemets (a French title).
Terminals draw U+00A0 everywhere; the narrower U+202F is missing from many terminal
fonts.
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


_INSIDE_GUILLEMETS = re.compile(r"«[ \t]+|[ \t]+»")


def finish(text: str, lang: str) -> str:
    """Rendered text made ready to read in its language. A French title quoted in an
    English text keeps its guillemets with its words ("«" is never left alone at the
    end of a line)."""
    text = tidy(text)
    if lang == "fr":
        return french(text)
    return _INSIDE_GUILLEMETS.sub(lambda m: m.group().replace(" ", NBSP).replace("\t", NBSP), text)


def plain_spaces(text: str) -> str:
    """No-break spaces back to plain ones (for word counts and searches)."""
    return text.replace(NBSP, " ")
