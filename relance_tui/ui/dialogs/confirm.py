"""A yes/no question."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from relance_tui import i18n
from relance_tui.ui.dialogs.base import Dialog


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; dismisses with True only on an explicit yes."""

    BINDINGS = [
        Binding("y,o", "answer(True)", "key.yes", id="confirm.yes"),
        Binding("n", "answer(False)", "key.no", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self._question, classes="dialog-title")
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("confirm.yes"), id="confirm-yes", variant="warning")
                yield Button(i18n.t("confirm.no"), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, message: Button.Pressed) -> None:
        self.dismiss(message.button.id == "confirm-yes")
