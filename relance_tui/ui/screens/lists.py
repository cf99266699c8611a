"""Listes: the media list, searched as you type, and the current event's call list."""

from __future__ import annotations

import gc
import operator
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input

from relance_tui import i18n
from relance_tui.core.errors import os_words
from relance_tui.core.media.call_list import (
    add_to_call_list,
    call_list_counts,
    friendliest_first,
    in_call_list,
    move_in_call_list,
    toggle_in_call_list,
)
from relance_tui.core.media.records import (
    NotAllowed,
)
from relance_tui.core.media.search import Filters, MediaRow, media_rows, search
from relance_tui.core.models import Event
from relance_tui.core.phones import format_phone
from relance_tui.core.station.exports import export
from relance_tui.core.store.files import write_atomically_bytes
from relance_tui.ui.columns import share_widths
from relance_tui.ui.dialogs.export import ExportDialog, ExportRequest
from relance_tui.ui.dialogs.filters import FiltersDialog
from relance_tui.ui.media_table import media_columns
from relance_tui.ui.screens.base import RelanceScreen
from relance_tui.ui.screens.list_records import RecordEditing
from relance_tui.ui.widgets.line import Line, SearchInput
from relance_tui.ui.widgets.virtual_table import VirtualTable

SETTLE_ROWS = 2000  # a media list this long is frozen out of the collector's walks


