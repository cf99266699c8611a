"""The officer's week (PRODUCT §4): newsroom hours, working mornings, sensible callbacks.

"Next morning", "demain" and every automatic retry mean the next *working* morning
(Monday to Friday, Québec's statutory holidays skipped), or the event's own morning
when that comes first: a weekend assignment desk is other people, and nobody calls
them for a Monday event. A callback the caller types for a weekend, a holiday,
outside 8 h – 18 h or after the event's start is not refused: it is checked here,
and the screen says why it is odd and offers the nearest sensible time.

Holidays come from the `holidays` package (Canada, subdivision QC), imported the
first time a date needs it: its import takes about 0.1 s, which a start whose
queue holds no retry never pays.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from relance_tui.core.models import Event

DEFAULT_TZ = ZoneInfo("America/Toronto")
NEWSROOM_HOURS = (time(9, 0), time(14, 0))  # the best hours to reach a desk
CALLING_HOURS = (time(8, 0), time(18, 0))  # a callback outside these is odd
MORNING = time(9, 0)  # when a working morning starts for a retry
EVENT_MORNING = time(8, 0)  # the event's own morning: the last chance, early

_holidays_lock = threading.Lock()
_holidays_by_year: dict[int, dict[date, str]] = {}


def holidays_of(year: int, lang: str = "fr") -> dict[date, str]:
    """Québec's statutory holidays of `year`, with their names in `lang` (fr, en)."""
    key = year * 10 + (0 if lang == "fr" else 1)
    known = _holidays_by_year.get(key)
    if known is not None:
        return known
    with _holidays_lock:
        import holidays  # the library's registry of countries: read once, when needed

        found: Any = holidays.country_holidays(
            "CA", subdiv="QC", years=year, language="fr" if lang == "fr" else "en_CA"
        )
        table = {day: str(name) for day, name in found.items()}
        _holidays_by_year[key] = table
        return table


# Where Québec's statutory holidays can fall, (month, first day, last day), observed
# days included: New Year, Good Friday / Easter Monday, Patriots' Day, Saint-Jean,
# Canada Day, Labour Day, Thanksgiving, Christmas. A day outside these is no holiday
# whatever the year, and asks nothing of the `holidays` package (0.1 s to import: a
# key that places a retry in early December does not pay it). A test checks every
# holiday the package gives from 2020 to 2040 falls inside them.
HOLIDAY_SEASONS = (
    (1, 1, 3),
    (3, 19, 31),
    (4, 1, 26),
    (5, 17, 25),
    (6, 23, 26),
    (6, 30, 30),
    (7, 1, 3),
    (9, 1, 8),
    (10, 7, 15),
    (12, 24, 28),
)


def may_be_holiday(day: date) -> bool:
    """Whether `day` falls where a Québec statutory holiday can (see HOLIDAY_SEASONS)."""
    return any(m == day.month and a <= day.day <= b for m, a, b in HOLIDAY_SEASONS)


def holiday_name(day: date, lang: str = "fr") -> str | None:
    """The name of the statutory holiday on `day` in Québec, if it is one."""
    if not may_be_holiday(day):
        return None
    return holidays_of(day.year, lang).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a statutory holiday in Québec."""
    return day.weekday() < 5 and holiday_name(day) is None


def next_working_day(day: date, count: int = 1) -> date:
    """The `count`-th working day after `day` (1: the next one)."""
    for _ in range(max(count, 1)):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day


def _tz(event: Event | None, moment: datetime) -> Any:
    if event is not None and event.start.tzinfo is not None:
        return event.start.tzinfo
    return moment.tzinfo or DEFAULT_TZ


def event_morning(event: Event) -> datetime:
    """The event's own morning: 9 h on its day, or 8 h when it starts by 9 h."""
    start = event.start
    morning = datetime.combine(start.date(), MORNING, tzinfo=start.tzinfo)
    if morning < start:
        return morning
    return datetime.combine(start.date(), EVENT_MORNING, tzinfo=start.tzinfo)


def next_working_morning(after: datetime, event: Event | None = None) -> datetime:
    """9 h on the next working day after `after`'s day, or the event's own morning
    when the working morning would come after the event starts."""
    local = after.astimezone(_tz(event, after))
    morning = datetime.combine(next_working_day(local.date()), MORNING, tzinfo=local.tzinfo)
    if event is not None and morning >= event.start:
        last_chance = event_morning(event)
        if local < last_chance:
            return last_chance
    return morning


