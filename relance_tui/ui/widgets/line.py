"""Widgets that change on every keystroke without costing a new layout."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.geometry import Size
from textual.reactive import Reactive, reactive
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
    """An Input whose own text length never costs a layout of the whole screen.

    Its size is fixed in CSS; a longer query scrolls inside it. Textual's Input
    sets its virtual size from the text on every key, and that reactive asks for
    a new layout by default: here it only repaints.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)

    # Called with the text as soon as it changes, before the frame that shows it: the
    # field and what it searched are drawn in one frame. (Through the Changed
    # message, the table came a frame after the field: up to 17 ms later at 60 Hz.)
    typed: Callable[[str], None] | None = None

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if self.typed is not None:
            self.typed(value)
