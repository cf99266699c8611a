"""Script: the event form, the live preview, saving templates, settings."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input, TextArea

from relance_tui.core.calls.timing import DEFAULT_TZ, fixed_clock
from relance_tui.core.models import Event
from relance_tui.core.script import book
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.dialogs.confirm import ConfirmDialog
from relance_tui.ui.dialogs.event_form import EventForm
from relance_tui.ui.dialogs.settings_form import SettingsForm
from relance_tui.ui.screens.calls import CallsScreen
from relance_tui.ui.screens.script import ScriptScreen
from tests.ui.waiting import wait_until


def rendered(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_script(pilot) -> ScriptScreen:
    await pilot.press("2")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, ScriptScreen)
    return pilot.app.screen


async def settle(pilot) -> None:
    """Until the screen has caught up: dialogs closed, the preview showing the templates."""
    await pilot.pause()  # the messages of the last key or edit, which ask for a render
    await wait_until(
        pilot,
        lambda: not isinstance(pilot.app.screen, ScriptScreen) or pilot.app.screen.preview_settled,
    )


async def test_preview_renders_for_the_first_contact_with_length(demo_store: Store, now) -> None:
    event = demo_store.current_event()
    first_target = demo_store.targets(event.id)[0]
    from relance_tui.core.models import Contact

    contact = demo_store.get(Contact, first_target.contact_id)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        assert f"Bonjour {contact.first_name}," in rendered(app, "#preview-talking_points")
        assert "mots" in rendered(app, "#length") and "cible 30 s" in rendered(app, "#length")


async def test_creating_an_event_through_the_form(demo_store: Store, now) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventForm)
        form.query_one("#field-title", Input).value = "Conférence de presse du syndicat"
        form.query_one("#field-start", Input).value = "demain 10 h 30"
        form.query_one("#field-venue", Input).value = "Salle Marie-Gérin-Lajoie"
        await pilot.pause()
        assert "vendredi 27 novembre, 10 h 30" in rendered(app, "#start-echo")
        assert "Fenêtre de relance" in rendered(app, "#start-echo")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ScriptScreen)
        assert "Conférence de presse du syndicat" in rendered(app, "#event-banner")
    created = [e for e in demo_store.events() if e.title == "Conférence de presse du syndicat"]
    assert len(created) == 1
    assert created[0].start == datetime(2026, 11, 27, 10, 30, tzinfo=DEFAULT_TZ)
    assert created[0].venue == "Salle Marie-Gérin-Lajoie"
    # The generic defaults, in both languages, with no demo pitch.
    assert "{{ contact.prenom }}" in created[0].templates["fr"]["talking_points"]
    assert "Plantation" not in created[0].templates["fr"]["talking_points"]
    assert "{{ contact.first_name }}" in created[0].templates["en"]["talking_points"]
    assert demo_store.current_event().id == created[0].id


async def test_an_invalid_date_is_refused_and_nothing_is_saved(demo_store: Store, now) -> None:
    before = [e.to_doc() for e in demo_store.events(include_archived=True)]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-title", Input).value = "Lancement"
        form.query_one("#field-start", Input).value = "le 32 novembre"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert "n'est pas une heure reconnue" in rendered(app, "#error-start")
        assert "1 champ à corriger" in rendered(app, "#form-summary")
        await pilot.press("escape")
        await pilot.pause()
    assert [e.to_doc() for e in demo_store.events(include_archived=True)] == before


async def test_a_template_error_shows_its_line_and_keeps_the_last_good_preview(
    demo_store: Store, now
) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        good = rendered(app, "#preview-talking_points")
        editor = app.screen.query_one("#tpl-talking_points", TextArea)
        editor.focus()
        editor.move_cursor((2, 0))
        # Inserted at once: typed key by key, "{" alone is a valid template whose
        # preview may (rightly) become the last good one on a slow machine.
        editor.insert("{{ contact.prenon }}")
        await settle(pilot)
        error = rendered(app, "#template-error").replace("\xa0", " ")
        assert "vouliez-vous dire contact.prenom ?, ligne 3" in error
        assert rendered(app, "#preview-talking_points") == good
        await pilot.press("ctrl+s")
        await settle(pilot)
    # Kept as a draft; calls go on with the last version that rendered.
    event = demo_store.current_event()
    assert "{{ contact.prenon }}" in event.templates["fr"]["talking_points"]
    assert "{{ contact.prenon }}" not in event.good_templates["fr"]["talking_points"]


async def test_editing_a_template_changes_the_call_queue(demo_store: Store, now) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        editor = app.screen.query_one("#tpl-talking_points", TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)
        await pilot.press(*" Merci et bonne journée!")
        await settle(pilot)
        await pilot.press("escape", "4")
        await pilot.pause()
        assert isinstance(app.screen, CallsScreen)
        # The last line is the ask, pinned below the card.
        await wait_until(pilot, lambda: "Merci et bonne journée!" in rendered(app, "#card-ask"))
    event = demo_store.current_event()
    assert event.templates["fr"]["talking_points"].endswith("Merci et bonne journée!")
    assert event.good_templates["fr"]["talking_points"].endswith("Merci et bonne journée!")


async def test_reset_to_default_asks_first(demo_store: Store, now) -> None:
    event = book.with_drafts(
        demo_store.current_event(), "fr", {"talking_points": "Mon texte à moi"}, set()
    )
    demo_store.save(event)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert book.draft(demo_store.current_event(), "fr", "talking_points") == "Mon texte à moi"
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("o")
        await settle(pilot)
    event = demo_store.current_event()
    assert book.draft(event, "fr", "talking_points") == book.default_template(
        "fr", "talking_points"
    )
    assert book.is_default(event, "fr")


async def test_settings_are_validated_and_saved(demo_store: Store, now) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SettingsForm)
        form.query_one("#field-retry_no_answer_min", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)
        assert "entre 1 et 1440" in rendered(app, "#error-retry_no_answer_min")
        assert demo_store.settings().retry_no_answer_min == 30
        form.query_one("#field-retry_no_answer_min", Input).value = "45"
        form.query_one("#field-caller_name", Input).value = "Alex"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsForm)
    settings = demo_store.settings()
    assert (settings.retry_no_answer_min, settings.caller_name) == (45, "Alex")


async def test_duplicate_and_archive_from_the_events_list(demo_store: Store, now) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("d")
        await settle(pilot)
        assert "(copie)" in rendered(app, "#event-banner")
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("a")
        await settle(pilot)
    events = demo_store.events(include_archived=True)
    assert len(events) == 5  # the demo's event, its three past ones, and the copy
    assert [e.archived for e in events if e.title.endswith("(copie)")] == [True]
    assert isinstance(demo_store.current_event(), Event)


async def test_the_events_list_shows_numbers_and_whole_dates(demo_store: Store, now) -> None:
    """The number is what `relance report N` takes; the date is never cut."""
    from textual.widgets import DataTable

    from tests.ui.waiting import wait_until

    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        await pilot.press("f3")
        table = None

        def filled() -> bool:
            nonlocal table
            found = app.screen.query("#events-table")
            table = found.first() if found else None
            return table is not None and table.row_count == 4

        await wait_until(pilot, filled)
        assert isinstance(table, DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        current = demo_store.current_event()
        assert [str(current.id)] == [r[0] for r in rows if "▶" in r[1]]
        when = table.columns["col.when"]  # "ven. 27 nov., 10 h 30" never cut
        assert when.width >= max(len(r[2]) for r in rows)


async def test_f4_copies_the_previewed_email(demo_store: Store, now, monkeypatch) -> None:
    import pyperclip

    from relance_tui.ui.dialogs.copy import CopyDialog

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, CopyDialog)
        assert "copié dans le presse-papiers" in rendered(app, "#copy-status")
    [text] = copied
    text = text.replace("\xa0", " ")
    assert text.startswith("Bonjour ")  # the body alone: the subject is in the title
    assert not any(line.startswith(("À :", "Objet :")) for line in text.splitlines())


async def test_f5_writes_the_english_templates_and_f1_inserts_a_variable(
    demo_store: Store, now
) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_script(pilot)
        assert "▸ français" in rendered(app, "#script-lang")
        await pilot.press("f5")
        await settle(pilot)
        assert "▸ anglais" in rendered(app, "#script-lang")
        editor = screen.query_one("#tpl-talking_points", TextArea)
        assert editor.text.startswith("Hi {{ contact.first_name }}")
        assert "Hi " in rendered(app, "#preview-talking_points")
        editor.focus()
        editor.move_cursor(editor.document.end)
        await pilot.press("f1")
        await pilot.pause()
        picker = app.screen.query_one("#variables-list")
        # Named in the template's language; pick the venue.
        options = [str(picker.get_option_at_index(i).id) for i in range(picker.option_count)]
        picker.highlighted = options.index("event.venue")
        await pilot.press("enter")
        await settle(pilot)
        assert editor.text.rstrip().endswith("{{ event.venue }}")
        await pilot.press("ctrl+s")
        await settle(pilot)
    event = demo_store.current_event()
    assert event.templates["en"]["talking_points"].rstrip().endswith("{{ event.venue }}")
    assert event.templates["fr"]["talking_points"].startswith("Bonjour {{ contact.prenom }}")


async def test_an_empty_caller_name_is_flagged_in_the_preview(demo_store: Store, now) -> None:
    import dataclasses

    demo_store.save(dataclasses.replace(demo_store.settings(), caller_name="", caller_asked=True))
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_script(pilot)
        await settle(pilot)
        warning = rendered(app, "#template-error").replace("\xa0", " ")
        assert "ligne 1 : le nom de l'appelant est vide — Paramètres (ctrl+g)" in warning


async def test_who_calls_is_asked_once_before_the_script(demo_store: Store, now) -> None:
    import dataclasses

    from relance_tui.ui.dialogs.settings_form import CallerForm

    demo_store.save(dataclasses.replace(demo_store.settings(), caller_name="", caller_phone=""))
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, CallerForm))
        app.screen.query_one("#field-caller_name", Input).value = "Alex Tremblay"
        app.screen.query_one("#field-caller_phone", Input).value = "514 555-0123"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ScriptScreen))
        await settle(pilot)
        await wait_until(pilot, lambda: "Alex Tremblay" in rendered(app, "#preview-talking_points"))
        await pilot.press("4")
        await wait_until(pilot, lambda: isinstance(app.screen, CallsScreen))
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, ScriptScreen))
        await settle(pilot)
        assert not isinstance(app.screen, CallerForm)  # asked once only
    settings = demo_store.settings()
    assert (settings.caller_name, settings.caller_phone) == ("Alex Tremblay", "514 555-0123")
    assert settings.caller_asked


async def test_who_calls_can_be_skipped_and_is_not_asked_again(demo_store: Store, now) -> None:
    import dataclasses

    from relance_tui.ui.dialogs.settings_form import CallerForm

    demo_store.save(dataclasses.replace(demo_store.settings(), organisation=""))
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: isinstance(app.screen, CallerForm))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CallsScreen))
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, ScriptScreen))
        await settle(pilot)
        assert isinstance(app.screen, ScriptScreen)  # not asked again
    assert demo_store.settings().caller_asked and demo_store.settings().organisation == ""
