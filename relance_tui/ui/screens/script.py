"""Script: the event and its templates (talking points, reminder email)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from relance_tui import i18n
from relance_tui.core.timing import format_when
from relance_tui.ui.screens.base import RelanceScreen


class ScriptScreen(RelanceScreen):
    MODE = "script"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="script-body"):
            yield Label(i18n.t("script.event"), classes="section-title")
            yield Static(id="event-details")
            for key in ("talking_points", "email_subject", "email_body"):
                yield Label(i18n.t(f"script.{key}"), classes="section-title")
                yield Static(id=f"template-{key}", classes="template", markup=False)
            yield Label(i18n.t("script.press_release"), classes="section-title")
            yield Static(id="press-release", classes="template", markup=False)

    def on_mount(self) -> None:
        event = self.store.current_event()
        lang = i18n.current_language()
        if event is None:
            self.query_one("#event-details", Static).update(i18n.t("banner.no_event"))
            return
        lines = [
            i18n.t("event.kind", kind=i18n.t(f"eventkind.{event.kind.value}")),
            i18n.t("event.when", when=format_when(event.start, lang)),
            i18n.t("event.venue", venue=event.venue, address=event.address),
            i18n.t("event.spokespeople", names=", ".join(event.spokespeople)),
            i18n.t("event.visuals", visuals=event.visuals),
        ]
        self.query_one("#event-details", Static).update("\n".join(lines))
        self.query_one("#template-talking_points", Static).update(event.talking_points)
        self.query_one("#template-email_subject", Static).update(event.email_subject)
        self.query_one("#template-email_body", Static).update(event.email_body)
        self.query_one("#press-release", Static).update(event.press_release)
