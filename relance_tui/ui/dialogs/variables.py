"""F1 in Script: pick a variable, it goes into the template at the cursor."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from relance_tui import i18n
from relance_tui.core.script.variables import CATALOGUE
from relance_tui.ui.dialogs.base import Dialog


class VariablesDialog(Dialog[str]):
    """Every variable, named in the template's language, with what it holds for the
    contact of the preview; Enter returns `{{ name }}` to insert."""

    def __init__(self, lang: str, context: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._lang = lang
        self._values_by_group = context or {}

    def _value(self, group: str, name: str) -> str:
        value = self._values_by_group.get(group)
        text = str(value.get(name, "")) if isinstance(value, dict) else ""
        text = " ".join(text.split())
        return text if len(text) <= 40 else text[:39] + "…"

    def compose(self) -> ComposeResult:
        options = []
        for variable in CATALOGUE:
            path = variable.path(self._lang)
            what = i18n.t(f"var.{variable.group}.{variable.name}")
            value = self._value(variable.group, variable.name)
            shown = f"  = {value}" if value else ""
            options.append(Option(f"{path:<28} {what}{shown}", id=path))
        with Vertical(classes="dialog", id="variables-dialog"):
            yield Label(i18n.t("script.variables.title"), classes="dialog-title")
            yield OptionList(*options, id="variables-list")
            yield Static(i18n.t("script.variables.help"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#variables-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#variables-list")
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        self.dismiss("{{ " + str(message.option.id) + " }}")
