"""Text as users type it: cleaned of control characters, folded for comparison."""

from __future__ import annotations

import functools
import unicodedata


def clean(text: str) -> str:
    """Printable text only: control characters (but newlines and tabs) are dropped."""
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())


def without_controls(text: str, keep: str = "\n\t") -> str:
    """`text` without control characters (ESC, BEL, CR, the C1 range...) but those in
    `keep`: safe to reach a terminal, every other character kept (a no-break space
    too, which `clean` drops)."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in keep or unicodedata.category(ch) != "Cc")


def escaped_controls(text: str) -> str:
    """`text` for a terminal: each control character but newlines and tabs written out
    (`\\x1b`), so that it shows and does nothing."""
    if text.isprintable():
        return text
    return "".join(
        f"\\x{ord(ch):02x}" if ch not in "\n\t" and unicodedata.category(ch) == "Cc" else ch
        for ch in text
    )


class _Marks(dict[int, str | None]):
    """For `str.translate`: a combining mark goes (None), any other character stays.
    Each character is looked up once, when first met: a table of every mark built
    ahead took 40 ms of every start and every import."""

    def __missing__(self, code: int) -> str | None:
        kept = None if unicodedata.combining(chr(code)) else chr(code)
        self[code] = kept
        return kept


_MARKS = _Marks()


def fold_once(text: str) -> str:
    """Lower case without accents: "Montréal" and "montreal" compare equal. Not kept:
    for a text folded once (a row's whole text to search), which `fold`'s cache
    would keep with its result (20,000 of them: 2 MB of the media list)."""
    if text.isascii():  # most names: nothing to take off (and 20 times faster)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    return decomposed.translate(_MARKS)


# An import folds the same outlet names again and again; names sort by their fold.
fold = functools.lru_cache(maxsize=8192)(fold_once)
fold.__doc__ = """`fold_once`, kept for the texts folded again and again (names, queries)."""


def markdown_cell(value: str) -> str:
    """Text for one Markdown table cell: no control characters (a terminal escape from
    an imported file stays inert), `\\` and `|` escaped, line breaks as <br>."""
    text = clean(value.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")
