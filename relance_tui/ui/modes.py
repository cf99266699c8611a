"""The six peer screens, in the order of the procedure, and their keys."""

from __future__ import annotations

from dataclasses import dataclass


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
