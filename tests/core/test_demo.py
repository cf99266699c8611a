"""The demo data of PRODUCT §10."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from relance_tui.core.calls.timing import DEFAULT_TZ, WindowStatus, relance_window
from relance_tui.core.models import Role
from relance_tui.core.station.demo import load_demo
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir

PHONE = re.compile(r"^514-555-01\d\d$")


def test_demo_media_list_is_big_and_fictional(demo_store: Store) -> None:
    outlets = demo_store.outlets()
    contacts = demo_store.contacts()
    assert len(outlets) >= 25
    assert len(contacts) >= 40
    assert {"CIBL 101,5", "Le Devoir", "CBC Montreal", "La Presse Canadienne"} <= {
        o.name for o in outlets
    }
    assert all(PHONE.match(c.phone) for c in contacts)
    assert all(PHONE.match(o.phone) for o in outlets)
    assert {c.role for c in contacts} >= {
        Role.ASSIGNMENT,
        Role.RESEARCHER,
        Role.JOURNALIST,
        Role.DESK,
        Role.PRODUCER,
    }
    assert {o.warmth for o in outlets} >= {1, 2, 3}
    assert any(show.air_time for show in demo_store.shows())


def test_demo_event_window_is_open_today(demo_store: Store, now: datetime) -> None:
    event = demo_store.current_event()
    assert event is not None
    assert relance_window(event).status(now) in (WindowStatus.OPEN, WindowStatus.IDEAL)
    assert event.press_release.startswith("COMMUNIQUÉ")
    assert "{{ contact.prenom }}" in event.templates["fr"]["talking_points"]
    assert "{{ contact.first_name }}" in event.templates["en"]["talking_points"]


def test_demo_call_list_leaves_out_do_not_call_contacts(demo_store: Store) -> None:
    event = demo_store.current_event()
    targets = demo_store.targets(event.id)
    assert len(targets) == 30
    contacts = {c.id: c for c in demo_store.contacts()}
    assert any(c.do_not_call for c in contacts.values())
    assert not any(contacts[t.contact_id].do_not_call for t in targets)
    assert [t.position for t in targets] == list(range(1, 31))


def test_demo_data_reads_right(demo_store: Store, now: datetime) -> None:
    """A weekday launch, plain ASCII addresses, each pronunciation on its own person."""
    event = demo_store.current_event()
    assert event is not None and event.start.weekday() < 5
    for record in [*demo_store.contacts(), *demo_store.outlets()]:
        assert record.email.isascii(), record.email
    said = {c.name: c.pronunciation for c in demo_store.contacts() if c.pronunciation}
    assert "Bé-a-trice" in said.get("Béatrice Thibault", "")
    assert all("Bé-a-trice" not in p for n, p in said.items() if n != "Béatrice Thibault")


@pytest.mark.parametrize("day", range(7))
def test_the_demo_launch_is_a_weekday_in_its_open_window_whatever_the_day(
    tmp_path, day: int
) -> None:
    from datetime import timedelta

    today = datetime(2026, 11, 23, 9, 15, tzinfo=DEFAULT_TZ) + timedelta(days=day)
    with Store.open(tmp_path / f"demo-{day}.json") as store:
        event = load_demo(store, data_dir(), today)
        assert event.start.weekday() < 5
        assert relance_window(event).status(today) in (WindowStatus.OPEN, WindowStatus.IDEAL)
