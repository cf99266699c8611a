"""What has gone stale on a media list (issue 40), over made-up histories."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from relance_tui.core.media.freshness import mark_verified, reached_on, to_verify
from relance_tui.core.models import (
    Attempt,
    Contact,
    Event,
    EventKind,
    Outcome,
    Outlet,
    OutletKind,
    Target,
)
from relance_tui.core.store.store import Store

TODAY = date(2026, 12, 8)
ZONE = ZoneInfo("America/Toronto")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZONE)


def a_list(store: Store) -> dict[str, Contact]:
    cibl = store.save(Outlet(name="CIBL 101,5"))
    store.save(Outlet(name="CISM 89,3"))  # its switchboard only
    pigiste = store.save(Outlet(name="Léa Roy", kind=OutletKind.FREELANCE))
    people = {
        "fresh": Contact(outlet_id=cibl, name="Élise Côté", verified="2026-06-01"),
        "old": Contact(outlet_id=cibl, name="Jérôme Lavoie", verified="2024-11-30"),
        "older": Contact(outlet_id=cibl, name="Sam Ouellet", verified="2023-01-15"),
        "never": Contact(outlet_id=cibl, name="Ana Diaz"),
        "called": Contact(outlet_id=cibl, name="Paul Roy", verified="2023-05-01"),
        "wrong": Contact(outlet_id=cibl, name="Marc Tremblay", verified="2026-11-01", to_fix=True),
        "bounced": Contact(outlet_id=cibl, name="Nour Haddad", verified="2026-11-01", bounced=True),
        "no_call": Contact(outlet_id=cibl, name="Zoé Gagnon", do_not_call=True),
        "pigiste": Contact(outlet_id=pigiste, name="Léa Roy", verified="2026-10-01"),
    }
    for contact in people.values():
        contact.id = store.save(contact)
    return people


def call(store: Store, contact: Contact, day: date, outcome: Outcome) -> Attempt:
    event = store.save(Event(title="Lancement", kind=EventKind.EVENT, start=at(day)))
    target = store.save(Target(event_id=event, position=1, contact_id=contact.id))
    attempt = Attempt(event_id=event, target_id=target, at=at(day), outcome=outcome)
    store.save(attempt)
    return attempt


def test_a_call_someone_answered_verifies_a_voicemail_does_not(store: Store) -> None:
    people = a_list(store)
    call(store, people["called"], date(2026, 9, 3), Outcome.DECLINED)
    call(store, people["older"], date(2026, 9, 3), Outcome.VOICEMAIL)
    wrong = call(store, people["old"], date(2026, 9, 4), Outcome.CONFIRMED)
    undo = Attempt(
        event_id=wrong.event_id,
        target_id=wrong.target_id,
        at=at(date(2026, 9, 4)),
        outcome=Outcome.UNDO,
        reverses=wrong.uid,
    )
    store.save(undo)  # the key was a slip: the confirmation does not count
    assert reached_on(store) == {people["called"].id: date(2026, 9, 3)}


def test_the_list_to_verify_before_a_campaign(store: Store) -> None:
    people = a_list(store)
    call(store, people["called"], date(2026, 9, 3), Outcome.CALLBACK)
    found = [
        (s.reason, s.contact.name if s.contact else s.outlet.name, s.verified)
        for s in to_verify(store, TODAY, months=12)
    ]
    assert found == [
        ("to_fix", "Marc Tremblay", date(2026, 11, 1)),
        ("bounced", "Nour Haddad", date(2026, 11, 1)),
        ("never", "Ana Diaz", None),
        ("stale", "Sam Ouellet", date(2023, 1, 15)),
        ("stale", "Jérôme Lavoie", date(2024, 11, 30)),
        ("switchboard", "CISM 89,3", None),
    ]
    # Six months instead of twelve: the one verified on June 1 is due; seven: not yet.
    assert "Élise Côté" in [s.contact.name for s in to_verify(store, TODAY, 6) if s.contact]
    assert "Élise Côté" not in [s.contact.name for s in to_verify(store, TODAY, 7) if s.contact]


def test_marking_verified_lifts_the_flags_and_takes_it_off_the_list(store: Store) -> None:
    people = a_list(store)
    mark_verified(store, people["wrong"], TODAY)
    kept = store.get(Contact, people["wrong"].id or 0)
    assert kept is not None and (kept.verified, kept.to_fix) == ("2026-12-08", False)
    names = [s.contact.name for s in to_verify(store, TODAY, 12) if s.contact]
    assert "Marc Tremblay" not in names


def test_an_import_verifies_what_it_brings(store: Store) -> None:
    from relance_tui.core.media.importers import apply_import, plan_import_bytes

    plan = plan_import_bytes(b"Media,Nom,Telephone\nCIBL,Elise,514-555-0142\n", "l.csv", store, {})
    apply_import(store, plan, today=TODAY)
    [elise] = store.contacts()
    assert elise.verified == "2026-12-08"


def test_past_months_land_on_a_real_day() -> None:
    from relance_tui.core.media.freshness import _months_before

    assert _months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert _months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)
    assert _months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_listes_filters_and_sorts_on_it(store: Store) -> None:
    """Listes' « À vérifier » filter: those rows alone, the oldest verified first, and a
    search still narrows them."""
    from relance_tui.core.media.search import Filters, media_rows, search

    a_list(store)
    stale = to_verify(store, TODAY, months=12)
    keys = tuple(f"c{s.contact.id}" if s.contact else f"o{s.outlet.id}" for s in stale)
    rows = media_rows(store.outlets(), store.shows(), store.contacts())
    only = Filters(stale_only=True, stale=keys)
    shown = [r.contact.name if r.contact else r.outlet.name for r in search(rows, "", only)]
    assert shown == [
        "Marc Tremblay",
        "Nour Haddad",
        "Ana Diaz",
        "Sam Ouellet",  # 2023-01-15
        "Paul Roy",  # 2023-05-01 (no call reached him here)
        "Jérôme Lavoie",  # 2024-11-30
        "CISM 89,3",
    ]
    assert [r.contact.name for r in search(rows, "lavoie", only) if r.contact] == ["Jérôme Lavoie"]
