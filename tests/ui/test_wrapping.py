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
