"""Appels' emails: the reminder for the card (e, and after r), the follow-up to a
message left (f, after v): copied, and written as a draft for the mail program.

A helper the Appels screen holds (`CallsScreen.emails`), its inputs said: the call
session, the hand-offs, how the screen copies a text, and where it says things.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.app import App

from relance_tui import i18n
from relance_tui.core.calls.queue import TargetState
from relance_tui.core.script.templates import TemplateProblem
from relance_tui.core.station.session import CallSession
from relance_tui.ui.handoff import HandOff


@dataclass
class EmailPart:
    """The card's reminder email and the follow-up after a message left."""

    app: App[Any]
    session: CallSession
    hand_off: HandOff
    copy: Callable[[str, str, str], None]  # (title, text, label): copied, said how it went
    email_title: Callable[[str, str], str]  # (to, subject): the copy's title
    email_text: Callable[[str, str, str], str]  # (to, subject, body): what is copied
    status: Callable[[str], None]
    outcome_text: Callable[[], str]  # the outcome just recorded, said with the copy
    notify_error: Callable[[str], None]  # a toast that the email is not ready
    run_worker: Callable[..., Any]  # the screen's own (`DOMNode.run_worker`)
    draft_said: str = ""  # what became of the draft, said with the copy

    def send(self, state: TargetState, situation: str | None = None) -> None:
        """The reminder (or, `situation="voicemail"`, the follow-up) for `state`:
        rendered off the UI thread, drafted and copied."""
        work = partial(self._render, state, situation)
        self.run_worker(work, thread=True, group="email")

    def _render(self, state: TargetState, situation: str | None) -> None:
        # Off the UI thread: templates render in the render process, up to its deadline.
        try:
            # After a message left, the templates say so (call.situation): the greeting
            # first, then "I just left you a message…", under one subject prefix.
            rendered = self.session.reminder_email(state, situation)
        except TemplateProblem as problem:
            self.app.call_from_thread(self._failed, problem)
            return
        subject, body = rendered.email_subject, rendered.email_body
        event = self.session.event
        if event is not None and state.email:  # a draft for the mail program, and the copy
            name = state.name or state.label
            self.draft_said = self.hand_off.email_draft(event, state.email, subject, body, name)
        self.app.call_from_thread(self._copy, state, subject, body)

    def _failed(self, problem: TemplateProblem) -> None:
        # Loud: the caller must not think the email is ready.
        message = i18n.t(
            "calls.email_problem",
            template=i18n.t(f"script.{problem.template or 'email_body'}"),
            problem=str(problem),
        )
        self.said(message)
        self.notify_error(message)

    def follow_up(self) -> None:
        """f: the follow-up email to the last person a message was left for (the card has
        moved on after v)."""
        state = self.session.last_voicemail()
        if state is None:
            self.status(i18n.t("handoff.followup.none"))
            return
        self.send(state, "voicemail")

    def _copy(self, state: TargetState, subject: str, body: str) -> None:
        # No dialog in the way of the next call: the status line says how it went,
        # `E` shows the text (and it opens by itself when nothing could be copied).
        title = i18n.t("calls.email_title") + " — " + self.email_title(state.email, subject)
        self.copy(title, self.email_text(state.email, subject, body), state.name or state.label)

    def said(self, message: str) -> None:
        """Where the email is first (the status line is cut at 80 columns), then the
        outcome just recorded, then how the copy went."""
        said = [self.draft_said, self.outcome_text(), message]
        self.draft_said = ""
        self.status(" · ".join(part for part in said if part))
