"""The six peer screens, in the order of the procedure, and their keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from relance_tui.core.calls.timing import door_is_open, event_end, window_is_open
from relance_tui.core.models import Event


@dataclass(frozen=True)
class Mode:
    name: str  # Textual's mode name, and the screen's MODE
    title_key: str  # i18n key of its title
    key: str  # the key that switches to it (the binding id is `mode.<name>`)

    @property
    def binding_id(self) -> str:
        return f"mode.{self.name}"


MODE_ORDER: tuple[Mode, ...] = (
    Mode("lists", "mode.lists", "1"),
    Mode("script", "mode.script", "2"),
    Mode("rehearsal", "mode.rehearsal", "3"),
    Mode("calls", "mode.calls", "4"),
    Mode("report", "mode.report", "5"),
    Mode("door", "mode.door", "6"),  # the event itself: who comes in
)


def start_mode(asked: str, event: Event | None, now: datetime) -> str:
    """The screen to open on: the one asked for, or (auto) the one the day is for:
    Accueil from an hour before the current event until its end, Bilan afterwards,
    Appels while its relance window is open, Listes otherwise."""
    if asked in {mode.name for mode in MODE_ORDER}:
        return asked
    if event is None:
        return "lists"
    if door_is_open(event, now):
        return "door"
    if now >= event_end(event):
        return "report"
    return "calls" if window_is_open(event, now) else "lists"
