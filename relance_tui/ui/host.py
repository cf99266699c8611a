"""What screens, widgets and commands may ask of the app, without importing it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from relance_tui.core.dates import Clock
from relance_tui.core.store.store import Store

if TYPE_CHECKING:
    from relance_tui.core.station.procedure import ScriptTiming


class Host(Protocol):
    """The running relance app, as the parts of the UI see it."""

    store: Store
    clock: Clock
    script_timings: dict[tuple[str, int, str], ScriptTiming | None]  # the strip's cache
    steps_seen: tuple[tuple[int, int, str], dict[str, tuple[str, str]]] | None

    def action_settings(self) -> None: ...

    def action_help(self) -> None: ...

    def key_for(self, binding_id: str, default: str) -> str:
        """The key bound to `binding_id` now (the user's keymap may change it)."""
        ...
