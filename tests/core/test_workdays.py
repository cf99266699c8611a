"""The officer's week (PRODUCT §4): working mornings, retries and typed callbacks, over a
year of dates, Québec's statutory holidays included."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relance_tui.core.calls.states import QueueRules, retry_time
from relance_tui.core.calls.timing import DEFAULT_TZ, parse_when
from relance_tui.core.models import Attempt, Event, EventKind, Outcome
from relance_tui.core.workdays import (
    check_callback,
    holiday_name,
    is_working_day,
    next_working_morning,
    place_retry,
    retry_time_after_interest,
)

# Québec's statutory holidays in 2026 and 2027 (Loi sur les normes du travail), as a
# check of the library, not as the rule's source.
QC_HOLIDAYS = {
    date(2026, 1, 1),
    date(2026, 4, 3),  # Vendredi saint
    date(2026, 5, 18),  # Journée nationale des patriotes
    date(2026, 6, 24),
    date(2026, 7, 1),
    date(2026, 9, 7),
    date(2026, 10, 12),
    date(2026, 12, 25),
    date(2027, 1, 1),
}

# Friday 4 December 2026, 15 h 05; the event is Monday 7 December, 10 h 30.
FRIDAY = datetime(2026, 12, 4, 15, 5, tzinfo=DEFAULT_TZ)
MONDAY_EVENT = Event(
    title="x", kind=EventKind.EVENT, start=datetime(2026, 12, 7, 10, 30, tzinfo=DEFAULT_TZ)
)


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=DEFAULT_TZ)


def test_quebec_holidays_and_weekends_are_not_working_days() -> None:
    for holiday in QC_HOLIDAYS:
        assert not is_working_day(holiday), holiday
    assert holiday_name(date(2026, 6, 24), "fr") == "Fête nationale du Québec"
    assert not is_working_day(date(2026, 12, 5)) and not is_working_day(date(2026, 12, 6))
    assert is_working_day(date(2026, 12, 4)) and is_working_day(date(2026, 12, 7))


DAYS_OF_A_YEAR = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))
CLOCKS = st.times(min_value=time(0, 0), max_value=time(23, 59)).map(
    lambda t: t.replace(second=0, microsecond=0)
)


@settings(max_examples=400, deadline=None)
@given(day=DAYS_OF_A_YEAR, clock=CLOCKS)
def test_next_working_morning_is_the_first_working_day_after_at_9(day: date, clock: time) -> None:
    now = datetime.combine(day, clock, tzinfo=DEFAULT_TZ)
    morning = next_working_morning(now)
    assert morning.time() == time(9, 0)
    assert morning.date() > day
    assert is_working_day(morning.date())
    skipped = morning.date() - timedelta(days=1)
    while skipped > day:  # every day in between is a weekend day or a holiday
        assert not is_working_day(skipped)
        skipped -= timedelta(days=1)


@settings(max_examples=400, deadline=None)
@given(
    day=DAYS_OF_A_YEAR,
    clock=CLOCKS,
    days_ahead=st.integers(min_value=0, max_value=6),
    starts=st.sampled_from([time(8, 30), time(10, 30), time(14, 0), time(19, 0)]),
    outcome=st.sampled_from([Outcome.VOICEMAIL, Outcome.NO_ANSWER, Outcome.RESEND]),
)
def test_automatic_retries_land_in_newsroom_hours_of_a_working_day_or_the_event_morning(
    day: date, clock: time, days_ahead: int, starts: time, outcome: Outcome
) -> None:
    """Over a year of dates: a retry of a voicemail, no answer or resend is placed on a
    working day between 9 h and 14 h, or on the event's own morning; or, when no such
    time is left before the event, it keeps its own time (never after the event)."""
    now = datetime.combine(day, clock, tzinfo=DEFAULT_TZ)
    start = datetime.combine(day + timedelta(days=days_ahead), starts, tzinfo=DEFAULT_TZ)
    if start <= now:
        return
    event = Event(title="x", kind=EventKind.EVENT, start=start)
    last = Attempt(target_id=1, event_id=1, at=now, outcome=outcome)
    rules = QueueRules()
    at_ = retry_time(last, rules, event)
    delay = {
        Outcome.VOICEMAIL: rules.retry_voicemail,
        Outcome.NO_ANSWER: rules.retry_no_answer,
        Outcome.RESEND: rules.retry_resend,
    }[outcome]
    fell = now + delay
    assert at_ >= fell
    in_hours = is_working_day(at_.date()) and time(9) <= at_.time() < time(14)
    event_morning = at_.date() == start.date() and at_.time() in (time(8), time(9))
    kept = at_ == fell
    assert in_hours or event_morning or kept
    if not kept:  # moved: never past the event's start
        assert at_ < start


@settings(max_examples=300, deadline=None)
@given(day=DAYS_OF_A_YEAR, clock=CLOCKS, days_ahead=st.integers(min_value=0, max_value=6))
def test_interested_comes_back_the_next_working_morning_or_the_event_morning(
    day: date, clock: time, days_ahead: int
) -> None:
    now = datetime.combine(day, clock, tzinfo=DEFAULT_TZ)
    start = datetime.combine(day + timedelta(days=days_ahead), time(10, 30), tzinfo=DEFAULT_TZ)
    if start <= now:
        return
    event = Event(title="x", kind=EventKind.EVENT, start=start)
    back = retry_time_after_interest(now, event)
    assert back > now
    if back < start and back != now + timedelta(hours=1):
        assert back.time() == time(9)
        assert is_working_day(back.date()) or back.date() == start.date()
        assert back.date() <= max(next_working_morning(now).date(), start.date())


def test_friday_interest_voicemail_and_demain_mean_monday() -> None:
    """The issue's Friday: `i`, an afternoon `v` and `b demain 9h` all land on Monday."""
    assert retry_time_after_interest(FRIDAY, MONDAY_EVENT) == at(12, 7, 9)
    assert place_retry(FRIDAY + timedelta(hours=2), MONDAY_EVENT) == at(12, 7, 9)
    assert parse_when("demain 9h", FRIDAY, working_days=True) == at(12, 7, 9)
    assert parse_when("demain", FRIDAY, working_days=True) == at(12, 7, 9)
    assert parse_when("demain 9h", FRIDAY) == at(12, 5, 9)  # an event's date: the calendar
    # The day before Christmas Eve's weekend... 24 December 2026 is a Thursday; the
    # 25th a holiday: "tomorrow" on the 24th is Monday the 28th.
    assert parse_when("tomorrow 10am", at(12, 24, 11), working_days=True) == at(12, 28, 10)


