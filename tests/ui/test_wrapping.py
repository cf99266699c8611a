"""French text never wraps at a no-break space: "?" stays with its word, "10 h 30" whole."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea

from relance_tui.ui.wrapping import keep_no_break_spaces

NBSP = "\u00a0"
TEXT = f"Est-ce que CIBL pourrait être là{NBSP}? C'est à 10{NBSP}h{NBSP}30 demain"


class Narrow(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(TEXT, id="static")
        yield TextArea(TEXT, id="area", soft_wrap=True)


@pytest.mark.parametrize("width", range(12, 40))
async def test_no_line_starts_with_a_sign_or_splits_a_time(width: int) -> None:
    keep_no_break_spaces()
    app = Narrow()
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.pause()
        static = app.query_one("#static", Static)
        lines = [strip.text.rstrip() for strip in static.render_lines(static.region.reset_offset)]
        area = app.query_one("#area", TextArea)
        sections = [part for line in area.wrapped_document.lines for part in line]
        assert len(sections) > 1  # the editor did wrap
        for line in [line for line in lines if line] + sections:
            assert not line.lstrip().startswith("?"), lines
            assert not line.lstrip().startswith("30"), lines
            assert not line.rstrip().endswith(" 10"), lines


def test_the_patterns_replaced_are_the_ones_rich_and_textual_wrap_with() -> None:
    """The private names relance replaces still hold word patterns that split text as
    the replacements do (but at a no-break space), and the wrap functions use them."""
    import re

    import rich._wrap
    import textual._wrap

    from relance_tui.ui import wrapping

    keep_no_break_spaces()
    assert rich._wrap.re_word is wrapping.RICH_WORD
    assert textual._wrap.re_chunk is wrapping.TEXTUAL_CHUNK
    assert [m.group() for m in wrapping.RICH_WORD.finditer(f"a{NBSP}b c")] == [f"a{NBSP}b ", "c"]
    # Rich's own function wraps through the replaced name.
    assert rich._wrap.divide_line(f"a b{NBSP}cc", 4) == [2]  # not [4]: "a b" then "cc"
    assert isinstance(rich._wrap.re_word, re.Pattern)


def test_a_renamed_pattern_stops_the_start_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import rich._wrap

    from relance_tui.ui import wrapping

    monkeypatch.delattr(rich._wrap, "re_word")
    with pytest.raises(wrapping.WrappingChanged, match="rich._wrap.re_word"):
        keep_no_break_spaces()
