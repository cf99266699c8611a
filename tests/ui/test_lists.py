"""Listes: search as you type, forms, the call list."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import DataTable, Input, Select

from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.dialogs.record_form import RecordForm
from relance_tui.ui.screens.lists import ListsScreen
from relance_tui.ui.widgets.virtual_table import VirtualTable
from tests.ui.waiting import wait_until


def shown_names(app) -> list[str]:
    table = app.screen.query_one("#media", VirtualTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def status(app) -> str:
    return str(app.screen.query_one("#lists-status").render())


async def type_search(pilot, text: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def test_search_ignores_accents_and_case(demo_store: Store, now) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app.screen, ListsScreen)
        await type_search(pilot, "genevieve")
        plain = shown_names(app)
        assert plain and all("Geneviève" in n for n in plain)
        app.screen.query_one("#search", Input).value = "GENEVIÈVE"
        await pilot.pause()
        assert shown_names(app) == plain
        app.screen.query_one("#search", Input).value = "quartiers cibl"
        await pilot.pause()
        assert shown_names(app) == ["Catherine Vachon"]  # show name + outlet, both words
        app.screen.query_one("#search", Input).value = "télé"
        await pilot.pause()
        tele = shown_names(app)
        app.screen.query_one("#search", Input).value = "tele"
        await pilot.pause()
        assert shown_names(app) == tele and len(tele) > 5


async def test_letters_typed_straight_after_slash_go_to_the_search(demo_store: Store, now) -> None:
    """A terminal delivers a burst of keys at once: `/` then the search, typed fast."""
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, lambda: len(shown_names(app)) > 5)
        for key, char in (("slash", "/"), ("c", "c"), ("i", "i"), ("b", "b"), ("l", "l")):
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await wait_until(pilot, lambda: app.screen.query_one("#search", Input).value == "cibl")
        await wait_until(pilot, lambda: "Catherine Vachon" in shown_names(app))
        assert all("CIBL" in str(row[3]) for row in shown_rows(app))
        # Enter then a key straight after: the results stay, the key is the table's.
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("l", "l"))  # the call list alone
        await wait_until(
            pilot,
            lambda: (
                "liste d'appels" in str(app.screen.query_one("#lists-filters").render()).lower()
            ),
        )
        assert app.screen.query_one("#search", Input).value == ""


def shown_rows(app) -> list[list[object]]:
    table = app.screen.query_one("#media", VirtualTable)
    return [table.get_row_at(i) for i in range(table.row_count)]


async def test_adding_a_contact_through_the_form(demo_store: Store, now) -> None:
    cibl = next(o for o in demo_store.outlets() if o.name == "CIBL 101,5")
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#field-name", Input).value = "Zoé Brûlé"
        form.query_one("#field-outlet_id", Select).value = str(cibl.id)
        form.query_one("#field-role", Select).value = "researcher"
        form.query_one("#field-phone", Input).value = "514 555 0188 p. 34"
        form.query_one("#field-email", Input).value = "pas-un-courriel"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert "n'a pas la forme d'un courriel" in str(
            app.screen.query_one("#error-email").render()
        )
        form.query_one("#field-email", Input).value = "zoe@cibl.example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ListsScreen)
        assert "Zoé Brûlé" in shown_names(app)
    [zoe] = [c for c in demo_store.contacts() if c.name == "Zoé Brûlé"]
    assert (zoe.outlet_id, zoe.phone, zoe.extension, zoe.email) == (
        cibl.id,
        "514-555-0188",
        "34",
        "zoe@cibl.example",
    )


async def test_space_toggles_the_call_list(demo_store: Store, now) -> None:
    event = demo_store.current_event()
    before = len(demo_store.targets(event.id))
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await type_search(pilot, "marc-andre")
        await pilot.press("enter", "space")
        await pilot.pause()
        assert "Ajouté à la liste d'appels : Marc-André Lemieux" in status(app)
        assert len(demo_store.targets(event.id)) == before + 1
        table = app.screen.query_one("#media", VirtualTable)
        assert str(table.get_row_at(0)[0]) == "✓"
        await pilot.press("space")
        await pilot.pause()
        assert "Retiré" in status(app)
    assert len(demo_store.targets(event.id)) == before


async def test_a_do_not_call_contact_is_refused_with_the_reason(demo_store: Store, now) -> None:
    flagged = next(c for c in demo_store.contacts() if c.do_not_call)
    event = demo_store.current_event()
    before = len(demo_store.targets(event.id))
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await type_search(pilot, flagged.name.split()[0].lower())
        await pilot.press("enter")
        table = app.screen.query_one("#media", VirtualTable)
        names = shown_names(app)
        table.move_cursor(row=names.index(flagged.name))
        await pilot.press("space")
        await pilot.pause()
        assert "Ne plus appeler" in status(app) and flagged.name in status(app)
        assert "indiqué dans sa fiche" in status(app)  # why, not only that
        assert not app.screen.query("Toast")  # the footer stays visible
    assert len(demo_store.targets(event.id)) == before


async def test_escape_clears_the_search_and_l_shows_the_whole_call_list(
    demo_store: Store, now
) -> None:
    event = demo_store.current_event()
    in_list = len(demo_store.targets(event.id))
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        table = app.screen.query_one("#media", VirtualTable)
        everyone = table.row_count
        await type_search(pilot, "cibl")
        assert table.row_count < everyone
        await pilot.press("escape")
        await wait_until(pilot, lambda: table.row_count == everyone)
        assert app.screen.query_one("#search", Input).value == ""
        await type_search(pilot, "cibl")
        await pilot.press("enter")  # the table has the keys; Escape there clears too
        await wait_until(pilot, lambda: app.screen.focused is table)
        await pilot.press("escape")
        await wait_until(pilot, lambda: table.row_count == everyone)
        assert app.screen.query_one("#search", Input).value == ""
        await type_search(pilot, "cibl")
        await pilot.press("enter", "l")
        await wait_until(pilot, lambda: table.row_count == in_list)
        counts = str(app.screen.query_one("#lists-counts").render())
        assert f"({in_list} au total)" in counts


async def test_a_group_name_finds_the_outlets_of_the_group(demo_store: Store, now) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await type_search(pilot, "radio-canada")
        outlets = {
            str(r[3])
            for r in map(
                app.screen.query_one("#media", VirtualTable).get_row_at,
                range(app.screen.query_one("#media", VirtualTable).row_count),
            )
        }
        assert {"Radio-Canada", "ICI Première", "CBC Montreal"} <= outlets


async def test_bulk_add_friendliest_first_and_reorder(demo_store: Store, now) -> None:
    event = demo_store.current_event()
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await type_search(pilot, "journal de montreal")
        await pilot.press("enter", "a")
        await pilot.pause()
        assert "1 ajouté à la liste d'appels ; 1 refusé (ne plus appeler)." in status(app)
        await pilot.press("t")
        await pilot.pause()
        targets = demo_store.targets(event.id)
        contacts = {c.id: c for c in demo_store.contacts()}
        outlets = {o.id: o for o in demo_store.outlets()}
        warmths = [outlets[contacts[t.contact_id].outlet_id].warmth for t in targets]
        assert warmths == sorted(warmths, reverse=True)
        first, second = targets[0], targets[1]
        app.screen.query_one("#search", Input).value = ""
        await pilot.pause()
        app.screen.query_one("#media", VirtualTable).move_cursor(row=0)
        await pilot.press("right_square_bracket")
        await pilot.pause()
    moved = demo_store.targets(event.id)
    assert [moved[0].id, moved[1].id] == [second.id, first.id]


async def test_deleting_a_contact_with_history_keeps_it_hidden(demo_store: Store, now) -> None:
    from relance_tui.core.calls.queue import load_queue, record_outcome
    from relance_tui.core.models import Outcome

    event = demo_store.current_event()
    state = load_queue(demo_store, event, now).current
    record_outcome(demo_store, state, Outcome.VOICEMAIL, now)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await type_search(pilot, state.contact.name.lower())
        await pilot.press("enter")
        await pilot.press("delete")
        await pilot.pause()
        assert "l'historique restera lisible" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("o")
        await pilot.pause()
        assert state.contact.name not in shown_names(app)
    kept = demo_store.get(Contact, state.contact.id)
    assert kept is not None and kept.deleted
    assert demo_store.attempts(event.id)[0].target_id == state.target.id
    assert demo_store.get(Outlet, kept.outlet_id) is not None


async def test_import_dialog_previews_then_imports(demo_store: Store, now) -> None:
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "fixtures" / "spreadsheet-cp1252-semicolon.csv"
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        path = app.screen.query_one("#import-path", Input)
        path.value = str(fixture)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        mapping = str(app.screen.query_one("#import-mapping").render())
        assert "Organisme → média" in mapping and "Tél. → téléphone" in mapping
        assert app.screen.query_one("#import-preview", DataTable).row_count == 3
        report = str(app.screen.query_one("#import-report").render())
        assert "cp1252" in report and "3 nouveaux contacts" in report
        await pilot.click("#import-go")
        await pilot.pause()
        assert isinstance(app.screen, ListsScreen)
        assert "Importé" in status(app)
        assert isinstance(app.screen.query_one("#media"), VirtualTable)
    assert {"Élise Côté", "François Œuvrard"} <= {c.name for c in demo_store.contacts()}


async def read_in_the_import_window(pilot, app, source) -> None:  # type: ignore[no-untyped-def]
    """`i`, the file's path typed, Enter: the window reads it."""
    await pilot.press("i")
    await wait_until(pilot, lambda: bool(app.screen.query("#import-path")))
    app.screen.query_one("#import-path", Input).value = str(source)
    await pilot.press("enter")


