"""What every screen shares: the mode bar, the event banner, the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen

from relance_tui.core.store import Store
from relance_tui.core.timing import Clock
from relance_tui.ui.bindings import translate_bindings
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
        self.query_one(EventBanner).refresh_event()
