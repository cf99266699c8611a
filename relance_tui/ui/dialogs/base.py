"""What every dialog shares: escape to cancel, a typed result; forms validated whole."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from relance_tui import i18n
from relance_tui.core.errors import FieldsInvalid

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT | None], Generic[ResultT]):
    """A modal dialog that dismisses with a `ResultT`, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


def form_field(label_key: str, widget: Input | Select[str] | TextArea, name: str) -> ComposeResult:
    """A labelled field with the line under it where its error shows.

    A one-line field sits on one line, label first, with no border: a contact's dozen
    fields fit a 32-row terminal. A text of several lines keeps its label above it."""
    if isinstance(widget, Input | Select):
        widget.compact = True
        with Horizontal(classes="field-row"):
            yield Label(i18n.t(label_key), classes="field-label")
            yield widget
    else:
        yield Label(i18n.t(label_key), classes="field-label")
        yield widget
    yield Label("", id=f"error-{name}", classes="field-error")


class FormDialog(Dialog[ResultT]):
    """Fields, per-field errors, ctrl+s to save: the one validation path of every form.

    `build` turns the text of the fields into a valid result or raises
    FieldsInvalid (one message per field); the form shows the messages under
    the fields and dismisses only with a whole, valid result.
    """

    BINDINGS = [Binding("ctrl+s", "save", "key.save", id="form.save", priority=True)]
    FIELDS: tuple[str, ...] = ()
    _as_opened: dict[str, str] | None = None  # the fields as the form opened

    def _values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name in self.FIELDS:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Input):
                values[name] = widget.value
            elif isinstance(widget, TextArea):
                values[name] = widget.text
            elif isinstance(widget, Select):
                values[name] = "" if widget.value is Select.BLANK else str(widget.value)
        return values

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name in self.FIELDS:
            label = self.query_one(f"#error-{name}", Label)
            label.update(errors.get(name, ""))
            label.display = name in errors
        summary = self.query_one("#form-summary", Label)
        summary.update(i18n.t("form.fix_fields", count=len(errors)) if errors else "")

    def on_mount(self) -> None:
        self._show_errors({})
        self.query(Input).first().focus()
        self._as_opened = self._values()

    def action_cancel(self) -> None:
        """Escape: gone at once when nothing was typed; else asked first (a stray
        Escape must not drop a contact's edits)."""
        if self._values() == self._as_opened:
            self.dismiss(None)
            return
        from relance_tui.ui.dialogs.confirm import ConfirmDialog  # it is a Dialog: no cycle

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(i18n.t("form.drop_edits")), answered)

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def build(self, values: dict[str, str]) -> ResultT:
        raise NotImplementedError

    def action_save(self) -> None:
        try:
            result = self.build(self._values())
        except FieldsInvalid as invalid:
            self._show_errors(invalid.errors)
            return
        self.dismiss(result)

    def _buttons(self) -> ComposeResult:
        yield Label("", id="form-summary", classes="field-error")
        with Horizontal(classes="form-buttons"):
            yield Button(i18n.t("form.save"), id="form-save", variant="primary")
            yield Button(i18n.t("form.cancel"), id="form-cancel")
