"""The relance window of PRODUCT §4 and dates in words (PRODUCT §9)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from relance_tui.core.calls.timing import (
    DEFAULT_TZ,
    WindowStatus,
    format_day,
    format_when,
    relance_window,
)
from relance_tui.core.models import Event, EventKind


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=DEFAULT_TZ)


def test_event_window_opens_three_days_before_ideal_two_closes_the_day_before() -> None:
    window = relance_window(Event(title="x", kind=EventKind.EVENT, start=at(27, 10, 30)))
    assert (window.opens, window.ideal, window.closes) == (
        date(2026, 11, 24),
        date(2026, 11, 25),
        date(2026, 11, 26),
    )
    assert window.status(at(23, 16)) is WindowStatus.BEFORE
    assert window.status(at(24, 9)) is WindowStatus.OPEN
    assert window.status(at(25, 9)) is WindowStatus.IDEAL
    assert window.status(at(26, 23, 59)) is WindowStatus.OPEN
    assert window.status(at(27, 8)) is WindowStatus.CLOSED


def test_press_conference_window_is_the_day_before_and_the_same_morning() -> None:
    window = relance_window(Event(title="x", kind=EventKind.PRESS_CONFERENCE, start=at(27, 11)))
    assert (window.opens, window.ideal, window.closes) == (
        date(2026, 11, 26),
        date(2026, 11, 27),
        date(2026, 11, 27),
    )
    assert window.status(at(25, 15)) is WindowStatus.BEFORE
    assert window.status(at(26, 15)) is WindowStatus.OPEN
    assert window.status(at(27, 8)) is WindowStatus.IDEAL
    assert window.status(at(27, 11)) is WindowStatus.CLOSED


@pytest.mark.parametrize(
    ("moment", "lang", "expected"),
    [
        (at(26, 14, 30), "fr", "jeudi 26 novembre, 14 h 30"),
        (at(26, 9), "fr", "jeudi 26 novembre, 9 h"),
        (at(26, 14, 30), "en", "Thursday, November 26, 2:30 PM"),
    ],
)
def test_dates_read_naturally(moment: datetime, lang: str, expected: str) -> None:
    assert format_when(moment, lang) == expected


def test_window_days_are_short() -> None:
    assert format_day(date(2026, 11, 24), "fr") == "mardi 24 nov."
    assert format_day(date(2026, 11, 24), "en") == "Tue, Nov 24"
