"""Dates and times for the whole core: the injected clock, how a moment is written in
French (Québec) and English (CLDR's names, checked against Babel by a test), and the
times a caller types ("demain 9h", "jeudi 10:00", "+2h"). No rule of the calling
week here: those are `calls.timing` (the relance window) and `workdays`."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from dateutil import parser
from dateutil.parser import isoparse

from relance_tui import i18n
from relance_tui.core.errors import RelanceError
from relance_tui.core.workdays import DEFAULT_TZ as DEFAULT_TZ  # where callers look
from relance_tui.core.workdays import next_working_day

Clock = Callable[[], datetime]
"""A function returning the current aware datetime. Tests pass a fixed one."""


def system_clock() -> datetime:
    return datetime.now(DEFAULT_TZ)


def fixed_clock(moment: datetime) -> Clock:
    """A clock frozen at `moment` (tests, snapshots)."""
    return lambda: moment


# The names of days and months as CLDR gives them (fr_CA, en), for the few patterns
# used here: Babel read its locale data on the first date drawn, 30 ms of the start.
NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "EEEE": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        "EEE": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
        "MMMM": (
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),  # fmt: skip
        "MMM": (
            "janv.",
            "févr.",
            "mars",
            "avr.",
            "mai",
            "juin",
            "juill.",
            "août",
            "sept.",
            "oct.",
            "nov.",
            "déc.",
        ),  # fmt: skip
    },
    "en": {
        "EEEE": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "EEE": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        "MMMM": (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),  # fmt: skip
        "MMM": (
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ),  # fmt: skip
    },
}
_FIELDS = re.compile(r"EEEE|EEE|MMMM|MMM|d")


def _date(moment: date, pattern: str, lang: str) -> str:
    """`pattern` (CLDR's letters: EEEE, EEE, MMMM, MMM, d) for `moment`, with "1er" for
    the first of the month in French."""
    names = NAMES[lang]

    def field(found: re.Match[str]) -> str:
        letters = found.group()
        if letters == "d":
            return "1er" if lang == "fr" and moment.day == 1 else str(moment.day)
        if letters.startswith("E"):
            return names[letters][moment.weekday()]
        return names[letters][moment.month - 1]

    return _FIELDS.sub(field, pattern)


def format_when(moment: datetime, lang: str) -> str:
    """ "jeudi 26 novembre, 14 h 30" / "Thursday, November 26, 2:30 PM"."""
    day = _date(moment, "EEEE d MMMM" if lang == "fr" else "EEEE, MMMM d", lang)
    return f"{day}, {format_clock(moment, lang)}"


def format_clock(moment: datetime, lang: str) -> str:
    """ "14 h 30" / "2:30 PM"."""
    if lang == "fr":
        return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def format_short_when(moment: datetime, lang: str) -> str:
    """ "sam. 28 nov., 10 h 30" / "Sat, Nov 28, 10:30 AM"."""
    day = _date(moment, "EEE d MMM" if lang == "fr" else "EEE, MMM d", lang)
    return f"{day}, {format_clock(moment, lang)}"


def format_soon(moment: datetime, now: datetime, lang: str) -> str:
    """A time in the coming days, short: "9 h" today, "demain 9 h", "ven. 9 h"."""
    local = moment.astimezone(now.tzinfo)
    clock = format_clock(local, lang)
    days = (local.date() - now.date()).days
    if days == 0:
        return clock
    if days == 1:
        return i18n.t("time.tomorrow", lang, clock=clock)
    weekday = _date(local, "EEE", lang)
    if not 1 < days < 7:
        weekday = _date(local, "EEE d MMM" if lang == "fr" else "EEE MMM d", lang)
    return f"{weekday} {clock}"


def format_past(moment: datetime, now: datetime, lang: str) -> str:
    """A time of the last days, short: "10 h 30" today, "ven. 10 h 30" this week,
    "4 déc." before (a take's hour fits a narrow column whole)."""
    local = moment.astimezone(now.tzinfo)
    days = (now.date() - local.date()).days
    if days == 0:
        return format_clock(local, lang)
    if 0 < days < 7:
        return f"{_date(local, 'EEE', lang)} {format_clock(local, lang)}"
    return _date(local, "d MMM" if lang == "fr" else "MMM d", lang)


def format_day(day: date, lang: str) -> str:
    """ "mardi 24 nov." / "Tue, Nov 24"."""
    return _date(day, "EEEE d MMM" if lang == "fr" else "EEE, MMM d", lang)


def format_day_of_year(day: date, lang: str) -> str:
    """ "15 janv. 2023" / "Jan 15, 2023": a day that may be years back."""
    shown = _date(day, "d MMM" if lang == "fr" else "MMM d", lang)
    return f"{shown} {day.year}" if lang == "fr" else f"{shown}, {day.year}"


# --- times the caller types ------------------------------------------------------


class _BilingualParserInfo(parser.parserinfo):
    """dateutil's parser taught French (Québec) next to English; day first."""

    JUMP = [*parser.parserinfo.JUMP, "à", "le", "de", "du", "vers"]
    WEEKDAYS: list[tuple[str, ...]] = [  # type: ignore[assignment]
        ("Mon", "Monday", "lun", "lundi"),
        ("Tue", "Tuesday", "mar", "mardi"),
        ("Wed", "Wednesday", "mer", "mercredi"),
        ("Thu", "Thursday", "jeu", "jeudi"),
        ("Fri", "Friday", "ven", "vendredi"),
        ("Sat", "Saturday", "sam", "samedi"),
        ("Sun", "Sunday", "dim", "dimanche"),
    ]
    MONTHS: list[tuple[str, ...]] = [  # type: ignore[assignment]
        ("Jan", "January", "janv", "janvier"),
        ("Feb", "February", "févr", "fevr", "février", "fevrier"),
        ("Mar", "March", "mars"),
        ("Apr", "April", "avr", "avril"),
        ("May", "mai"),
        ("Jun", "June", "juin"),
        ("Jul", "July", "juil", "juillet"),
        ("Aug", "August", "août", "aout"),
        ("Sep", "Sept", "September", "septembre"),
        ("Oct", "October", "octobre"),
        ("Nov", "November", "novembre"),
        ("Dec", "December", "déc", "dec", "décembre", "decembre"),
    ]
    AMPM: list[tuple[str, ...]] = [("am", "a", "a.m."), ("pm", "p", "p.m.")]  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(dayfirst=True)


_PARSERINFO = _BilingualParserInfo()
_RELATIVE = re.compile(
    r"^(?:\+|dans\s+|in\s+)\s*(?:(\d{1,3})\s*(h|hr?s?|heures?|hours?)\s*(\d{1,2})?\s*(?:min)?"
    r"|(\d{1,4})\s*(m|min|mins|minutes?))$"
)
_DAY_WORDS = {
    "aujourd'hui": 0,
    "aujourd’hui": 0,
    "today": 0,
    "demain": 1,
    "tomorrow": 1,
    "après-demain": 2,
    "apres-demain": 2,
}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2})?)?$")
_WEEKDAYNAMES = {name.lower() for names in _BilingualParserInfo.WEEKDAYS for name in names}
_NOON_WORDS = {"midi": "12:00", "noon": "12:00"}
_FILLER_WORDS = {"", "à", "a", "le", "de", "du", "vers", "at", "on", "the", "around"}


