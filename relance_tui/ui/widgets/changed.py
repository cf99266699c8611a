"""Widgets updated only when what they show changes.

`update()` asks Textual to lay out and draw again, even with the same text; a call
card has a dozen labels of which a key changes a few, and the call timer sets its
own text every second. Every update of these widgets goes through `show`.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Digits, Static

from relance_tui.ui.widgets.lines import BigDigits, Lines

_SHOWN = "_relance_shown_text"


def show(widget: Static | Digits, text: str) -> None:
    if getattr(widget, _SHOWN, None) == text:
        return
    setattr(widget, _SHOWN, text)
    if isinstance(widget, BigDigits):
        repaint(widget, widget.show_value(text))
    elif isinstance(widget, Static):
        repaint(widget, text)
    else:
        widget.update(text)  # Digits lays out only when its width changes


def repaint(widget: Static, content: str) -> None:
    """`widget.update(content)`, with a layout of the screen only when the new content
    does not fit the widget's box as it is (a layout is a third of a key's time)."""
    if not all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget)):
        widget.update(content, layout=False)  # out of the layout: laid out when shown
        return
    size = widget.content_size
    if not widget.is_mounted or not size:
        widget.update(content)
        return
    if isinstance(widget, Lines) and widget.show_text(content):
        return  # the rows that changed, redrawn in place
    widget.update(content, layout=False)
    styles = widget.styles
    fits = (
        styles.width is None
        or not styles.width.is_auto
        or widget.get_content_width(size, size) == size.width
    ) and (
        styles.height is None
        or not styles.height.is_auto
        or widget.get_content_height(size, size, size.width) == size.height
    )
    if not fits:
        widget.refresh(layout=True)


def show_or_hide(widget: Static, text: str) -> None:
    """Shown with `text`, or out of the layout when there is none."""
    show(widget, text)
    if widget.display != bool(text):
        widget.display = bool(text)
