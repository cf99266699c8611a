"""Share the call list among several callers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from relance_tui import i18n
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.widgets.editing import TextInput


@dataclass(frozen=True)
class SplitRequest:
    """The callers' names and the folder where their files go."""

    names: list[str]
    folder: Path


class SplitDialog(Dialog[SplitRequest]):
    """How many callers, their names, and the folder for their files."""

    def __init__(self, default_dir: Path) -> None:
        super().__init__()
        self._default_dir = default_dir

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="split-dialog"):
            yield Label(i18n.t("team.split.title"), classes="dialog-title")
            yield Label(i18n.t("team.split.names"), classes="field-label")
            yield TextInput(placeholder="Sam, Alex, Noor", id="split-names")
            yield Label(i18n.t("export.dialog.path"), classes="field-label")
            yield TextInput(str(self._default_dir), id="split-folder", select_on_focus=True)
            yield Label("", id="split-error", classes="field-error")
            yield Label(i18n.t("team.split.hint"), classes="dialog-hint")
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("team.split.go"), id="split-go", variant="primary")
                yield Button(i18n.t("form.cancel"), id="split-cancel")

    @on(Button.Pressed, "#split-go")
    @on(Input.Submitted)
    def _go(self) -> None:
        names = [n.strip() for n in self.query_one("#split-names", Input).value.split(",")]
        names = [n for n in names if n]
        if not 2 <= len(names) <= 20:
            self.query_one("#split-error", Label).update(i18n.t("team.split.need_names"))
            return
        folder = Path(self.query_one("#split-folder", Input).value.strip()).expanduser()
        self.dismiss(SplitRequest(names, folder))

    @on(Button.Pressed, "#split-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
