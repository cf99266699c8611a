"""The copied text, selectable by hand, and which way the copy went."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from relance_tui import i18n
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.widgets.editing import TextEditor


class CopyDialog(Dialog[None]):
    """The copied text, selectable by hand, and which way the copy went."""

    def __init__(self, title: str, text: str, status: str) -> None:
        super().__init__()
        self._title = title
        self._text = text
        self._status = status

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="copy-dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Label(self._status, id="copy-status", classes="dialog-status")
            yield TextEditor(self._text, read_only=True, id="copy-text", soft_wrap=True)
            yield Label(i18n.t("dialog.close_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()
