"""How long talking points take to say aloud.

Words are counted as spoken: "l'événement" is one word, "14h30" is three
("quatorze heures trente"), a phone number is read digit by digit, 2026 is
"deux mille vingt-six". Cues such as `[pause]` are not words. The default pace
is 150 words per minute in French and 155 in English, replaced by the caller's
own pace once rehearsal takes exist.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from relance_tui.core.models import RehearsalTake

DEFAULT_WPM = {"fr": 150.0, "en": 155.0}
TARGET_SECONDS = 30
RECENT_TAKES = 5

_CUE = re.compile(r"\[[^\]]*\]")
_PHONE = re.compile(r"(?<!\w)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\w)")
_CLOCK = re.compile(
    r"(?<!\w)(\d{1,2})\s*(?:h|:)\s*(\d{2})?(?:\s*(am|pm|a\.m\.|p\.m\.))?(?!\w)", re.IGNORECASE
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def number_words(n: int) -> int:
    """How many words saying `n` takes (French and English are close enough)."""
    if n < 17:
        return 1
    if n < 100:
        return 1 if n % 10 == 0 else 2
    if n < 1000:
        hundreds = 1 if n // 100 == 1 else 2
        return hundreds + (number_words(n % 100) if n % 100 else 0)
    if n < 1_000_000:
        thousands = 1 if n // 1000 == 1 else number_words(n // 1000) + 1
        return thousands + (number_words(n % 1000) if n % 1000 else 0)
    return len(str(n))  # past a million, people read digits


def count_spoken_words(text: str) -> int:
    """Words as they are said aloud (see the module docstring)."""
    text = _CUE.sub(" ", text)
    count = 0

    def phone(match: re.Match[str]) -> str:
        nonlocal count
        count += sum(ch.isdigit() for ch in match.group(0))
        return " "

    def clock(match: re.Match[str]) -> str:
        nonlocal count
        hours, minutes, meridiem = match.groups()
        count += 2 if not minutes or minutes == "00" else 2 + number_words(int(minutes))
        count += 1 if meridiem else 0
        return " "

    text = _PHONE.sub(phone, text)
    text = _CLOCK.sub(clock, text)
    for match in _NUMBER.finditer(text):
        whole, _, fraction = match.group(0).replace(",", ".").partition(".")
        count += number_words(int(whole[:9]))
        if fraction:
            count += 1 + number_words(int(fraction[:6]))
    text = _NUMBER.sub(" ", text)
    count += len(_WORD.findall(text))
    return count


# Words per minute a person reads aloud at; a take outside is a mis-hit (space pressed
# twice), a take interrupted, or a different text: kept, shown, never learned from.
PLAUSIBLE_WPM = (90.0, 250.0)


def plausible(take: RehearsalTake) -> bool:
    """Whether a take is a reading of the script (its pace is one a person reads at)."""
    return PLAUSIBLE_WPM[0] <= take.wpm <= PLAUSIBLE_WPM[1]


def learned_from(takes: Sequence[RehearsalTake]) -> list[RehearsalTake]:
    """The takes the pace is learned from: the last RECENT_TAKES plausible ones."""
    return [t for t in sorted(takes, key=lambda t: t.at) if plausible(t)][-RECENT_TAKES:]


def speaking_rate(takes: Sequence[RehearsalTake], lang: str) -> tuple[float, bool]:
    """(words per minute, measured?): the median of the recent plausible takes, else the
    default."""
    rates = [t.wpm for t in learned_from(takes)]
    if rates:
        return statistics.median(rates), True
    return DEFAULT_WPM.get(lang, DEFAULT_WPM["fr"]), False


@dataclass(frozen=True)
class LengthEstimate:
    words: int
    wpm: float
    measured: bool
    seconds: float
    target_s: int

    @property
    def fits(self) -> bool:
        return self.seconds <= self.target_s

    @property
    def words_over(self) -> int:
        """How many words to cut to fit the target at this pace."""
        allowed = int(self.target_s * self.wpm / 60)
        return max(0, self.words - allowed)


def estimate(
    text: str,
    lang: str,
    takes: Sequence[RehearsalTake] = (),
    target_s: int = TARGET_SECONDS,
) -> LengthEstimate:
    """Word count and spoken time of `text` against the target."""
    words = count_spoken_words(text)
    wpm, measured = speaking_rate(takes, lang)
    return LengthEstimate(
        words=words,
        wpm=wpm,
        measured=measured,
        seconds=words / wpm * 60 if wpm else 0.0,
        target_s=target_s,
    )
