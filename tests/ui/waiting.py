"""Waiting on what the screen shows, never on the clock."""

from __future__ import annotations

from collections.abc import Callable


async def wait_until(pilot, condition: Callable[[], bool], rounds: int = 500) -> None:
    """Let the app process messages until `condition()` holds (bounded, not timed)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    raise AssertionError("the screen never reached the expected state")


def strip_settled(app) -> bool:
    """The mode bar shows the procedure's states as worked out for this screen (they
    arrive from a thread once the screen is drawn)."""
    from relance_tui.ui.widgets.banner import ModeBar

    seen = app.steps_seen
    screen = app.screen
    mode = getattr(screen, "MODE", "")
    if not mode or seen is None or seen[0][2] != mode:
        return False
    return bool(screen.query_one(ModeBar).steps)  # Appels may have its own count since


async def settle_strip(pilot) -> None:
    """Until the strip's states are on screen."""
    await wait_until(pilot, lambda: strip_settled(pilot.app))
