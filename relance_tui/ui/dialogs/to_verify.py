"""« À vérifier »: before a campaign, what on the media list has gone stale, with one
key to mark a contact verified and one to fix it in its form."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from relance_tui import i18n
from relance_tui.core.dates import format_day_of_year
from relance_tui.core.media.freshness import Stale, mark_verified, to_verify
from relance_tui.core.store.store import Store
from relance_tui.ui.dialogs.base import Dialog


class ToVerifyDialog(Dialog[Stale]):
    """The stale contacts and switchboard-only outlets, oldest first: `o` marks the
    contact verified (the line goes), `e` dismisses with it to open its form."""

    BINDINGS = [
        Binding("o", "verified", "verify.key.verified", id="verify.verified"),
        Binding("e", "fix", "verify.key.fix", id="verify.fix"),
    ]

    def __init__(self, store: Store, today: date) -> None:
        super().__init__()
        self._store = store
        self._today = today
        self._found = to_verify(store, today, max(1, store.settings().stale_months))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="verify-dialog"):
            yield Label("", id="verify-title", classes="dialog-title")
            yield DataTable(id="verify-table", cursor_type="row", zebra_stripes=True)
            yield Label(i18n.t("verify.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#verify-table", DataTable)
        for key in ("verify.col.why", "verify.col.verified", "col.name", "col.outlet"):
            table.add_column(i18n.t(key))
        self._fill()
        table.focus()

    def _fill(self) -> None:
        table = self.query_one("#verify-table", DataTable)
        table.clear()
        months = max(1, self._store.settings().stale_months)
        lang = i18n.current_language()
        for stale in self._found:
            verified = stale.verified
            table.add_row(
                i18n.t(f"verify.reason.{stale.reason}", months=months),
                format_day_of_year(verified, lang) if verified else i18n.t("verify.never"),
                stale.contact.name if stale.contact else i18n.t("lists.newsroom_line"),
                stale.outlet.name,
            )
        self.query_one("#verify-title", Label).update(
            i18n.t("verify.title", count=len(self._found))
        )

    def _current(self) -> Stale | None:
        row = self.query_one("#verify-table", DataTable).cursor_row
        return self._found[row] if 0 <= row < len(self._found) else None

    def action_verified(self) -> None:
        stale = self._current()
        if stale is None or stale.contact is None:  # an outlet: add its people instead
            self.notify(i18n.t("verify.outlet_hint"))
            return
        mark_verified(self._store, stale.contact, self._today)
        row = self.query_one("#verify-table", DataTable).cursor_row
        self._found.remove(stale)
        self._fill()
        if self._found:
            self.query_one("#verify-table", DataTable).move_cursor(
                row=min(row, len(self._found) - 1)
            )

    def action_fix(self) -> None:
        stale = self._current()
        if stale is not None:
            self.dismiss(stale)