def test_a_saturday_event_is_called_back_on_its_own_morning() -> None:
    saturday = Event(
        title="x", kind=EventKind.EVENT, start=datetime(2026, 12, 5, 13, 0, tzinfo=DEFAULT_TZ)
    )
    assert retry_time_after_interest(FRIDAY, saturday) == at(12, 5, 9)
    assert place_retry(FRIDAY + timedelta(hours=2), saturday) == at(12, 5, 9)


@pytest.mark.parametrize(
    ("typed", "problems", "offered"),
    [
        (at(12, 5, 20), ["callback.weekend", "callback.hours"], at(12, 7, 9)),
        (at(12, 5, 10), ["callback.weekend"], at(12, 7, 10)),  # the same hour, Monday
        (at(12, 8, 10), ["callback.after_event"], at(12, 7, 9)),
        (at(12, 4, 19), ["callback.hours"], at(12, 7, 9)),
        (at(12, 4, 16), [], None),
        (at(12, 7, 9, 30), [], None),  # the event's morning
    ],
)
def test_a_typed_callback_says_what_is_odd_and_offers_the_nearest_sensible_time(
    typed: datetime, problems: list[str], offered: datetime | None
) -> None:
    check = check_callback(typed, FRIDAY, MONDAY_EVENT, "fr")
    assert [key for key, _ in check.problems] == problems
    assert check.suggestion == offered


def test_a_holiday_callback_names_the_holiday() -> None:
    before_july = Event(
        title="x", kind=EventKind.EVENT, start=datetime(2026, 7, 3, 10, tzinfo=DEFAULT_TZ)
    )
    check = check_callback(at(7, 1, 10), at(6, 30, 11), before_july, "fr")
    assert check.problems == (("callback.holiday", {"holiday": "Fête du Canada"}),)
    assert check.suggestion == at(7, 2, 10)


@settings(max_examples=300, deadline=None)
@given(day=DAYS_OF_A_YEAR, clock=CLOCKS, hours_ahead=st.integers(min_value=1, max_value=24 * 6))
def test_every_offered_time_is_itself_sensible(day: date, clock: time, hours_ahead: int) -> None:
    now = datetime.combine(day, clock, tzinfo=DEFAULT_TZ)
    event = Event(title="x", kind=EventKind.EVENT, start=now + timedelta(days=3, hours=1))
    typed = now + timedelta(hours=hours_ahead)
    check = check_callback(typed, now, event, "en")
    if check.suggestion is not None:
        assert check.odd
        assert now < check.suggestion < event.start
        assert not check_callback(check.suggestion, now, event, "en").odd


def test_every_quebec_holiday_falls_in_a_season_the_guard_knows() -> None:
    """The guard that spares the `holidays` import on most days never hides a holiday:
    every one the package gives for Québec, 2020 to 2040, observed days included."""
    from relance_tui.core.workdays import holidays_of, may_be_holiday

    for year in range(2020, 2041):
        for day in holidays_of(year):
            assert may_be_holiday(day), (day, holidays_of(year)[day])
