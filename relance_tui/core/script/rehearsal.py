"""Rehearsal: timing takes of the talking points read aloud, and the caller's pace.

The clock is injected; `TakeTimer` never reads the system time itself.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from relance_tui.core.dates import Clock
from relance_tui.core.models import Event, RehearsalTake
from relance_tui.core.script.speech import (
    LengthEstimate,
    count_spoken_words,
    estimate,
    learned_from,
    plausible,
)
from relance_tui.core.store.store import Store

MIN_TAKE_S = 2.0  # shorter is a mis-key, not a take
COUNTDOWN_S = 3
TAKES_BEFORE_CALLING = 3


class Phase(StrEnum):
    """How a running take stands against the target; the colours grow more urgent
    (green, yellow, orange, red)."""

    CALM = "calm"  # more than 10 s left
    HURRY = "hurry"  # 10 s left (20 s of 30): yellow
    WRAP_UP = "wrap_up"  # 5 s left (25 s of 30): orange
    OVER = "over"  # past the target: red


def phase(elapsed: float, target_s: int) -> Phase:
    if elapsed >= target_s:
        return Phase.OVER
    if elapsed >= target_s - 5:
        return Phase.WRAP_UP
    if elapsed >= target_s - 10:
        return Phase.HURRY
    return Phase.CALM


class TimerState(StrEnum):
    IDLE = "idle"
    COUNTDOWN = "countdown"
    RUNNING = "running"


@dataclass
class TakeTimer:
    """Space starts (after an optional countdown) and stops; laps mark section ends."""

    clock: Clock
    countdown: bool = True
    started_at: datetime | None = None
    laps: list[float] = field(default_factory=list)

    @property
    def state(self) -> TimerState:
        if self.started_at is None:
            return TimerState.IDLE
        if self.clock() < self.started_at:
            return TimerState.COUNTDOWN
        return TimerState.RUNNING

    def elapsed(self) -> float:
        """Seconds since the take started (0 during the countdown)."""
        if self.started_at is None:
            return 0.0
        return max(0.0, (self.clock() - self.started_at).total_seconds())

    def countdown_left(self) -> int:
        if self.started_at is None:
            return 0
        left = (self.started_at - self.clock()).total_seconds()
        return max(0, int(left) + (1 if left % 1 else 0))

    def start(self, countdown: bool | None = None) -> None:
        """Start a take (after the countdown unless `countdown` is False: the voice)."""
        counted = self.countdown if countdown is None else countdown
        delay = timedelta(seconds=COUNTDOWN_S if counted else 0)
        self.started_at = self.clock() + delay
        self.laps = []

    def lap(self) -> float | None:
        """Mark the end of a section; the split (seconds since start) or None if idle."""
        if self.state is not TimerState.RUNNING:
            return None
        split = round(self.elapsed(), 2)
        self.laps.append(split)
        return split

    def stop(self) -> tuple[float, list[float]] | None:
        """End the take: (duration, splits), or None when it had not started running."""
        state = self.state
        duration = self.elapsed()
        splits = list(self.laps)
        self.started_at = None
        self.laps = []
        if state is not TimerState.RUNNING:
            return None
        return round(duration, 2), splits


def record_take(
    store: Store,
    event: Event,
    text: str,
    duration_s: float,
    splits: Sequence[float],
    now: datetime,
) -> RehearsalTake | None:
    """Save one take (words counted as spoken, words per minute); None for a mis-key."""
    if duration_s < MIN_TAKE_S:
        return None
    assert event.id is not None
    words = count_spoken_words(text)
    take = RehearsalTake(
        event_id=event.id,
        at=now,
        duration_s=round(duration_s, 2),
        words=words,
        wpm=round(words / duration_s * 60, 1),
        splits=[round(s, 2) for s in splits if 0 < s < duration_s],
    )
    store.save(take)
    return take


def delete_take(store: Store, take: RehearsalTake) -> None:
    """Take a take out for good (a mis-hit the caller does not want to see)."""
    assert take.id is not None
    store.delete(RehearsalTake, take.id)


@dataclass(frozen=True)
class TakeRow:
    take: RehearsalTake
    number: int
    change_s: float | None  # against the previous plausible take; negative is faster
    change_wpm: float | None
    plausible: bool = True  # False: shown, marked, not learned from


def take_rows(takes: Sequence[RehearsalTake]) -> list[TakeRow]:
    """The takes, oldest first, each with its change from the previous plausible one."""
    rows: list[TakeRow] = []
    previous: RehearsalTake | None = None
    for number, take in enumerate(sorted(takes, key=lambda t: t.at), start=1):
        good = plausible(take)
        compared = previous if good else None
        rows.append(
            TakeRow(
                take=take,
                number=number,
                change_s=round(take.duration_s - compared.duration_s, 1) if compared else None,
                change_wpm=round(take.wpm - compared.wpm, 1) if compared else None,
                plausible=good,
            )
        )
        if good:
            previous = take
    return rows


def rehearsals(takes: Sequence[RehearsalTake]) -> int:
    """How many times the script was rehearsed: the plausible takes only (a ⚠ mis-hit,
    a take of two words or of two minutes, does not count toward the three)."""
    return sum(1 for take in takes if plausible(take))


@dataclass(frozen=True)
class Pace:
    wpm: float
    measured: bool
    low: float | None = None
    high: float | None = None
    takes: int = 0


def pace(takes: Sequence[RehearsalTake], lang: str) -> Pace:
    """The caller's pace: the median of the last plausible takes, with their range."""
    recent = [t.wpm for t in learned_from(takes)]
    if not recent:
        return Pace(wpm=estimate("", lang).wpm, measured=False)
    return Pace(
        wpm=statistics.median(recent),
        measured=True,
        low=min(recent),
        high=max(recent),
        takes=len(recent),
    )


def ready_check(
    text: str, takes: Sequence[RehearsalTake], lang: str, target_s: int
) -> LengthEstimate:
    """Does the script fit the target at the caller's pace? (`words_over` says what to cut.)"""
    return estimate(text, lang, takes, target_s)
