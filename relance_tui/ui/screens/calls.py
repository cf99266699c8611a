"""Appels: the call queue, one target at a time, one key per outcome (PRODUCT §5)."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Label, Static

from relance_tui import i18n
from relance_tui.core.calls.queue import Progress, Queue, TargetState
from relance_tui.core.calls.states import callback_promised
from relance_tui.core.calls.timing import call_warnings
from relance_tui.core.dates import format_when
from relance_tui.core.errors import RelanceError
from relance_tui.core.models import Outcome
from relance_tui.core.script.wording import whose_callback
from relance_tui.core.station.report import history_text
from relance_tui.core.station.session import CallSession
from relance_tui.ui.handoff import HandOff
from relance_tui.ui.screens.base import RelanceScreen
from relance_tui.ui.screens.call_emails import EmailPart
from relance_tui.ui.screens.call_keys import CALL_BINDINGS, NARROW, NEEDS_CARD, OUTCOME_KEYS
from relance_tui.ui.screens.call_team import TeamPart
from relance_tui.ui.widgets.banner import ModeBar
from relance_tui.ui.widgets.card_text import card_text
from relance_tui.ui.widgets.changed import show, show_or_hide
from relance_tui.ui.widgets.lines import BigDigits, Lines, PlainLabel
from relance_tui.ui.widgets.queue_lists import QueueLists
from relance_tui.ui.widgets.script_box import ScriptBox, script_hint


class CallsScreen(RelanceScreen):
    MODE = "calls"
    ASKS_CALLER = True

    BINDINGS = CALL_BINDINGS  # (`call_keys`)

    has_card: reactive[bool] = reactive(False, bindings=True)

    def __init__(self) -> None:
        super().__init__()
        self._session: CallSession | None = None
        self._outcome_text = ""  # the last outcome recorded, kept in the status line
        self._progress: Progress | None = None
        self._script_name = "talking_points"  # or voicemail, on `m`, until the next card
        self._script_target: int | None = None
        self.team = TeamPart(  # (the app is read when asked: not built yet)
            session=lambda: self._session,
            store=lambda: self.store,
            clock=lambda: self.clock(),
            status=self._status,
            show=self._show,
            on_view=lambda: self.app.current_mode == "calls",
            key_for=lambda action, default: self.relance.key_for(action, default),
        )

    # layout ---------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        yield Label("", id="call-warnings")
        with Horizontal(id="calls-body"):
            with Vertical(id="card-column"):
                with VerticalScroll(id="card"):
                    yield PlainLabel(id="card-progress")  # at 80 columns, in place of the side
                    yield PlainLabel(id="card-outlet")
                    yield PlainLabel(id="card-contact")
                    with Horizontal(id="card-phone-row"):
                        yield BigDigits(id="card-phone")
                        yield PlainLabel(id="card-extension")
                    yield PlainLabel(id="card-phone-text")
                    yield PlainLabel(id="card-meta")
                    yield PlainLabel(id="card-notes")
                    yield PlainLabel(id="card-answered")
                    yield PlainLabel(id="card-team")  # a teammate took it first
                    yield PlainLabel(id="card-note")
                    yield ScriptBox(id="card-script")
                    yield Label(i18n.t("calls.history"), classes="card-title")
                    yield Lines(id="card-history")
                # The ask, below the card's scrolling part: on screen at 80×24.
                yield PlainLabel(id="card-ask")
            with Vertical(id="calls-side"):
                yield PlainLabel(id="call-timer")
                yield Lines(id="progress")
                yield Static("", id="team-progress", markup=False)
                yield QueueLists(id="queue-side")
                yield Label(i18n.t("calls.side_hint"), id="side-hint")
        yield PlainLabel(id="call-status")

    def on_mount(self) -> None:
        ask = self.query_one("#card-ask", PlainLabel)
        # Its row stays while a card's points are prepared (no layout twice per key).
        self.query_one("#card-script", ScriptBox).show_ask = lambda text: show(
            ask, f"➜ {text}" if text else ""
        )
        self._session = CallSession(self.store, self.clock)  # the queue, read once
        self.hand_off = HandOff(self.app, self.store, self.clock, self._say, self.run_worker)
        self.emails = EmailPart(
            app=self.app,
            session=self._session,
            hand_off=self.hand_off,
            copy=lambda title, text, label: self.copy_with_dialog(title, text, label, False),
            email_title=self.email_title,
            email_text=self.email_text,
            status=self._status,
            outcome_text=lambda: self._outcome_text,
            notify_error=lambda message: self.notify(message, severity="error", timeout=10),
            run_worker=self.run_worker,
        )
        self.set_interval(1.0, self._tick)
        if self.team.in_team:  # what teammates did comes in by their files
            self.set_interval(1.0, self.team.sync)
        self._show(self.session.card)

    def on_unmount(self) -> None:
        self.team.leave()  # the card held goes back to the team

    def on_screen_suspend(self) -> None:
        # Off to another screen (not a dialog over the card): the card goes back to the
        # team until Appels shows it again.
        self.team.leave(always=False)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if not self.session.is_current():  # else just built: the queue was read already
            self.reload()

    # state ----------------------------------------------------------------------
    @property
    def session(self) -> CallSession:
        assert self._session is not None
        return self._session

    @property
    def current(self) -> TargetState | None:
        return self._session.card if self._session else None

    def reload(self) -> None:
        """Read the queue again and show the card to call now."""
        self._show(self.session.refresh())

    def queue_known(self) -> Queue | None:
        return self._session.queue if self._session is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_CARD and not self.has_card:
            return False  # hidden: the empty queue says what to do next instead
        return True

    # rendering ------------------------------------------------------------------
    def _show(self, state: TargetState | None) -> None:
        self.has_card = state is not None
        lang = self.lang
        query = self.query_one
        for empty in ("#card-script", "#card .card-title", "#card-history"):  # no card: no box
            widget = query(empty)
            if widget.display != (state is not None):
                widget.display = state is not None
        if state is None:
            for line in self.query("#card PlainLabel").results(PlainLabel):
                show(line, "")
            key, values = self.session.why_no_card()
            show(query("#card-outlet", PlainLabel), i18n.t(key, **values))
            show(query("#card-phone", BigDigits), "")
            show(query("#card-history", Static), "")
            query("#card-script", ScriptBox).clear()
        else:
            self._show_card(state, lang)
        self._show_side(lang)
        self._show_warnings(state)
        self._tick()

    def _show_card(self, state: TargetState, lang: str) -> None:
        query = self.query_one
        answered = self.session.queue.outlet_answer(state) if self.session.queue else None
        session = self.session
        whose = whose_callback(callback_promised(state), session.caller, session.team is not None)
        text = card_text(state, answered, self.clock(), lang, session.outlet_said(state), whose)
        for name in ("outlet", "contact", "extension", "phone", "meta", "notes", "answered"):
            label = query(f"#card-{'phone-text' if name == 'phone' else name}", PlainLabel)
            if name in ("notes", "answered"):
                show_or_hide(label, getattr(text, name))
            else:
                show(label, getattr(text, name))
        show(query("#card-phone", BigDigits), text.digits)
        self._show_note()
        show_or_hide(self.query_one("#card-team", PlainLabel), self.team.taken_text(state))
        show(query("#card-history", Static), history_text(state, lang))
        if state.target.id != self._script_target:  # a new card opens on the talking points
            self._script_name = "talking_points"
            self._script_target = state.target.id
        self._show_script(state)

    def _show_script(self, state: TargetState) -> None:
        box = self.query_one("#card-script", ScriptBox)
        box.hint = script_hint(
            self.relance.key_for("calls.voicemail_script", "m"),
            self.relance.key_for("calls.switch_language", "t"),
            self._script_name,
            self.session.language(state),
        )
        ahead = self.session.next_job() if self._script_name == "talking_points" else None
        box.show_job(self.session.script_job(state, self._script_name), self.session.scripts, ahead)

    def _show_note(self) -> None:
        note = self.session.note
        label = self.query_one("#card-note", PlainLabel)
        show_or_hide(label, i18n.t("calls.pending_note", note=note) if note else "")

    def _show_side(self, lang: str) -> None:
        query = self.query_one
        queue = self.session.queue
        done = self._progress = self.session.progress()
        side = query("#queue-side", QueueLists)
        if queue is None or done is None:
            side.clear_options()
            show(query("#progress", Static), "")
            return
        query(ModeBar).show_calls(done.called, done.total, done.confirmed)
        progress = i18n.t(
            "calls.progress",
            called=done.called,
            total=done.total,
            confirmed=done.confirmed,
            left=done.left,
            later=done.later,
        )
        turnout = self.session.turnout()  # "attendus : 3 à 6 médias"
        expected = turnout.text() if turnout is not None else ""
        show(query("#progress", Static), f"{progress}\n{expected}" if expected else progress)
        show_or_hide(self.query_one("#team-progress", Static), self.team.progress_text())
        side.show(queue, self.clock(), lang, self.session.caller, self.session.team is not None)

    @on(QueueLists.Picked)
    def _picked(self, message: QueueLists.Picked) -> None:
        card = self.session.call_now(message.target_id)
        if card is not None:
            self._show(card)
            self._status(i18n.t("calls.called_now", who=card.label))
            self.remove_class("-side")  # at 80 columns the card takes the width again
            self.set_focus(self.query_one("#card"))

    @on(QueueLists.Postpone)
    def _postpone(self, message: QueueLists.Postpone) -> None:
        dialog = self.team.callback_dialog(self.lang)

        def chosen(moment: datetime | None) -> None:
            if moment is not None and self.session.postpone(
                message.target_id, moment, anyone=dialog.anyone
            ):
                self._show(self.session.card)
                self._status(i18n.t("calls.postponed", when=format_when(moment, self.lang)))

        self.app.push_screen(dialog, self.guarded(chosen))

    def _show_warnings(self, state: TargetState | None) -> None:
        label = self.query_one("#call-warnings", Label)
        event = self.session.event
        if event is None:
            show_or_hide(label, "")
            return
        air_time = state.show.air_time if state and state.show else ""
        warnings = call_warnings(self.clock(), event, air_time)
        show_or_hide(label, "  ".join("⚠ " + i18n.t(key, **params) for key, params in warnings))

    def _tick(self) -> None:
        label = self.query_one("#call-timer", PlainLabel)
        if self._session is None or self._session.card is None:
            show(label, "")
            return
        seconds = self._session.seconds_in_call()
        if seconds is None:
            timer = i18n.t("calls.timer_idle")
        else:
            timer = i18n.t("calls.timer", time=f"{seconds // 60}:{seconds % 60:02d}")
        show(label, timer)
        done = self._progress  # worked out once per card, not once a second
        if done is not None:
            show(
                self.query_one("#card-progress", PlainLabel),
                i18n.t(
                    "calls.progress_short",
                    timer=timer,
                    called=done.called,
                    total=done.total,
                    confirmed=done.confirmed,
                ),
            )

    def _status(self, text: str) -> None:
        show(self.query_one("#call-status", PlainLabel), text)

    # actions: one call on the session each -------------------------------------
    def _record(
        self, outcome: Outcome, callback_at: datetime | None = None, anyone: bool = False
    ) -> bool:
        try:
            recorded = self.session.record(outcome, callback_at, anyone=anyone)
        except RelanceError as problem:
            self._status(str(problem))
            self.notify(str(problem), severity="error")
            return False
        if recorded is None:
            return False
        self._outcome_text = i18n.t(
            "calls.recorded",
            outcome=i18n.t(f"outcome.{outcome.value}"),
            who=recorded.called.label,
        )
        if outcome is Outcome.VOICEMAIL:  # the key is not in the full footer: said here
            self._outcome_text += " " + i18n.t("handoff.followup.hint")
        if recorded.attempt.callback_at is not None:
            self._outcome_text += " " + i18n.t(
                "calls.callback_when", when=format_when(recorded.attempt.callback_at, self.lang)
            )
        self._status(self._outcome_text)
        self._show(recorded.card)
        return True

    def action_outcome(self, key: str) -> None:
        outcome = OUTCOME_KEYS[key]
        state = self.current
        if state is None:
            return
        if self._record(outcome) and outcome is Outcome.RESEND:
            self.emails.send(state, "resend")  # it follows; the status line says how it went

    def action_callback(self) -> None:
        if self.current is None:
            return

        dialog = self.team.callback_dialog(self.lang)

        def chosen(moment: datetime | None) -> None:
            if moment is not None:
                self._record(Outcome.CALLBACK, callback_at=moment, anyone=dialog.anyone)

        self.app.push_screen(dialog, self.guarded(chosen))

    def action_skip(self) -> None:
        if self.team.passed():
            return
        try:
            skipped = self.session.skip()
        except RelanceError as problem:
            self._status(str(problem))
            return
        if skipped is not None:
            self._status(i18n.t("calls.skipped", who=skipped.called.label))
            self._show(skipped.card)

    def action_undo(self) -> None:
        try:
            undone = self.session.undo()
        except RelanceError as problem:
            self._status(str(problem))
            return
        if undone is None:
            self._status(i18n.t("calls.nothing_to_undo"))
            return
        self._show(undone.card)
        outcome = i18n.t(f"outcome.{undone.attempt.outcome.value}")
        who = undone.card.label if undone.card is not None else ""
        self._status(i18n.t("calls.undone", outcome=outcome, who=who))

    def action_note(self) -> None:
        if self.current is None:
            return
        from relance_tui.ui.dialogs.note import NoteDialog  # not before the first card

        def noted(text: str | None) -> None:
            if text is not None:
                self.session.set_note(text)
                self._show_note()

        self.app.push_screen(NoteDialog(self.session.note), self.guarded(noted))

    def action_voicemail_script(self) -> None:
        if self.current is not None:
            self._script_name = (
                "voicemail" if self._script_name == "talking_points" else ("talking_points")
            )
            self._show_script(self.current)

    def action_switch_language(self) -> None:
        if self.current is not None:
            lang = self.session.switch_language(self.current)
            self._show_script(self.current)
            self._status(i18n.t("calls.language_now", language=i18n.t(f"language.{lang}")))

    def action_show_copied(self) -> None:
        self.show_last_copy()

    def action_start_call(self) -> None:
        if self.session.start_call():
            self._tick()

    def action_toggle_side(self) -> None:
        self.toggle_class("-side")

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def action_do_not_call(self) -> None:
        state = self.current
        if state is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.action_outcome("x")

        from relance_tui.ui.dialogs.confirm import ConfirmDialog  # not before the first card

        question = i18n.t("calls.do_not_call_question", who=state.name or state.label)
        self.app.push_screen(ConfirmDialog(question), self.guarded(answered))

    def action_dial(self) -> None:
        if self.current is not None:
            self.session.start_call()
            self.hand_off.dial(self.current)

    def action_calendar(self) -> None:
        if self.session.event is not None:
            self.hand_off.calendar(self.session.event)

    def action_qr(self) -> None:
        if self.current is not None:
            self.hand_off.dial(self.current, show_qr=True)

    def _say(self, text: str) -> None:
        self._status(text)

    # emails (`call_emails.EmailPart`) ----------------------------------------------------
    def action_copy_email(self) -> None:
        if self.current is not None:
            self.emails.send(self.current)

    def action_follow_up(self) -> None:
        self.emails.follow_up()

    def on_copied(self, message: str) -> None:
        self.emails.said(message)
