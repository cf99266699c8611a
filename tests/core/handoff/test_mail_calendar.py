"""The reminder email as a draft, and the calendar of the event and its callbacks,
read back by the libraries a mail program and a calendar would use."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta

import icalendar

from relance_tui.core.calls.queue import load_queue, record_outcome
from relance_tui.core.handoff.calendar import callbacks_ics, event_ics
from relance_tui.core.handoff.mail import draft, mailto, release_of, write_draft
from relance_tui.core.models import Outcome
from relance_tui.core.store.store import Store


def test_the_draft_reads_back_with_its_invitation(demo_store: Store, now, tmp_path) -> None:
    event = demo_store.current_event()
    message = draft(
        "lea@cibl.example",
        "Rappel : Lancement",
        "Bonjour Léa,\n\nComme convenu…",
        event_ics(event, "file-1", now),
    )
    path = write_draft(tmp_path / "brouillons", "Léa Roy", message)
    assert path.name == "Léa-Roy.eml" and oct(path.stat().st_mode)[-3:] == "600"
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "lea@cibl.example" and parsed["Subject"] == "Rappel : Lancement"
    assert parsed["X-Unsent"] == "1"  # a draft to send, not a message received
    body = parsed.get_body(preferencelist=("plain",))
    assert "Bonjour Léa" in body.get_content()
    [invitation] = [part for part in parsed.iter_attachments()]
    assert invitation.get_content_type() == "text/calendar"
    calendar = icalendar.Calendar.from_ical(invitation.get_content())
    [entry] = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == event.start
    assert str(entry["dtstart"].params["TZID"]) == "America/Toronto"
    assert entry.walk("VALARM")[0].decoded("trigger") == -timedelta(hours=1)


def test_mailto_carries_subject_and_body() -> None:
    link = mailto("lea@cibl.example", "Rappel : Lancement", "Bonjour,\nà bientôt")
    assert link.startswith("mailto:lea%40cibl.example?subject=Rappel%20%3A%20Lancement&body=")
    assert "%0A" in link


def test_callbacks_in_the_calendar_with_stable_uids(demo_store: Store, now) -> None:
    event = demo_store.current_event()
    state = load_queue(demo_store, event, now).current
    later = now + timedelta(hours=3)
    record_outcome(demo_store, state, Outcome.CALLBACK, now, callback_at=later, note="après 14 h")
    first = icalendar.Calendar.from_ical(callbacks_ics(demo_store, event, now))
    again = icalendar.Calendar.from_ical(
        callbacks_ics(demo_store, event, now + timedelta(minutes=5))
    )
    entries = first.walk("VEVENT")
    assert len(entries) == 2  # the event, the callback
    callback = entries[1]
    assert callback.decoded("dtstart") == later
    assert str(callback["url"]).startswith("tel:+1514")
    assert state.name in str(callback["summary"]) and "après 14 h" in str(callback["description"])
    assert callback.walk("VALARM")[0].decoded("trigger") == -timedelta(minutes=5)
    assert [str(e["uid"]) for e in entries] == [str(e["uid"]) for e in again.walk("VEVENT")]


def test_resend_to_all_one_draft_each_or_one_in_bcc(demo_store: Store, now, tmp_path) -> None:
    from relance_tui.core.calls.timing import fixed_clock
    from relance_tui.core.handoff.batch import resend_drafts
    from relance_tui.core.station.report import summarise

    event = demo_store.current_event()
    release = tmp_path / "communique.pdf"
    release.write_bytes(b"%PDF-1.4 le communique")
    event.release_file = str(release)
    demo_store.save(event)
    for _ in range(3):
        state = load_queue(demo_store, event, now).current
        record_outcome(demo_store, state, Outcome.RESEND, now)
    asked = summarise(demo_store, event, fixed_clock(now)).resend
    assert len(asked) == 3
    release = release_of(event, demo_store.meta(), demo_store.path)[0]
    each = resend_drafts(
        event, asked, demo_store.settings(), tmp_path / "each", "f", now, release=release
    )
    assert each.drafts == 3 and each.left_out == []
    drafts = sorted((tmp_path / "each").glob("*.eml"))
    parsed = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in drafts]
    assert sorted(m["To"] for m in parsed) == sorted(s.email for s in asked)
    for message in parsed:
        kinds = [part.get_content_type() for part in message.iter_attachments()]
        assert kinds == ["text/calendar", "application/pdf"]  # the invitation, the release
    one = resend_drafts(
        event, asked, demo_store.settings(), tmp_path / "bcc", "f", now, bcc=True, release=release
    )
    [bcc] = (tmp_path / "bcc").glob("*.eml")
    message = email.message_from_bytes(bcc.read_bytes(), policy=email.policy.default)
    assert one.drafts == 1 and message["To"] is None
    assert sorted(message["Bcc"].split(", ")) == sorted(s.email for s in asked)
    assert "Bonjour," in message.get_body(preferencelist=("plain",)).get_content()


def test_a_missing_communique_file_is_said_not_fatal(demo_store: Store, tmp_path) -> None:
    from relance_tui.core.handoff.mail import release_of

    event = demo_store.current_event()
    event.release_file = str(tmp_path / "absent.pdf")
    path, said = release_of(event)
    assert path is None and "absent.pdf" in said and "introuvable" in said


def test_the_press_kit_goes_to_each_absent_outlet_in_its_language(
    demo_store: Store, now, tmp_path
) -> None:
    """After the event: CBC (English) and another outlet confirmed and did not come;
    one draft per outlet, each in the outlet's language, to its confirmed people; one
    outlet that came is left out of the kit (door_report)."""
    from relance_tui.core.door.door import check_in, door_list, door_report
    from relance_tui.core.handoff.batch import material_drafts
    from relance_tui.core.models import Contact, Language, Outlet

    event = demo_store.current_event()
    states = load_queue(demo_store, event, now).ready
    english = next(s for s in states if s.outlet and s.outlet.language is Language.EN)
    by_outlet = {s.outlet.id: s for s in reversed(states) if s.outlet.language is Language.FR}
    french = [by_outlet[i] for i in sorted(by_outlet)][:2]  # two outlets
    for state in [english, *french]:
        record_outcome(demo_store, state, Outcome.CONFIRMED, now)
    came = next(e for e in door_list(demo_store, event, now) if e.outlet == french[1].outlet.name)
    check_in(demo_store, event, came, event.start)
    absent = door_report(demo_store, event, event.start + timedelta(hours=4)).confirmed_absent
    assert sorted(e.outlet for e in absent) == sorted([english.outlet.name, french[0].outlet.name])
    outlets = {e.outlet_id: demo_store.get(Outlet, e.outlet_id) for e in absent}
    contacts = {e.contact_id: demo_store.get(Contact, e.contact_id) for e in absent}
    batch = material_drafts(
        event,
        absent,
        outlets,
        contacts,
        demo_store.settings(),
        tmp_path / "kit",
        release=release_of(event, demo_store.meta(), demo_store.path)[0],
    )
    assert batch.drafts == 2 and batch.left_out == []
    parsed = {
        m["To"]: m
        for m in (
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in (tmp_path / "kit").glob("*.eml")
        )
    }
    assert set(parsed) == {english.email, french[0].email}
    assert parsed[english.email]["Subject"].startswith("Press kit: ")
    assert parsed[french[0].email]["Subject"].startswith("Matériel de presse : ")
    body = parsed[french[0].email].get_body(preferencelist=("plain",)).get_content()
    assert "Nous ne vous avons pas vu·e" in body
