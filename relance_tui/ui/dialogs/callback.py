"""When to call back: typed in words, echoed as a date, checked against the officer's
week before it is saved (a weekend, a holiday, the evening, after the event)."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label

from relance_tui import i18n
from relance_tui.core.dates import BadTime, Clock, format_when, parse_when
from relance_tui.core.models import Event
from relance_tui.core.workdays import CallbackCheck, check_callback
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.widgets.editing import TextInput


class CallbackDialog(Dialog[datetime]):
    """Asks when to call back; echoes the parsed time in words before saving. An odd
    time (PRODUCT §4) shows why on one line with the nearest sensible time: ↓ takes
    that time, a second Entrée keeps the one typed."""

    BINDINGS = [
        Binding(
            "down",
            "take_suggestion",
            "key.take_suggestion",
            id="callback.take",
            show=False,
            priority=True,  # before the field: a one-line field has nothing below
        )
    ]

    def __init__(
        self, clock: Clock, lang: str, *, team: bool = False, event: Event | None = None
    ) -> None:
        super().__init__()
        self._clock = clock
        self._lang = lang
        self._team = team
        self._event = event
        self._check = CallbackCheck()
        self._asked: datetime | None = None  # the odd time a first Entrée was warned of
        self.anyone = False  # in a team: anyone may make the callback, not only its caller

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="callback-dialog"):
            yield Label(i18n.t("dialog.callback.title"), classes="dialog-title")
            yield TextInput(placeholder=i18n.t("dialog.callback.placeholder"), id="callback-input")
            yield Label("", id="callback-echo", classes="dialog-status")
            yield Label("", id="callback-warning", classes="dialog-warning")
            if self._team:
                yield Checkbox(i18n.t("dialog.callback.anyone"), id="callback-anyone")
            yield Label(i18n.t("dialog.callback.hint"), classes="dialog-hint")

    def _parse(self, text: str) -> datetime:
        return parse_when(text, self._clock(), working_days=True)

    def _echo(self, text: str) -> datetime | None:
        """Show the time `text` stands for (or why it stands for none), and what is odd
        about it; that time."""
        echo = self.query_one("#callback-echo", Label)
        try:
            moment = self._parse(text)
        except BadTime as problem:
            echo.update(str(problem))
            echo.set_class(True, "-error")
            self._warn(CallbackCheck())
            return None
        echo.set_class(False, "-error")
        echo.update(i18n.t("dialog.callback.echo", when=format_when(moment, self._lang)))
        self._warn(check_callback(moment, self._clock(), self._event, self._lang))
        return moment

    def _warn(self, check: CallbackCheck) -> None:
        self._check = check
        label = self.query_one("#callback-warning", Label)
        label.set_class(False, "-asked")
        if not check.odd:
            label.update("")
            return
        why = i18n.t("callback.and").join(i18n.t(key, **params) for key, params in check.problems)
        if check.suggestion is not None:
            text = i18n.t(
                "dialog.callback.odd", why=why, when=format_when(check.suggestion, self._lang)
            )
        else:
            text = i18n.t("dialog.callback.odd_none", why=why)
        label.update(text)

    def action_take_suggestion(self) -> None:
        if self._check.suggestion is not None:
            self.dismiss(self._check.suggestion)

    @on(Input.Changed)
    def _changed(self, message: Input.Changed) -> None:
        self._asked = None
        if message.value.strip():
            self._echo(message.value)
        else:
            self.query_one("#callback-echo", Label).update("")
            self._warn(CallbackCheck())

    @on(Checkbox.Changed)
    def _anyone(self, message: Checkbox.Changed) -> None:
        self.anyone = message.value

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        moment = self._echo(message.value)
        if moment is None:
            return
        if self._check.odd and self._asked != moment:
            self._asked = moment  # said once, in bold: a second Entrée keeps it
            self.query_one("#callback-warning", Label).set_class(True, "-asked")
            return
        self.dismiss(moment)