class ListsScreen(RelanceScreen):
    MODE = "lists"
    AUTO_FOCUS = "#media"

    BINDINGS = [
        # The keys that move between the search and the table act as soon as the app
        # reads them (priority), so the keys typed right after them land where the
        # user expects; a plain binding ran only after those keys had gone to the
        # widget focused before.
        Binding("slash", "search", "key.search", id="lists.search", priority=True),
        Binding(
            "escape", "focus_table", "key.leave_editor", id="lists.table", show=False, priority=True
        ),
        Binding("enter", "search_done", show=False, priority=True),
        Binding("space", "toggle_in_list", "key.toggle", id="lists.toggle"),
        Binding("f", "filters", "key.filters", id="lists.filters"),
        Binding("l", "only_call_list", "key.only_call_list", id="lists.only_call_list"),
        Binding("n", "new_contact", "key.new_contact", id="lists.new_contact"),
        Binding("m", "new_outlet", "key.new_outlet", id="lists.new_outlet"),
        Binding("h", "new_show", "key.new_show", id="lists.new_show"),
        Binding("e", "edit", "key.edit", id="lists.edit"),
        Binding("delete", "delete", "key.delete", id="lists.delete"),
        Binding("a", "add_filtered", "key.add_filtered", id="lists.add_filtered"),
        Binding("t", "friendliest_first", "key.friendliest_first", id="lists.friendliest"),
        Binding("left_square_bracket", "move(-1)", "key.move_up", id="lists.up"),
        Binding("right_square_bracket", "move(1)", "key.move_down", id="lists.down"),
        Binding("i", "import", "key.import", id="lists.import"),
        Binding("x", "export", "key.export", id="lists.export"),
        Binding("p", "proposals", "key.proposals", id="lists.proposals"),
        Binding("v", "to_verify", "key.to_verify", id="lists.to_verify"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[MediaRow] = []
        self._read_at = -1  # the store's changes when the rows were read
        self._found: list[MediaRow] = []  # found by the search (and filters), in the table
        self._filters = Filters()
        self._only_call_list = False
        self._event: Event | None = None
        self._in_list: set[str] = set()
        self._positions: dict[str, int] = {}
        self._drawn_marks: tuple[set[str], bool, dict[str, int]] | None = None
        self._counts_for: set[str] | None = None
        self._counts_text = ""
        self._last_search: tuple[str, Filters, list[MediaRow] | None] = ("", Filters(), None)
        self._widths: dict[str, int] = {}
        self._short_roles = False

    def compose_body(self) -> ComposeResult:
        with Vertical(id="lists-body"):
            yield SearchInput(placeholder=i18n.t("lists.search_placeholder"), id="search")
            yield Line(id="lists-filters")
            yield VirtualTable(id="media")
            yield Line(id="lists-counts")
            yield Line(id="lists-status")

    def on_mount(self) -> None:
        self.records = RecordEditing(
            self.store,
            self._open_dialog,
            self._status,
            self.reload,
            lambda: self.clock().date(),
        )
        self.reload()

    def on_input_changed(self, event: SearchInput.Changed) -> None:
        if event.input.id == "search":
            self.redraw()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_columns)

    def _fit_columns(self) -> None:
        """Columns sized to the terminal: built again only when a width changes."""
        table = self.query_one("#media", VirtualTable)
        columns = media_columns(self._rows)
        widths = share_widths(columns, table.size.width or self.app.size.width)
        if widths == self._widths:
            return
        self._widths = widths
        natural = {c.key: c.natural for c in columns}
        self._short_roles = widths["col.role"] < natural["col.role"]
        table.set_columns(
            [
                (i18n.t(key) if width >= natural[key] or key != "col.warmth" else "★", width)
                for key, width in widths.items()
            ]
        )
        self._drawn_marks = None  # every row made again
        self.redraw()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.store.changes != self._read_at:  # else all it would read is on screen
            self.reload()

    # data ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the media list and the call list again, then redraw."""
        # The rows of before go first: two media lists at once (the one shown, the one
        # being made) were the peak memory of a 20,000-contact session.
        self._rows, self._found, self._last_search = [], [], ("", Filters(), None)
        self._rows = media_rows(self.store.outlets(), self.store.shows(), self.store.contacts())
        self._read_at = self.store.changes
        if len(self._rows) >= SETTLE_ROWS:
            # Tens of thousands of rows and records made just now, kept until the next
            # reload: out of the cyclic collector's sight, or the next full collection
            # walks them all during a keystroke (80 ms at 20,000 contacts).
            gc.freeze()
        self._drawn_marks = None  # records may have changed: draw again
        self._counts_for = None
        self._event = self.store.current_event()
        self._refresh_call_list()
        self._widths = {}  # names may be longer now
        self._fit_columns()

    def _refresh_call_list(self) -> None:
        if self._event is None or self._event.id is None:
            self._in_list, self._positions = set(), {}
            return
        self._in_list = in_call_list(self.store, self._event)
        self._positions = {
            (f"c{t.contact_id}" if t.contact_id is not None else f"o{t.outlet_id}"): t.position
            for t in self.store.targets(self._event.id)
        }

    def redraw(self) -> None:
        query = self.query_one("#search", Input).value
        # Typing forward only narrows: search what the shorter query found.
        last_query, last_filters, last_found = self._last_search
        pool = (
            last_found
            if last_found is not None
            and last_filters == self._filters
            and query.startswith(last_query)
            else self._rows
        )
        found = search(pool, query, self._filters)
        self._last_search = (query, self._filters, found)
        if self._only_call_list:
            found = sorted(
                (r for r in found if r.key in self._in_list), key=lambda r: self._positions[r.key]
            )
        marks = (self._in_list, self._only_call_list, dict(self._positions))
        table = self.query_one("#media", VirtualTable)
        same = len(found) == len(self._found) and all(map(operator.is_, found, self._found))
        if same and marks == self._drawn_marks and table.row_count:
            # Same rows, same marks (a longer word that matches the same people):
            # the table stays as it is, which keeps typing fast.
            self._show_counts(len(found))
            return
        self._found = found
        self._drawn_marks = (set(self._in_list), self._only_call_list, dict(self._positions))
        table.set_rows([r.key for r in found], self._cells_of(found), table.cursor_key)
        self._show_counts(len(found))

    def _cells_of(self, rows: list[MediaRow]) -> Callable[[int], tuple[str, ...]]:
        """What a row of the table says; made for the rows drawn only."""
        lang = i18n.current_language()
        role_key = "role_short" if self._short_roles else "role"
        in_list, positions, only_call_list = self._in_list, self._positions, self._only_call_list
        # An outlet's own line says what it is, and that it has no number when so.
        newsroom_line, no_number = i18n.t("lists.newsroom_line"), i18n.t("lists.no_number")

        def cells(index: int) -> tuple[str, ...]:
            row = rows[index]
            contact = row.contact
            mark = "⛔" if row.do_not_call else ("✓" if row.key in in_list else "")
            if contact is not None and contact.to_fix:
                mark += "⚠"
            if only_call_list:
                mark = f"{positions.get(row.key, '')}"
            phone = (
                (contact.phone, contact.extension)
                if contact and contact.phone
                else (row.outlet.phone, row.outlet.extension)
            )
            return (
                mark,
                contact.name if contact else newsroom_line,
                i18n.t(f"{role_key}.{row.role.value}"),
                row.outlet.name,
                row.show.name if row.show else "",
                format_phone(phone[0], phone[1], lang, compact=True) if phone[0] else no_number,
                "★" * row.outlet.warmth,
            )

        return cells

    def _call_list_text(self) -> str:
        """The call list's counts by kind and role; worked out again only when it changes."""
        if self._counts_for is not self._in_list:
            in_list = [r for r in self._rows if r.key in self._in_list] if self._in_list else []
            kinds, roles = call_list_counts(in_list)
            self._counts_text = i18n.t(
                "lists.call_list",
                count=len(in_list),
                kinds=", ".join(f"{i18n.t('kind.' + k)} {n}" for k, n in kinds.most_common())
                or "—",
                roles=", ".join(f"{i18n.t('role.' + k)} {n}" for k, n in roles.most_common())
                or "—",
            )
            self._counts_for = self._in_list
        return self._counts_text

    def _show_counts(self, found: int) -> None:
        in_all = len(self._in_list) if self._only_call_list else len(self._rows)
        total = i18n.t("count.in_all", count=in_all)
        shown = (
            i18n.t("lists.found", found=i18n.t("count.found", count=found), total=total)
            if found
            else i18n.t("lists.none_found", total=total)
            if self._rows
            else i18n.t("lists.empty")  # a new file: say what to do first
        )
        if self._event is None:
            self.query_one("#lists-counts", Line).update(shown)
        else:
            self.query_one("#lists-counts", Line).update(f"{shown}\n{self._call_list_text()}")
        parts = []
        if self._filters.active:
            parts.append(i18n.t("lists.filtered"))
        if self._only_call_list:
            parts.append(i18n.t("lists.only_call_list"))
        filters = self.query_one("#lists-filters", Line)
        filters.update(" · ".join(parts))
        if filters.display != bool(parts):
            filters.display = bool(parts)

    def current_row(self) -> MediaRow | None:
        table = self.query_one("#media", VirtualTable)
        return self._found[table.cursor_row] if table.row_count else None

    def _status(self, text: str) -> None:
        self.query_one("#lists-status", Line).update(text)

    # search and filters --------------------------------------------------------------
    def _in_search(self) -> Input:
        """The search field, when it has the keys (else the key is not ours)."""
        search = self.query_one("#search", Input)
        if self.focused is not search:
            raise SkipAction()
        return search

    def action_search_done(self) -> None:
        """Enter in the search: the results stay, the table has the keys."""
        self._in_search()
        self.set_focus(self.query_one("#media", VirtualTable))

    def action_focus_table(self) -> None:
        """Escape, in the search or in the table: the search is cleared (every row
        back) and the table has the keys."""
        search = self.query_one("#search", Input)
        table = self.query_one("#media", VirtualTable)
        if self.focused not in (search, table):
            raise SkipAction()  # a dialog's field, say: its own Escape
        if search.value:
            search.value = ""
            self.redraw()
        self.set_focus(table)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        if self.focused is search:
            raise SkipAction()  # a / typed in the search is part of it
        self.set_focus(search)

    def action_filters(self) -> None:
        regions = sorted({r.outlet.region for r in self._rows if r.outlet.region})
        tags = sorted({t for r in self._rows for t in r.outlet.tags})

        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self._filters = self.records.with_stale(filters)
                self.redraw()

        self.app.push_screen(FiltersDialog(self._filters, regions, tags), self.guarded(chosen))

    def action_only_call_list(self) -> None:
        """The call list alone, whole: a search or filters left from before would hide
        part of it without a word."""
        self._only_call_list = not self._only_call_list
        if self._only_call_list:
            self.query_one("#search", Input).value = ""
            self._filters = Filters()
        self.redraw()

    # the call list ---------------------------------------------------------------------
    def _need_event(self) -> Event | None:
        if self._event is None:
            self._status(i18n.t("lists.no_event"))
        return self._event

    def _open_dialog(self, dialog: Screen[Any], answer: Callable[[Any], None]) -> None:
        self.app.push_screen(dialog, self.guarded(answer))

    def action_toggle_in_list(self) -> None:
        row, event = self.current_row(), self._need_event()
        if row is None or event is None:
            return
        try:
            now_in = toggle_in_call_list(self.store, event, row)
        except NotAllowed as refused:
            self._status(str(refused))  # the status line only: a toast would hide the footer
            return
        name = row.contact.name if row.contact else row.outlet.name
        self._status(i18n.t("lists.added" if now_in else "lists.removed", name=name))
        self._refresh_call_list()
        self.redraw()

    def action_add_filtered(self) -> None:
        event = self._need_event()
        if event is None:
            return
        found = search(self._rows, self.query_one("#search", Input).value, self._filters)
        added, refused = add_to_call_list(self.store, event, [r for r in found if r.contact])
        self._status(
            i18n.t(
                "lists.bulk_added",
                added=i18n.t("count.added", count=added),
                refused=i18n.t("count.refused_dnc", count=refused),
            )
        )
        self._refresh_call_list()
        self.redraw()

    def action_friendliest_first(self) -> None:
        event = self._need_event()
        if event is None:
            return
        friendliest_first(self.store, event)
        self._refresh_call_list()
        self._only_call_list = True
        self._status(i18n.t("lists.sorted"))
        self.redraw()

    def action_move(self, step: int) -> None:
        row, event = self.current_row(), self._need_event()
        if row is None or event is None:
            return
        if not move_in_call_list(self.store, event, row, step):
            return
        self._refresh_call_list()
        self.redraw()

    # records (`list_records.RecordEditing`) ---------------------------------------------
    def action_new_contact(self) -> None:
        self.records.new_contact(self.current_row())

    def action_new_outlet(self) -> None:
        self.records.new_outlet()

    def action_new_show(self) -> None:
        self.records.new_show(self.current_row())

    def action_edit(self) -> None:
        self.records.edit(self.current_row())

    def action_delete(self) -> None:
        self.records.delete(self.current_row())

    # import and export ----------------------------------------------------------------------
    def action_import(self) -> None:
        self.records.import_file()

    def action_export(self) -> None:
        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._export_worker(request.what, request.fmt, request.path)

        self.app.push_screen(
            ExportDialog(Path.home(), self._event is not None), self.guarded(chosen)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`p` is in the footer while the team has proposed something."""
        if action == "proposals":
            return bool(self.store.meta().get("team_proposals"))
        return True

    def action_proposals(self) -> None:
        self.records.proposals()

    def action_to_verify(self) -> None:
        self.records.to_verify()

    @work(thread=True, exclusive=True, group="export")
    def _export_worker(self, what: str, fmt: str, path: Path) -> None:
        event = self._event if what == "calls" else None
        try:
            data = export(self.store, fmt, event, self.clock)
            write_atomically_bytes(path.absolute(), data)
            message = i18n.t("cli.export.done", path=str(path))
        except OSError as problem:
            message = i18n.t("cli.export.failed", path=str(path), detail=os_words(problem))
        self.app.call_from_thread(self._status, message)