def retry_time_after_interest(now: datetime, event: Event) -> datetime:
    """ "Interested": back the next working morning, or the event's morning if that
    comes first; on the event's morning itself, an hour later."""
    morning = next_working_morning(now, event)
    if morning < event.start:
        return morning
    return now + timedelta(hours=1)


def place_retry(moment: datetime, event: Event) -> datetime:
    """An automatic retry moved inside newsroom hours (9 h – 14 h) of a working day,
    before the event.

    Before 9 h on a working day it waits for 9 h; from 14 h, or on a weekend or a
    holiday, it waits for the next working morning (or the event's own morning when
    that comes first). If that would fall after the event starts, the retry keeps its
    own time: the event comes first.
    """
    local = moment.astimezone(_tz(event, moment))
    opens, closes = NEWSROOM_HOURS
    working = is_working_day(local.date())
    if working and opens <= local.time() < closes:
        return local
    if working and local.time() < opens:
        placed = datetime.combine(local.date(), opens, tzinfo=local.tzinfo)
    else:
        placed = next_working_morning(local, event)
    if placed >= event.start:  # the event's own morning, when that is still ahead
        last_chance = event_morning(event)
        placed = last_chance if local < last_chance else local
    return placed if placed < event.start else local


# --- a time the caller typed -----------------------------------------------------


@dataclass(frozen=True)
class CallbackCheck:
    """Why a typed callback time is odd (i18n keys and their values; empty when it is
    not), and the nearest sensible time, when there is one."""

    problems: tuple[tuple[str, dict[str, str]], ...] = ()
    suggestion: datetime | None = None

    @property
    def odd(self) -> bool:
        return bool(self.problems)


def _problems(moment: datetime, event: Event | None, lang: str) -> list[tuple[str, dict[str, str]]]:
    local = moment.astimezone(_tz(event, moment))
    if event is not None and local >= event.start:
        return [("callback.after_event", {})]
    problems: list[tuple[str, dict[str, str]]] = []
    the_event_day = event is not None and local.date() == event.start.date()
    if not the_event_day:
        if local.weekday() >= 5:
            problems.append(("callback.weekend", {}))
        else:
            name = holiday_name(local.date(), lang)
            if name is not None:
                problems.append(("callback.holiday", {"holiday": name}))
    opens, closes = CALLING_HOURS
    if not opens <= local.time() < closes:
        problems.append(("callback.hours", {}))
    return problems


def _forward(moment: datetime) -> datetime:
    """The first sensible time from `moment` on: same clock on the next working day
    when that day is not one; 9 h when the clock is outside calling hours."""
    opens, closes = CALLING_HOURS
    day, clock = moment.date(), moment.time().replace(second=0, microsecond=0)
    if clock < opens:
        clock = MORNING
    elif clock >= closes:
        day, clock = day + timedelta(days=1), MORNING
    while not is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, clock, tzinfo=moment.tzinfo)


def _before_event(event: Event, now: datetime) -> datetime | None:
    """The latest sensible time to call before the event: its morning, else the last
    working day's 9 h; none if both are already past."""
    start = event.start
    morning = event_morning(event)
    if now < morning < start:
        return morning
    day = start.date() - timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    moment = datetime.combine(day, MORNING, tzinfo=start.tzinfo)
    return moment if moment > now else None


def check_callback(
    moment: datetime, now: datetime, event: Event | None, lang: str = "fr"
) -> CallbackCheck:
    """Whether `moment`, a callback the caller typed, is a time to call a newsroom
    for `event`; if not, why and what to offer instead."""
    problems = _problems(moment, event, lang)
    if not problems:
        return CallbackCheck()
    local = moment.astimezone(_tz(event, moment))
    suggestion: datetime | None = _forward(local)
    if event is not None and suggestion is not None and suggestion >= event.start:
        suggestion = _before_event(event, now)
    if suggestion is not None and (suggestion <= now or _problems(suggestion, event, lang)):
        suggestion = None
    return CallbackCheck(tuple(problems), suggestion)
