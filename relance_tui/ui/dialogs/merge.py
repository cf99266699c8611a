"""Bring the callers' calls back into this file."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from relance_tui import i18n
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.widgets.editing import TextInput


class MergeDialog(Dialog[list[Path]]):
    """The callers' files (or the folder holding them) to bring back."""

    def __init__(self, default_dir: Path) -> None:
        super().__init__()
        self._default_dir = default_dir

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="merge-dialog"):
            yield Label(i18n.t("team.merge.title"), classes="dialog-title")
            yield TextInput(str(self._default_dir), id="merge-paths", select_on_focus=True)
            yield Label(i18n.t("team.merge.hint"), classes="dialog-hint")
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("team.merge.go"), id="merge-go", variant="primary")
                yield Button(i18n.t("form.cancel"), id="merge-cancel")

    @on(Button.Pressed, "#merge-go")
    @on(Input.Submitted)
    def _go(self) -> None:
        paths: list[Path] = []
        for token in self.query_one("#merge-paths", Input).value.split(";"):
            path = Path(token.strip()).expanduser()
            if path.is_dir():
                paths += sorted(path.glob("*.json"))
            elif token.strip():
                paths.append(path)
        self.dismiss(paths)

    @on(Button.Pressed, "#merge-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
