"""Event and settings forms: validated whole, saved whole or not at all."""

from __future__ import annotations

from datetime import datetime

import pytest

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import Event, EventKind, Settings
from relance_tui.core.script.events import (
    EventDraft,
    EventInvalid,
    build_event,
    duplicate_event,
    set_archived,
)
from relance_tui.core.settings import SettingsDraft, SettingsInvalid, build_settings
from relance_tui.core.store.store import Store

NOW = datetime(2026, 11, 26, 9, 15, tzinfo=DEFAULT_TZ)


def test_a_valid_draft_builds_the_event() -> None:
    draft = EventDraft(
        title="  Conférence de presse  ",
        kind="press_conference",
        start="vendredi 10 h 30",
        venue="Salle A",
        spokespeople="la présidente; le trésorier\nune bénévole",
        language="en",
    )
    event = build_event(draft, NOW)
    assert event.title == "Conférence de presse"
    assert event.kind is EventKind.PRESS_CONFERENCE
    assert event.start == datetime(2026, 11, 27, 10, 30, tzinfo=DEFAULT_TZ)
    assert event.spokespeople == ["la présidente", "le trésorier", "une bénévole"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": "   "}, "title", "obligatoire"),
        ({"title": "x" * 201}, "title", "Trop long"),
        ({"start": ""}, "start", "obligatoires"),
        ({"start": "la semaine des quatre jeudis"}, "start", "pas une heure reconnue"),
        ({"start": "hier 10h"}, "start", "pas une heure reconnue"),
        ({"kind": "gala"}, "kind", "inconnu"),
        ({"language": "de"}, "language", "inconnue"),
        ({"venue": "x" * 3000}, "venue", "Trop long"),
    ],
)
def test_invalid_drafts_are_refused_field_by_field(changes, field, words) -> None:
    draft = EventDraft(title="Lancement", start="samedi 10h", **{})
    for name, value in changes.items():
        setattr(draft, name, value)
    with pytest.raises(EventInvalid) as refused:
        build_event(draft, NOW)
    assert set(refused.value.errors) == {field}
    assert words in refused.value.errors[field]


def test_editing_keeps_id_templates_and_accepts_a_past_iso_date() -> None:
    base = Event(
        id=7,
        title="Vieux",
        kind=EventKind.EVENT,
        start=NOW,
        templates={"fr": {"talking_points": "Bonjour"}},
    )
    draft = EventDraft.from_event(base)
    draft.title = "Renommé"
    draft.start = "2026-01-10 10:00"
    event = build_event(draft, NOW, base=base)
    assert (event.id, event.title, event.templates) == (7, "Renommé", base.templates)
    assert event.start == datetime(2026, 1, 10, 10, 0, tzinfo=DEFAULT_TZ)


def test_control_characters_are_dropped() -> None:
    event = build_event(EventDraft(title="Lance\x00ment\x1b[31m", start="samedi 10h"), NOW)
    assert event.title == "Lancement[31m"


def test_duplicate_copies_templates_and_call_list_not_calls(demo_store: Store) -> None:
    event = demo_store.current_event()
    copy = duplicate_event(demo_store, event, NOW)
    assert copy.id != event.id and copy.title.endswith("(copie)")
    assert copy.templates == event.templates and copy.good_templates == event.good_templates
    assert len(demo_store.targets(copy.id)) == len(demo_store.targets(event.id))
    assert demo_store.attempts(copy.id) == []
    assert demo_store.current_event().id == copy.id


def test_archive_hides_the_event_and_unarchive_brings_it_back(demo_store: Store) -> None:
    event = demo_store.current_event()
    set_archived(demo_store, event, True)
    assert demo_store.current_event() is None
    assert event.id in [e.id for e in demo_store.events(include_archived=True)]
    assert event.id not in [e.id for e in demo_store.events()]
    set_archived(demo_store, event, False)
    assert demo_store.current_event().id == event.id


def test_settings_validate_whole() -> None:
    base = Settings(id=1)
    good = build_settings(
        SettingsDraft(
            caller_name="Sam",
            caller_phone="514 555-0199",
            retry_no_answer_min="45",
            dial_command="xdg-open tel:{number}",
            language="en",
            voice_silence_ms="1500",
        ),
        base,
    )
    assert (good.retry_no_answer_min, good.language, good.caller_phone) == (
        45,
        "en",
        "514 555-0199",
    )
    assert good.voice_silence_ms == 1500
    with pytest.raises(SettingsInvalid) as refused:
        build_settings(
            SettingsDraft(
                caller_phone="pas un numéro",
                attempts_cap="0",
                retry_voicemail_min="abc",
                dial_command="softphone 'oops",
                voice_silence_ms="20",
            ),
            base,
        )
    assert set(refused.value.errors) == {
        "caller_phone",
        "attempts_cap",
        "retry_voicemail_min",
        "dial_command",
        "voice_silence_ms",
    }
