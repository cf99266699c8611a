"""Every dialog, a form's error, the import preview and the empty and no-event states,
at 80×24 and 100×32, in French and English: where layout bugs hide. Fixed clock,
demo data; update only after reading the report."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input

from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from tests.ui.waiting import settle_strip, wait_until

FIXTURES = Path(__file__).parent.parent / "fixtures"
SIZES = [(80, 24), (100, 32)]
SIZE_IDS = ["80x24", "100x32"]
LANGS = ["fr", "en"]
MODES = {"1": "lists", "2": "script", "4": "calls", "5": "report", "6": "door"}

# (name, the screen's key, the keys that open the dialog)
DIALOGS = [
    ("filters", "1", ["f"]),
    ("new-contact", "1", ["n"]),
    ("new-outlet", "1", ["m"]),
    ("import", "1", ["i"]),
    ("export", "1", ["x"]),
    ("settings", "1", ["ctrl+g"]),
    ("help", "1", ["question_mark"]),
    ("delete", "1", ["delete"]),
    ("callback", "4", ["b"]),
    ("note", "4", ["o"]),
    ("do-not-call", "4", ["x"]),
    ("qr", "4", ["P"]),
    ("variables", "2", ["f1"]),
    ("event-form", "2", ["f2"]),
    ("events", "2", ["f3"]),
    ("split", "5", ["s"]),
    ("merge", "5", ["m"]),
    ("walk-in", "6", ["ctrl+n"]),
]


def opened(mode: str, keys: list[str]):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle_strip(pilot)
        await pilot.press(mode)
        await settle_strip(pilot)
        await pilot.press(*keys)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ModalScreen))
        await pilot.app.workers.wait_for_complete()
        for field in pilot.app.screen.query(Input):  # a path of this machine and run:
            if "/" in field.value:  # the same one on every machine
                home = Path(field.value).expanduser() == Path.home()
                field.value = "~/" if home else "~/relance/" + Path(field.value).name
                field.cursor_position = len(field.value)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize(("name", "mode", "keys"), DIALOGS, ids=[d[0] for d in DIALOGS])
def test_dialog(
    snap_compare,
    demo_store: Store,
    now: datetime,
    name: str,
    mode: str,
    keys: list[str],
    size,
    lang,
) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now), lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=opened(mode, keys))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_a_form_s_error(snap_compare, demo_store: Store, now: datetime, size, lang) -> None:
    """A new outlet saved without its name: the form says what is missing, stays open."""
    app = make_app(store=demo_store, clock=fixed_clock(now), lang=lang)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await opened("1", ["m"])(pilot)
        dialog = pilot.app.screen
        await pilot.press("ctrl+s")
        error = dialog.query_one("#error-name")
        await wait_until(pilot, lambda: error.display)  # the form says what is missing
        assert pilot.app.screen is dialog  # not saved, not closed

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_import_preview(snap_compare, demo_store: Store, now: datetime, size, lang) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now), lang=lang)
    path = (FIXTURES / "outlook.csv").relative_to(Path.cwd())  # no machine path on screen

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await opened("1", ["i"])(pilot)
        await pilot.press("ctrl+u")
        await pilot.press(*str(path), "enter")
        table = pilot.app.screen.query_one("#import-preview", DataTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("mode", ["1", "4", "5", "6"], ids=["lists", "calls", "report", "door"])
def test_a_first_start_with_nothing_in_the_file(
    snap_compare, store: Store, now: datetime, mode: str, size, lang
) -> None:
    """No contact, no event: each screen says what to do first."""
    app = make_app(store=store, clock=fixed_clock(now), lang=lang)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press(mode)
        app = pilot.app
        if mode == "4":  # Appels asks first who calls (a fresh file has no caller)
            await wait_until(pilot, lambda: isinstance(app.screen, ModalScreen))
        else:
            await wait_until(pilot, lambda: getattr(app.screen, "MODE", "") == MODES[mode])

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_at_80x24_the_import_button_stays_in_view_after_a_preview(
    demo_store: Store, now: datetime
) -> None:
    """The preview and its report are taller than the screen: they scroll inside the
    dialog, the buttons do not leave it."""
    from textual.widgets import Button

    app = make_app(store=demo_store, clock=fixed_clock(now), lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened("1", ["i"])(pilot)
        await pilot.press("ctrl+u", *str(FIXTURES / "outlook.csv"), "enter")
        button = app.screen.query_one("#import-go", Button)
        dialog = app.screen.query_one("#import-dialog")
        # Laid out with the preview: the button has its place on screen.
        await wait_until(pilot, lambda: button.display and button.region.height > 0)
        assert dialog.region.contains_region(button.region), (button.region, dialog.region)
