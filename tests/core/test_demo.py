"""The demo data of PRODUCT §10."""

from __future__ import annotations

import re
from datetime import datetime

from relance_tui.core.calls.timing import WindowStatus, relance_window
from relance_tui.core.models import Role
from relance_tui.core.store.store import Store

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
