"""A table that draws only the rows on screen: Listes' media list.

Textual's DataTable builds, measures and keeps every row it is given, so a
keystroke in the search that changed the rows cost 60-100 ms for 60 rows (and the
rows past those came later, as the cursor neared them). This table is given the
rows' keys and a function that makes one row's cells; it makes the cells of the
rows it draws, when it draws them: a screen of rows, whatever the search found.
A new search replaces the keys and draws the screen again, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cells = Callable[[int], Sequence[str]]
PADDING = 1  # one column each side of a cell, as DataTable's
# A line break or a tab in a name (an imported file) would break the row's line.
CONTROLS = {code: " " for code in range(32)}


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, or padded."""
    if width <= 0:
        return ""
    text = text.translate(CONTROLS)
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class VirtualTable(ScrollView, can_focus=True):
    """A header line, then one line per row; the cursor is a row."""

    COMPONENT_CLASSES = {"vtable--header", "vtable--cursor", "vtable--even-row"}
    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .vtable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .vtable--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .vtable--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .vtable--even-row {
            background: $surface-darken-1 40%;
        }
        & > .vtable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home,ctrl+home", "first", show=False),
        Binding("end,ctrl+end", "last", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, layout=False, repaint=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns: list[tuple[str, int]] = []
        self._keys: list[str] = []
        self._cells: Cells = lambda _index: ()
        self._made: dict[int, Sequence[str]] = {}  # the cells of rows drawn so far

    # what it shows --------------------------------------------------------------------
    def set_columns(self, columns: Sequence[tuple[str, int]]) -> None:
        """Titles and widths (padding not counted)."""
        self._columns = list(columns)
        self._made.clear()
        self._sized()

    def set_rows(self, keys: Sequence[str], cells: Cells, cursor_key: str | None = None) -> None:
        """Rows by key; `cells(i)` makes row i's cells when it is drawn. The cursor
        stays on `cursor_key` when it is still there, else goes to the first row."""
        self._keys = keys if isinstance(keys, list) else list(keys)  # not copied: 20k rows
        self._cells = cells
        self._made = {}
        row = self._keys.index(cursor_key) if cursor_key in self._keys else 0
        self._sized()
        self.set_reactive(VirtualTable.cursor_row, row)
        if row == 0:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._show_cursor()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_key(self) -> str | None:
        return self._keys[self.cursor_row] if self._keys else None

    def get_row_at(self, index: int) -> Sequence[str]:
        made = self._made.get(index)
        if made is None:
            made = self._made[index] = self._cells(index)
        return made

    def move_cursor(self, *, row: int) -> None:
        if self._keys:
            self.cursor_row = max(0, min(row, len(self._keys) - 1))

    def _sized(self) -> None:
        width = sum(width + 2 * PADDING for _, width in self._columns)
        size = Size(width, len(self._keys) + 1)  # the header's line too
        if size != self.virtual_size:
            # ScrollView's documented path: the screen is laid out again and the
            # scrollbars follow (`ScrollView._size_updated`).
            self.virtual_size = size

    # the cursor -----------------------------------------------------------------------
    def watch_cursor_row(self) -> None:
        self._show_cursor()

    def _show_cursor(self) -> None:
        """Scrolled so that the cursor's row is under the header, on screen."""
        under_header = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + under_header:
            self.scroll_to(y=self.cursor_row - under_header + 1, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        page = max(1, self.scrollable_content_region.height - 2)
        self.move_cursor(row=self.cursor_row + direction * page)

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._keys) - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_cursor(row=round(self.scroll_y) + event.y - 1)

    def on_resize(self) -> None:
        self._show_cursor()

    # drawing --------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_x)
        if y == 0:
            style = self.get_component_rich_style("vtable--header")
            return self._strip([title for title, _ in self._columns], style, width, scroll_x)
        index = round(self.scroll_y) + y - 1
        if index >= len(self._keys):
            return Strip.blank(width, self.rich_style)
        if index == self.cursor_row:
            style = self.get_component_rich_style("vtable--cursor")
        elif index % 2:
            style = self.get_component_rich_style("vtable--even-row")
        else:
            style = self.rich_style
        return self._strip(self.get_row_at(index), style, width, scroll_x)

    def _strip(self, cells: Sequence[str], style: Style, width: int, scroll_x: int) -> Strip:
        pad = " " * PADDING
        text = "".join(
            pad + fit(cell, column_width) + pad
            for cell, (_, column_width) in zip(cells, self._columns, strict=False)
        )
        strip = Strip([Segment(text, style)])
        if scroll_x:
            strip = strip.crop(scroll_x, scroll_x + width)
        return strip.adjust_cell_length(width, style)