async def test_import_dialog_files_rows_under_a_nearly_named_known_outlet(
    demo_store: Store, now, tmp_path
) -> None:
    from textual.widgets import Button

    source = tmp_path / "liste.csv"
    source.write_text("Média,Nom,Téléphone\nRadio Centre-Ville,Léa Roy,514 555-0101\n", "utf-8")
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await read_in_the_import_window(pilot, app, source)
        near = app.screen.query_one("#import-near", Button)
        await wait_until(pilot, lambda: near.display)
        assert "ressemble à « Radio Centre-Ville 102,3 »" in str(
            app.screen.query_one("#import-report").render()
        )
        await pilot.click("#import-near")
        await wait_until(pilot, lambda: not near.display)
        assert "0 nouveau média" in str(app.screen.query_one("#import-report").render())
        await pilot.click("#import-go")
        await wait_until(pilot, lambda: isinstance(app.screen, ListsScreen))
    lea = next(c for c in demo_store.contacts() if c.name == "Léa Roy")
    assert demo_store.get(Outlet, lea.outlet_id).name == "Radio Centre-Ville 102,3"


async def test_import_dialog_gives_an_address_books_people_one_outlet(
    demo_store: Store, now, tmp_path
) -> None:
    """A personal address book (no organisation column): the dialog says so once and
    offers a field; the outlet typed there is every person's."""
    source = tmp_path / "carnet.csv"
    source.write_text("Prénom;Nom de famille;Courriel\nLéa;Roy;lea@exemple.ca\n", "utf-8")
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await read_in_the_import_window(pilot, app, source)
        outlet = app.screen.query_one("#import-outlet", Input)
        await wait_until(pilot, lambda: outlet.display)
        report = str(app.screen.query_one("#import-report").render())
        assert "1 personne sans média entre comme pigiste" in report
        assert report.count("Aucun média dans ce fichier") == 1
        outlet.focus()
        outlet.value = "CIBL 101,5"
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: "pigiste" not in str(app.screen.query_one("#import-report").render()),
        )
        await pilot.click("#import-go")
        await wait_until(pilot, lambda: isinstance(app.screen, ListsScreen))
    lea = next(c for c in demo_store.contacts() if c.name == "Léa Roy")
    assert demo_store.get(Outlet, lea.outlet_id).name == "CIBL 101,5"


