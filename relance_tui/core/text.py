"""Text as users type it: cleaned of control characters, folded for comparison."""

from __future__ import annotations

import unicodedata


def clean(text: str) -> str:
    """Printable text only: control characters (but newlines and tabs) are dropped."""
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())


def fold(text: str) -> str:
    """Lower case without accents: "Montréal" and "montreal" compare equal."""
    if text.isascii():  # most names: nothing to take off (and 20 times faster)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def markdown_cell(value: str) -> str:
    """Text for one Markdown table cell: no control characters (a terminal escape from
    an imported file stays inert), `\\` and `|` escaped, line breaks as <br>."""
    text = clean(value.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")
