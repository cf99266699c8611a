"""Appels' emails: the reminder for the card (e, and after r), the follow-up to a
message left (f, after v): copied, and written as a draft for the mail program."""

from __future__ import annotations

from textual import work

from relance_tui import i18n
from relance_tui.core.calls.queue import TargetState
from relance_tui.core.calls.session import CallSession
from relance_tui.core.script.templates import TemplateProblem
from relance_tui.ui.handoff import HandOffs


class CallEmails(HandOffs):
    """A mixin of CallsScreen (its session, status line and copy helpers)."""

    session: CallSession
    _draft_said: str
    _outcome_text: str

    @work(thread=True, group="email")
    def _email_worker(self, state: TargetState, situation: str | None = None) -> None:
        # Off the UI thread: templates render in the render process, up to its deadline.
        app = self.app  # type: ignore[attr-defined]
        try:
            # After a message left, the templates say so (call.situation): the greeting
            # first, then "I just left you a message…", under one subject prefix.
            rendered = self.session.reminder_email(state, situation)
        except TemplateProblem as problem:
            app.call_from_thread(self._email_failed, problem)
            return
        subject, body = rendered.email_subject, rendered.email_body
        event = self.session.event
        if event is not None and state.email:  # a draft for the mail program, and the copy
            name = state.name or state.label
            self._draft_said = self.email_draft(event, state.email, subject, body, name)
        app.call_from_thread(self._copy, state, subject, body)

    def _email_failed(self, problem: TemplateProblem) -> None:
        # Loud: the caller must not think the email is ready.
        message = i18n.t(
            "calls.email_problem",
            template=i18n.t(f"script.{problem.template or 'email_body'}"),
            problem=str(problem),
        )
        self.on_copied(message)
        self.notify(message, severity="error", timeout=10)  # type: ignore[attr-defined]

    def action_copy_email(self) -> None:
        if self.current is not None:  # type: ignore[attr-defined]
            self._email_worker(self.current)  # type: ignore[attr-defined]

    def action_follow_up(self) -> None:
        """f: the follow-up email to the last person a message was left for (the card has
        moved on after v)."""
        state = self.session.last_voicemail()
        if state is None:
            self._status(i18n.t("handoff.followup.none"))  # type: ignore[attr-defined]
            return
        self._email_worker(state, "voicemail")

    def _copy(self, state: TargetState, subject: str, body: str) -> None:
        # No dialog in the way of the next call: the status line says how it went,
        # `E` shows the text (and it opens by itself when nothing could be copied).
        self.copy_with_dialog(  # type: ignore[attr-defined]
            i18n.t("calls.email_title") + " — " + self.email_title(state.email, subject),  # type: ignore[attr-defined]
            self.email_text(state.email, subject, body),  # type: ignore[attr-defined]
            state.name or state.label,
            show_text=False,
        )

    def on_copied(self, message: str) -> None:
        # Where the email is first (the status line is cut at 80 columns), then the
        # outcome just recorded, then how the copy went.
        said = [self._draft_said, self._outcome_text, message]
        self._draft_said = ""
        self._status(" · ".join(part for part in said if part))  # type: ignore[attr-defined]
