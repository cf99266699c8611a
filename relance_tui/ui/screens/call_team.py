"""Appels in a team: teammates' news every second, the card a teammate took first,
the team's progress beside the queue, a callback for anyone (docs/team.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widgets import Static

from relance_tui import i18n
from relance_tui.core.calls.queue import TargetState
from relance_tui.core.calls.session import CallSession
from relance_tui.core.calls.timing import Clock
from relance_tui.core.errors import RelanceError
from relance_tui.core.store.store import Store
from relance_tui.ui.widgets.changed import show_or_hide
from relance_tui.ui.widgets.lines import PlainLabel
from relance_tui.ui.widgets.team_panel import team_text

if TYPE_CHECKING:
    from relance_tui.ui.dialogs.callback import CallbackDialog


class CallTeam:
    """A mixin of CallsScreen (its session, status line and card)."""

    session: CallSession
    store: Store
    clock: Clock
    lang: str
    _session: CallSession | None
    _folder_missing = False

    _status: Callable[[str], None]
    _show: Callable[[TargetState | None], None]

    def _start_team(self) -> None:
        if self.session.team is not None:  # what teammates did comes in by their files
            self.set_interval(1.0, self._sync)  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        if self._session is not None:
            self._session.leave()  # the card held goes back to the team

    def on_screen_suspend(self) -> None:
        # Off to another screen (not a dialog over the card): the card goes back to the
        # team until Appels shows it again.
        if self._session is not None and self.app.current_mode != "calls":  # type: ignore[attr-defined]
            self._session.leave()

    def _sync(self) -> None:
        if self.app.current_mode != "calls":  # type: ignore[attr-defined]
            return  # Appels is not on screen: its card is not held; the Bilan reads its own
        try:
            pulled = self.session.sync()
        except RelanceError as problem:
            self._status(str(problem))
            return
        if pulled is None:
            return
        if pulled.missing and not self._folder_missing:  # said when it goes away
            folder = str(self.session.team.folder) if self.session.team else ""
            self._status(i18n.t("team.folder_missing", path=folder))
        self._folder_missing = pulled.missing
        if pulled.changed:
            self._show(self.session.card)
        if pulled.calls:
            self._status(i18n.t("team.received", count=pulled.calls))

    def _callback_dialog(self) -> CallbackDialog:
        from relance_tui.ui.dialogs.callback import CallbackDialog  # not before the first card

        return CallbackDialog(
            self.clock, self.lang, team=self.session.team is not None, event=self.session.event
        )

    def _show_taken(self, state: TargetState) -> None:
        """The card says so when a teammate took it first (their files had not met)."""
        beaten = self.session.beaten_by()
        text = ""
        if beaten is not None:
            skip = self.relance.key_for("calls.skip", "s")  # type: ignore[attr-defined]
            text = i18n.t("team.beaten", name=beaten.caller, who=state.label, skip=skip)
        show_or_hide(self.query_one("#card-team", PlainLabel), text)  # type: ignore[attr-defined]

    def _show_team(self) -> None:
        team, event = self.session.team, self.session.event
        text = ""
        if team is not None and event is not None and event.id is not None:
            text = team_text(self.store, team, event.id, self.clock())
        show_or_hide(self.query_one("#team-progress", Static), text)  # type: ignore[attr-defined]

    def _passed(self) -> bool:
        """`s` on a card a teammate took first: leave it to them, no call recorded."""
        beaten = self.session.beaten_by()
        state = self.session.card
        if beaten is None or state is None:
            return False
        self._show(self.session.pass_card())
        self._status(i18n.t("team.passed", name=beaten.caller, who=state.label))
        return True
