"""A Static that redraws only the rows a new text changed.

Textual draws a widget again whole when its content changes: every row goes
through the styles, the borders and the compositor once more. The next card's
talking points share most of their rows with the last card's (the template is
the same; the name and the outlet change), and the side's counts change one row
at a time. `Lines.show_text` wraps the new text once, compares it row by row
with what is on screen and asks for the rows that differ; a new text with
another number of rows (or any other change: a style, the size, a selection) is
drawn again whole, as a Static is.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.geometry import Region, Size
from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, VisualType, visualize
from textual.widget import Widget
from textual.widgets import Static


class Lines(Static):
    """A Static of plain text; `show_text` redraws only the rows that changed."""

    def __init__(self, content: str = "", **kwargs: object) -> None:
        super().__init__(content, markup=False, **kwargs)  # type: ignore[arg-type]
        self._text = content
        self._rows: list[Strip] | None = None  # what the screen shows, as drawn here
        self._rows_for: tuple[Size, Style] | None = None
        self._quiet = False
        self._prepared: tuple[str, tuple[Size, Style], list[Strip]] | None = None

    def show_text(self, text: str) -> bool:
        """Show `text` in the rows on screen, redrawing those that change; False (and
        nothing done) when it needs more than that: another number of rows, a box not
        drawn yet, a width that follows the text."""
        shown = self._rows
        rows = self._wrapped(text) if shown is not None else None
        if rows is None or shown is None or len(rows) != len(shown):
            return False
        changed = [y for y, (old, new) in enumerate(zip(shown, rows, strict=True)) if old != new]
        self._text = text
        self._quiet = True  # the content for render(), queries and copies; no whole redraw
        try:
            self.update(text, layout=False)
        finally:
            self._quiet = False
        self._rows = rows
        width = self.size.width
        self._repaint_rows([Region(0, y, width, 1) for y in changed])
        return True

    def _repaint_rows(self, regions: list[Region]) -> None:
        """The changed rows drawn again, through Textual's public `refresh(*regions)`;
        the measures kept of the old text go with it (the new one has the same rows)."""
        if regions:
            super().refresh(*regions)

    def _wrapped(self, text: str) -> list[Strip] | None:
        """`text` as the rows of this box as it is, as Textual would draw them; None
        when the box must change (another height, or a width that follows the text)."""
        size, styles, style = self.size, self.styles, self.visual_style
        if self._rows_for != (size, style) or self.text_selection is not None:
            return None
        if styles.width is not None and styles.width.is_auto:  # as wide as the text
            if max(map(cell_len, text.split("\n"))) != size.width:
                return None
        auto_height = self._auto_height
        prepared = self._prepared
        if prepared is not None and prepared[0] == text and prepared[1] == (size, style):
            rows = prepared[2]
        else:
            rows = self._rows_of(text, size.width, None if auto_height else size.height, style)
        return None if auto_height and len(rows) != size.height else rows

    @property
    def _auto_height(self) -> bool:
        return self.styles.height is not None and self.styles.height.is_auto

    def prepare(self, text: str) -> None:
        """Wrap `text` now, for a `show_text` to come (the next card's talking points,
        wrapped while the caller is on the phone rather than after the key)."""
        size, style = self.size, self.visual_style
        if self._rows_for != (size, style) or not size:
            return
        height = None if self._auto_height else size.height
        self._prepared = (text, (size, style), self._rows_of(text, size.width, height, style))

    def _rows_of(self, text: str, width: int, height: int | None, style: Style) -> list[Strip]:
        """`text` drawn as Textual draws a Static's text."""
        lines = self._lines_as_is(text, width, height)
        if lines is not None:
            # Nothing to wrap or align: each line is one segment, with the offset a
            # selection reads, as Textual's `Content` lays it out (a card's labels and
            # its status line, on every key: a fifth of the time).
            return [
                Strip([Segment(line, style.rich_style_with_offset(0, y))], cell_len(line))
                for y, line in enumerate(lines)
            ]
        return Visual.to_strips(self, visualize(self, text, markup=False), width, height, style)

    def _lines_as_is(self, text: str, width: int, height: int | None) -> list[str] | None:
        """The lines of `text` as Textual would draw them, when each is drawn as it is
        or cut at the box's edge (a line that does not wrap); None otherwise."""
        if width <= 0 or not self._as_is(text):
            return None
        styles = self.styles
        lines = text.split("\n")[:height] if height is not None else text.split("\n")
        cut = styles.get("text_wrap", "wrap") == "nowrap" and styles.get("text_overflow", "fold")
        for y, line in enumerate(lines):
            if cell_len(line) <= width:
                continue
            if cut == "ellipsis":
                lines[y] = set_cell_size(line, width - 1) + "…"
            elif cut == "clip":
                lines[y] = set_cell_size(line, width)
            else:  # wrapped or folded: Textual's own
                return None
        return lines

    def _as_is(self, text: str) -> bool:
        """Whether lines of `text` that fit are drawn as they are: left-aligned, no
        tab to expand, no selection to show, no padding of each line."""
        styles = self.styles  # read as `Content.render_strips` reads them
        return (
            "\t" not in text
            and styles.get("text_align", "left") in ("left", "start")
            and not styles.get("line_pad", 0)
            and styles.content_align == ("left", "top")
            and self.text_selection is None
        )

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._text = content if isinstance(content, str) else str(content)
        super().update(content, layout=layout)

    def refresh(self, *regions: Region, **options: bool) -> Widget:  # type: ignore[override]
        if self._quiet:
            return self
        if not regions and options.get("repaint", True):  # drawn again whole
            self._rows = None
        return super().refresh(*regions, **options)

    def render_line(self, y: int) -> Strip:
        size, style = self.size, self.visual_style
        rows = self._rows
        if rows is None or self._rows_for != (size, style):
            width, height = size
            rows = self._rows = self._rows_of(self._text, width, height, style)
            self._rows_for = (size, style)
        return rows[y] if y < len(rows) else Strip.blank(size.width, style.rich_style)


