"""A show's air time as each language writes hours ("lun.-ven. 7 h – 9 h",
"Mon–Fri 7–9 a.m."): never "17:00", never a line break inside a time."""

from __future__ import annotations

import re

from relance_tui.core.dates import NAMES

NBSP = "\u00a0"
_AIR_RANGE = re.compile(
    r"(?P<start>\d{1,2})\s*(?::|h)\s*(?P<start_min>\d{2})?\s*(?:-|–|—|à|to)\s*"
    r"(?P<end>\d{1,2})\s*(?::|h)\s*(?P<end_min>\d{2})?"
)
_LONE_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_DAY_RANGE = re.compile(r"(\w+\.?)\s*-\s*(\w+\.?)")


def _hour(hour: int, minute: int, lang: str, *, meridiem: bool = True) -> str:
    if lang == "fr":
        return f"{hour}{NBSP}h" + (f"{NBSP}{minute:02d}" if minute else "")
    twelve = hour % 12 or 12
    text = f"{twelve}:{minute:02d}" if minute else str(twelve)
    return text + (f"{NBSP}{'a.m.' if hour < 12 else 'p.m.'}" if meridiem else "")


def _span(start: tuple[int, int], end: tuple[int, int], lang: str) -> str:
    if lang == "fr":
        return f"{_hour(*start, lang)}{NBSP}–{NBSP}{_hour(*end, lang)}"
    same_half = (start[0] < 12) == (end[0] < 12)
    return f"{_hour(*start, lang, meridiem=not same_half)}–{_hour(*end, lang)}"


def format_air_time(text: str, lang: str) -> str:
    """A show's air time as each language writes hours: "lun.-ven. 07:00-09:00" ->
    "lun.-ven. 7 h – 9 h" / "Mon–Fri 7–9 a.m."; never "HH:MM", never a line break
    inside a time. Text that is not a time range keeps its words, its clock times
    written the same way."""

    def ranged(found: re.Match[str]) -> str:
        start = (int(found["start"]), int(found["start_min"] or 0))
        end = (int(found["end"]), int(found["end_min"] or 0))
        if start[0] > 23 or end[0] > 23 or start[1] > 59 or end[1] > 59:
            return found.group()
        return _span(start, end, lang)

    def lone(found: re.Match[str]) -> str:
        hour, minute = int(found.group(1)), int(found.group(2))
        return _hour(hour, minute, lang) if hour < 24 and minute < 60 else found.group()

    text = text.strip()
    parts: list[str] = []
    at = 0
    for found in _AIR_RANGE.finditer(text):  # a range, then lone times between ranges
        parts.append(_LONE_CLOCK.sub(lone, _days(text[at : found.start()], lang)))
        parts.append(ranged(found))
        at = found.end()
    parts.append(_LONE_CLOCK.sub(lone, _days(text[at:], lang)))
    return "".join(parts)


_DAY_WORD = re.compile(r"\b([A-Za-zéû]{3,9})\.?")


def _days(text: str, lang: str) -> str:
    """Day names in the reader's language ("lun.-ven." / "Mon–Fri")."""
    names = {
        name.lower().rstrip("."): index
        for language in ("fr", "en")
        for key in ("EEE", "EEEE")
        for index, name in enumerate(NAMES[language][key])
    }

    def day(found: re.Match[str]) -> str:
        index = names.get(found.group(1).lower())
        return found.group() if index is None else NAMES[lang]["EEE"][index]

    written = _DAY_WORD.sub(day, text)
    if lang != "fr":  # "Mon-Fri": an en dash between days
        written = _DAY_RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}", written)
    return written
