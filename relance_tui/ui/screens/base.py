"""What every screen shares: the mode bar, the event banner, the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen

from relance_tui import i18n
from relance_tui.core.store import Store
from relance_tui.core.timing import Clock
from relance_tui.locations import clipboard_dir
from relance_tui.ui.bindings import translate_bindings
from relance_tui.ui.clipboard import copy_text
from relance_tui.ui.dialogs import CopyDialog
from relance_tui.ui.widgets.banner import EventBanner, ModeBar
from relance_tui.ui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from relance_tui.ui.app import RelanceApp


class RelanceScreen(Screen[None]):
    MODE = ""

    def __init__(self) -> None:
        super().__init__(id=f"screen-{self.MODE}")
        translate_bindings(self)

    @property
    def relance(self) -> RelanceApp:
        from relance_tui.ui.app import RelanceApp

        return cast(RelanceApp, self.app)

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

    def refresh_banner(self) -> None:
        self.query_one(EventBanner).refresh_event()

    # copying, shared by the screens that copy the reminder email ----------------
    @staticmethod
    def email_text(to: str, subject: str, body: str) -> str:
        head = f"{i18n.t('calls.email_to', to=to)}\n" if to else ""
        return f"{head}{i18n.t('calls.email_subject', subject=subject)}\n\n{body}"

    def copy_with_dialog(self, title: str, text: str, label: str) -> None:
        """Copy `text` off the UI thread, then show it in a dialog with how it went."""
        self._copy_worker(title, text, label)

    @work(thread=True, exclusive=True, group="clipboard")
    def _copy_worker(self, title: str, text: str, label: str) -> None:
        result = copy_text(text, clipboard_dir(self.store.path), label, self.clock(), self.app)
        self.app.call_from_thread(self._copied, title, text, result.message())

    def _copied(self, title: str, text: str, message: str) -> None:
        self.on_copied(message)
        self.app.push_screen(CopyDialog(title, text, message))

    def on_copied(self, message: str) -> None:
        """Screens with a status line show how the copy went."""
