"""Times the caller types (French and English), and what is refused."""

from __future__ import annotations

from datetime import datetime

import pytest

from relance_tui.core.calls.timing import DEFAULT_TZ, BadTime, call_warnings, parse_when
from relance_tui.core.models import Event, EventKind

# Thursday 26 November 2026, 9:15 in Montréal.
NOW = datetime(2026, 11, 26, 9, 15, tzinfo=DEFAULT_TZ)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=DEFAULT_TZ)


GOOD = [
    ("14h", at(26, 14)),
    ("14 h", at(26, 14)),
    ("14h30", at(26, 14, 30)),
    ("14 h 30", at(26, 14, 30)),
    ("14:30", at(26, 14, 30)),
    ("  14:30  ", at(26, 14, 30)),
    ("2:30 pm", at(26, 14, 30)),
    ("2:30 PM", at(26, 14, 30)),
    ("2pm", at(26, 14)),
    ("11am", at(26, 11)),
    ("midi", at(26, 12)),
    ("noon", at(26, 12)),
    ("demain 9h", at(27, 9)),
    ("Demain 9 h 30", at(27, 9, 30)),
    ("demain", at(27, 9)),
    ("tomorrow 9am", at(27, 9)),
    ("tomorrow 2:30 pm", at(27, 14, 30)),
    ("après-demain 10h", at(28, 10)),
    ("jeudi 10:00", at(26, 10)),
    ("jeudi 8h", at(3, 8, month=12)),  # this Thursday 8:00 has passed: next week
    ("thursday 10am", at(26, 10)),
    ("vendredi 10 h", at(27, 10)),
    ("friday 10am", at(27, 10)),
    ("lundi 9h", at(30, 9)),
    ("monday 9:30", at(30, 9, 30)),
    ("+2h", at(26, 11, 15)),
    ("+1h30", at(26, 10, 45)),
    ("+45 min", at(26, 10)),
    ("dans 45 min", at(26, 10)),
    ("dans 2 heures", at(26, 11, 15)),
    ("in 45 min", at(26, 10)),
    ("in 2 hours", at(26, 11, 15)),
    ("2026-11-27 14:30", at(27, 14, 30)),
    ("2026-11-27T14:30", at(27, 14, 30)),
    ("2026-12-01", at(1, 9, month=12)),
    ("27 novembre 14h", at(27, 14)),
    ("27 novembre à 14 h 30", at(27, 14, 30)),
    ("November 27 2pm", at(27, 14)),
    ("27/11 14:00", at(27, 14)),
    ("1/12 10h", at(1, 10, month=12)),  # day first, as in Québec
    ("27 déc. 10h", at(27, 10, month=12)),
]

BAD = [
    ("", "n'est pas une heure reconnue"),
    ("   ", "n'est pas une heure reconnue"),
    ("banane", "n'est pas une heure reconnue"),
    ("14h banane", "n'est pas une heure reconnue"),
    ("8h", "déjà passé"),
    ("9:00", "déjà passé"),
    ("2026-11-25 10:00", "déjà passé"),
    ("2026-13-45", "n'est pas une heure reconnue"),
    ("2026-1-55", "n'est pas une heure reconnue"),
    ("25h", "n'est pas une heure reconnue"),
    ("+0 min", "n'est pas une heure reconnue"),
    ("dans 9999 h", "n'est pas une heure reconnue"),
    ("x" * 500, "n'est pas une heure reconnue"),
    ("\x00\x01", "n'est pas une heure reconnue"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD, ids=[g[0] for g in GOOD])
def test_typed_time(text: str, expected: datetime) -> None:
    moment = parse_when(text, NOW)
    assert moment == expected
    assert moment.tzinfo is not None


@pytest.mark.parametrize(("text", "message"), BAD, ids=[b[0][:12] or "empty" for b in BAD])
def test_refused_time(text: str, message: str) -> None:
    with pytest.raises(BadTime) as refused:
        parse_when(text, NOW)
    assert message in str(refused.value)


def test_iso_is_never_read_day_first() -> None:
    assert parse_when("2026-12-01 10:00", NOW) == at(1, 10, month=12)


EVENT = Event(title="x", kind=EventKind.EVENT, start=at(28, 10, 30))


def test_no_warning_in_the_window_during_newsroom_hours() -> None:
    assert call_warnings(at(26, 10), EVENT) == []


def test_warnings_outside_window_hours_and_before_air_time() -> None:
    assert [k for k, _ in call_warnings(at(23, 10), EVENT)] == ["warn.window_before"]
    assert [k for k, _ in call_warnings(at(26, 16), EVENT)] == ["warn.newsroom_hours"]
    warnings = call_warnings(at(26, 14, 40), EVENT, "lun.-ven. 15:00-18:00")
    assert [k for k, _ in warnings] == ["warn.newsroom_hours", "warn.air_time"]
    assert call_warnings(at(26, 12), EVENT, "lun.-ven. 15:00-18:00") == []
    assert [k for k, _ in call_warnings(at(28, 11), EVENT)] == ["warn.window_closed"]
