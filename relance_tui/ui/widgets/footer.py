"""A footer that wraps its keys onto more rows instead of hiding them past the edge.

The call queue has fourteen keys; every one of them must stay visible at 80
columns, so keys are packed into as many rows as they need.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
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

    def compose(self) -> ComposeResult:
        self._laid_out_for = self.app.size.width
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
