"""The procedure as a path: each step's state for the current event, from the store."""

from __future__ import annotations

from datetime import datetime, timedelta

from relance_tui import i18n
from relance_tui.core.calls.queue import load_queue, record_outcome
from relance_tui.core.models import Outcome, RehearsalTake
from relance_tui.core.station.procedure import procedure_of, script_timing
from relance_tui.core.store.store import Store
from relance_tui.ui.widgets.banner import step_texts


def test_each_step_says_where_the_event_stands(demo_store: Store, now: datetime) -> None:
    event = demo_store.current_event()
    assert event is not None and event.id is not None
    for outcome in (Outcome.CONFIRMED, Outcome.VOICEMAIL):
        state = load_queue(demo_store, event, now).current
        record_outcome(demo_store, state, outcome, now)
    at = now - timedelta(hours=1)
    demo_store.save(RehearsalTake(event_id=event.id, at=at, duration_s=28, words=70, wpm=150))
    demo_store.save(RehearsalTake(event_id=event.id, at=at, duration_s=1, words=70, wpm=4200))
    timing = script_timing(demo_store, event)
    assert timing is not None and 10 < timing.seconds < 60
    procedure = procedure_of(demo_store, event, now, timing)
    assert (procedure.targets, procedure.called, procedure.confirmed) == (30, 2, 1)
    assert procedure.takes == 1  # the ⚠ take of one second is not a rehearsal
    assert procedure.outlets == len({s.outlet.id for s in load_queue(demo_store, event, now).all})
    i18n.set_language("fr")
    steps = step_texts(procedure, "fr")
    assert steps["lists"][0] == f"✓ {procedure.outlets} médias"
    assert steps["rehearsal"] == ("1/3 prise", "1/3")
    assert steps["calls"] == ("2/30", "2/30")
    assert steps["report"] == ("✓ 1 confirmé", "✓ 1")
    assert steps["script"][0].endswith(" s") and "door" not in steps
