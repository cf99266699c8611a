"""The number as a QR code: scanned with the phone's camera, it offers to call."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from relance_tui import i18n
from relance_tui.core.handoff.qr import qr_halves, qr_matrix
from relance_tui.ui.dialogs.base import Dialog

DARK, LIGHT = "#000000", "#ffffff"


def qr_text(uri: str) -> Text:
    """Half blocks, black on white whatever the terminal's theme (scanners need it)."""
    text = Text(no_wrap=True, overflow="crop")
    for line in qr_halves(qr_matrix(uri)):
        for top, bottom in line:
            text.append("▀", Style(color=DARK if top else LIGHT, bgcolor=DARK if bottom else LIGHT))
        text.append("\n")
    return text


class QrDialog(Dialog[None]):
    """The number, and its `tel:` link as a QR code beside it."""

    def __init__(self, who: str, number: str, uri: str) -> None:
        super().__init__()
        self._who = who
        self._number = number
        self.uri = uri

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="qr-dialog"):
            yield Label(i18n.t("handoff.qr.title", who=self._who), classes="dialog-title")
            with Horizontal(id="qr-body"):
                yield Static(self._number, id="qr-number")
                yield Static(qr_text(self.uri), id="qr-code")
            yield Label(i18n.t("handoff.qr.hint"), classes="dialog-hint")
