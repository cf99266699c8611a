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
