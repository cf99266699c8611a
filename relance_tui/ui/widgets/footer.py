"""The screen's keys, wrapped onto as many rows as they need, drawn as one widget.

The call queue has fourteen keys; every one of them must stay visible at 80
columns, so keys are packed into rows instead of hidden past the edge. Textual's
Footer is a widget per key: twenty widgets to mount, style and lay out, 150 ms of
the first card's start at 5,000 contacts. Here the keys are one text: a change
of what they say repaints it, and only a change in the number of rows asks for a
new layout. A click on a key presses it, as Textual's footer does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from relance_tui.ui.bindings import label

PALETTE_WIDTH = 14
EDGE = "▏"  # left of the palette's key, as Textual's footer draws it


def pack_rows(widths: list[int], available: int) -> list[list[int]]:
    """Indexes of `widths` packed greedily into rows no wider than `available`."""
    rows: list[list[int]] = [[]]
    used = 0
    for index, width in enumerate(widths):
        if rows[-1] and used + width > available:
            rows.append([])
            used = 0
        rows[-1].append(index)
        used += width
    return rows


def max_rows(height: int) -> int:
    """The footer's rows at most: two on a short terminal (80×24), so that the card
    keeps its rows; every key is in the help (`?`) all the same."""
    return 2 if height <= 30 else 4


KEPT = ("question_mark", "q")  # the help and quit: always in the footer


@dataclass(frozen=True)
class Key:
    """One key as the footer shows it."""

    key: str  # what pressing it sends ("c", "ctrl+g")
    display: str  # what the footer writes ("c", "^g")
    description: str
    enabled: bool

    @property
    def width(self) -> int:
        return len(self.display) + len(self.description) + 3  # " c confirmé "


def fitting(keys: list[Key], available: int, rows: int) -> list[Key]:
    """The keys that fit `rows` rows: the first ones in their order (the screen lists
    its most used first), the help's and quit's always."""
    kept = [key for key in keys if key.key in KEPT]
    rest = [key for key in keys if key.key not in KEPT]
    while rest and len(pack_rows([k.width for k in rest + kept], available)) > rows:
        rest.pop()
    return [key for key in keys if key in rest or key in kept]


def _palette_width(palette: Key) -> int:
    return len(EDGE) + len(palette.display) + len(palette.description) + 2  # "▏^p palette "


@dataclass(frozen=True)
class Showing:
    """What the footer shows: its keys in rows, and the palette's key if any."""

    width: int
    rows: tuple[tuple[Key, ...], ...]
    palette: Key | None


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description", "keys-footer--edge"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keys-footer--edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.shown: Showing | None = None  # None until the screen's keys are known

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._show(self._showing_now())

    def on_resize(self, event: events.Resize) -> None:
        if self.shown is not None and self.shown.width != self.app.size.width:
            self._show(self._showing_now())

    def _showing_now(self) -> Showing:
        app = self.app
        keys: dict[str, Key] = {}  # by action: the first key of each, as Textual's footer
        palette: Key | None = None
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            shown = Key(binding.key, app.get_key_display(binding), label(binding), enabled)
            if binding.key == app.COMMAND_PALETTE_BINDING:
                palette = shown if app.ENABLE_COMMAND_PALETTE else None
            elif binding.show:
                keys.setdefault(binding.action, shown)
        width = app.size.width
        available = max(20, width - PALETTE_WIDTH)
        listed = fitting(list(keys.values()), available, max_rows(app.size.height))
        rows = pack_rows([key.width for key in listed], available) if listed else []
        return Showing(width, tuple(tuple(listed[i] for i in row) for row in rows), palette)

    def _show(self, showing: Showing) -> None:
        if showing == self.shown:
            return
        self.shown = showing
        height = max(1, len(showing.rows))
        if self.styles.height is None or self.styles.height.value != height:
            self.styles.height = height  # a new layout: only when the rows are more or fewer
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        if self.shown is None:
            return text
        key_style = self.get_component_rich_style("keys-footer--key")
        description_style = self.get_component_rich_style("keys-footer--description")
        dim = Style(dim=True)
        for number, row in enumerate(self.shown.rows):
            if number:
                text.append("\n")
            for key in row:
                off = None if key.enabled else dim
                text.append(f" {key.display} ", key_style + off if off else key_style)
                text.append(
                    f"{key.description} ", description_style + off if off else description_style
                )
            if number == 0 and (palette := self.shown.palette) is not None:
                used = sum(key.width for key in row)
                text.append(" " * max(1, self.size.width - used - _palette_width(palette)))
                text.append(EDGE, self.get_component_rich_style("keys-footer--edge"))
                text.append(palette.display, key_style)
                text.append(f" {palette.description} ", description_style)
        return text

    def key_at(self, x: int, y: int) -> Key | None:
        """The key drawn at this cell of the footer, if any."""
        if self.shown is None or not 0 <= y < len(self.shown.rows):
            return None
        left = 0
        for key in self.shown.rows[y]:
            if left <= x < left + key.width:
                return key
            left += key.width
        palette = self.shown.palette
        if y == 0 and palette is not None and x >= self.size.width - _palette_width(palette):
            return palette
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x, event.y)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
