"""Turnout learned from past events: how often each outlet came, by what it had said.

A confirmation is a probability: desks change plans when bigger news breaks.
For every past event with arrivals on record (someone kept the door), each
outlet on its call list counts once, by what it last said — confirmed,
interested, or anything else — and whether anyone from it came.

The estimate for an event adds, outlet by outlet, the chance it comes: its own
rate for what it said, pulled towards the rate of all outlets when its own
history is short (a prior worth PRIOR_WEIGHT events). With no history at all,
the rates of DEFAULT_RATES are used. The range is the estimate plus or minus
1.28 standard deviations (about 8 chances in 10).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from relance_tui import i18n
from relance_tui.core.door.door import came, effective_outcomes, person_key
from relance_tui.core.models import Event, Outcome
from relance_tui.core.store.store import Store
from relance_tui.core.who import Directory

if TYPE_CHECKING:
    from relance_tui.core.calls.queue import TargetState

PRIOR_WEIGHT = 2.0
DEFAULT_RATES = {"confirmed": 0.7, "interested": 0.35, "other": 0.05}
Z80 = 1.28


def said(outcomes: list[Outcome]) -> str:
    """What an outlet said overall: confirmed beats interested beats anything else."""
    if Outcome.CONFIRMED in outcomes:
        return "confirmed"
    if Outcome.INTERESTED in outcomes:
        return "interested"
    return "other"


@dataclass
class OutletHistory:
    """By what the outlet said: [times it came, times it said so]."""

    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def record(self, what: str, came_: bool) -> None:
        self.counts[what][1] += 1
        self.counts[what][0] += int(came_)

    def text(self) -> str:
        """ "venu 3 fois sur 4 après confirmation", the richest line first."""
        for what in ("confirmed", "interested", "other"):
            came_, total = self.counts.get(what, (0, 0))
            if total:
                return i18n.t(f"turnout.record.{what}", count=came_, came=came_, total=total)
        return ""


def _outlet_answers(store: Store, event: Event) -> dict[int, list[Outcome]]:
    """What each outlet of an event's call list said (every target's last outcome)."""
    assert event.id is not None
    directory = Directory.of(store)
    last = effective_outcomes(store, event)
    answers: dict[int, list[Outcome]] = defaultdict(list)
    for target in store.targets(event.id):
        who = directory.who(target)
        if who.outlet is None or who.outlet.id is None:
            continue
        outcome = last.get(target.id) if target.id is not None else None
        answers[who.outlet.id].extend([outcome] if outcome else [])
    return answers


def histories(store: Store, current: Event) -> tuple[dict[int, OutletHistory], int]:
    """Every outlet's record over the past events with arrivals; and how many events.
    A team's or a share's file holds no past events: the records it was given when it
    was made (`records_for_share`) are its history."""
    given = store.meta().get("outlet_records")
    if isinstance(given, dict) and given.get("event_id") == current.id:
        return _records_from(given)
    records: dict[int, OutletHistory] = defaultdict(OutletHistory)
    contacts = Directory.of(store).contacts
    events = 0
    kept = store.events_with_arrivals()  # an event whose door nobody kept: who came is unknown
    for event in store.events(include_archived=True):
        if event.id is None or event.id == current.id or event.start >= current.start:
            continue
        if event.id not in kept:
            continue
        events += 1
        present = came(store, event)
        present_outlets = {int(k[1:]) for k in present if k.startswith("o")}
        for key in present:
            if key.startswith("c"):
                contact = contacts.get(int(key[1:]))
                if contact is not None:
                    present_outlets.add(contact.outlet_id)
        for outlet_id, outcomes in _outlet_answers(store, event).items():
            records[outlet_id].record(said(outcomes), outlet_id in present_outlets)
    return dict(records), events


def records_for_share(store: Store, event: Event) -> dict[str, object]:
    """The outlets' records, for a file made for a teammate or a volunteer (a share,
    a team's base): plain numbers, as the data file stores them."""
    records, events = histories(store, event)
    return {
        "event_id": event.id,
        "events": events,
        "outlets": {
            str(outlet_id): {what: list(pair) for what, pair in record.counts.items()}
            for outlet_id, record in records.items()
        },
    }


