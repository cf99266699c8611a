"""Time: the injected clock, the relance window of PRODUCT §4, dates in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from relance_tui.core.models import Event, EventKind

DEFAULT_TZ = ZoneInfo("America/Toronto")
NEWSROOM_HOURS = (time(9, 0), time(14, 0))

Clock = Callable[[], datetime]
"""A function returning the current aware datetime. Tests pass a fixed one."""


def system_clock() -> datetime:
    return datetime.now(DEFAULT_TZ)


def fixed_clock(moment: datetime) -> Clock:
    """A clock frozen at `moment` (tests, snapshots)."""
    return lambda: moment


_LOCALES = {"fr": "fr_CA", "en": "en"}


def format_when(moment: datetime, lang: str) -> str:
    """ "jeudi 26 novembre, 14 h 30" / "Thursday, November 26, 2:30 PM"."""
    locale = _LOCALES[lang]
    if lang == "fr":
        day = format_date(moment, "EEEE d MMMM", locale=locale)
        clock = f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"
        return f"{day}, {clock}"
    return format_datetime(moment, "EEEE, MMMM d, h:mm a", locale=locale)


def format_clock(moment: datetime, lang: str) -> str:
    """ "14 h 30" / "2:30 PM"."""
    if lang == "fr":
        return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"
    return format_datetime(moment, "h:mm a", locale=_LOCALES[lang])


def format_day(day: date, lang: str) -> str:
    """ "mardi 24 nov." / "Tue, Nov 24"."""
    if lang == "fr":
        return format_date(day, "EEEE d MMM", locale=_LOCALES[lang])
    return format_date(day, "EEE, MMM d", locale=_LOCALES[lang])


class WindowStatus(StrEnum):
    BEFORE = "before"
    OPEN = "open"
    IDEAL = "ideal"
    CLOSED = "closed"


@dataclass(frozen=True)
class RelanceWindow:
    """When to call for one event: the days it opens, is best, and closes."""

    opens: date
    ideal: date
    closes: date
    closes_at: datetime

    def status(self, now: datetime) -> WindowStatus:
        local = now.astimezone(self.closes_at.tzinfo)
        if local.date() < self.opens:
            return WindowStatus.BEFORE
        if local >= self.closes_at:
            return WindowStatus.CLOSED
        if local.date() == self.ideal:
            return WindowStatus.IDEAL
        return WindowStatus.OPEN


def relance_window(event: Event) -> RelanceWindow:
    """PRODUCT §4: an event is called 3 to 1 days before (2 is ideal); a press
    conference the day before or the same morning (the morning is ideal)."""
    start = event.start
    day = start.date()
    if event.kind is EventKind.PRESS_CONFERENCE:
        return RelanceWindow(opens=day - timedelta(days=1), ideal=day, closes=day, closes_at=start)
    closes = day - timedelta(days=1)
    closes_at = datetime.combine(day, time(0, 0), tzinfo=start.tzinfo)
    return RelanceWindow(
        opens=day - timedelta(days=3),
        ideal=day - timedelta(days=2),
        closes=closes,
        closes_at=closes_at,
    )
