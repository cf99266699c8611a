"""Répétition: read the talking points aloud against a timer, and learn your pace."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Digits, Label, Static

from relance_tui import i18n
from relance_tui.core.dates import format_past, format_short_when
from relance_tui.core.models import Event, RehearsalTake
from relance_tui.core.script import book
from relance_tui.core.script.rehearsal import (
    TAKES_BEFORE_CALLING,
    Phase,
    TakeTimer,
    TimerState,
    delete_take,
    pace,
    phase,
    ready_check,
    record_take,
    rehearsals,
    take_rows,
)
from relance_tui.core.script.speech import PLAUSIBLE_WPM, plausible
from relance_tui.core.script.templates import TemplateProblem, render, sample_context
from relance_tui.core.script.voice import (
    FRAME_S,
    Heard,
    SpeechDetector,
    VoiceEvent,
    VoiceTimer,
    VoiceUnavailable,
    listen,
    voice_frames,
)
from relance_tui.ui.dialogs.confirm import ConfirmDialog
from relance_tui.ui.screens.base import RelanceScreen

TARGETS = (20, 30, 45, 60)


def reading_text(script: str) -> Text:
    """The talking points as cues: [pause] and other [markers] stand out; blank lines
    become section breaks."""
    text = Text()
    for line in script.strip().splitlines():
        stripped = line.strip()
        if not stripped:
            text.append("\n· · ·\n\n", style="dim")
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            text.append(f"⏸  {stripped[1:-1]}\n\n", style="italic dim")
            continue
        text.append(stripped + "\n\n")
    return text


def _clock_text(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class RehearsalScreen(RelanceScreen):
    MODE = "rehearsal"

    BINDINGS = [
        Binding("space", "start_stop", "key.start_stop", id="rehearsal.start_stop"),
        Binding("l", "lap", "key.lap", id="rehearsal.lap"),
        Binding("c", "toggle_countdown", "key.countdown", id="rehearsal.countdown"),
        Binding("t", "cycle_target", "key.target", id="rehearsal.target"),
        Binding("delete", "delete_take", "key.delete_take", id="rehearsal.delete"),
        Binding("v", "voice", "key.voice", id="rehearsal.voice"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._event: Event | None = None
        self._script = ""
        self._script_shown = False
        self.timer: TakeTimer | None = None
        self.listening = False  # the voice mode is on
        self._voice_take = False  # the take running was started by the voice
        self._voice_flags: dict[str, bool] = {"stop": False, "reset": False}

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="rehearsal-body"):
            with VerticalScroll(id="reading-pane"):
                yield Static("", id="reading")
            with Vertical(id="rehearsal-side"):
                yield Digits("0:00", id="take-clock")
                yield Label("", id="take-left")
                yield Label("", id="take-laps")
                yield Label("", id="voice-meter")
                yield Label("", id="nudge")
                yield Label("", id="pace")
                yield Label("", id="ready")
                yield DataTable(id="takes", cursor_type="row", zebra_stripes=True)
        yield Label("", id="rehearsal-status", markup=False)  # "relance[voix]" as written

    def on_mount(self) -> None:
        self.timer = TakeTimer(self.clock)
        self._columns()
        self.set_interval(0.1, self.refresh_timer)
        self.reload()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.reload()

    def _columns(self) -> bool:
        """The takes' columns for this width; whether they changed. The words of a take
        are the script's (on the length line): the columns keep what changes, its hour
        and its pace, whole; under 100 columns the change from the last take steps out
        (the pace line says it)."""
        keys = ["col.take", "col.when", "col.duration", "col.wpm"]
        if self.app.size.width >= 100:
            keys.append("col.change")
        table = self.query_one("#takes", DataTable)
        if [str(column.key.value) for column in table.columns.values()] == keys:
            return False
        table.clear(columns=True)
        widths = {"col.when": 12, "col.duration": 6, "col.change": 7}
        for key in keys:
            title = i18n.t(key)  # whole: the header is as wide as its title at least
            table.add_column(title, key=key, width=max(cell_len(title), widths.get(key, 0)))
        return True

    def on_resize(self) -> None:
        if self._columns():
            self._show_takes()

    # data ---------------------------------------------------------------------------
    def _event_lang(self) -> str:
        if self._event is not None and self._event.language.value == "en":
            return "en"
        return "fr"

    def reload(self) -> None:
        self._event = self.store.current_event()
        reading = self.query_one("#reading", Static)
        if self._event is None:
            self._script = ""
            reading.update(i18n.t("empty.no_event"))
        else:
            lang = self._event_lang()
            self._script_shown = False
            source = book.good(self._event, lang, "talking_points")
            self._script_worker(source, sample_context(self.store, self._event, lang), lang)
        self._show_takes()
        self.refresh_timer()

    @work(thread=True, exclusive=True, group="script")
    def _script_worker(self, source: str, context: dict[str, Any], lang: str) -> None:
        # Off the UI thread: a template renders in the render process, up to its deadline.
        try:
            script = render(source, context, lang, "talking_points")
        except TemplateProblem as problem:
            self.app.call_from_thread(self._show_script, "", str(problem))
            return
        self.app.call_from_thread(self._show_script, script, "")

    @property
    def script_shown(self) -> bool:
        """Whether the talking points (or why they cannot show) are on screen."""
        return self._script_shown

    def _show_script(self, script: str, problem: str) -> None:
        self._script = script
        self._script_shown = True
        reading = self.query_one("#reading", Static)
        if problem:
            reading.update(i18n.t("calls.template_problem", problem=problem))
        else:
            reading.update(reading_text(script))
        self.refresh_timer()

    @property
    def target_s(self) -> int:
        return self._event.rehearsal_target_s if self._event else 30

    def _show_takes(self) -> None:
        takes = self.store.takes(self._event.id) if self._event and self._event.id else []
        table = self.query_one("#takes", DataTable)
        table.clear()
        for row in reversed(take_rows(takes)):  # the latest first, under the cursor
            change = ""
            if row.change_s is not None:
                change = f"{i18n.decimal(row.change_s, sign=True)} s"
            elif not row.plausible:
                change = i18n.t("rehearsal.not_learned")  # marked: kept, not learned from
            cells = [
                f"{row.number}{'' if row.plausible else ' ⚠'}",
                format_past(row.take.at, self.clock(), self.lang),
                f"{i18n.decimal(row.take.duration_s)} s",
                f"{row.take.wpm:.0f}",
                change,
            ]
            table.add_row(*cells[: len(table.columns)], key=str(row.take.id))
        nudge = self.query_one("#nudge", Label)
        rehearsed = rehearsals(takes)  # a ⚠ mis-hit is not a rehearsal
        nudge.update(
            i18n.t("rehearsal.nudge", count=rehearsed)
            if rehearsed < TAKES_BEFORE_CALLING
            else i18n.t("rehearsal.enough", count=rehearsed)
        )
        nudge.set_class(rehearsed < TAKES_BEFORE_CALLING, "-nudge")
        lang = self._event_lang()
        caller_pace = pace(takes, lang)
        if caller_pace.measured:
            pace_text = i18n.t(
                "rehearsal.pace",
                wpm=round(caller_pace.wpm),
                low=round(caller_pace.low or 0),
                high=round(caller_pace.high or 0),
                count=caller_pace.takes,
            )
        else:
            pace_text = i18n.t("rehearsal.pace_default", wpm=round(caller_pace.wpm))
        self.query_one("#pace", Label).update(pace_text)
        ready = self.query_one("#ready", Label)
        if not self._script:
            ready.update("")
            return
        check = ready_check(self._script, takes, lang, self.target_s)
        if check.fits:
            ready.update(
                i18n.t("rehearsal.fits", seconds=round(check.seconds), target=self.target_s)
            )
        else:
            ready.update(
                i18n.t(
                    "rehearsal.too_long",
                    seconds=round(check.seconds),
                    target=self.target_s,
                    words=check.words_over,
                )
            )
        ready.set_class(not check.fits, "-over")

    # the timer --------------------------------------------------------------------------
    def refresh_timer(self) -> None:
        timer = self.timer
        if timer is None:
            return
        clock = self.query_one("#take-clock", Digits)
        left = self.query_one("#take-left", Label)
        state = timer.state
        if state is TimerState.COUNTDOWN:
            clock.update(str(timer.countdown_left()))
            left.update(i18n.t("rehearsal.get_ready"))
            current = Phase.CALM
        else:
            elapsed = timer.elapsed()
            clock.update(_clock_text(elapsed))
            current = phase(elapsed, self.target_s)
            remaining = self.target_s - elapsed
            if state is TimerState.IDLE:
                left.update(i18n.t("rehearsal.idle", target=self.target_s))
            elif remaining > 0:
                left.update(i18n.t("rehearsal.left", seconds=int(remaining + 0.999)))
            else:
                left.update(i18n.t("rehearsal.over", seconds=int(-remaining)))
        for value in Phase:
            clock.set_class(value is current and state is TimerState.RUNNING, f"-{value.value}")
        laps = timer.laps
        self.query_one("#take-laps", Label).update(
            i18n.t("rehearsal.laps", laps="  ".join(f"{_clock_text(s)}" for s in laps))
            if laps
            else ""
        )

    @property
    def phase(self) -> Phase:
        assert self.timer is not None
        return phase(self.timer.elapsed(), self.target_s)

    def action_start_stop(self) -> None:
        timer = self.timer
        if timer is None or self._event is None:
            return
        if self.listening:  # the space bar always wins over the voice
            self._voice_take = False
            self._voice_flags["reset"] = True
        if timer.state is TimerState.IDLE:
            timer.start()
            self._status("")
        else:
            result = timer.stop()
            if result is None:
                self._status(i18n.t("rehearsal.cancelled"))
            else:
                self._save_take(*result)
        self.refresh_timer()

    def _save_take(self, duration: float, splits: list[float]) -> None:
        assert self._event is not None
        take = record_take(self.store, self._event, self._script, duration, splits, self.clock())
        if take is None:
            self._status(i18n.t("rehearsal.discarded", seconds=i18n.decimal(duration)))
        elif not plausible(take):
            low, high = PLAUSIBLE_WPM
            self._status(i18n.t("rehearsal.implausible", wpm=round(take.wpm), low=low, high=high))
        else:
            seconds = i18n.decimal(take.duration_s)
            self._status(i18n.t("rehearsal.saved", seconds=seconds, wpm=round(take.wpm)))
        self._show_takes()

    # the voice mode ---------------------------------------------------------------------
    def action_voice(self) -> None:
        """v: the timer follows the voice (start speaking, stop speaking); v again stops."""
        if self.listening:
            self._voice_flags["stop"] = True
            self._status(i18n.t("voice.off"))
            return
        if self._event is None:
            return
        try:
            detector = SpeechDetector()
        except VoiceUnavailable as why:
            self._status(str(why))  # and the space bar works as always
            return
        self.listening = True
        self._voice_flags = {"stop": False, "reset": False}
        self._status(i18n.t("voice.calibrating"))
        self._voice_worker(detector)

    @work(thread=True, exclusive=True, group="voice")
    def _voice_worker(self, detector: SpeechDetector) -> None:
        pause_s = self.store.settings().voice_silence_ms / 1000
        timer, shown_at = VoiceTimer(silence_s=pause_s), -1.0
        try:
            for event, level in listen(voice_frames(), timer, detector):
                if self._voice_flags["stop"]:
                    break
                if self._voice_flags["reset"]:
                    self._voice_flags["reset"] = False
                    timer.reset()
                if event is not None:
                    self.app.call_from_thread(self._heard, event)
                if timer.frames * FRAME_S - shown_at >= 0.1:  # the meter, ten times a second
                    shown_at = timer.frames * FRAME_S
                    self.app.call_from_thread(self._meter, level, timer.threshold)
        except VoiceUnavailable as why:
            self.app.call_from_thread(self._status, str(why))
        finally:
            self.app.call_from_thread(self._voice_ended)

    def _heard(self, event: VoiceEvent) -> None:
        timer = self.timer
        if timer is None or self._event is None:
            return
        if event.heard in (Heard.CALIBRATED, Heard.TOO_NOISY):
            self._status(i18n.t(f"voice.{event.heard.value}"))
        elif event.heard is Heard.STARTED and timer.state is TimerState.IDLE:
            timer.start(countdown=False)
            self._voice_take = True
            self._status(i18n.t("voice.hearing"))
        elif event.heard is Heard.STOPPED and self._voice_take:
            self._voice_take = False
            result = timer.stop()  # the voice's own times, not the screen's clock
            self._save_take(event.duration_s, result[1] if result else [])
        self.refresh_timer()

    def _meter(self, level: float, threshold: float | None) -> None:
        cells = 0 if level <= 0 else max(0, min(10, round(10 + 10 * math.log10(level) / 3)))
        heard = threshold is not None and level >= threshold
        bar = "█" * cells + "░" * (10 - cells)
        self.query_one("#voice-meter", Label).update(
            i18n.t("voice.meter", bar=bar) + (" ♪" if heard else "")
        )

    def _voice_ended(self) -> None:
        self.listening = False
        self._voice_take = False
        self.query_one("#voice-meter", Label).update("")

    def action_delete_take(self) -> None:
        """Delete the take under the cursor, after a yes."""
        table = self.query_one("#takes", DataTable)
        if self._event is None or not table.row_count:
            self._status(i18n.t("rehearsal.no_take"))
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        take = self.store.get(RehearsalTake, int(key or 0))
        if take is None:
            return
        when = format_short_when(take.at, self.lang)

        def answered(yes: bool | None) -> None:
            if yes:
                delete_take(self.store, take)
                self._status(i18n.t("rehearsal.deleted", when=when))
                self._show_takes()

        question = i18n.t("rehearsal.delete_question", when=when, wpm=round(take.wpm))
        self.app.push_screen(ConfirmDialog(question), self.guarded(answered))

    def action_lap(self) -> None:
        if self.timer is not None and self.timer.lap() is not None:
            self.refresh_timer()

    def action_toggle_countdown(self) -> None:
        if self.timer is None:
            return
        self.timer.countdown = not self.timer.countdown
        self._status(
            i18n.t("rehearsal.countdown_on" if self.timer.countdown else "rehearsal.countdown_off")
        )

    def action_cycle_target(self) -> None:
        if self._event is None:
            return
        index = TARGETS.index(self.target_s) if self.target_s in TARGETS else 0
        event = dataclasses.replace(
            self._event, rehearsal_target_s=TARGETS[(index + 1) % len(TARGETS)]
        )
        self.store.save(event)
        self._event = event
        self._status(i18n.t("rehearsal.target_set", target=event.rehearsal_target_s))
        self._show_takes()
        self.refresh_timer()

    def _status(self, text: str) -> None:
        self.query_one("#rehearsal-status", Label).update(text)