def digit_rows(text: str, bold: bool = False) -> str:
    """`text` in Textual's 3×3 digits, as three rows of text (as its `Digits` draws
    them: a character it has no digit for stands on the bottom row)."""
    glyphs = DIGITS3X3_BOLD if bold else DIGITS3X3
    rows: tuple[list[str], list[str], list[str]] = ([], [], [])
    for character in text.translate(DigitsRenderable.REPLACEMENTS):
        at = DIGITS.find(character) * 3
        if at < 0:
            pieces = (" ", " ", character)
        else:
            pieces = (glyphs[at].ljust(3), glyphs[at + 1].ljust(3), glyphs[at + 2].ljust(3))
        for row, piece in zip(rows, pieces, strict=True):
            row.append(piece)
    return "\n".join("".join(row) for row in rows)


class BigDigits(Lines):
    """A number in big digits, as `Digits` draws it; the next phone number of the same
    length redraws only the rows of the digits that changed, in place."""

    DEFAULT_CSS = """
    BigDigits {
        width: auto;
        height: 3;
        text-wrap: nowrap;
    }
    """

    def __init__(self, value: str = "", **kwargs: object) -> None:
        super().__init__(digit_rows(value), **kwargs)
        self.value = value

    def _rows_of(self, text: str, width: int, height: int | None, style: Style) -> list[Strip]:
        # Rows of box-drawing characters, never wrapped: one segment each, as the
        # `Digits` renderable draws them (a fifth of the time of text laid out by Content).
        rich_style = style.rich_style
        return [
            Strip([Segment(row, rich_style)], cell_len(row)).extend_cell_length(width, rich_style)
            for row in text.split("\n")
        ]

    def show_value(self, value: str) -> str:
        """The rows of `value`, to show (`changed.show`)."""
        self.value = value
        return digit_rows(value, bold=bool(self.styles.text_style.bold))


class PlainLabel(Lines):
    """A label of plain text drawn as `Lines` (the card's labels change on every key).
    Not a `Label`: Textual's CSS would not see it as one (type names follow first bases)."""

    DEFAULT_CSS = """
    PlainLabel {
        width: auto;
        height: auto;
        min-height: 1;
    }
    """
