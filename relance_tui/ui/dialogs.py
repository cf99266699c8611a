"""Modal dialogs: the copied text, a note, a callback time."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from relance_tui import i18n
from relance_tui.core.calls.timing import BadTime, Clock, format_when, parse_when
from relance_tui.ui.bindings import translate_bindings


class _Dialog(ModalScreen[object]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CopyDialog(_Dialog):
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
            yield TextArea(self._text, read_only=True, id="copy-text", soft_wrap=True)
            yield Label(i18n.t("dialog.close_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


class NoteDialog(_Dialog):
    """A free-text note on the current call, saved with its outcome."""

    def __init__(self, current: str) -> None:
        super().__init__()
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="note-dialog"):
            yield Label(i18n.t("dialog.note.title"), classes="dialog-title")
            yield Input(self._current, id="note-input", max_length=2000)
            yield Label(i18n.t("dialog.note.hint"), classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        self.dismiss(message.value.strip())


class CallbackDialog(_Dialog):
    """Asks when to call back; echoes the parsed time in words before saving."""

    def __init__(self, clock: Clock, lang: str) -> None:
        super().__init__()
        self._clock = clock
        self._lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="callback-dialog"):
            yield Label(i18n.t("dialog.callback.title"), classes="dialog-title")
            yield Input(placeholder=i18n.t("dialog.callback.placeholder"), id="callback-input")
            yield Label("", id="callback-echo", classes="dialog-status")
            yield Label(i18n.t("dialog.callback.hint"), classes="dialog-hint")

    def _parse(self, text: str) -> datetime:
        return parse_when(text, self._clock())

    @on(Input.Changed)
    def _changed(self, message: Input.Changed) -> None:
        echo = self.query_one("#callback-echo", Label)
        if not message.value.strip():
            echo.update("")
            return
        try:
            moment = self._parse(message.value)
        except BadTime as problem:
            echo.update(str(problem))
            echo.set_class(True, "-error")
            return
        echo.set_class(False, "-error")
        echo.update(i18n.t("dialog.callback.echo", when=format_when(moment, self._lang)))

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        echo = self.query_one("#callback-echo", Label)
        try:
            moment = self._parse(message.value)
        except BadTime as problem:
            echo.update(str(problem))
            echo.set_class(True, "-error")
            return
        self.dismiss(moment)
