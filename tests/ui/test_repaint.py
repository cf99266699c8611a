"""A widget whose new text fits its box is repainted; one that needs another box gets
the layout of the screen it needs (`widgets.changed.repaint`)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label

from relance_tui.ui.widgets.changed import show
from tests.ui.waiting import wait_until


class Card(App[None]):
    CSS = "#name { width: 100%; }"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Léa Roy", id="name")
            yield Label("514 555-0142", id="phone")


async def test_new_text_of_the_same_box_is_painted_without_a_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = Card()
    async with app.run_test(size=(40, 8)) as pilot:
        name, phone = app.query_one("#name", Label), app.query_one("#phone", Label)
        await pilot.pause()
        layouts: list[Screen[None]] = []
        real = Screen._refresh_layout

        def counted(screen: Screen[None], *args: object, **kwargs: object) -> None:
            layouts.append(screen)
            real(screen, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        show(name, "Zoé Brûlé")
        await wait_until(pilot, lambda: "Zoé Brûlé" in str(name.render()))
        await pilot.pause()
        assert layouts == [] and phone.region.y == 1
        show(name, "Zoé Brûlé\nrecherchiste")  # two rows now: what is below moves down
        await wait_until(pilot, lambda: phone.region.y == 2)
        assert layouts
        layouts.clear()
        show(phone, "514 555-0199 poste 221")  # a label as wide as its text: wider
        await wait_until(pilot, lambda: phone.region.width == len("514 555-0199 poste 221"))
        assert layouts


async def test_a_label_in_a_hidden_side_shows_its_last_text_when_the_side_comes_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 80 columns Appels hides its side lists: their counts change on every key
    without a layout, and are right when the side is shown."""
    app = Card()
    async with app.run_test(size=(40, 8)) as pilot:
        box = app.query_one(Vertical)
        phone = app.query_one("#phone", Label)
        box.display = False
        await pilot.pause()
        layouts: list[Screen[None]] = []
        real = Screen._refresh_layout

        def counted(screen: Screen[None], *args: object, **kwargs: object) -> None:
            layouts.append(screen)
            real(screen, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        show(phone, "438 555-0100\nposte 12")
        await pilot.pause()
        assert layouts == []
        box.display = True
        await wait_until(pilot, lambda: phone.region.height == 2)
        assert "poste 12" in str(phone.render())
