"""A full disk and stuck helpers, in the app: a message, the data intact, the keys alive."""

from __future__ import annotations

import errno
import os
import threading
import time

import pytest

from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.models import Outcome
from relance_tui.core.store import journal as storage
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.screens.calls import CallsScreen


def rendered(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def disk_full(fd: int, data: bytes) -> int:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


async def test_full_disk_in_the_call_queue(demo_store: Store, now, monkeypatch) -> None:
    event = demo_store.current_event()
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        first = app.screen.current.target.id
        monkeypatch.setattr(storage.os, "write", disk_full)
        await pilot.press("c")
        await pilot.pause()
        assert "le disque est plein" in rendered(app, "#call-status")
        assert "données précédentes sont intactes" in rendered(app, "#call-status")
        assert app.screen.current.target.id == first  # still the same card
        await pilot.press("space")  # a key the Lists screen uses: harmless here
        await pilot.press("1", "space")  # Listes: toggling also fails, with a message
        await pilot.pause()
        assert isinstance(app.screen, type(app.screen))
        monkeypatch.undo()
        await pilot.press("4", "c")
        await pilot.pause()
        assert isinstance(app.screen, CallsScreen)
        assert app.screen.current.target.id != first
    assert [a.outcome for a in demo_store.attempts(event.id)] == [Outcome.CONFIRMED]


async def test_a_hung_clipboard_or_dial_command_never_freezes_the_keys(
    demo_store: Store, now, monkeypatch, tmp_path
) -> None:
    import pyperclip

    from relance_tui.core.handoff import dial
    from relance_tui.ui import clipboard

    released = threading.Event()
    monkeypatch.setattr(pyperclip, "copy", lambda text: released.wait(10))
    monkeypatch.setattr(clipboard, "PYPERCLIP_TIMEOUT_S", 1.0)
    monkeypatch.setattr(dial, "DIAL_TIMEOUT_S", 1.0)
    settings = demo_store.settings()
    import dataclasses

    from tests.conftest import fake_program

    hang = fake_program(tmp_path / "bin", "softphone", "sleep 10")  # never answers
    demo_store.save(dataclasses.replace(settings, dialer="custom", dial_command=str(hang)))
    event = demo_store.current_event()
    app = make_app(store=demo_store, clock=fixed_clock(now))
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("4")
            await pilot.pause()
            screen = app.screen
            await pilot.press("e", "p")  # both helpers now stuck in their threads
            started = time.monotonic()
            await pilot.press("s")  # the screen still answers
            await pilot.pause()
            assert time.monotonic() - started < 1.0
            assert [a.outcome for a in demo_store.attempts(event.id)] == [Outcome.SKIPPED]
            await app.workers.wait_for_complete()
            await pilot.pause()
            status = str(screen.query_one("#call-status").render())
            assert any(
                said in status
                for said in ("a échoué", "confié au terminal", "n'a pas pris le numéro")
            )
    finally:
        released.set()


@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
async def test_bad_typed_time_changes_nothing(demo_store: Store, now, size) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=size) as pilot:
        await pilot.press("4", "b")
        await pilot.pause()
        app.screen.query_one("#callback-input").value = "\x00" * 10 + "é" * 1000
        await pilot.press("enter")
        await pilot.pause()
        assert "n'est pas une heure reconnue" in rendered(app, "#callback-echo")
    assert demo_store.attempts(demo_store.current_event().id) == []
