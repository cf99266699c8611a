"""Text as users type it: cleaned of control characters, folded for comparison."""

from __future__ import annotations

import functools
import unicodedata


def clean(text: str) -> str:
    """Printable text only: control characters (but newlines and tabs) are dropped."""
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())


@functools.lru_cache(maxsize=1)
def _combining() -> dict[int, None]:
    """Every combining mark (they all lie in the first two planes), to delete at once."""
    return {cp: None for cp in range(0x20000) if unicodedata.combining(chr(cp))}


@functools.lru_cache(maxsize=8192)  # an import folds the same outlet names again and again
def fold(text: str) -> str:
    """Lower case without accents: "Montréal" and "montreal" compare equal."""
    if text.isascii():  # most names: nothing to take off (and 20 times faster)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    return decomposed.translate(_combining())


def markdown_cell(value: str) -> str:
    """Text for one Markdown table cell: no control characters (a terminal escape from
    an imported file stays inert), `\\` and `|` escaped, line breaks as <br>."""
    text = clean(value.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")
