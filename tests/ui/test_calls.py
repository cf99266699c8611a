"""Appels on the demo data at a fixed time: keys change the store and the next card."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from relance_tui.core.calls.queue import load_queue
from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.models import Contact, Event, EventKind, Outcome, Outlet, Settings, Target
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.dialogs.callback import CallbackDialog
from relance_tui.ui.dialogs.copy import CopyDialog
from relance_tui.ui.screens.calls import CallsScreen
from tests.ui.waiting import wait_until


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def side_text(app) -> str:
    """The side lists (callbacks, later, set aside), one line per option."""
    side = app.screen.query_one("#queue-side", OptionList)
    return "\n".join(str(side.get_option_at_index(i).prompt) for i in range(side.option_count))


async def open_calls(pilot) -> CallsScreen:
    await pilot.press("4")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CallsScreen)
    return screen


def expected_first(store: Store, now: datetime):
    return load_queue(store, store.current_event(), now).ready


@pytest.mark.parametrize(
    ("key", "outcome"),
    [
        ("c", Outcome.CONFIRMED),
        ("i", Outcome.INTERESTED),
        ("v", Outcome.VOICEMAIL),
        ("n", Outcome.NO_ANSWER),
        ("d", Outcome.DECLINED),
        ("w", Outcome.WRONG_NUMBER),
        ("xo", Outcome.DO_NOT_CALL),  # x asks first: o (oui) confirms
    ],
)
async def test_outcome_key_records_and_moves_to_the_next_card(
    demo_store: Store, now: datetime, key: str, outcome: Outcome
) -> None:
    first, second = expected_first(demo_store, now)[:2]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        assert screen.current.target.id == first.target.id
        assert first.contact.name in str(screen.query_one("#card-contact").render())
        await pilot.press(*key)
        await pilot.pause()
        [attempt] = demo_store.attempts(demo_store.current_event().id)
        assert (attempt.target_id, attempt.outcome, attempt.at) == (first.target.id, outcome, now)
        following = expected_first(demo_store, now)[0]
        assert screen.current.target.id == following.target.id
        assert following.contact.name in str(screen.query_one("#card-contact").render())
        assert "Appelés : 1 / 30" in text_of(app, "#progress")
        if outcome is Outcome.CONFIRMED:  # the outlet is coming: its others go aside
            assert following.outlet.id != first.outlet.id
        elif outcome is Outcome.DECLINED:  # only that contact and show: the outlet stays
            assert following.target.id == second.target.id
            assert "CIBL 101,5 a refusé — Béatrice Thibault" in text_of(app, "#card-answered")
        else:
            assert following.target.id == second.target.id
    contact = demo_store.get(Contact, first.contact.id)
    assert contact.to_fix is (outcome is Outcome.WRONG_NUMBER)
    assert contact.do_not_call is (outcome is Outcome.DO_NOT_CALL)


async def test_voicemail_and_no_answer_wait_in_later_with_their_time(
    demo_store: Store, now: datetime
) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("v", "n")
        await pilot.pause()
        later = side_text(app).split("Plus tard")[1]
        assert later.index("9 h 45") < later.index("11 h 15")
        assert "Plus tard : 2" in text_of(app, "#progress")


async def test_callback_with_a_typed_time(demo_store: Store, now: datetime) -> None:
    first = expected_first(demo_store, now)[0]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, CallbackDialog)
        await pilot.press(*"14 h 30")
        await pilot.pause()
        assert "jeudi 26 novembre, 14 h 30" in str(app.screen.query_one("#callback-echo").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallsScreen)
        callbacks = side_text(app).split("Plus tard")[0]
        assert "14 h 30" in callbacks and "— votre rappel" in callbacks  # whose it is
    [attempt] = demo_store.attempts(demo_store.current_event().id)
    assert attempt.outcome is Outcome.CALLBACK
    assert attempt.target_id == first.target.id
    assert attempt.callback_at == now.replace(hour=14, minute=30)


async def test_callback_refuses_bad_text_and_escape_saves_nothing(
    demo_store: Store, now: datetime
) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"banane", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CallbackDialog)
        assert "n'est pas une heure reconnue" in str(
            app.screen.query_one("#callback-echo").render()
        )
        app.screen.query_one(Input).value = "8h"
        await pilot.press("enter")
        await pilot.pause()
        assert "déjà passé" in str(app.screen.query_one("#callback-echo").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CallsScreen)
    assert demo_store.attempts(demo_store.current_event().id) == []


async def test_skip_sends_the_card_to_the_end(demo_store: Store, now: datetime) -> None:
    ready = expected_first(demo_store, now)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert screen.current.target.id == ready[1].target.id
        assert "Appelés : 0 / 30" in text_of(app, "#progress")
    queue = load_queue(demo_store, demo_store.current_event(), now)
    assert queue.ready[-1].target.id == ready[0].target.id
    [attempt] = demo_store.attempts(demo_store.current_event().id)
    assert attempt.outcome is Outcome.SKIPPED


async def test_undo_brings_the_card_back_and_appends_a_reversal(
    demo_store: Store, now: datetime
) -> None:
    first = expected_first(demo_store, now)[0]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        await pilot.press("x", "o")
        await pilot.pause()
        assert demo_store.get(Contact, first.contact.id).do_not_call
        await pilot.press("u")
        await pilot.pause()
        assert screen.current.target.id == first.target.id
        assert "Annulé : ne plus appeler" in str(screen.query_one("#call-status").render())
    log = demo_store.attempts(demo_store.current_event().id)
    assert [a.outcome for a in log] == [Outcome.DO_NOT_CALL, Outcome.UNDO]
    assert log[1].reverses == log[0].uid
    assert not demo_store.get(Contact, first.contact.id).do_not_call


async def test_note_is_saved_with_the_outcome(demo_store: Store, now: datetime) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*"viendra avec un caméraman", "enter")
        await pilot.pause()
        assert "viendra avec un caméraman" in str(screen.query_one("#card-note").render())
        await pilot.press("c")
        await pilot.pause()
    [attempt] = demo_store.attempts(demo_store.current_event().id)
    assert attempt.note == "viendra avec un caméraman"


async def test_after_a_restart_the_queue_is_where_it_was(db_path: Path, now: datetime) -> None:
    from relance_tui.core.station.demo import load_demo
    from relance_tui.locations import data_dir

    store = Store.open(db_path)
    load_demo(store, data_dir(), now)
    app = make_app(store=store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        await pilot.press("c", "v", "s", "n")
        await pilot.pause()
        before = screen.current.target.id
        progress_before = text_of(app, "#progress")
    store.close()

    reopened = Store.open(db_path)
    try:
        app = make_app(store=reopened, clock=fixed_clock(now))
        async with app.run_test(size=(100, 32)) as pilot:
            screen = await open_calls(pilot)
            assert screen.current.target.id == before
            assert text_of(app, "#progress") == progress_before
            assert "Appelés : 3 / 30" in progress_before
    finally:
        reopened.close()


async def test_resend_records_and_shows_the_email(
    demo_store: Store, now: datetime, monkeypatch
) -> None:
    import pyperclip

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException("no mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    first = expected_first(demo_store, now)[0]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#call-status").render())
        assert "renvoyer le communiqué" in status and "Courriel enregistré dans" in status
        assert "OSC 52" not in status  # plain words, never the terminal's jargon
        assert not isinstance(app.screen, CopyDialog)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, CopyDialog)
        text = app.screen.query_one("#copy-text").text
        assert text.startswith(f"Bonjour {first.contact.first_name},")  # the body alone
        assert text.splitlines()[2].startswith("Voici de nouveau, comme vous me l")
        assert first.contact.email not in text and "Objet" not in text
        title = str(app.screen.query_one(".dialog-title").render())
        assert first.contact.email in title  # to read, not to paste
    [attempt] = demo_store.attempts(demo_store.current_event().id)
    assert attempt.outcome is Outcome.RESEND


async def test_p_hands_the_number_to_the_phone_through_a_custom_command(
    demo_store: Store, now: datetime, tmp_path: Path
) -> None:
    first = expected_first(demo_store, now)[0]
    record = tmp_path / "dialled.txt"
    script = tmp_path / "softphone.sh"
    script.write_text(f'#!/bin/sh\necho "$@" > {record}\n')
    script.chmod(0o700)
    settings = demo_store.settings()
    settings.dialer, settings.dial_command = "custom", f"{script} --call {{number}}"
    demo_store.save(settings)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: "envoyé à votre commande" in text_of(app, "#call-status"))
    digits = "".join(ch for ch in first.contact.phone if ch.isdigit())
    expected = f"--call +1{digits}" + (
        f",{first.contact.extension}" if first.contact.extension else ""
    )
    assert record.read_text().strip() == expected


async def test_p_with_no_dialer_shows_the_number_as_a_qr_code(
    demo_store: Store, now: datetime
) -> None:
    """No phone found on this machine (the tests' PATH has none): p is still there, and
    shows the number as a QR code to scan; nothing is recorded."""
    from relance_tui.core.phones import dial_string
    from relance_tui.ui.dialogs.qr import QrDialog

    first = expected_first(demo_store, now)[0]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calls(pilot)
        shown = {b.key for _, b, enabled, _ in screen.active_bindings.values() if b.show}
        assert "p" in shown
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, QrDialog))
        number = dial_string(first.contact.phone, first.contact.extension)
        assert app.screen.uri == f"tel:{number}"
        code = app.screen.query_one("#qr-code")
        assert code.region.right <= 80 and code.region.bottom <= 24  # whole at 80x24
    assert demo_store.attempts(demo_store.current_event().id) == []


async def test_a_failing_dialer_says_so_and_falls_back_to_the_qr_code(
    demo_store: Store, now: datetime
) -> None:
    from relance_tui.ui.dialogs.qr import QrDialog

    settings = demo_store.settings()
    settings.dialer, settings.dial_command = "custom", "/nonexistent/softphone"
    demo_store.save(settings)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, QrDialog))
        assert "n'a pas pris le numéro" in str(screen.query_one("#call-status").render())
    assert demo_store.attempts(demo_store.current_event().id) == []


async def test_r_writes_a_draft_and_opens_it_in_the_mail_program(
    demo_store: Store, now: datetime, tmp_path: Path, monkeypatch
) -> None:
    import email
    import email.policy
    import os

    import pyperclip

    from tests.conftest import fake_program

    opened = tmp_path / "opened.txt"
    desktop = tmp_path / "mail-desktop"
    fake_program(desktop, "xdg-open", f'echo "$1" > "{opened}"')
    fake_program(  # the mail program, and no tel: handler
        desktop, "xdg-mime", '[ "$3" = message/rfc822 ] && echo org.mozilla.thunderbird.desktop'
    )
    monkeypatch.setenv("PATH", f"{desktop}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    first = expected_first(demo_store, now)[0]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("r")
        await wait_until(
            pilot, lambda: "Courriel prêt dans Thunderbird" in text_of(app, "#call-status")
        )
    draft = Path(opened.read_text().strip())
    assert draft.parent == demo_store.path.parent / "brouillons"
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message["To"] == first.contact.email and message["X-Unsent"] == "1"
    assert [p.get_content_type() for p in message.iter_attachments()] == ["text/calendar"]


async def test_do_not_call_asks_first_and_no_changes_nothing(
    demo_store: Store, now: datetime
) -> None:
    first = expected_first(demo_store, now)[0]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert "Ne plus jamais appeler" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("enter")  # the default answer is No
        await pilot.pause()
        assert app.screen is screen and screen.current.target.id == first.target.id
    assert demo_store.attempts(demo_store.current_event().id) == []
    assert not demo_store.get(Contact, first.contact.id).do_not_call


async def test_call_time_starts_with_space_not_with_the_card(
    demo_store: Store, now: datetime
) -> None:
    clock = [now]
    app = make_app(store=demo_store, clock=lambda: clock[0])
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        clock[0] = now + timedelta(seconds=20)  # reading the card
        screen._tick()
        assert "espace quand ça sonne" in str(screen.query_one("#call-timer").render())
        await pilot.press("space")
        clock[0] = now + timedelta(seconds=95)
        screen._tick()
        assert "1:15" in str(screen.query_one("#call-timer").render())
        await pilot.press("c")
        await pilot.pause()
    [attempt] = demo_store.attempts(demo_store.current_event().id)
    assert attempt.duration_s == 75.0


async def test_at_80_columns_the_side_lists_fold_and_l_shows_them(
    demo_store: Store, now: datetime
) -> None:
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calls(pilot)
        assert not screen.query_one("#calls-side").display
        assert screen.query_one("#card-phone-text").display
        await pilot.press("l")
        await pilot.pause()
        assert screen.query_one("#calls-side").display


async def test_when_the_list_is_done_no_card_detail_stays_behind(
    store: Store, now: datetime
) -> None:
    from relance_tui.core.models import Event, EventKind, Outlet, Target

    event = Event(title="Lancement", kind=EventKind.EVENT, start=now + timedelta(days=2))
    store.save(event)
    outlet = Outlet(name="CIBL 101,5", phone="514-555-0135", notes="Salle ouverte le matin.")
    store.save(outlet)
    contact = Contact(outlet_id=outlet.id, name="Léa Roy", phone="514-555-0136", notes="Texto.")
    store.save(contact)
    store.save(Target(event_id=event.id, position=1, contact_id=contact.id))
    store.save(Settings(id=1, caller_asked=True))  # the who-calls form was skipped
    app = make_app(store=store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        assert "Texto." in str(screen.query_one("#card-notes").render())
        await pilot.press("c")
        await pilot.pause()
        assert screen.current is None
        for widget_id in ("#card-phone-text", "#card-notes", "#card-contact"):
            assert str(screen.query_one(widget_id).render()).strip() == ""


async def test_plus_on_the_side_list_postpones_a_callback_and_keeps_the_card(
    demo_store: Store, now: datetime
) -> None:
    first, second = expected_first(demo_store, now)[:2]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("b", *"14 h 30", "enter")  # a callback for the first
        await pilot.pause()
        assert "14 h 30" in side_text(app).split("Plus tard")[0]
        side = app.screen.query_one("#queue-side", OptionList)
        side.focus()
        side.highlighted = next(
            i
            for i in range(side.option_count)
            if "14 h 30" in str(side.get_option_at_index(i).prompt)
        )
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, CallbackDialog)
        await pilot.press(*"demain 9 h", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CallsScreen)
        assert "demain 9 h" in side_text(app).split("Plus tard")[0]
        assert "Reporté à vendredi 27 novembre, 9 h" in text_of(app, "#call-status").replace(
            "\xa0", " "
        )
        assert app.screen.current.target.id == second.target.id  # the card stayed
    callbacks = [
        a
        for a in demo_store.attempts(demo_store.current_event().id)
        if a.target_id == first.target.id
    ]
    assert [a.callback_at.hour for a in callbacks] == [14, 9]


async def test_f_after_a_voicemail_prepares_the_follow_up_email(
    demo_store: Store, now: datetime, monkeypatch
) -> None:
    import email
    import email.policy

    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    first = expected_first(demo_store, now)[0]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("f")
        await wait_until(pilot, lambda: "enregistrez-en un avec v" in text_of(app, "#call-status"))
        await pilot.press("v")
        await wait_until(pilot, lambda: "(f : courriel de suivi)" in text_of(app, "#call-status"))
        await pilot.press("f")
        await wait_until(pilot, lambda: "Courriel enregistré dans" in text_of(app, "#call-status"))
    [draft] = (demo_store.path.parent / "brouillons").glob("*.eml")
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message["To"] == first.contact.email
    subject = message["Subject"].replace("\xa0", " ")
    assert subject.startswith("Suite à mon message : ") and "Rappel" not in subject
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith(f"Bonjour {first.contact.first_name},\n\nJe viens de vous laisser")
    assert copied and copied[-1].startswith("Bonjour") and "Objet" not in copied[-1]


async def test_k_puts_the_callbacks_in_the_calendar(
    demo_store: Store, now: datetime, tmp_path: Path, monkeypatch
) -> None:
    import os

    import icalendar

    from tests.conftest import fake_program

    opened = tmp_path / "opened.txt"
    fake_program(tmp_path / "cal", "xdg-open", f'echo "$1" > "{opened}"')
    monkeypatch.setenv("PATH", f"{tmp_path / 'cal'}{os.pathsep}{os.environ['PATH']}")
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("K")
        await wait_until(pilot, lambda: "Calendrier ouvert" in text_of(app, "#call-status"))
    calendar = icalendar.Calendar.from_ical(Path(opened.read_text().strip()).read_bytes())
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
        demo_store.current_event().title
    ]


async def test_the_bilan_exports_the_calendar(
    demo_store: Store, now: datetime, tmp_path: Path
) -> None:
    import icalendar
    from textual.widgets import Select

    from relance_tui.ui.dialogs.export import ExportDialog

    target = tmp_path / "bilan.ics"
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5", "x")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one("#export-format", Select).value = "ics"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export-go")
        await wait_until(pilot, target.exists)
    assert icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")


async def test_the_settings_list_the_dialers_found_here(
    demo_store: Store, now: datetime, tmp_path: Path, monkeypatch
) -> None:
    import os

    from textual.widgets import Select

    from relance_tui.ui.dialogs.settings_form import SettingsForm
    from tests.conftest import fake_program

    fake_program(tmp_path / "phone", "linphone", "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path / 'phone'}{os.pathsep}{os.environ['PATH']}")
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsForm))
        dialers = app.screen.query_one("#field-dialer", Select)

        def shown() -> dict[str, str]:
            return {value: str(label) for label, value in dialers._options}

        await wait_until(
            pilot, lambda: "trouvé ici" in shown().get("linphone", "")
        )  # looked for off the UI thread
        labels = shown()
        assert labels["linphone"] == "Linphone (trouvé ici)"
        assert "trouvé ici" not in labels["adb"]
        dialers.value = "linphone"
        opening = app.screen.query_one("#field-start_screen", Select)
        assert str(dict((v, lbl) for lbl, v in opening._options)["auto"]).startswith(
            "Appels pendant la fenêtre"
        )
        opening.value = "lists"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, SettingsForm))
    assert demo_store.settings().dialer == "linphone"
    assert demo_store.settings().start_screen == "lists"


async def test_the_side_lists_are_rebuilt_only_when_what_they_say_changes(
    demo_store: Store, now: datetime
) -> None:
    """A key redraws the side lists only if a line changed (their rebuild was a fifth
    of a key's time): a skip leaves them be, a voicemail adds its retry to "later"."""
    first, second = expected_first(demo_store, now)[:2]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        side = screen.query_one("#queue-side", OptionList)
        before = [side.get_option_at_index(i) for i in range(side.option_count)]
        await pilot.press("s")
        await wait_until(pilot, lambda: screen.current.target.id == second.target.id)
        after = [side.get_option_at_index(i) for i in range(side.option_count)]
        assert all(a is b for a, b in zip(before, after, strict=True))
        await pilot.press("v")
        await wait_until(pilot, lambda: second.label in side_text(app))
        later = side_text(app).split("Plus tard")[1].split("Mis de côté")[0]
        assert second.label in later and first.label not in later


async def test_the_keys_that_need_a_card_leave_the_footer_when_the_list_is_done(
    store: Store, now: datetime
) -> None:
    """No card: the outcome keys leave the footer (they would do nothing) and the card
    says what to do next; they come back with undo, in the same footer (one widget: 20
    widgets of keys were 150 ms of the first card's start). A click on a key presses it."""
    from relance_tui.ui.widgets.footer import Key, KeysFooter

    event = one_on_the_list(store, now)
    app = make_app(store=store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        footer = screen.query_one(KeysFooter)

        def key(name: str) -> Key | None:
            shown = footer.shown.rows if footer.shown is not None else ()
            return next((k for row in shown for k in row if k.key == name), None)

        def enabled(name: str) -> bool:
            found = key(name)
            return found is not None and found.enabled

        await wait_until(pilot, lambda: enabled("c"))
        await pilot.press("c")
        await wait_until(pilot, lambda: key("c") is None)
        assert screen.current is None and screen.query_one(KeysFooter) is footer
        assert "Toute la liste est faite. Ensuite : 5 Bilan" in text_of(app, "#card-outlet")
        assert not screen.query_one("#card-script").display  # no empty script box
        await pilot.press("u")
        await wait_until(pilot, lambda: enabled("c"))
        assert screen.current is not None and screen.query_one(KeysFooter) is footer
        # The footer's first key is drawn from its left edge: a click there presses it.
        assert footer.key_at(1, 0) == key("c")
        await pilot.click(KeysFooter, offset=(1, 0))
        await wait_until(pilot, lambda: screen.current is None)
        outcomes = [a.outcome for a in store.attempts(event.id)]
        assert outcomes == [Outcome.CONFIRMED, Outcome.UNDO, Outcome.CONFIRMED]


async def test_the_next_call_id_is_counted_once_the_app_is_up(demo_store: Store, now) -> None:
    """Counted by a thread after the first screen (not during the start, where it took
    the interpreter from it), so that the first key does not count 200,000 ids."""
    app = make_app(store=demo_store, clock=fixed_clock(now), start_mode="calls")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, lambda: "attempts" in demo_store._ids_ahead)
        ids = [a.id or 0 for a in demo_store.attempts()]
        assert demo_store._ids_ahead["attempts"] == (demo_store.changes, max(ids, default=0) + 1)


async def test_the_ask_stays_on_screen_at_80x24(demo_store: Store, now: datetime) -> None:
    """The talking points' last line, the ask, is pinned below the card's scrolling part:
    on screen at 80×24 however long the card."""
    from relance_tui.ui.widgets.lines import PlainLabel
    from tests.ui.waiting import wait_until

    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calls(pilot)
        ask = app.screen.query_one("#card-ask", PlainLabel)
        await wait_until(pilot, lambda: "pourrait être là" in str(ask.render()))
        assert str(ask.render()).startswith("➜ Est-ce que quelqu'un de CIBL 101,5")
        footer_top = app.screen.query_one("KeysFooter").region.y
        assert ask.region.height >= 1 and ask.region.bottom <= footer_top
        assert "pourrait être là" not in text_of(app, "#card-script")  # not twice


async def test_the_card_shows_the_other_numbers_to_try(store: Store, now: datetime) -> None:
    """The cell an address book gave beside the work number: on the card, in words."""

    one_on_the_list(
        store, now, others=["cell:438-555-0199", "fax:514-555-0100", "email:lea@perso.example"]
    )
    app = make_app(store=store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_calls(pilot)
        notes = " ".join(str(screen.query_one("#card-notes").render()).split())
        assert "Aussi : cellulaire 438 555-0199 ; télécopieur 514 555-0100 ;" in notes
        assert "courriel lea@perso.example" in notes


async def test_in_relance_web_the_number_and_the_draft_go_to_the_browser(
    demo_store: Store, now: datetime, monkeypatch
) -> None:
    """Run by relance web, p hands tel: to the browser (open_url) and e delivers the
    draft file to it (deliver_binary): nothing is opened on the server's side."""
    from relance_tui.core.phones import dial_string

    first = expected_first(demo_store, now)[0]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    opened: list[str] = []
    delivered: list[str] = []
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    monkeypatch.setattr(
        app, "deliver_binary", lambda path, **kw: delivered.append(kw["save_filename"])
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await open_calls(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: bool(opened))
        assert opened == [f"tel:{dial_string(first.contact.phone, first.contact.extension)}"]
        await pilot.press("e")
        await wait_until(pilot, lambda: bool(delivered))
        assert delivered[0].endswith(".eml")


def one_on_the_list(store: Store, now: datetime, **contact: Any) -> Event:
    """One event in two days with one contact on its list (CIBL 101,5, Léa Roy), the
    who-calls form already answered; `contact`: more of the contact's fields."""
    event = Event(title="Lancement", kind=EventKind.EVENT, start=now + timedelta(days=2))
    store.save(event)
    outlet = Outlet(name="CIBL 101,5", phone="514-555-0135")
    store.save(outlet)
    person = Contact(outlet_id=outlet.id, name="Léa Roy", phone="514-555-0136", **contact)
    store.save(person)
    store.save(Target(event_id=event.id, position=1, contact_id=person.id))
    store.save(Settings(id=1, caller_asked=True))
    return event
