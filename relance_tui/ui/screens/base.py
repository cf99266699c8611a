"""What every screen shares: the mode bar, the event banner, the footer."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from functools import partial
from typing import Any, cast

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen

from relance_tui import i18n
from relance_tui.core.calls.queue import Queue
from relance_tui.core.dates import Clock
from relance_tui.core.errors import RelanceError, StoreReplaced, StoreTakenOver
from relance_tui.core.models import Event, Settings
from relance_tui.core.store.store import Store
from relance_tui.locations import clipboard_dir
from relance_tui.ui.clipboard import CopyMethod, copy_text
from relance_tui.ui.host import Host
from relance_tui.ui.widgets.banner import EventBanner, ModeBar
from relance_tui.ui.widgets.footer import KeysFooter


def _guard(method: Callable[..., Any], screen_of: Callable[[Any], RelanceScreen]) -> Any:
    """Run `method`; a RelanceError (full disk, a refused file...) becomes a message.

    Textual stops a screen's message loop on an unhandled exception; our own errors
    carry a message for the user, so they are shown and the screen goes on.
    """

    @functools.wraps(method)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except RelanceError as problem:
            screen_of(args).show_problem(problem)
            return None

    return guarded


STRIP_AFTER = 0.5  # seconds: the strip's states are worked out once the screen is used


class RelanceScreen(Screen[None]):
    MODE = ""
    ASKS_CALLER = False  # Script and Appels need to know who calls

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if name.startswith("action_") and callable(value):
                setattr(cls, name, _guard(value, lambda args: args[0]))

    def guarded(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """A dialog callback that shows our errors instead of stopping the screen."""
        return _guard(callback, lambda args: self)  # type: ignore[no-any-return]

    def show_problem(self, problem: RelanceError) -> None:
        # The file is another's now (`custody`): nothing more will be recorded, so the
        # message stays until the app is quit.
        lasting = isinstance(problem, (StoreTakenOver, StoreReplaced))
        self.notify(str(problem), severity="error", timeout=86_400 if lasting else 10)
        self.on_copied(str(problem))  # the status line, where the screen has one

    def __init__(self) -> None:
        super().__init__(id=f"screen-{self.MODE}")
        self._last_copy: tuple[str, str, str] | None = None

    @property
    def relance(self) -> Host:
        return cast(Host, self.app)

    @property
    def lang(self) -> str:
        """The interface language, for dates and phone numbers drawn on screen."""
        return i18n.current_language()

    @property
    def store(self) -> Store:
        return self.relance.store

    @property
    def clock(self) -> Clock:
        return self.relance.clock

    def compose(self) -> ComposeResult:
        yield ModeBar(self.MODE)
        yield EventBanner()
        yield from self.compose_body()
        yield KeysFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        self.refresh_banner()
        self.refresh_procedure()
        if self.ASKS_CALLER:
            self.ask_caller_once()

    def refresh_procedure(self) -> None:
        """The strip's states (lists made, script timed, takes, calls...), worked out
        off the UI thread once the screen is drawn."""
        event = self.store.current_event()
        if event is None or event.id is None:
            self.query_one(ModeBar).show_steps({})
            return
        seen = self.relance.steps_seen
        if seen is not None and seen[0] == (self.store.changes, event.id, self.MODE):
            self.query_one(ModeBar).show_steps(seen[1])  # nothing was written since
            return
        # Half a second after the screen is drawn: its first key comes first.
        self.set_timer(STRIP_AFTER, partial(self._procedure_worker, event, self.lang))

    def queue_known(self) -> Queue | None:
        """The current event's queue, when this screen holds one (Appels)."""
        return None

    # Not exclusive: a second screen resume does not cancel the first (a cancelled worker
    # fails whoever waits on it); both give the same states, the last one drawn stays.
    # The strip is a guide, not the work: whatever goes wrong working it out leaves the
    # bar as it is and never stops the app (exit_on_error).
    @work(thread=True, group="procedure", exit_on_error=False)
    def _procedure_worker(self, event: Event, lang: str) -> None:
        from relance_tui.core.station.procedure import procedure_of, script_timing
        from relance_tui.ui.widgets.banner import step_texts

        assert event.id is not None
        changes = self.store.changes
        key = (repr(event), len(self.store.takes(event.id)), repr(self.store.settings()))
        timings = self.relance.script_timings
        timing = timings.get(key)
        # The call queue renders each card's talking points in the render process: the
        # strip does not take it from them; it uses the timing another screen found.
        if timing is None and self.MODE != "calls":
            timing = timings[key] = script_timing(self.store, event)
        procedure = procedure_of(self.store, event, self.clock(), timing, self.queue_known())
        steps = step_texts(procedure, lang)
        self.relance.steps_seen = ((changes, event.id, self.MODE), steps)
        self.app.call_from_thread(self._show_steps, steps)

    def _show_steps(self, steps: dict[str, tuple[str, str]]) -> None:
        for bar in self.query(ModeBar).results(ModeBar):  # none once the screen is gone
            bar.show_steps(steps)

    def ask_caller_once(self) -> None:
        """Before the first script is read: who calls (skippable, asked once)."""
        from relance_tui.ui.dialogs.settings_form import CallerForm

        settings = self.store.settings()
        known = settings.caller_name and settings.organisation and settings.caller_phone
        if settings.caller_asked or known or isinstance(self.app.screen, CallerForm):
            return

        def answered(result: Settings | None) -> None:
            self.store.save(dataclasses.replace(result or self.store.settings(), caller_asked=True))
            if result is not None:
                self.notify(i18n.t("settings.saved"))

        self.app.push_screen(CallerForm(settings), self.guarded(answered))

    def refresh_banner(self) -> None:
        self.query_one(EventBanner).refresh_event()

    # copying, shared by the screens that copy the reminder email ----------------
    @staticmethod
    def email_text(to: str, subject: str, body: str) -> str:
        """What the clipboard holds: the body alone, ready to paste into a message (the
        address and the subject are in the .eml draft and in the copy's title)."""
        return body

    @staticmethod
    def email_title(to: str, subject: str) -> str:
        """The copy's title: who it is for and its subject, to read, not to paste."""
        parts = [i18n.t("calls.email_to", to=to)] if to else []
        return " · ".join([*parts, i18n.t("calls.email_subject", subject=subject)])

    def copy_with_dialog(self, title: str, text: str, label: str, show_text: bool = True) -> None:
        """Copy `text` off the UI thread, then say how it went; the text is shown in a
        dialog when `show_text`, or when it could only be saved to a file."""
        self._copy_worker(title, text, label, show_text)

    @work(thread=True, exclusive=True, group="clipboard")
    def _copy_worker(self, title: str, text: str, label: str, show_text: bool) -> None:
        result = copy_text(text, clipboard_dir(self.store.path), label, self.clock(), self.app)
        show = show_text or result.method is CopyMethod.FILE
        self.app.call_from_thread(self._copied, title, text, result.message(), show)

    def _copied(self, title: str, text: str, message: str, show: bool) -> None:
        self._last_copy = (title, text, message)
        self.on_copied(message)
        if show:
            self.show_last_copy()

    def show_last_copy(self) -> None:
        """The last copied text, in a dialog where it can be selected by hand."""
        # Imported when first shown: its text area is not needed to draw the first screen.
        from relance_tui.ui.dialogs.copy import CopyDialog

        if self._last_copy is not None:
            self.app.push_screen(CopyDialog(*self._last_copy))

    def on_copied(self, message: str) -> None:
        """Screens with a status line show how the copy went."""
