"""UI tests: the strip's states are worked out at once (the app waits half a second
after a screen is drawn, for its first key; a test has no key to let through first)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def strip_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("relance_tui.ui.screens.base.STRIP_AFTER", 0.01)
