"""What `ui/widgets/editing.py` reads of Textual's private names still means what it
takes (Textualize/textual#6605): a field's own bindings by key, and `_on_key` as the
handler that inserts a printable key."""

from __future__ import annotations

import inspect

from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

from relance_tui.ui.widgets.editing import TextEditor, TextInput


def test_a_field_s_own_bindings_are_found_by_key() -> None:
    field = TextInput()
    [binding] = field._bindings.key_to_bindings["backspace"]
    assert binding.action == "delete_left"
    [binding] = TextEditor()._bindings.key_to_bindings["backspace"]
    assert binding.action == "delete_left"


def test_on_key_is_the_handler_the_fields_override() -> None:
    for base in (Input, TextArea):
        handler = base.__dict__.get("_on_key")
        assert handler is not None and inspect.iscoroutinefunction(handler)
        assert list(inspect.signature(handler).parameters) == ["self", "event"]


class Field(App[None]):
    def compose(self) -> ComposeResult:
        yield TextInput(id="field")


async def test_backspaces_then_letters_act_in_the_order_typed() -> None:
    app = Field()
    async with app.run_test() as pilot:
        await pilot.press(*"abc", "backspace", "backspace", *"xy")
        assert app.query_one("#field", TextInput).value == "axy"
