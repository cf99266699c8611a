"""Listes: the media list (outlets and their contacts)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from relance_tui import i18n
from relance_tui.core.models import Contact
from relance_tui.core.phones import format_phone
from relance_tui.ui.screens.base import RelanceScreen


class ListsScreen(RelanceScreen):
    MODE = "lists"

    def compose_body(self) -> ComposeResult:
        with Vertical(id="lists-body"):
            yield Label(id="outlets-title", classes="section-title")
            yield DataTable(id="outlets", cursor_type="row", zebra_stripes=True)
            yield Label(id="contacts-title", classes="section-title")
            yield DataTable(id="contacts", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        lang = i18n.current_language()
        outlets = self.store.outlets()
        self._contacts_by_outlet: dict[int, list[Contact]] = {}
        for contact in self.store.contacts():
            self._contacts_by_outlet.setdefault(contact.outlet_id, []).append(contact)
        self._shows = {s.id: s.name for s in self.store.shows()}
        self.query_one("#outlets-title", Label).update(i18n.t("lists.outlets", count=len(outlets)))
        table = self.query_one("#outlets", DataTable)
        for key in ("col.outlet", "col.kind", "col.language", "col.warmth", "col.phone"):
            table.add_column(i18n.t(key), key=key)
        for outlet in outlets:
            table.add_row(
                outlet.name,
                i18n.t(f"kind.{outlet.kind.value}"),
                outlet.language.value,
                "★" * outlet.warmth or "·",
                format_phone(outlet.phone, outlet.extension, lang),
                key=str(outlet.id),
            )
        contacts = self.query_one("#contacts", DataTable)
        for key in ("col.name", "col.role", "col.show", "col.phone", "col.email"):
            contacts.add_column(i18n.t(key), key=key)
        if outlets:
            self._show_contacts(outlets[0].id)

    def _show_contacts(self, outlet_id: int | None) -> None:
        lang = i18n.current_language()
        contacts = self._contacts_by_outlet.get(outlet_id or -1, [])
        self.query_one("#contacts-title", Label).update(
            i18n.t("lists.contacts", count=len(contacts))
        )
        table = self.query_one("#contacts", DataTable)
        table.clear()
        for contact in contacts:
            name = contact.name + (" ⛔" if contact.do_not_call else "")
            table.add_row(
                name,
                i18n.t(f"role.{contact.role.value}"),
                self._shows.get(contact.show_id, ""),
                format_phone(contact.phone, contact.extension, lang),
                contact.email,
                key=str(contact.id),
            )

    @on(DataTable.RowHighlighted, "#outlets")
    def _outlet_highlighted(self, message: DataTable.RowHighlighted) -> None:
        if message.row_key.value is not None:
            self._show_contacts(int(message.row_key.value))
