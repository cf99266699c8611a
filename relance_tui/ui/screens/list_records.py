"""The Listes screen's records: a contact, an outlet or a show added, edited or
deleted through its form or a confirmation; a media list imported; the team's
proposed flags answered. A helper the screen holds, with its
inputs said (the store, how a dialog opens, where a message goes, what redraws the
list), not a mixin reading the screen's attributes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textual.screen import Screen

from relance_tui import i18n
from relance_tui.core.errors import RelanceError
from relance_tui.core.media.freshness import Stale, to_verify
from relance_tui.core.media.import_report import done_message
from relance_tui.core.media.importers import ImportPlan, apply_import
from relance_tui.core.media.records import (
    build_contact,
    build_outlet,
    build_show,
    delete_contact,
    delete_outlet,
    has_calls,
)
from relance_tui.core.media.search import Filters, MediaRow
from relance_tui.core.models import Record, Show
from relance_tui.core.store.store import Store
from relance_tui.core.team.proposals import Proposal, answer, pending, who_is_proposed
from relance_tui.ui.dialogs.confirm import ConfirmDialog
from relance_tui.ui.dialogs.import_file import ImportDialog
from relance_tui.ui.dialogs.media_fields import contact_fields, outlet_fields, outlet_options
from relance_tui.ui.dialogs.proposals import ProposalsDialog
from relance_tui.ui.dialogs.record_form import FieldSpec, RecordForm
from relance_tui.ui.dialogs.to_verify import ToVerifyDialog

OpenDialog = Callable[[Screen[Any], Callable[[Any], None]], None]


@dataclass
class RecordEditing:
    """Forms and deletions of the media list's records."""

    store: Store
    open_dialog: OpenDialog  # the dialog, then what its answer does
    status: Callable[[str], None]  # a message on the screen's status line
    reload: Callable[[], None]  # the list read again after a change
    today: Callable[[], date] = date.today  # the screen's clock, for what is verified when

    def open_form(
        self,
        title_key: str,
        fields: list[FieldSpec],
        build: Callable[[dict[str, str]], Record],
        done_key: str,
    ) -> None:
        def saved(record: Record | None) -> None:
            if record is not None:
                try:
                    self.store.save(record)
                except RelanceError as problem:
                    self.status(str(problem))
                    return
                self.status(i18n.t(done_key, name=getattr(record, "name", "")))
                self.reload()

        self.open_dialog(RecordForm(i18n.t(title_key), fields, build), saved)

    def new_contact(self, row: MediaRow | None) -> None:
        if not outlet_options(self.store):
            self.status(i18n.t("lists.need_outlet"))
            return
        outlet_id = row.outlet.id if row else None
        self.open_form(
            "form.contact.new",
            contact_fields(self.store, None, outlet_id),
            build_contact,
            "lists.saved",
        )

    def new_outlet(self) -> None:
        self.open_form("form.outlet.new", outlet_fields(None), build_outlet, "lists.saved")

    def new_show(self, row: MediaRow | None) -> None:
        if row is None or row.outlet.id is None:
            self.status(i18n.t("lists.need_outlet"))
            return
        outlet_id = row.outlet.id
        fields = [
            FieldSpec("name", "col.show", ""),
            FieldSpec("air_time", "field.air_time", ""),
            FieldSpec("notes", "field.notes", ""),
        ]
        title = i18n.t("form.show.new", outlet=row.outlet.name)
        form = RecordForm(title, fields, lambda values: build_show(values, outlet_id))
        self.open_dialog(form, self._saved_show)

    def _saved_show(self, record: Record | None) -> None:
        if isinstance(record, Show):
            self.store.save(record)
            self.status(i18n.t("lists.saved", name=record.name))
            self.reload()

    def edit(self, row: MediaRow | None) -> None:
        if row is None:
            return
        if row.contact is not None:
            contact = row.contact
            self.open_form(
                "form.contact.edit",
                contact_fields(self.store, contact, contact.outlet_id),
                lambda values: build_contact(values, contact),
                "lists.saved",
            )
        else:
            outlet = row.outlet
            self.open_form(
                "form.outlet.edit",
                outlet_fields(outlet),
                lambda values: build_outlet(values, outlet),
                "lists.saved",
            )

    def delete(self, row: MediaRow | None) -> None:
        if row is None:
            return
        contact, outlet = row.contact, row.outlet
        history = (
            has_calls(self.store, contact=contact)
            if contact
            else has_calls(self.store, outlet=outlet)
        )
        if contact is not None:
            question = i18n.t("lists.delete_contact", name=contact.name)
        else:
            question = i18n.t("lists.delete_outlet", name=outlet.name)
        if history:
            question += " " + i18n.t("lists.delete_history")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if contact is not None:
                delete_contact(self.store, contact)
            else:
                delete_outlet(self.store, outlet)
            self.status(i18n.t("lists.deleted", name=contact.name if contact else outlet.name))
            self.reload()

        self.open_dialog(ConfirmDialog(question), answered)

    def import_file(self) -> None:
        """A media list read, previewed, then imported (`ImportDialog`)."""

        def chosen(plan: ImportPlan | None) -> None:
            if plan is not None:
                try:
                    done = apply_import(self.store, plan, self.today())
                except RelanceError as problem:
                    self.status(str(problem))
                    return
                self.status(done_message(*done))
                self.reload()

        self.open_dialog(ImportDialog(self.store, Path.home()), chosen)

    def with_stale(self, filters: Filters) -> Filters:
        """The filters, with what is « à vérifier » today when they ask for it alone."""
        if not filters.stale_only:
            return filters
        months = max(1, self.store.settings().stale_months)
        stale = to_verify(self.store, self.today(), months)
        keys = tuple(f"c{s.contact.id}" if s.contact else f"o{s.outlet.id}" for s in stale)
        return dataclasses.replace(filters, stale=keys)

    def to_verify(self) -> None:
        """« À vérifier »: marked verified there, or fixed in the form it opens."""

        def chosen(stale: Stale | None) -> None:
            self.reload()  # what was marked verified there
            if stale is not None:
                self.edit(MediaRow(outlet=stale.outlet, contact=stale.contact))

        self.open_dialog(ToVerifyDialog(self.store, self.today()), chosen)

    def proposals(self) -> None:
        """The team's proposed flags (`team.proposals`): accepted or declined at once."""
        found = pending(self.store)
        if not found:
            self.status(i18n.t("team.proposals.none"))
            return

        def chosen(result: tuple[list[Proposal], list[Proposal]] | None) -> None:
            if result is not None:
                flagged = answer(self.store, *result)
                self.status(i18n.t("team.proposals.done", count=flagged))
                self.reload()

        self.open_dialog(ProposalsDialog(found, who_is_proposed(self.store, found)), chosen)
