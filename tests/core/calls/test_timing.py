"""The relance window of PRODUCT §4 and dates in words (PRODUCT §9)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relance_tui.core.calls.timing import (
    DEFAULT_TZ,
    WindowStatus,
    call_warnings,
    format_day,
    format_when,
    relance_window,
)
from relance_tui.core.models import Event, EventKind
from relance_tui.core.workdays import place_retry


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=DEFAULT_TZ)


def test_event_window_opens_three_days_before_ideal_two_last_chance_the_morning() -> None:
    window = relance_window(Event(title="x", kind=EventKind.EVENT, start=at(27, 10, 30)))
    assert (window.opens, window.ideal, window.closes) == (
        date(2026, 11, 24),
        date(2026, 11, 25),
        date(2026, 11, 27),
    )
    assert window.status(at(23, 16)) is WindowStatus.BEFORE
    assert window.status(at(24, 9)) is WindowStatus.OPEN
    assert window.status(at(25, 9)) is WindowStatus.IDEAL
    assert window.status(at(26, 23, 59)) is WindowStatus.OPEN
    assert window.status(at(27, 8)) is WindowStatus.LAST_CHANCE
    assert window.status(at(27, 10, 30)) is WindowStatus.CLOSED


EVENT_DAY_HOURS = [(day, hour) for day in (23, 24, 25, 26, 27, 28) for hour in range(0, 24, 2)]


@pytest.mark.parametrize(("kind"), list(EventKind))
@pytest.mark.parametrize(("day", "hour"), EVENT_DAY_HOURS)
def test_every_hour_around_the_event_has_one_clear_status(
    kind: EventKind, day: int, hour: int
) -> None:
    start = at(27, 10, 30)
    status = relance_window(Event(title="x", kind=kind, start=start)).status(at(day, hour))
    moment = at(day, hour)
    if moment >= start:
        expected = WindowStatus.CLOSED
    elif kind is EventKind.PRESS_CONFERENCE:
        expected = {26: WindowStatus.OPEN, 27: WindowStatus.IDEAL}.get(day, WindowStatus.BEFORE)
    else:
        expected = {
            24: WindowStatus.OPEN,
            25: WindowStatus.IDEAL,
            26: WindowStatus.OPEN,
            27: WindowStatus.LAST_CHANCE,
        }.get(day, WindowStatus.BEFORE)
    assert status is expected
    warnings = [key for key, _ in call_warnings(moment, Event(title="x", kind=kind, start=start))]
    assert ("warn.last_chance" in warnings) == (expected is WindowStatus.LAST_CHANCE)
    assert ("warn.window_closed" in warnings) == (expected is WindowStatus.CLOSED)


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


@pytest.mark.parametrize(
    ("moment", "lang", "expected"),
    [
        (datetime(2026, 2, 1, 0, 5, tzinfo=DEFAULT_TZ), "fr", "dimanche 1er février, 0 h 05"),
        (datetime(2026, 2, 1, 0, 5, tzinfo=DEFAULT_TZ), "en", "Sunday, February 1, 12:05 AM"),
        (datetime(2026, 7, 15, 12, 0, tzinfo=DEFAULT_TZ), "en", "Wednesday, July 15, 12:00 PM"),
        (datetime(2026, 8, 3, 23, 45, tzinfo=DEFAULT_TZ), "fr", "lundi 3 août, 23 h 45"),
    ],
)
def test_dates_read_naturally_at_the_edges_of_a_day_and_a_month(
    moment: datetime, lang: str, expected: str
) -> None:
    """The first of the month in French, midnight and noon in English (CLDR's names,
    kept here: Babel's locale data took 30 ms of the start)."""
    assert format_when(moment, lang) == expected


def test_short_dates_use_each_months_own_abbreviation() -> None:
    """CLDR's abbreviations: some months take a period, some are short already."""
    fr = [format_day(date(2026, month, 10), "fr").split()[-1] for month in range(1, 13)]
    assert fr == "janv. févr. mars avr. mai juin juill. août sept. oct. nov. déc.".split()
    en = [format_day(date(2026, month, 10), "en").split()[-2] for month in range(1, 13)]
    assert en == "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    week = [format_day(date(2026, 11, day), "fr").split()[0] for day in range(23, 30)]
    assert week == "lundi mardi mercredi jeudi vendredi samedi dimanche".split()


def test_window_days_are_short() -> None:
    assert format_day(date(2026, 11, 24), "fr") == "mardi 24 nov."
    assert format_day(date(2026, 11, 24), "en") == "Tue, Nov 24"


@pytest.mark.parametrize(
    ("starts", "fell_at", "placed_at"),
    [
        (at(27, 10, 30), at(26, 6, 17), at(26, 9)),  # 4 h 17 + 2 h: wait for the newsroom
        (at(27, 10, 30), at(26, 11, 0), at(26, 11, 0)),  # inside newsroom hours: as it fell
        (at(27, 10, 30), at(26, 14, 0), at(27, 9)),  # from 14 h: the next morning
        (at(27, 10, 30), at(26, 19, 30), at(27, 9)),
        (at(27, 8, 30), at(26, 19, 30), at(27, 8)),  # 9 h is after the event: its 8 h
        (at(27, 8, 30), at(27, 6, 0), at(27, 8)),
        (at(27, 8, 30), at(27, 8, 10), at(27, 8, 10)),  # past 8 h: as it fell
    ],
)
def test_automatic_retries_land_inside_newsroom_hours_before_the_event(
    starts: datetime, fell_at: datetime, placed_at: datetime
) -> None:
    event = Event(title="x", kind=EventKind.EVENT, start=starts)
    assert place_retry(fell_at, event) == placed_at


DAYS = ["lun.-ven.", "Mon-Fri", "sam.", "dimanche", "", "en semaine,"]


@settings(max_examples=300, deadline=None)
@given(
    days=st.sampled_from(DAYS),
    start=st.tuples(st.integers(0, 23), st.sampled_from([0, 5, 15, 30, 45])),
    length=st.integers(15, 240),
    separator=st.sampled_from(["-", " - ", "–", " à "]),
    style=st.sampled_from(["{h:02d}:{m:02d}", "{h}h{m:02d}", "{h}:{m:02d}"]),
)
def test_air_times_are_written_as_each_language_writes_hours(
    days: str, start: tuple[int, int], length: int, separator: str, style: str
) -> None:
    """Never "17:00" for an air time; no line break between a number and its unit (a
    no-break space before "h", "a.m.", "p.m.")."""
    import re

    from relance_tui.core.calls.air_times import format_air_time

    hour, minute = start
    end_total = min(hour * 60 + minute + length, 23 * 60 + 59)
    end = divmod(end_total, 60)
    typed = f"{days} {style.format(h=hour, m=minute)}{separator}{style.format(h=end[0], m=end[1])}"
    french = format_air_time(typed, "fr")
    english = format_air_time(typed, "en")
    assert ":" not in french.split(",")[-1], french
    assert not re.search(r"\b(1[3-9]|2[0-3]|0\d):\d\d", english), english
    assert ":00" not in english, english
    assert not re.search(r"\d h\b", french) and not re.search(r"\d (a|p)\.m\.", english)
    assert re.search(r"\d\u00a0h", french), french


def test_air_times_in_words() -> None:
    from relance_tui.core.calls.air_times import format_air_time

    nbsp = "\u00a0"
    assert (
        format_air_time("lun.-ven. 07:00-09:00", "fr") == f"lun.-ven. 7{nbsp}h{nbsp}–{nbsp}9{nbsp}h"
    )
    assert format_air_time("Mon-Fri 17:00-18:00", "en") == f"Mon–Fri 5–6{nbsp}p.m."
    assert format_air_time("lun.-ven. 07:00-09:00", "en") == f"Mon–Fri 7–9{nbsp}a.m."
    assert format_air_time("sam. 11:30-13:00", "en") == f"Sat 11:30{nbsp}a.m.–1{nbsp}p.m."
    assert format_air_time("tous les jours", "fr") == "tous les jours"


@pytest.mark.parametrize(("lang", "locale"), [("fr", "fr_CA"), ("en", "en")])
def test_the_names_written_by_hand_are_cldr_s_as_babel_gives_them(lang: str, locale: str) -> None:
    """Every day of a year, each pattern relance writes: the same text as Babel's."""
    from babel.dates import format_date

    from relance_tui.core import dates as timing

    start = date(2026, 1, 1)
    for offset in range(366):
        day = start + timedelta(days=offset)
        for pattern in ("EEEE", "EEE", "MMMM", "MMM", "EEEE d MMMM", "EEE d MMM"):
            expected = format_date(day, pattern, locale=locale)
            if lang == "fr" and day.day == 1 and "d" in pattern:
                expected = expected.replace(" 1 ", " 1er ")
            assert timing._date(day, pattern, lang) == expected, (day, pattern)
