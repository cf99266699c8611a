"""Appels: the call queue, one target at a time, one key per outcome (PRODUCT §5)."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Label, Static

from relance_tui import i18n
from relance_tui.core.calls.queue import Progress, Queue, TargetState
from relance_tui.core.calls.report import history_text
from relance_tui.core.calls.session import CallSession
from relance_tui.core.calls.states import callback_promised
from relance_tui.core.calls.timing import call_warnings, format_when
from relance_tui.core.errors import RelanceError
from relance_tui.core.models import Outcome
from relance_tui.core.script.wording import whose_callback
from relance_tui.ui.screens.base import RelanceScreen
from relance_tui.ui.screens.call_emails import CallEmails
from relance_tui.ui.screens.call_team import CallTeam
from relance_tui.ui.widgets.banner import ModeBar
from relance_tui.ui.widgets.card_text import card_text
from relance_tui.ui.widgets.changed import show, show_or_hide
from relance_tui.ui.widgets.lines import BigDigits, Lines, PlainLabel
from relance_tui.ui.widgets.queue_lists import QueueLists
from relance_tui.ui.widgets.script_box import ScriptBox, script_hint

OUTCOME_KEYS: dict[str, Outcome] = {
    "c": Outcome.CONFIRMED,
    "i": Outcome.INTERESTED,
    "r": Outcome.RESEND,
    "v": Outcome.VOICEMAIL,
    "n": Outcome.NO_ANSWER,
    "d": Outcome.DECLINED,
    "w": Outcome.WRONG_NUMBER,
    "x": Outcome.DO_NOT_CALL,
}
# The actions offered only while a card is on screen.
NEEDS_CARD = set(
    "outcome callback skip copy_email note dial qr do_not_call voicemail_script"
    " switch_language start_call".split()
)
NARROW = 100  # below this width the side lists fold away (`l` shows them)


class CallsScreen(CallEmails, CallTeam, RelanceScreen):
    MODE = "calls"
    ASKS_CALLER = True

    # The keys of a call's outcome are priority bindings: read as the app gets the key,
    # not after it went through the focused widget and each parent (a millisecond of
    # every key). Nothing focusable here takes letters (the card, the side's lists).
    BINDINGS = [
        Binding("c", "outcome('c')", "key.confirmed", id="calls.confirmed", priority=True),
        Binding("i", "outcome('i')", "key.interested", id="calls.interested", priority=True),
        Binding("r", "outcome('r')", "key.resend", id="calls.resend", priority=True),
        Binding("v", "outcome('v')", "key.voicemail", id="calls.voicemail", priority=True),
        Binding("n", "outcome('n')", "key.no_answer", id="calls.no_answer", priority=True),
        Binding("b", "callback", "key.callback", id="calls.callback"),
        Binding("d", "outcome('d')", "key.declined", id="calls.declined", priority=True),
        Binding("w", "outcome('w')", "key.wrong_number", id="calls.wrong_number", priority=True),
        Binding("x", "do_not_call", "key.do_not_call_ask", id="calls.do_not_call"),
        Binding("s", "skip", "key.skip", id="calls.skip", priority=True),
        Binding("u", "undo", "key.undo", id="calls.undo", priority=True),
        Binding("e", "copy_email", "key.copy_email", id="calls.copy_email"),
        Binding("o", "note", "key.note", id="calls.note"),
        Binding("p", "dial", "key.dial", id="calls.dial"),
        Binding("P", "qr", "key.qr", id="calls.qr", show=False),
        Binding("f", "follow_up", "key.follow_up", id="calls.follow_up", show=False),
        Binding("K", "calendar", "key.calendar", id="calls.calendar", show=False),
        Binding("space", "start_call", "key.start_call", id="calls.start_call"),
        Binding("E", "show_copied", "key.show_copied", id="calls.show_copied", show=False),
        Binding("l", "toggle_side", "key.toggle_side", id="calls.toggle_side"),
        # Shown in the script box's title rather than the footer (already full at 80 columns).
        Binding(
            "m", "voicemail_script", "key.voicemail_script", id="calls.voicemail_script", show=False
        ),
        Binding(
            "t", "switch_language", "key.switch_language", id="calls.switch_language", show=False
        ),
    ]

    has_card: reactive[bool] = reactive(False, bindings=True)

    def __init__(self) -> None:
        super().__init__()
        self._session: CallSession | None = None
        self._outcome_text = ""  # the last outcome recorded, kept in the status line
        self._draft_said = ""  # what became of the email draft, said with the copy
        self._progress: Progress | None = None
        self._script_name = "talking_points"  # or voicemail, on `m`, until the next card
        self._script_target: int | None = None

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
        self.set_interval(1.0, self._tick)
        self._start_team()
        self._show(self.session.card)

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
        text = card_text(state, answered, self.clock(), lang, session.outlet_record(state), whose)
        for name in ("outlet", "contact", "extension", "phone", "meta", "notes", "answered"):
            label = query(f"#card-{'phone-text' if name == 'phone' else name}", PlainLabel)
            if name in ("notes", "answered"):
                show_or_hide(label, getattr(text, name))
            else:
                show(label, getattr(text, name))
        show(query("#card-phone", BigDigits), text.digits)
        self._show_note()
        self._show_taken(state)
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
        self._show_team()
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
        dialog = self._callback_dialog()

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
            self._email_worker(state, "resend")  # it follows; the status line says how it went

    def action_callback(self) -> None:
        if self.current is None:
            return

        dialog = self._callback_dialog()

        def chosen(moment: datetime | None) -> None:
            if moment is not None:
                self._record(Outcome.CALLBACK, callback_at=moment, anyone=dialog.anyone)

        self.app.push_screen(dialog, self.guarded(chosen))

    def action_skip(self) -> None:
        if self._passed():
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
            self.dial(self.current)

    def action_calendar(self) -> None:
        if self.session.event is not None:
            self.calendar(self.session.event)

    def action_qr(self) -> None:
        if self.current is not None:
            self.dial(self.current, show_qr=True)

    def _say(self, text: str) -> None:
        self._status(text)
