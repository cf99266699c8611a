"""`?` on every screen: what it is for, its step, its keys by task, the next step; at
80×24, in French and English; found in the palette as "aide" / "help"."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Label, Static

from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.dialogs.help import HelpDialog
from relance_tui.ui.modes import MODE_ORDER
from tests.ui.waiting import settle_strip, wait_until

MODES = [mode.name for mode in MODE_ORDER]


def opens_help(mode: str):
    """Go to `mode`, then ask for help as a user would: `?`, or F1 at the door, where
    the search field takes what is typed."""
    key = next(m.key for m in MODE_ORDER if m.name == mode)

    async def run_before(pilot) -> None:
        await pilot.press(key)
        await wait_until(pilot, lambda: getattr(pilot.app.screen, "MODE", "") == mode)
        await settle_strip(pilot)
        await pilot.press("f1" if mode == "door" else "question_mark")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpDialog))

    return run_before


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("mode", MODES)
def test_help_of_every_screen_fits_80x24(
    snap_compare, demo_store: Store, now: datetime, mode: str, lang: str
) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now), lang=lang, start_mode="lists")
    assert snap_compare(app, terminal_size=(80, 24), run_before=opens_help(mode))


async def test_help_says_the_step_the_keys_and_the_next_step_then_escape_closes(
    demo_store: Store, now: datetime
) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now), start_mode="calls")
    async with app.run_test(size=(80, 24)) as pilot:
        await opens_help("calls")(pilot)
        dialog = app.screen
        title = str(dialog.query_one(".dialog-title", Label).render())
        assert "Aide — 4 Appels · étape 4 sur 5 : appeler" in title
        keys = dialog.query_one("#help-keys", Static)
        region = keys.region
        assert region.bottom <= 24 and region.height > 8  # the keys are on screen
        assert "Ensuite : 5 Bilan" in str(dialog.query_one("#help-next", Label).render())
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpDialog))
        assert app.screen.MODE == "calls"


async def test_the_palette_finds_help_by_its_name(demo_store: Store, now: datetime) -> None:
    from textual.command import CommandList, CommandPalette

    app = make_app(store=demo_store, clock=fixed_clock(now), start_mode="lists")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"aide")

        def offered() -> str:
            commands = app.screen.query_one(CommandList)
            return " ".join(
                str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
            )

        await wait_until(pilot, lambda: "Aide" in offered())
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpDialog))


async def test_no_footer_shows_a_message_id(demo_store: Store, now: datetime) -> None:
    """Every key the footer shows says what it does in words, on every screen, and with
    the focus in the Appels side list (it showed "+ key.postpone")."""
    import re

    from relance_tui.ui.widgets.footer import KeysFooter
    from relance_tui.ui.widgets.queue_lists import QueueLists

    message_id = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
    app = make_app(store=demo_store, clock=fixed_clock(now), start_mode="lists")
    async with app.run_test(size=(160, 45)) as pilot:
        for mode in MODE_ORDER:
            await pilot.press(mode.key)
            name = mode.name
            await wait_until(pilot, lambda n=name: getattr(app.screen, "MODE", "") == n)
            here = app.screen.query_one(KeysFooter)
            await wait_until(pilot, lambda f=here: f.shown is not None)
            assert here.shown is not None
            said = [key.description for row in here.shown.rows for key in row]
            assert said and not [d for d in said if message_id.match(d)], (mode.name, said)
        await app.switch_mode("calls")  # at the door, "4" would be typed in its search
        await wait_until(pilot, lambda: getattr(app.screen, "MODE", "") == "calls")
        side = app.screen.query_one(QueueLists)
        side.focus()
        footer = app.screen.query_one(KeysFooter)

        def shown() -> list[str]:
            rows = footer.shown.rows if footer.shown else ()
            return [key.description for row in rows for key in row]

        await wait_until(pilot, lambda: "reporter" in shown())
        assert not [d for d in shown() if message_id.match(d)]
        assert side.highlighted is not None  # tab lands on a row: Entrée calls it at once
