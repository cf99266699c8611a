"""Every event: choose the current one, create, edit, duplicate, archive."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from relance_tui import i18n
from relance_tui.core.dates import format_short_when
from relance_tui.core.models import Event
from relance_tui.ui.columns import Column, natural_width, share_widths
from relance_tui.ui.dialogs.base import Dialog


class EventVerb(StrEnum):
    CHOOSE = "choose"
    NEW = "new"
    EDIT = "edit"
    DUPLICATE = "duplicate"
    ARCHIVE = "archive"


@dataclass(frozen=True)
class EventChoice:
    """What to do, and with which event (None for a new one)."""

    verb: EventVerb
    event_id: int | None


class EventsDialog(Dialog[EventChoice]):
    """Every event: choose the current one, create, edit, duplicate, archive."""

    BINDINGS = [
        Binding("enter", "choose", "key.choose", id="events.choose", priority=True),
        Binding("n", "new", "key.new", id="events.new"),
        Binding("e", "edit", "key.edit", id="events.edit"),
        Binding("d", "duplicate", "key.duplicate", id="events.duplicate"),
        Binding("a", "archive", "key.archive", id="events.archive"),
    ]

    def __init__(self, events: list[Event], current_id: int | None) -> None:
        super().__init__()
        self._events = events
        self._current_id = current_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="events-dialog"):
            yield Label(i18n.t("form.events"), classes="dialog-title")
            yield DataTable(id="events-table", cursor_type="row")
            yield Label(i18n.t("form.events.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """The columns share the dialog's width: the date and number whole, the title cut
        first (with an ellipsis) when the terminal is narrow."""
        lang = i18n.current_language()
        table = self.query_one(DataTable)
        rows = [
            {
                "col.number": str(event.id),  # what `relance report N` takes
                "col.event": ("▶ " if event.id == self._current_id else "  ") + event.title,
                "col.when": format_short_when(event.start, lang),
                "col.kind": i18n.t(f"eventkind.{event.kind.value}"),
                "col.state": i18n.t("event.archived") if event.archived else "",
            }
            for event in self._events
        ]
        gives = {"col.event": 2, "col.kind": 3, "col.state": 3}
        columns = [
            Column(
                key,
                natural_width(i18n.t(key), (row[key] for row in rows), 80),
                10,
                gives.get(key, 0),
            )
            for key in ("col.number", "col.event", "col.when", "col.kind", "col.state")
        ]
        room = self.query_one("#events-dialog").content_size.width or self.app.size.width - 8
        widths = share_widths(columns, room)
        for column in columns:
            title = Text(i18n.t(column.key), overflow="ellipsis", no_wrap=True)
            table.add_column(title, key=column.key, width=widths[column.key])
        for event, row in zip(self._events, rows, strict=True):
            cells = (Text(row[c.key], overflow="ellipsis", no_wrap=True) for c in columns)
            table.add_row(*cells, key=str(event.id))
        table.focus()
        ids = [e.id for e in self._events]
        if self._current_id in ids:
            table.move_cursor(row=ids.index(self._current_id))

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def _finish(self, verb: EventVerb) -> None:
        self.dismiss(EventChoice(verb, self._selected()))

    def action_choose(self) -> None:
        if self._selected() is not None:
            self._finish(EventVerb.CHOOSE)

    def action_new(self) -> None:
        self.dismiss(EventChoice(EventVerb.NEW, None))

    def action_edit(self) -> None:
        if self._selected() is not None:
            self._finish(EventVerb.EDIT)

    def action_duplicate(self) -> None:
        if self._selected() is not None:
            self._finish(EventVerb.DUPLICATE)

    def action_archive(self) -> None:
        if self._selected() is not None:
            self._finish(EventVerb.ARCHIVE)
