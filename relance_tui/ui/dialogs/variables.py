"""The variables a template may use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from relance_tui import i18n
from relance_tui.ui.dialogs.base import Dialog


class VariablesDialog(Dialog[None]):
    """What a template can say: every variable with what it holds."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="variables-dialog"):
            yield Label(i18n.t("script.variables.title"), classes="dialog-title")
            yield Static(i18n.t("script.variables.list"), markup=False)
            yield Label(i18n.t("dialog.close_hint"), classes="dialog-hint")
