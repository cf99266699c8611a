"""The procedure as a path (the seed's steps): where the current event stands at each
step — lists made, script timed, rehearsed, called, confirmed, at the door — worked
out from what the store holds, for the strip at the top of every screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from relance_tui.core.calls.queue import Queue, load_queue, progress
from relance_tui.core.door.door import standing
from relance_tui.core.models import Event
from relance_tui.core.script import book
from relance_tui.core.script.rehearsal import TAKES_BEFORE_CALLING, rehearsals
from relance_tui.core.script.speech import estimate
from relance_tui.core.script.templates import render_script
from relance_tui.core.store.store import Store
from relance_tui.core.who import Directory


@dataclass(frozen=True)
class ScriptTiming:
    seconds: float
    target_s: int

    @property
    def fits(self) -> bool:
        return self.seconds <= self.target_s


@dataclass(frozen=True)
class Procedure:
    """Each step's state for one event."""

    outlets: int  # newsrooms on the call list
    targets: int
    script: ScriptTiming | None  # None: not worked out (or no one to render it for)
    takes: int  # rehearsals (a ⚠ mis-hit is not one)
    takes_wanted: int
    called: int
    confirmed: int
    present: int  # at the door


def procedure_of(
    store: Store,
    event: Event,
    now: datetime,
    script: ScriptTiming | None = None,
    queue: Queue | None = None,
) -> Procedure:
    """Where `event` stands at each step at `now` (`script`: the script's timing when
    already known, it needs the render process, see `script_timing`; `queue`: the
    event's queue when one was just built, as Appels has it)."""
    assert event.id is not None
    queue = queue if queue is not None else load_queue(store, event, now)
    done = progress(queue)
    outlets = {s.outlet.id for s in queue.all if s.outlet is not None}
    return Procedure(
        outlets=len(outlets),
        targets=done.total,
        script=script,
        takes=rehearsals(store.takes(event.id)),
        takes_wanted=TAKES_BEFORE_CALLING,
        called=done.called,
        confirmed=done.confirmed,
        present=len(standing(store.arrivals(event.id))),
    )


def script_timing(store: Store, event: Event) -> ScriptTiming | None:
    """The talking points' spoken time for the first target of the call list, at the
    caller's pace (render process: off the UI thread)."""
    assert event.id is not None
    targets = store.targets(event.id)
    if not targets:
        return None
    who = Directory.of(store).who(targets[0])
    lang = book.script_language(who, event)
    script = render_script(event, "talking_points", who, store.settings(), lang)
    if script.problem is not None or not script.text:
        return None
    takes = store.takes(event.id)
    length = estimate(script.text, lang, takes, event.rehearsal_target_s)
    return ScriptTiming(length.seconds, event.rehearsal_target_s)
