"""A footer that wraps its keys onto more rows instead of hiding them past the edge.

The call queue has fourteen keys; every one of them must stay visible at 80
columns, so keys are packed into as many rows as they need.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_WIDTH = 14


def pack_rows(widths: list[int], available: int) -> list[list[int]]:
    """Indexes of `widths` packed greedily into rows no wider than `available`."""
    rows: list[list[int]] = [[]]
    used = 0
    for index, width in enumerate(widths):
        if rows[-1] and used + width > available:
            rows.append([])
            used = 0
        rows[-1].append(index)
        used += width
    return rows


# What the rows show: the width, then each key, its description, whether enabled.
Showing = tuple[int, tuple[tuple[str, str, bool], ...]]


def _keys_of(showing: Showing) -> tuple[int, tuple[tuple[str, str], ...]]:
    """What the footer shows, but whether each key is enabled."""
    width, keys = showing
    return width, tuple((key, description) for key, description, _ in keys)


class KeysFooter(Footer):
    DEFAULT_CSS = """
    KeysFooter {
        layout: vertical;
        height: auto;
    }
    KeysFooter HorizontalGroup.keys-row {
        height: 1;
        width: 1fr;
    }
    """

    _laid_out_for = 0
    _shown: Showing | None = None  # what the rows show: recompose only when it changes
    _pending = False

    def _showing_now(self) -> Showing:
        bindings = self.screen.active_bindings.values()
        return (
            self.app.size.width,
            tuple((b.key, b.description, enabled) for _, b, enabled, _ in bindings if b.show),
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # Textual rebuilds the footer on every change of focus or of a reactive that
        # touches bindings: a dozen times while Appels opens, 20 keys each (a third
        # of the time the screen took to show). Once per refresh, and only when the
        # keys shown differ.
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        now = self._showing_now()
        if now == self._shown:
            return
        if self._shown is not None and _keys_of(now) == _keys_of(self._shown):
            self._enable(now)  # the same keys, some greyed or not: no new widgets
            return
        await self.recompose()

    def _enable(self, showing: Showing) -> None:
        """Grey out or enable the keys in place (a recompose mounts 20 widgets and
        styles them again: 100 ms of the first card's 1.8 s start at 5,000 contacts)."""
        enabled = {key: on for key, _, on in showing[1]}
        for item in self.query(FooterKey):
            on = enabled.get(item.key, True)
            if item._disabled == on:
                item._disabled = not on
                item.set_class(not on, "-disabled")
        self._shown = showing

    def compose(self) -> ComposeResult:
        self._laid_out_for = self.app.size.width
        # Before the screen's bindings are ready the footer is empty: not "shown" yet.
        self._shown = self._showing_now() if self._bindings_ready else None
        items = list(super().compose())
        keys: list[Widget] = [
            item
            for item in items
            if isinstance(item, FooterKey) and not item.has_class("-command-palette")
        ]
        others = [item for item in items if item not in keys]
        widths = [
            len(key.key_display) + len(key.description) + 3
            for key in keys
            if isinstance(key, FooterKey)
        ]
        available = max(20, self.app.size.width - PALETTE_WIDTH)
        yield from others
        for row in pack_rows(widths, available):
            yield HorizontalGroup(*(keys[index] for index in row), classes="keys-row")

    def on_resize(self, event: events.Resize) -> None:
        if self.app.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
