"""Line wrapping that honours no-break spaces.

French text keeps "?" with its word and "10 h 30" whole through U+00A0
(core.script.typography). Rich and Textual wrap at any whitespace, U+00A0
included (Textualize/rich#3545, open; the fix proposed in Textualize/rich#3990
was closed unmerged), so "là ?" could still end a line with "là" and start the
next with "?". The word patterns of both are replaced with ones that treat
no-break spaces as part of a word.

These are private names of Rich and Textual: Rich is pinned to a tested range and
Textual exactly (pyproject.toml), and `keep_no_break_spaces` checks at start that
each name is still a compiled pattern that splits text the way it replaces. An
upgrade that renames or changes one stops the app with a message naming it,
rather than wrapping French wrongly without a word (tests/ui/test_wrapping.py).
"""

from __future__ import annotations

import re
from types import ModuleType

import rich._wrap
import textual._wrap

_SPACE = r"[^\S\u00a0\u202f]"  # whitespace a line may break at
_WORD = r"[\S\u00a0\u202f]"  # a word's characters, no-break spaces included
RICH_WORD = re.compile(f"{_SPACE}*{_WORD}+{_SPACE}*")
TEXTUAL_CHUNK = re.compile(f"{_WORD}+{_SPACE}*|{_SPACE}+")
# What each pattern replaced gives for this text: the meaning the replacement keeps.
_SAMPLE = "a  bc d"
PATCHED = (
    (rich._wrap, "re_word", RICH_WORD, ["a  ", "bc ", "d"]),
    (textual._wrap, "re_chunk", TEXTUAL_CHUNK, ["a  ", "bc ", "d"]),
)


class WrappingChanged(RuntimeError):
    """Rich or Textual no longer wraps through the pattern relance replaces."""


def _check(module: ModuleType, name: str, ours: re.Pattern[str], words: list[str]) -> None:
    found = getattr(module, name, None)
    if (
        not isinstance(found, re.Pattern)
        or found is not ours
        and ([m.group() for m in found.finditer(_SAMPLE)] != words)
    ):
        raise WrappingChanged(
            f"{module.__name__}.{name} is not the word pattern relance replaces: "
            "check the pinned versions of rich and textual (relance_tui/ui/wrapping.py)"
        )


def keep_no_break_spaces() -> None:
    """Make Rich and Textual wrap only at breakable spaces (idempotent); raise
    WrappingChanged if a name it replaces is gone or means something else."""
    for module, name, ours, words in PATCHED:
        _check(module, name, ours, words)
    for module, name, ours, _words in PATCHED:
        setattr(module, name, ours)
