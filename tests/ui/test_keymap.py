"""Keys users can change in their config file; a bad entry never stops the app."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from textual.widgets import Static

from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.models import Outcome
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.screens.calls import CallsScreen
from relance_tui.ui.widgets.banner import ModeBar


def write_config(text: str) -> Path:
    path = Path(os.environ["RELANCE_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


async def test_remapped_keys_work_and_show_where_the_user_looks(
    demo_store: Store, now: datetime
) -> None:
    write_config('[keymap]\n"calls.confirmed" = "k"\n"mode.calls" = "f4"\n')
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        assert " f4 Appels" in str(app.screen.query_one(ModeBar).render())
        await pilot.press("4")  # the old key no longer switches
        await pilot.pause()
        assert not isinstance(app.screen, CallsScreen)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, CallsScreen)
        keys = {b.binding.id: b.binding.key for b in app.screen.active_bindings.values()}
        assert keys["calls.confirmed"] == "k"
        await pilot.press("c")  # unbound now: nothing recorded
        await pilot.pause()
        assert demo_store.attempts(demo_store.current_event().id) == []
        await pilot.press("k")
        await pilot.pause()
        assert [a.outcome for a in demo_store.attempts(demo_store.current_event().id)] == [
            Outcome.CONFIRMED
        ]
        status = str(app.screen.query_one("#call-status", Static).render())
        assert "présence confirmée" in status


async def test_a_bad_keymap_says_what_is_wrong_and_keeps_the_default_keys(
    demo_store: Store, now: datetime
) -> None:
    write_config(
        '[keymap]\n"calls.nope" = "k"\n"calls.confirmed" = "not a key"\n"calls.skip" = 3\n'
    )
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("calls.nope" in m and "aucune action" in m for m in said)
        assert any("calls.confirmed" in m and "not a key" in m for m in said)
        assert any("calls.skip" in m for m in said)
        await pilot.press("4", "c")
        await pilot.pause()
        assert [a.outcome for a in demo_store.attempts(demo_store.current_event().id)] == [
            Outcome.CONFIRMED
        ]


async def test_a_broken_config_file_is_reported_not_fatal(demo_store: Store, now: datetime) -> None:
    path = write_config('[keymap\n"calls.confirmed" = "k"\n')
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(str(path) in m and "illisible" in m for m in said)
        await pilot.press("4", "c")
        await pilot.pause()
        assert [a.outcome for a in demo_store.attempts(demo_store.current_event().id)] == [
            Outcome.CONFIRMED
        ]