async def test_do_not_call_and_to_fix_show_even_on_the_call_list(demo_store: Store, now) -> None:

    from relance_tui.core.calls.queue import load_queue, record_outcome
    from relance_tui.core.models import Outcome

    queue = load_queue(demo_store, demo_store.current_event(), now)
    first, second = queue.ready[:2]
    record_outcome(demo_store, first, Outcome.DO_NOT_CALL, now)
    record_outcome(demo_store, second, Outcome.WRONG_NUMBER, now)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#media", VirtualTable)
        marks = {
            str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)
        }
        assert marks[first.contact.name] == "⛔"
        assert marks[second.contact.name] == "✓⚠"


async def test_the_filters_open_and_keep_only_the_contacts_to_fix(demo_store: Store, now) -> None:
    from dataclasses import replace

    from relance_tui.ui.dialogs.filters import FiltersDialog

    first = demo_store.contacts()[0]
    demo_store.save(replace(first, to_fix=True))
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FiltersDialog))
        app.screen.query_one("#filter-to_fix", Select).value = "1"
        await pilot.click("#filters-apply")
        await wait_until(pilot, lambda: isinstance(app.screen, ListsScreen))
        assert shown_names(app) == [first.name]


@pytest.mark.parametrize(("key", "size"), [("n", (100, 32)), ("f", (100, 32)), ("n", (80, 32))])
async def test_the_forms_fit_a_32_row_terminal(demo_store: Store, now, key: str, size) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await wait_until(pilot, lambda: not isinstance(app.screen, ListsScreen))
        await pilot.pause()
        form = app.screen.query_one(".dialog")
        assert form.max_scroll_y == 0, form.virtual_size  # every field and button visible