def _records_from(given: dict[str, object]) -> tuple[dict[int, OutletHistory], int]:
    records: dict[int, OutletHistory] = {}
    outlets = given.get("outlets")
    for outlet_id, counts in outlets.items() if isinstance(outlets, dict) else ():
        history = OutletHistory()
        for what, pair in counts.items() if isinstance(counts, dict) else ():
            if what in DEFAULT_RATES and isinstance(pair, list) and len(pair) == 2:
                came_, total = (int(n) for n in pair)
                if 0 <= came_ <= total:  # a teammate's file: numbers, checked
                    history.counts[what] = [came_, total]
        if str(outlet_id).isdigit():
            records[int(outlet_id)] = history
    events = given.get("events")
    return records, int(events) if isinstance(events, int) else 0


@dataclass(frozen=True)
class Estimate:
    low: int
    high: int
    expected: float
    outlets: int  # outlets counted (on the list and still expected to say or come)
    events: int  # past events the history comes from

    def text(self) -> str:
        if self.outlets == 0:
            return ""
        if self.low == self.high:
            return i18n.t("turnout.expected_exact", count=self.low)
        return i18n.t("turnout.expected", low=self.low, high=self.high)

    def explanation(self) -> str:
        if self.events == 0:
            return i18n.t("turnout.explained_default")
        return i18n.t("turnout.explained", count=self.events)


def _pooled(records: dict[int, OutletHistory]) -> dict[str, float]:
    rates = {}
    for what, default in DEFAULT_RATES.items():
        came_ = sum(r.counts.get(what, [0, 0])[0] for r in records.values())
        total = sum(r.counts.get(what, [0, 0])[1] for r in records.values())
        # The default is itself a prior worth a few events, so one event does not swing it.
        rates[what] = (came_ + default * 4) / (total + 4)
    return rates


def answers_of(states: Iterable[TargetState]) -> dict[int, list[Outcome]]:
    """What each outlet said, from a queue's states (each target's last outcome): the
    same as `_outlet_answers` without folding the event's calls again."""
    answers: dict[int, list[Outcome]] = defaultdict(list)
    for state in states:
        outlet = state.outlet
        if outlet is not None and outlet.id is not None:
            answers[outlet.id].extend([state.last.outcome] if state.last else [])
    return answers


def expected_turnout(
    store: Store,
    event: Event,
    known: tuple[dict[int, OutletHistory], int] | None = None,
    answers: dict[int, list[Outcome]] | None = None,
) -> Estimate:
    """How many outlets to expect at `event`, from what they said and their history
    (`known`: the histories, `answers`: what the outlets said, when already known)."""
    records, events = known if known is not None else histories(store, event)
    prior = _pooled(records)
    chances = []
    if answers is None:
        answers = _outlet_answers(store, event)
    for outlet_id, outcomes in answers.items():
        if not outcomes:
            continue  # never reached: nothing said yet
        what = said(outcomes)
        own = records.get(outlet_id)
        came_, total = own.counts.get(what, (0, 0)) if own else (0, 0)
        chances.append((came_ + PRIOR_WEIGHT * prior[what]) / (total + PRIOR_WEIGHT))
    expected = math.fsum(chances)  # whatever order the outlets come in
    spread = Z80 * math.sqrt(math.fsum(p * (1 - p) for p in chances))
    low = max(0, math.floor(expected - spread))
    high = min(len(chances), math.ceil(expected + spread))
    return Estimate(low, max(low, high), expected, len(chances), events)


def outlet_record(store: Store, event: Event, outlet_id: int) -> str:
    """The card's line for an outlet: "venu 3 fois sur 4 après confirmation"."""
    records, _ = histories(store, event)
    record = records.get(outlet_id)
    return record.text() if record else ""


__all__ = [
    "Estimate",
    "OutletHistory",
    "answers_of",
    "expected_turnout",
    "histories",
    "outlet_record",
    "person_key",
    "records_for_share",
]
