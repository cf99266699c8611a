"""Widgets updated only when what they show changes.

`update()` asks Textual to lay out and draw again, even with the same text; a call
card has a dozen labels of which a key changes a few, and the call timer sets its
own text every second. Every update of these widgets goes through `show`.
"""

from __future__ import annotations

from textual.widgets import Digits, Static

_SHOWN = "_relance_shown_text"


def show(widget: Static | Digits, text: str) -> None:
    if getattr(widget, _SHOWN, None) == text:
        return
    widget.update(text)
    setattr(widget, _SHOWN, text)


def show_or_hide(widget: Static, text: str) -> None:
    """Shown with `text`, or out of the layout when there is none."""
    show(widget, text)
    if widget.display != bool(text):
        widget.display = bool(text)
