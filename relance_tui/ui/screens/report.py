"""Bilan: what the calls gave."""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from relance_tui import i18n
from relance_tui.ui.screens.base import RelanceScreen


class ReportScreen(RelanceScreen):
    MODE = "report"

    def compose_body(self) -> ComposeResult:
        with Vertical(id="report-body"):
            yield Label(i18n.t("report.by_outcome"), classes="section-title")
            yield Label(id="report-empty")
            yield DataTable(id="outcomes", cursor_type="none")

    def on_mount(self) -> None:
        event = self.store.current_event()
        attempts = self.store.attempts(event.id) if event and event.id is not None else []
        counts = Counter(a.outcome.value for a in attempts)
        table = self.query_one("#outcomes", DataTable)
        table.add_column(i18n.t("col.outcome"), key="outcome")
        table.add_column(i18n.t("col.count"), key="count")
        for outcome, count in counts.most_common():
            table.add_row(i18n.t(f"outcome.{outcome}"), str(count))
        self.query_one("#report-empty", Label).update("" if attempts else i18n.t("report.none"))
