"""Resending to everyone who asked: one draft each, or one message in Bcc."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from relance_tui import i18n
from relance_tui.ui.dialogs.base import Dialog


class ResendAllDialog(Dialog[bool]):
    """Dismisses with True for one message in Bcc, False for one draft each."""

    BINDINGS = [
        Binding("p", "answer(False)", "handoff.resend_all.each", id="resend_all.each"),
        Binding("c", "answer(True)", "handoff.resend_all.bcc", id="resend_all.bcc"),
    ]

    def __init__(
        self, count: int, question: str = "handoff.resend_all.question", each: str = ""
    ) -> None:
        super().__init__()
        self._count = count
        self._question = question  # the same choice for the press kit after the event
        self._each = each or "handoff.resend_all.each"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="resend-all-dialog"):
            question = i18n.t(self._question, count=self._count)
            yield Label(question, classes="dialog-title")
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t(self._each), id="resend-each", variant="primary")
                yield Button(i18n.t("handoff.resend_all.bcc"), id="resend-bcc")

    def action_answer(self, bcc: bool) -> None:
        self.dismiss(bcc)

    @on(Button.Pressed)
    def _pressed(self, message: Button.Pressed) -> None:
        self.dismiss(message.button.id == "resend-bcc")
