"""Text fields whose editing keys act in the order they were typed.

Textual inserts a typed character when the field receives the key, but runs an
editing key (backspace, delete, arrows, ctrl+w...) only once the key has
bubbled back up to the app, which looks up the binding. When keys arrive
together (a fast typist, key repeat, a paste of keystrokes), the characters
typed after a backspace overtake it: "abc", backspace, backspace, "xy" gave
"abc" instead of "axy" in a real terminal. Here the field runs its own
editing bindings as it receives them, so every key acts in order.

Textualize/textual#6605 (open; the upstream pull request #6631 would let this go):
until it is fixed, `_on_key` is overridden and the widget's own bindings are read
from `_bindings`, two private names pinned by tests/ui/test_editing_pins.py and
tests/e2e/test_typing_order.py (the installed command, keys in one burst).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input, TextArea


async def _run_own_binding(widget: Input | TextArea, event: events.Key) -> bool:
    """Run the widget's own binding for this key now; whether there was one."""
    if event.is_printable:
        return False
    bindings = widget._bindings.key_to_bindings.get(event.key)  # private: see above
    if not bindings:
        return False
    event.stop()
    event.prevent_default()
    await widget.run_action(bindings[0].action)
    return True


class TextInput(Input):
    """An Input whose editing keys act in the order they were typed, and whose text is
    not selected on focus: the first key typed in a filled field adds to it, it does
    not replace the name already there."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        if not await _run_own_binding(self, event):
            await super()._on_key(event)


class TextEditor(TextArea):
    """A TextArea whose editing keys act in the order they were typed."""

    async def _on_key(self, event: events.Key) -> None:
        if not await _run_own_binding(self, event):
            await super()._on_key(event)
