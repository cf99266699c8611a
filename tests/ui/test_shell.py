"""The app shell: five modes by key and by palette, the banner, the languages."""

from __future__ import annotations

from datetime import datetime

from textual.command import CommandList
from textual.widgets import Static

from relance_tui import i18n
from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.bindings import label
from relance_tui.ui.screens.calls import CallsScreen
from relance_tui.ui.screens.lists import ListsScreen
from relance_tui.ui.screens.rehearsal import RehearsalScreen
from relance_tui.ui.screens.report import ReportScreen
from relance_tui.ui.screens.script import ScriptScreen
from relance_tui.ui.widgets.virtual_table import VirtualTable
from tests.ui.waiting import wait_until


def screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_keys_one_to_five_switch_the_five_modes(demo_store: Store, now: datetime) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app.screen, ListsScreen)
        media = app.screen.query_one("#media", VirtualTable)
        every = len(demo_store.outlets()) + len(demo_store.contacts())
        assert every == 72 and media.row_count == 72
        for key, screen_type in (
            ("2", ScriptScreen),
            ("3", RehearsalScreen),
            ("4", CallsScreen),
            ("5", ReportScreen),
            ("1", ListsScreen),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            assert "Ruelles vertes pour tous" in screen_text(app)
            assert "Fenêtre de relance" in screen_text(app)


async def test_screens_show_the_store(demo_store: Store, now: datetime) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    event = demo_store.current_event()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        total = len(demo_store.targets(event.id))
        assert f"Appelés : 0 / {total}" in str(app.screen.query_one("#progress").render())
        await pilot.press("2")
        await pilot.pause()
        editor = app.screen.query_one("#tpl-talking_points")
        assert "{{ contact.prenom }}" in editor.text
        await pilot.press("5")
        await pilot.pause()
        assert "Aucun appel enregistré." in screen_text(app)


async def test_command_palette_goes_to_a_screen(demo_store: Store, now: datetime) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Bilan")
        await wait_until(
            pilot,
            lambda: (
                app.screen.query_one(CommandList).option_count > 0
                and "Bilan" in str(app.screen.query_one(CommandList).get_option_at_index(0).prompt)
            ),
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)


async def test_english_interface(demo_store: Store, now: datetime) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now), lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Follow-up window" in text
        assert "Fri, Nov 27, 10:30 AM · Maison de la culture du Plateau" in text
        assert "72 found (72 in all)" in str(app.screen.query_one("#lists-counts").render())
        footer_keys = {label(b) for _, b, _, _ in app.screen.active_bindings.values()}
        assert {"Lists", "Calls", "Quit"} <= footer_keys
    assert i18n.current_language() == "en"


async def test_french_footer(demo_store: Store, now: datetime) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)):
        footer_keys = {label(b) for _, b, _, _ in app.screen.active_bindings.values()}
        assert {"Listes", "Appels", "Bilan", "quitter"} <= footer_keys


async def test_the_command_palette_speaks_french(demo_store, now) -> None:
    from textual.command import CommandInput, CommandList, CommandPalette

    from tests.ui.waiting import wait_until

    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        assert app.screen.query_one(CommandInput).placeholder == "Chercher une commande…"
        await pilot.press(*"th")
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0)
        shown = " ".join(
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        )
        assert "Thème" in shown and "Changer les couleurs de relance" in shown
        assert "Theme" not in shown and "Change the current theme" not in shown


async def test_a_new_file_says_what_to_do_first_on_every_screen(tmp_path) -> None:
    """Empty states: each screen says the next step, not only that there is nothing."""
    from tests.ui.waiting import wait_until

    store = Store.open(tmp_path / "new.json")
    try:
        app = make_app(store=store, clock=fixed_clock(datetime(2026, 11, 26, 9, 15)))
        async with app.run_test(size=(100, 32)) as pilot:
            counts = app.screen.query_one("#lists-counts")
            await wait_until(pilot, lambda: "i : importer" in str(counts.render()))
            await pilot.press("4")
            await wait_until(pilot, lambda: type(app.screen).__name__ == "CallerForm")
            await pilot.press("escape")  # "who calls?": later
            await wait_until(pilot, lambda: isinstance(app.screen, CallsScreen))
            card = str(app.screen.query_one("#card-outlet").render())
            assert "ctrl+n crée l'événement" in card
    finally:
        store.close()
