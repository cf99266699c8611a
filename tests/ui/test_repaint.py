"""A widget whose new text fits its box is repainted; one that needs another box asks
for the layout of the screen it needs (`widgets.changed.repaint`)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label

from relance_tui.ui.widgets.changed import show
from tests.ui.waiting import wait_until


class Card(App[None]):
    CSS = "#name { width: 100%; }"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Léa Roy", id="name")
            yield Label("514 555-0142", id="phone")


@pytest.fixture
def layouts_asked(monkeypatch: pytest.MonkeyPatch) -> list[Widget]:
    """The widgets that ask for a layout, as they ask (`show` asks at once)."""
    asked: list[Widget] = []
    real = Widget.refresh

    def refresh(widget: Widget, *regions: object, **options: bool) -> Widget:
        if options.get("layout"):
            asked.append(widget)
        return real(widget, *regions, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Widget, "refresh", refresh)
    return asked


async def test_new_text_of_the_same_box_is_painted_without_a_layout(
    layouts_asked: list[Widget],
) -> None:
    app = Card()
    async with app.run_test(size=(40, 8)) as pilot:
        name, phone = app.query_one("#name", Label), app.query_one("#phone", Label)
        await wait_until(pilot, lambda: name.region.width == 40 and phone.region.y == 1)
        layouts_asked.clear()
        show(name, "Zoé Brûlé")
        assert layouts_asked == []
        await wait_until(pilot, lambda: "Zoé Brûlé" in str(name.render()))
        assert phone.region.y == 1
        show(name, "Zoé Brûlé\nrecherchiste")  # two rows now: what is below moves down
        assert layouts_asked == [name]
        await wait_until(pilot, lambda: phone.region.y == 2)
        layouts_asked.clear()
        show(phone, "514 555-0199 poste 221")  # a label as wide as its text: wider
        assert layouts_asked == [phone]
        await wait_until(pilot, lambda: phone.region.width == len("514 555-0199 poste 221"))


async def test_a_label_in_a_hidden_side_shows_its_last_text_when_the_side_comes_back(
    layouts_asked: list[Widget],
) -> None:
    """At 80 columns Appels hides its side lists: their counts change on every key
    without a layout, and are right when the side is shown."""
    app = Card()
    async with app.run_test(size=(40, 8)) as pilot:
        box = app.query_one(Vertical)
        phone = app.query_one("#phone", Label)
        box.display = False
        await wait_until(pilot, lambda: not phone.region)
        layouts_asked.clear()
        show(phone, "438 555-0100\nposte 12")
        assert layouts_asked == []
        box.display = True
        await wait_until(pilot, lambda: phone.region.height == 2)
        assert "poste 12" in str(phone.render())