async def test_the_settings_form_does_not_select_the_name(demo_store: Store, now) -> None:
    from relance_tui.ui.dialogs.settings_form import SettingsForm

    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsForm))
        name = app.screen.query_one("#field-caller_name", Input)
        before = name.value
        await pilot.press("x")  # the first key adds to the name, never replaces it
        assert name.value == before + "x"


async def test_every_row_found_is_in_the_table_and_the_last_one_is_drawn_at_ctrl_end(
    demo_store: Store, now
) -> None:
    """The table holds every row found and draws the ones on screen: ctrl+end goes to
    the last contact found, which the screen then shows, and space acts on it."""
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        table = app.screen.query_one("#media", VirtualTable)
        await wait_until(pilot, lambda: table.row_count == 72)
        assert "72 trouvés (72 au total)" in status_counts(app)
        last = str(table.get_row_at(71)[1])
        assert last not in screen_text(app)
        await pilot.press("ctrl+end")
        await wait_until(pilot, lambda: table.cursor_row == 71)
        await wait_until(pilot, lambda: last in screen_text(app))
        row = app.screen.current_row()
        assert row is not None and (row.contact.name if row.contact else "—") == last
        await pilot.press("ctrl+home")
        await wait_until(pilot, lambda: table.cursor_row == 0)
        assert last not in screen_text(app)


def screen_text(app) -> str:
    """What the table draws now."""
    table = app.screen.query_one("#media", VirtualTable)
    return "\n".join(strip.text for strip in table.render_lines(table.region.reset_offset))


def status_counts(app) -> str:
    return str(app.screen.query_one("#lists-counts").render())


