"""Répétition: the talking points, big, to read aloud."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from relance_tui import i18n
from relance_tui.ui.screens.base import RelanceScreen


class RehearsalScreen(RelanceScreen):
    MODE = "rehearsal"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="rehearsal-body"):
            yield Static(id="reading", markup=False)
            yield Label(id="takes-count")

    def on_mount(self) -> None:
        event = self.store.current_event()
        if event is None:
            self.query_one("#reading", Static).update(i18n.t("banner.no_event"))
            return
        self.query_one("#reading", Static).update(event.talking_points)
        assert event.id is not None
        self.query_one("#takes-count", Label).update(
            i18n.t("rehearsal.takes", count=len(self.store.takes(event.id)))
        )
