"""Appels in a team: teammates' news every second, the card a teammate took first,
the team's progress beside the queue, a callback for anyone (docs/team.md).

A helper the Appels screen holds (`CallsScreen.team`), its inputs said: the call
session, the store and the clock, where a message goes, what shows a card, and
whether Appels is the screen on view. It returns texts; the screen draws them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from relance_tui import i18n
from relance_tui.core.calls.queue import TargetState
from relance_tui.core.dates import Clock
from relance_tui.core.errors import RelanceError
from relance_tui.core.station.session import CallSession
from relance_tui.core.store.store import Store
from relance_tui.ui.widgets.team_panel import team_text

if TYPE_CHECKING:
    from relance_tui.ui.dialogs.callback import CallbackDialog


@dataclass
class TeamPart:
    """What calling as a team adds to Appels."""

    session: Callable[[], CallSession | None]  # none before the screen is mounted
    store: Callable[[], Store]
    clock: Clock
    status: Callable[[str], None]  # a message on the status line
    show: Callable[[TargetState | None], None]  # the card drawn again
    on_view: Callable[[], bool]  # Appels is the screen on view (not another mode)
    key_for: Callable[[str, str], str]  # the key bound to an action now
    folder_missing: bool = False

    @property
    def in_team(self) -> bool:
        session = self.session()
        return session is not None and session.team is not None

    def leave(self, always: bool = True) -> None:
        """The card held goes back to the team (on leaving Appels for another screen,
        `always=False`: not for a dialog over the card)."""
        session = self.session()
        if session is not None and (always or not self.on_view()):
            session.leave()

    def sync(self) -> None:
        """Teammates' news, read from their files (every second while in a team)."""
        session = self.session()
        if session is None or not self.on_view():
            return  # Appels is not on screen: its card is not held; the Bilan reads its own
        try:
            pulled = session.sync()
        except RelanceError as problem:
            self.status(str(problem))
            return
        if pulled is None:
            return
        if pulled.missing and not self.folder_missing:  # said when it goes away
            folder = str(session.team.folder) if session.team else ""
            self.status(i18n.t("team.folder_missing", path=folder))
        self.folder_missing = pulled.missing
        if pulled.changed:
            self.show(session.card)
        if pulled.calls:
            self.status(i18n.t("team.received", count=pulled.calls))

    def callback_dialog(self, lang: str) -> CallbackDialog:
        from relance_tui.ui.dialogs.callback import CallbackDialog  # not before the first card

        session = self.session()
        assert session is not None
        return CallbackDialog(self.clock, lang, team=session.team is not None, event=session.event)

    def taken_text(self, state: TargetState) -> str:
        """What the card says when a teammate took it first (their files had not met)."""
        session = self.session()
        beaten = session.beaten_by() if session is not None else None
        if beaten is None:
            return ""
        skip = self.key_for("calls.skip", "s")
        return i18n.t("team.beaten", name=beaten.caller, who=state.label, skip=skip)

    def progress_text(self) -> str:
        """The team's progress beside the queue ("" alone)."""
        session = self.session()
        if session is None:
            return ""
        team, event = session.team, session.event
        if team is None or event is None or event.id is None:
            return ""
        return team_text(self.store(), team, event.id, self.clock())

    def passed(self) -> bool:
        """`s` on a card a teammate took first: leave it to them, no call recorded."""
        session = self.session()
        if session is None:
            return False
        beaten = session.beaten_by()
        state = session.card
        if beaten is None or state is None:
            return False
        self.show(session.pass_card())
        self.status(i18n.t("team.passed", name=beaten.caller, who=state.label))
        return True
