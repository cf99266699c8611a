"""Widgets that change on every keystroke without costing a new layout."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from relance_tui.ui.widgets.editing import TextInput


class Line(Widget):
    """Like a Label, but `update()` only repaints: its size is set in CSS, so the
    screen's layout does not need working out again on every keystroke."""

    DEFAULT_CSS = """
    Line {
        height: 1;
        width: 100%;
    }
    """

    text: reactive[str] = reactive("", layout=False)

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(Line.text, text)

    def update(self, text: str) -> None:
        self.text = text

    def render(self) -> Text:
        return Text(self.text, overflow="ellipsis", no_wrap=False)


class SearchInput(TextInput):
    """The media list's search field: what it holds is searched as it changes
    (`Input.Changed`, handled by the screen)."""
