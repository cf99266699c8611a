"""Rehearsal takes with an injected clock: timing, laps, pace, the short take."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import Event, EventKind
from relance_tui.core.script.rehearsal import (
    Phase,
    TakeTimer,
    TimerState,
    pace,
    phase,
    ready_check,
    record_take,
    take_rows,
)
from relance_tui.core.store.store import Store

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ)
SCRIPT = " ".join(["mot"] * 60)  # 60 words


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def event(store: Store) -> Event:
    event = Event(title="x", kind=EventKind.EVENT, start=T0 + timedelta(days=2))
    store.save(event)
    return event


def test_take_with_countdown_and_laps() -> None:
    clock = Clock()
    timer = TakeTimer(clock, countdown=True)
    timer.start()
    assert timer.state is TimerState.COUNTDOWN and timer.countdown_left() == 3
    clock.advance(1.5)
    assert timer.countdown_left() == 2 and timer.elapsed() == 0
    assert timer.lap() is None  # no lap during the countdown
    clock.advance(1.5)
    assert timer.state is TimerState.RUNNING
    clock.advance(8)
    assert timer.lap() == 8.0
    clock.advance(12)
    assert timer.lap() == 20.0
    clock.advance(4.5)
    assert timer.stop() == (24.5, [8.0, 20.0])
    assert timer.state is TimerState.IDLE


def test_stopping_during_the_countdown_is_not_a_take() -> None:
    clock = Clock()
    timer = TakeTimer(clock)
    timer.start()
    clock.advance(1)
    assert timer.stop() is None


def test_record_take_counts_words_and_pace(store: Store, event: Event) -> None:
    take = record_take(store, event, SCRIPT, 24.0, [8.0, 20.0], T0)
    assert (take.words, take.wpm, take.splits) == (60, 150.0, [8.0, 20.0])
    assert store.takes(event.id) == [take]


def test_a_take_under_two_seconds_is_a_mis_key(store: Store, event: Event) -> None:
    assert record_take(store, event, SCRIPT, 1.9, [], T0) is None
    assert store.takes(event.id) == []


def test_changes_from_the_previous_take(store: Store, event: Event) -> None:
    for minute, seconds in ((1, 30.0), (2, 27.0), (3, 28.5)):
        record_take(store, event, SCRIPT, seconds, [], T0 + timedelta(minutes=minute))
    rows = take_rows(store.takes(event.id))
    assert [r.change_s for r in rows] == [None, -3.0, 1.5]
    assert [r.change_wpm for r in rows] == [
        None,
        round(60 / 27 * 60 - 120, 1),
        pytest.approx(round(60 / 28.5 * 60 - 60 / 27 * 60, 1), abs=0.11),
    ]


def test_the_learned_pace_is_the_median_of_recent_takes(store: Store, event: Event) -> None:
    assert pace([], "fr").measured is False and pace([], "fr").wpm == 150
    for minute, seconds in enumerate((40.0, 20.0, 30.0, 24.0, 36.0, 30.0), start=1):
        record_take(store, event, SCRIPT, seconds, [], T0 + timedelta(minutes=minute))
    learned = pace(store.takes(event.id), "fr")
    # The last five: 20, 30, 24, 36, 30 s = 180, 120, 150, 100, 120 wpm -> median 120.
    assert (learned.wpm, learned.low, learned.high, learned.takes) == (120, 100, 180, 5)
    check = ready_check(SCRIPT, store.takes(event.id), "fr", 30)
    assert check.measured and check.seconds == pytest.approx(30.0) and check.fits
    tight = ready_check(SCRIPT, store.takes(event.id), "fr", 20)
    assert not tight.fits and tight.words_over == 20


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (0, Phase.CALM),
        (19.9, Phase.CALM),
        (20, Phase.HURRY),
        (24.9, Phase.HURRY),
        (25, Phase.WRAP_UP),
        (29.9, Phase.WRAP_UP),
        (30, Phase.OVER),
        (45, Phase.OVER),
    ],
)
def test_colour_thresholds_at_20_25_30(elapsed: float, expected: Phase) -> None:
    assert phase(elapsed, 30) is expected


def test_a_mis_hit_is_kept_marked_and_never_learned_from(store: Store, event: Event) -> None:
    """A 5-second take of a 60-word script (720 words/min) is no reading: the pace and the
    "ready" estimate stay those of the real takes."""
    record_take(store, event, SCRIPT, 30.0, [], T0)  # 120 words/min
    record_take(store, event, SCRIPT, 5.0, [], T0 + timedelta(minutes=1))  # a mis-hit
    record_take(store, event, SCRIPT, 300.0, [], T0 + timedelta(minutes=2))  # 12: interrupted
    takes = store.takes(event.id)
    assert len(takes) == 3  # kept
    rows = take_rows(takes)
    assert [r.plausible for r in rows] == [True, False, False]
    assert rows[1].change_s is None  # not compared as if it were a take
    learned = pace(takes, "fr")
    assert (learned.wpm, learned.takes) == (120, 1)
    assert ready_check(SCRIPT, takes, "fr", 30).seconds == pytest.approx(30.0)


def test_the_pace_is_the_median_of_the_last_five_plausible_takes(
    store: Store, event: Event
) -> None:
    seconds = (40.0, 20.0, 30.0, 24.0, 5.0, 36.0, 30.0, 4.0)  # two mis-hits among them
    for minute, duration in enumerate(seconds, start=1):
        record_take(store, event, SCRIPT, duration, [], T0 + timedelta(minutes=minute))
    learned = pace(store.takes(event.id), "fr")
    # Plausible, last five: 20, 30, 24, 36, 30 s = 180, 120, 150, 100, 120 -> 120.
    assert (learned.wpm, learned.low, learned.high, learned.takes) == (120, 100, 180, 5)


def test_a_deleted_take_is_gone_from_the_table_and_the_pace(store: Store, event: Event) -> None:
    from relance_tui.core.script.rehearsal import delete_take

    record_take(store, event, SCRIPT, 30.0, [], T0)
    slow = record_take(store, event, SCRIPT, 40.0, [], T0 + timedelta(minutes=1))
    assert slow is not None
    delete_take(store, slow)
    takes = store.takes(event.id)
    assert [t.duration_s for t in takes] == [30.0]
    assert pace(takes, "fr").wpm == 120


def test_a_mis_hit_take_is_not_a_rehearsal() -> None:
    """Three takes toward "répétez trois fois": a ⚠ take (two seconds of ninety words)
    does not count."""
    from relance_tui.core.models import RehearsalTake
    from relance_tui.core.script.rehearsal import rehearsals

    at = datetime(2026, 12, 4, 10, tzinfo=DEFAULT_TZ)
    real = RehearsalTake(event_id=1, at=at, duration_s=28.0, words=70, wpm=150.0)
    mis_hit = RehearsalTake(event_id=1, at=at, duration_s=2.5, words=70, wpm=1680.0)
    assert rehearsals([real, mis_hit]) == 1
    assert rehearsals([real, real, real]) == 3
