"""Appels: the event's call list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from relance_tui import i18n
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.phones import format_phone
from relance_tui.ui.screens.base import RelanceScreen


class CallsScreen(RelanceScreen):
    MODE = "calls"

    def compose_body(self) -> ComposeResult:
        with Vertical(id="calls-body"):
            yield Label(id="calls-title", classes="section-title")
            yield DataTable(id="call-list", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        lang = i18n.current_language()
        event = self.store.current_event()
        table = self.query_one("#call-list", DataTable)
        for key in ("col.position", "col.outlet", "col.name", "col.role", "col.phone"):
            table.add_column(i18n.t(key), key=key)
        if event is None or event.id is None:
            self.query_one("#calls-title", Label).update(i18n.t("banner.no_event"))
            return
        targets = self.store.targets(event.id)
        outlets = {o.id: o for o in self.store.all(Outlet)}
        contacts = {c.id: c for c in self.store.all(Contact)}
        self.query_one("#calls-title", Label).update(i18n.t("calls.list", count=len(targets)))
        for target in targets:
            contact = contacts.get(target.contact_id)
            outlet = outlets.get(contact.outlet_id if contact else target.outlet_id)
            table.add_row(
                str(target.position),
                outlet.name if outlet else "",
                contact.name if contact else i18n.t("role.newsroom"),
                i18n.t(f"role.{contact.role.value}") if contact else "",
                format_phone(contact.phone, contact.extension, lang)
                if contact
                else format_phone(outlet.phone if outlet else "", "", lang),
                key=str(target.id),
            )
