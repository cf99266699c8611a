"""When to call back: typed in words, echoed as a date before it is saved."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label

from relance_tui import i18n
from relance_tui.core.calls.timing import BadTime, Clock, format_when, parse_when
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.widgets.editing import TextInput


class CallbackDialog(Dialog[datetime]):
    """Asks when to call back; echoes the parsed time in words before saving."""

    def __init__(self, clock: Clock, lang: str, *, team: bool = False) -> None:
        super().__init__()
        self._clock = clock
        self._lang = lang
        self._team = team
        self.anyone = False  # in a team: anyone may make the callback, not only its caller

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="callback-dialog"):
            yield Label(i18n.t("dialog.callback.title"), classes="dialog-title")
            yield TextInput(placeholder=i18n.t("dialog.callback.placeholder"), id="callback-input")
            yield Label("", id="callback-echo", classes="dialog-status")
            if self._team:
                yield Checkbox(i18n.t("dialog.callback.anyone"), id="callback-anyone")
            yield Label(i18n.t("dialog.callback.hint"), classes="dialog-hint")

    def _parse(self, text: str) -> datetime:
        return parse_when(text, self._clock())

    def _echo(self, text: str) -> datetime | None:
        """Show the time `text` stands for (or why it stands for none); that time."""
        echo = self.query_one("#callback-echo", Label)
        try:
            moment = self._parse(text)
        except BadTime as problem:
            echo.update(str(problem))
            echo.set_class(True, "-error")
            return None
        echo.set_class(False, "-error")
        echo.update(i18n.t("dialog.callback.echo", when=format_when(moment, self._lang)))
        return moment

    @on(Input.Changed)
    def _changed(self, message: Input.Changed) -> None:
        if message.value.strip():
            self._echo(message.value)
        else:
            self.query_one("#callback-echo", Label).update("")

    @on(Checkbox.Changed)
    def _anyone(self, message: Checkbox.Changed) -> None:
        self.anyone = message.value

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        moment = self._echo(message.value)
        if moment is not None:
            self.dismiss(moment)
