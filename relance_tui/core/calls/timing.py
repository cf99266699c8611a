"""The rules of the calling week in time: the relance window of PRODUCT §4, when the
door opens, and what to tell a caller about calling now. The clock and how dates are
written are `core.dates` (imported here too, for the screens)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from relance_tui import i18n
from relance_tui.core.dates import (
    DEFAULT_TZ,
    BadTime,
    Clock,
    air_time_start,
    fixed_clock,
    format_clock,
    format_day,
    format_past,
    format_short_when,
    format_soon,
    format_when,
    parse_when,
    system_clock,
)
from relance_tui.core.models import Event, EventKind
from relance_tui.core.workdays import NEWSROOM_HOURS

__all__ = [
    "DEFAULT_TZ",
    "BadTime",
    "Clock",
    "RelanceWindow",
    "WindowStatus",
    "air_time_start",
    "call_warnings",
    "door_is_open",
    "event_end",
    "fixed_clock",
    "format_clock",
    "format_day",
    "format_past",
    "format_short_when",
    "format_soon",
    "format_when",
    "parse_when",
    "relance_window",
    "system_clock",
    "window_is_open",
]


class WindowStatus(StrEnum):
    BEFORE = "before"
    OPEN = "open"
    IDEAL = "ideal"
    LAST_CHANCE = "last_chance"  # the event's own morning: still allowed, with a warning
    CLOSED = "closed"


@dataclass(frozen=True)
class RelanceWindow:
    """When to call for one event: the days it opens, is best, and closes."""

    opens: date
    ideal: date
    closes: date  # the last day to call: the event's own day
    closes_at: datetime  # the event's start

    def status(self, now: datetime) -> WindowStatus:
        local = now.astimezone(self.closes_at.tzinfo)
        if local.date() < self.opens:
            return WindowStatus.BEFORE
        if local >= self.closes_at:
            return WindowStatus.CLOSED
        if local.date() == self.ideal:
            return WindowStatus.IDEAL
        if local.date() == self.closes:
            return WindowStatus.LAST_CHANCE
        return WindowStatus.OPEN


def relance_window(event: Event) -> RelanceWindow:
    """PRODUCT §4: an event is called 3 to 1 days before (2 is ideal), and its own
    morning is a last chance (a reminder to the assignment desk, with a warning);
    a press conference the day before or the same morning (the morning is ideal).
    Calling closes when the event starts."""
    start = event.start
    day = start.date()
    if event.kind is EventKind.PRESS_CONFERENCE:
        return RelanceWindow(opens=day - timedelta(days=1), ideal=day, closes=day, closes_at=start)
    return RelanceWindow(
        opens=day - timedelta(days=3),
        ideal=day - timedelta(days=2),
        closes=day,
        closes_at=start,
    )


DOOR_OPENS_BEFORE = timedelta(hours=1)  # journalists and crews come early to set up
EVENT_LENGTH = {  # an event has no end time of its own: how long it is held to last
    EventKind.PRESS_CONFERENCE: timedelta(hours=1, minutes=30),
    EventKind.EVENT: timedelta(hours=3),
}


def event_end(event: Event) -> datetime:
    """When the event is over (its start and its kind's usual length)."""
    return event.start + EVENT_LENGTH.get(event.kind, timedelta(hours=3))


def door_is_open(event: Event, now: datetime) -> bool:
    """The door is kept from an hour before the event starts until its end."""
    return event.start - DOOR_OPENS_BEFORE <= now < event_end(event)


def window_is_open(event: Event, now: datetime) -> bool:
    """Calling for `event` is allowed now (its morning included, with a warning)."""
    status = relance_window(event).status(now.astimezone(event.start.tzinfo or DEFAULT_TZ))
    return status in (WindowStatus.OPEN, WindowStatus.IDEAL, WindowStatus.LAST_CHANCE)


def call_warnings(
    now: datetime, event: Event, air_time: str = ""
) -> list[tuple[str, dict[str, str]]]:
    """What to tell a caller about calling now: (i18n key, params) pairs; never a block."""
    local = now.astimezone(event.start.tzinfo or DEFAULT_TZ)
    warnings: list[tuple[str, dict[str, str]]] = []
    status = relance_window(event).status(local)
    if status is WindowStatus.BEFORE:
        warnings.append(("warn.window_before", {}))
    elif status is WindowStatus.CLOSED:
        warnings.append(("warn.window_closed", {}))
    elif status is WindowStatus.LAST_CHANCE:
        warnings.append(("warn.last_chance", {}))
    opens, closes = NEWSROOM_HOURS
    if not opens <= local.time() < closes:
        warnings.append(("warn.newsroom_hours", {}))
    start = air_time_start(air_time)
    if start is not None:
        on_air = datetime.combine(local.date(), start, tzinfo=local.tzinfo)
        if on_air - timedelta(minutes=30) <= local < on_air:
            warnings.append(
                ("warn.air_time", {"at": format_clock(on_air, i18n.current_language())})
            )
    return warnings