class BadTime(RelanceError):
    """Typed text that is not a time we can use; the message says why."""

    key = "time.unparsed"


def parse_when(text: str, now: datetime, *, working_days: bool = False) -> datetime:
    """A time typed by the caller, in French or English, as an aware datetime.

    Accepts `14h`, `14 h 30`, `14:30`, `2:30 pm`, `demain 9h`, `tomorrow 9am`,
    `jeudi 10:00`, `thursday 10am`, `+2h`, `dans 45 min`, `in 45 min`,
    `27 novembre 14h` and ISO dates (read as ISO, never day-first).
    A time already past raises BadTime, as does anything unparsable.
    `working_days`: "demain" and "après-demain" count working days (a callback said
    on a Friday "tomorrow" is Monday's), not calendar days.
    """
    raw = " ".join(text.strip().lower().split())
    if not raw or len(raw) > 80:
        raise BadTime(text=text.strip()[:40])
    tz = now.tzinfo or DEFAULT_TZ
    relative = _RELATIVE.match(raw)
    if relative:
        hours, _, extra_minutes, minutes, _ = relative.groups()
        delta = (
            timedelta(hours=int(hours), minutes=int(extra_minutes or 0))
            if hours
            else timedelta(minutes=int(minutes))
        )
        if delta <= timedelta(0) or delta > timedelta(days=60):
            raise BadTime(text=text.strip())
        return (now + delta).replace(second=0, microsecond=0)
    if _ISO.match(raw):
        try:
            moment = isoparse(raw.replace(" ", "T").replace("t", "T"))
        except ValueError:
            raise BadTime(text=text.strip()) from None
        if len(raw) == 10:
            moment = moment.replace(hour=9)
        return _future(moment.replace(tzinfo=tz), now, text)

    day_offset = 0
    words = raw.split(" ")
    if words[0] in _DAY_WORDS:
        day_offset = _DAY_WORDS[words[0]]
        words = words[1:]
    rest = " ".join(_NOON_WORDS.get(w, w) for w in words)
    # "14 h 30" and "14h" read as clock times, not as "14 hours".
    rest = re.sub(r"\b(\d{1,2})\s*h\s*(\d{2})\b", r"\1:\2", rest)
    rest = re.sub(r"\b(\d{1,2})\s*h\b", r"\1:00", rest)
    if not rest:
        if day_offset == 0:
            raise BadTime(text=text.strip())
        rest = "9:00"  # "demain" alone: tomorrow when newsrooms open
    day = now.date() + timedelta(days=day_offset)
    if working_days and day_offset:
        day = next_working_day(now.date(), day_offset)
    base = datetime.combine(day, time(9, 0))
    try:
        parsed, skipped = parser.parse(
            rest, parserinfo=_PARSERINFO, default=base, fuzzy_with_tokens=True
        )
    except (ValueError, OverflowError, parser.ParserError):
        raise BadTime(text=text.strip()) from None
    leftovers = (word for token in skipped for word in token.split())
    if any(word.strip(",.") not in _FILLER_WORDS for word in leftovers):
        raise BadTime(text=text.strip())
    moment = parsed.replace(tzinfo=tz)
    names_weekday = any(word.strip(".,") in _WEEKDAYNAMES for word in words)
    if names_weekday and moment < now:
        moment += timedelta(days=7)  # "jeudi 8h" said on a Thursday at 9:15 is next week
    return _future(moment, now, text)


def _future(moment: datetime, now: datetime, text: str) -> datetime:
    if moment <= now:
        raise BadTime("time.past", text=text.strip())
    if moment - now > timedelta(days=366):
        raise BadTime(text=text.strip())
    return moment


# --- warnings while calling (PRODUCT §4) --------------------------------------------

_CLOCK_TIME = re.compile(r"(\d{1,2})\s*(?::|h)\s*(\d{2})")


def air_time_start(air_time: str) -> time | None:
    """The first clock time in a show's air time ("lun.-ven. 15:00-18:00" -> 15:00)."""
    match = _CLOCK_TIME.search(air_time)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
