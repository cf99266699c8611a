"""A free-text note on the current call."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from relance_tui import i18n
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.widgets.editing import TextInput


class NoteDialog(Dialog[str]):
    """A free-text note on the current call, saved with its outcome."""

    def __init__(self, current: str) -> None:
        super().__init__()
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="note-dialog"):
            yield Label(i18n.t("dialog.note.title"), classes="dialog-title")
            yield TextInput(self._current, id="note-input", max_length=2000)
            yield Label(i18n.t("dialog.note.hint"), classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        self.dismiss(message.value.strip())
