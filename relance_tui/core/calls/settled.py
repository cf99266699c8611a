"""What settles a newsroom for an event (PRODUCT §5): one rule for the queue, `split`,
the team's live queue, the door and the Bilan.

- A confirmation settles the **outlet**: someone is coming; its other contacts go
  aside ("déjà confirmé par <name>").
- A refusal settles only **that contact and that show**: another show of the same
  outlet may still come (ICI Première's Le 15-18 saying no is not Tout un matin's
  answer). The outlet stays in the queue and its card says "Le 15-18 a refusé".
- At the door, an outlet that came is not absent, whoever of it confirmed.

The functions take the targets' folded states (anything with `outlet`, `show`,
`last`), so that each place asks the same question the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from relance_tui.core.models import FINAL_OUTCOMES, Attempt, Outcome, Outlet, Show

SETTLING_OUTCOMES = frozenset({Outcome.CONFIRMED, Outcome.DECLINED})


class Answering(Protocol):
    """A target as folded from its calls (`states.TargetState`)."""

    @property
    def outlet(self) -> Outlet | None: ...

    @property
    def show(self) -> Show | None: ...

    last: Attempt | None


StateT = TypeVar("StateT", bound=Answering)


@dataclass
class Answers(Generic[StateT]):
    """The answers given for an event, first one first: each outlet's confirmation,
    and each show's refusal (a refusal with no show settles only its contact)."""

    confirmed: dict[int, StateT] = field(default_factory=dict)  # outlet id ->
    declined: dict[tuple[int, int], StateT] = field(default_factory=dict)  # (outlet, show)
    declined_at: dict[int, list[StateT]] = field(default_factory=dict)  # outlet id ->


def answers_of(states: Iterable[StateT]) -> Answers[StateT]:
    """Who confirmed for each outlet, who refused for each show (the earliest)."""
    answered = sorted(
        ((s.last, s) for s in states if s.last is not None and s.last.outcome in SETTLING_OUTCOMES),
        key=lambda pair: pair[0].at,
    )
    answers: Answers[StateT] = Answers()
    for last, state in answered:
        outlet = state.outlet
        if outlet is None or outlet.id is None:
            continue
        if last.outcome is Outcome.CONFIRMED:
            answers.confirmed.setdefault(outlet.id, state)
            continue
        answers.declined_at.setdefault(outlet.id, []).append(state)
        show = state.show
        if show is not None and show.id is not None:
            answers.declined.setdefault((outlet.id, show.id), state)
    return answers


def settled_by(state: StateT, answers: Answers[StateT]) -> StateT | None:
    """Who settled `state`'s newsroom for the event, when someone else did: its outlet's
    confirmation, else its show's refusal."""
    outlet = state.outlet
    if outlet is None or outlet.id is None:
        return None
    confirmed = answers.confirmed.get(outlet.id)
    if confirmed is not None and confirmed is not state:
        return confirmed
    show = state.show
    if show is not None and show.id is not None:
        declined = answers.declined.get((outlet.id, show.id))
        if declined is not None and declined is not state:
            return declined
    return None


def outlet_news(state: StateT, answers: Answers[StateT]) -> StateT | None:
    """What to tell the caller about `state`'s outlet on its card: who settled it, else
    the latest refusal at the outlet by someone else (another show's, the desk's)."""
    settled = settled_by(state, answers)
    if settled is not None:
        return settled
    outlet = state.outlet
    if outlet is None or outlet.id is None:
        return None
    others = [s for s in answers.declined_at.get(outlet.id, ()) if s is not state]
    return others[-1] if others else None


def is_settled(state: StateT, answers: Answers[StateT]) -> bool:
    """Nothing is left to ask this target for the event: its own answer was final, or
    its newsroom was settled by someone else."""
    last = state.last
    if last is not None and last.outcome in FINAL_OUTCOMES:
        return True
    return settled_by(state, answers) is not None