async def test_the_media_list_is_read_once_a_visit_and_again_after_a_change(
    demo_store: Store, now, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening Listes reads the media list once (twice held two lists of 20,000 rows
    at once: the peak memory of a big session); coming back reads it again only if
    the data changed meanwhile, and then the change is in the table."""
    from relance_tui.ui.screens import lists

    reads: list[int] = []
    real = lists.media_rows

    def counted(*args):
        reads.append(1)
        return real(*args)

    monkeypatch.setattr(lists, "media_rows", counted)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, lambda: len(shown_names(app)) > 5)
        assert len(reads) == 1
        await pilot.press("4")
        await wait_until(pilot, lambda: not isinstance(app.screen, ListsScreen))
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, ListsScreen))
        assert len(reads) == 1 and len(shown_names(app)) > 5
        await pilot.press("4")
        await wait_until(pilot, lambda: not isinstance(app.screen, ListsScreen))
        outlet = demo_store.outlets()[0]
        demo_store.save(Contact(outlet_id=outlet.id, name="Zénon Nouveau"))
        await pilot.press("1")
        await wait_until(pilot, lambda: "Zénon Nouveau" in shown_names(app))
        assert len(reads) == 2


async def test_the_team_s_proposals_are_accepted_or_declined_in_one_screen(
    demo_store: Store, now
) -> None:
    from relance_tui.core.team.proposals import Proposal, pending
    from relance_tui.ui.dialogs.proposals import ProposalsDialog

    first, second = demo_store.contacts()[:2]
    demo_store.update_meta(
        team_proposals=[
            Proposal(first.id, "do_not_call", "Sam", now.isoformat()).to_doc(),
            Proposal(second.id, "to_fix", "Alex", now.isoformat()).to_doc(),
        ]
    )
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, lambda: len(shown_names(app)) > 5)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ProposalsDialog))
        shown = str(app.screen.query_one("#proposals-list").get_option_at_index(0).prompt)
        assert first.name in shown and "ne plus appeler" in shown and "Sam" in shown
        await pilot.press("down", "space")  # untick the second: declined
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ListsScreen))
        await wait_until(pilot, lambda: "1 contact marqué" in status(app))
    assert demo_store.get(Contact, first.id).do_not_call
    assert not demo_store.get(Contact, second.id).to_fix
    assert pending(demo_store) == [] and demo_store.meta()["team_proposals"] == []


async def test_escape_in_the_contact_form_asks_before_dropping_what_was_typed(
    demo_store: Store, now
) -> None:
    from relance_tui.ui.dialogs.confirm import ConfirmDialog
    from relance_tui.ui.dialogs.record_form import RecordForm

    names = sorted(c.name for c in demo_store.contacts())
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("escape")  # nothing typed: gone at once
        await wait_until(pilot, lambda: isinstance(app.screen, ListsScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press(*"Léa Roy")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")  # no: back to the form, the name still there
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#field-name", Input).value == "Léa Roy"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("o")  # oui: dropped
        await wait_until(pilot, lambda: isinstance(app.screen, ListsScreen))
    assert sorted(c.name for c in demo_store.contacts()) == names


async def test_to_verify_marks_a_contact_verified_or_opens_it_to_fix(
    demo_store: Store, now
) -> None:
    """`v`: what has gone stale, oldest first; `o` marks one verified today (it leaves
    the list), `e` opens the contact's form."""
    from relance_tui.ui.dialogs.record_form import RecordForm
    from relance_tui.ui.dialogs.to_verify import ToVerifyDialog

    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, ToVerifyDialog))
        table = app.screen.query_one("#verify-table", DataTable)
        first = str(table.get_row_at(0)[2])
        title = str(app.screen.query_one("#verify-title").render())
        count = table.row_count
        assert f"{count} lignes" in title and str(table.get_row_at(0)[0]) == "plus de 12 mois"
        await pilot.press("o")
        await wait_until(pilot, lambda: table.row_count == count - 1)
        marked = next(c for c in demo_store.contacts() if c.name == first)
        assert marked.verified == now.date().isoformat()
        second = str(table.get_row_at(0)[2])
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#field-name", Input).value == second
