"""A new text redraws only the rows that changed (`widgets.lines`): the next card's
talking points share most rows with the last card's; the phone number in big digits
is drawn as Textual's Digits draws it."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widget import Widget
from textual.widgets import Label

from relance_tui.ui.widgets.changed import show
from relance_tui.ui.widgets.lines import BigDigits, Lines, digit_rows
from tests.ui.waiting import wait_until

POINTS = "Bonjour Léa, ici Sam.\nLa conférence est demain, 10 h.\nPourrez-vous venir ?"


class Card(App[None]):
    CSS = "#points { width: 100%; } .-stale { color: red; }"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Lines(POINTS, id="points")
            yield Label("sous les points", id="below")
            yield BigDigits("514 555-0142", id="phone")


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Widget, tuple[Region, ...], bool]]:
    """Each redraw a widget asks for: (widget, the regions, a layout?)."""
    seen: list[tuple[Widget, tuple[Region, ...], bool]] = []
    real = Widget.refresh

    def refresh(widget: Widget, *regions: Region, **options: bool) -> Widget:
        if options.get("repaint", True):
            seen.append((widget, regions, bool(options.get("layout"))))
        return real(widget, *regions, **options)

    monkeypatch.setattr(Widget, "refresh", refresh)
    return seen


def on_screen(widget: Widget) -> list[str]:
    """The rows the compositor gets from the widget, as text."""
    return [strip.text.rstrip() for strip in widget.render_lines(widget.size.region)]


async def test_the_next_cards_points_redraw_only_the_row_that_changed(asked) -> None:
    app = Card()
    async with app.run_test(size=(50, 10)) as pilot:
        points = app.query_one("#points", Lines)
        await wait_until(pilot, lambda: on_screen(points)[0] == "Bonjour Léa, ici Sam.")
        asked.clear()
        show(points, POINTS.replace("Léa", "Zoé"))
        # The first row only, through the public `refresh(region)`: not drawn whole.
        assert [ask for ask in asked if ask[0] is points] == [
            (points, (Region(0, 0, 50, 1),), False)
        ]
        await wait_until(pilot, lambda: on_screen(points)[0] == "Bonjour Zoé, ici Sam.")
        assert on_screen(points)[1:] == POINTS.split("\n")[1:]
        assert "Zoé" in str(points.render())  # what queries and copies read


async def test_a_text_of_another_height_is_laid_out_and_drawn_whole(asked) -> None:
    app = Card()
    async with app.run_test(size=(50, 10)) as pilot:
        points, below = app.query_one("#points", Lines), app.query_one("#below", Label)
        await wait_until(pilot, lambda: below.region.y == 3)
        asked.clear()
        show(points, POINTS + "\n⚠ ligne 2 : le lieu est vide")
        assert (points, (), True) in asked
        await wait_until(pilot, lambda: below.region.y == 4)
        assert on_screen(points)[3] == "⚠ ligne 2 : le lieu est vide"


async def test_a_new_style_draws_the_rows_again_in_it() -> None:
    """Rows kept from the last text are not kept past a change of style."""
    app = Card()
    async with app.run_test(size=(50, 10)) as pilot:
        points = app.query_one("#points", Lines)
        await wait_until(pilot, lambda: bool(on_screen(points)[0]))
        show(points, POINTS.replace("Léa", "Zoé"))
        points.add_class("-stale")

        def red() -> bool:
            color = points.render_lines(points.size.region)[0]._segments[0].style.color
            return color is not None and color.triplet == (255, 0, 0)

        await wait_until(pilot, red)
        assert on_screen(points)[0] == "Bonjour Zoé, ici Sam."


async def test_a_phone_number_of_the_same_length_redraws_in_place(asked) -> None:
    app = Card()
    async with app.run_test(size=(50, 10)) as pilot:
        phone = app.query_one("#phone", BigDigits)
        await wait_until(pilot, lambda: on_screen(phone) == digit_rows("514 555-0142").split("\n"))
        asked.clear()
        show(phone, "514 555-0199")
        # In place: the rows of the changed digits, no layout, not drawn whole.
        [(_, regions, layout)] = [ask for ask in asked if ask[0] is phone]
        assert regions and not layout
        await wait_until(pilot, lambda: on_screen(phone) == digit_rows("514 555-0199").split("\n"))
        show(phone, "+1 438 555-0199")  # wider: laid out again
        await wait_until(
            pilot, lambda: phone.region.width == len(digit_rows("+1 438 555-0199").split("\n")[0])
        )


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("number", ["514 555-0142", "+1 (438) 555-0100 x12", ""])
def test_digit_rows_are_textuals_digits(number: str, bold: bool) -> None:
    console = Console(width=80, legacy_windows=False)
    style = console.get_style("bold" if bold else "none")
    lines = console.render_lines(DigitsRenderable(number, style), pad=False)
    textual = ["".join(segment.text for segment in line) for line in lines]
    assert digit_rows(number, bold=bold).split("\n") == textual


async def test_a_text_set_by_update_is_drawn_whole() -> None:
    """`update` (Static's own) draws the new text, not rows kept from the last one."""
    app = Card()
    async with app.run_test(size=(50, 10)) as pilot:
        points = app.query_one("#points", Lines)
        await wait_until(pilot, lambda: bool(on_screen(points)[0]))
        points.update(POINTS.upper())
        await wait_until(pilot, lambda: on_screen(points)[0] == "BONJOUR LÉA, ICI SAM.")


class Labels(App[None]):
    CSS = """
    #bold { text-style: bold; color: $accent; background: $boost; padding: 0 1; }
    #wrapped { width: 12; }
    #centred { text-align: center; }
    #cut { text-wrap: nowrap; text-overflow: ellipsis; padding: 0 1; background: $boost; }
    #clipped { text-wrap: nowrap; text-overflow: clip; }
    #folded { text-wrap: nowrap; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Lines("", id="plain")
            yield Lines("", id="bold")
            yield Lines("", id="wrapped")
            yield Lines("", id="centred")
            yield Lines("", id="cut")
            yield Lines("", id="clipped")
            yield Lines("", id="folded")


@pytest.mark.parametrize(
    "text",
    [
        "Radio-Canada (Léa Côté)",
        "",
        "Affectation\n\n  514 555-0142 poste 12  ",
        "記者 Zoé 🎙 ligne",
        "une ligne bien plus longue que la boîte, coupée en mots",
        "記者記者記者記者記者記者記者記者記者記者記者記者 et la suite, plus large",
        "Enregistré : message laissé — Média 195 (Personne 4195 Côté).\nsuite",
        "a\tb",
    ],
)
async def test_rows_drawn_here_are_those_textual_draws(text: str) -> None:
    """The rows of a text that needs no wrapping are made here (a card's labels, on
    every key), and must be Textual's own, to the style and the offset a selection
    reads; any other text goes through Textual."""
    from textual.visual import Visual, visualize

    app = Labels()
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_until(pilot, lambda: all(w.size.width for w in app.query(Lines)))
        for widget in app.query(Lines):
            width, style = widget.size.width, widget.visual_style
            ours = widget._rows_of(text, width, None, style)
            textual = Visual.to_strips(
                widget, visualize(widget, text, markup=False), width, None, style
            )
            assert [list(row) for row in ours] == [list(row) for row in textual], widget.id
            assert [row.cell_length for row in ours] == [row.cell_length for row in textual]
