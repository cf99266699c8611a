"""Line wrapping that honours no-break spaces.

French text keeps "?" with its word and "10 h 30" whole through U+00A0
(core.script.typography). Rich and Textual wrap at any whitespace, U+00A0
included, so "là ?" could still end a line with "là" and start the next with
"?". The word patterns of both are replaced with ones that treat no-break
spaces as part of a word. Their names are checked at start; a Textual upgrade
that renames them fails the test of this module rather than silently wrapping.
"""

from __future__ import annotations

import re

import rich._wrap
import textual._wrap

_SPACE = r"[^\S\u00a0\u202f]"  # whitespace a line may break at
_WORD = r"[\S\u00a0\u202f]"  # a word's characters, no-break spaces included


def keep_no_break_spaces() -> None:
    """Make Rich and Textual wrap only at breakable spaces (idempotent)."""
    rich._wrap.re_word = re.compile(f"{_SPACE}*{_WORD}+{_SPACE}*")
    textual._wrap.re_chunk = re.compile(f"{_WORD}+{_SPACE}*|{_SPACE}+")
