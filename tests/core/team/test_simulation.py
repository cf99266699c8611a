"""A team of 2 to 10 callers on a 200-target list, files synced late, cut short, kept
apart by a partition: every call reaches everyone, none is lost or doubled, a target
is brought to an end twice only by callers whose files had not met (and then every
caller sees it), and the Bilan is the same everywhere (tests/team_sim.py)."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from relance_tui.core.station.report import as_markdown, summarise
from relance_tui.core.team.folder import CALLERS_DIR, CallerFile
from relance_tui.core.team.leases import called_twice
from tests.team_sim import Result, simulate

partitions = st.lists(
    st.tuples(
        st.floats(0, 1800), st.floats(60, 900), st.frozensets(st.integers(0, 9), min_size=1)
    ).map(lambda p: (p[0], p[0] + p[1], p[2])),
    max_size=2,
)


def check(result: Result) -> None:
    made = set(result.made)
    for store in result.stores:
        uids = [a.uid for a in store.attempts(result.event_id)]
        assert set(uids) == made, "every call reaches every caller"
        assert len(uids) == len(set(uids)), "no call counted twice"
    # Each caller's own file, in every copy of the folder, holds exactly their calls.
    by_caller = Counter(a.caller for a in result.made.values())
    for caller in result.callers:
        for other in result.callers:
            copy = other.folder / CALLERS_DIR / caller.session.team.own_path.name  # type: ignore[union-attr]
            reader = CallerFile(copy)
            entries = reader.read_more(caller.session.team.key)  # type: ignore[union-attr]
            assert reader.stuck_at is None
            assert sum(e.kind == "attempt" for e in entries) == by_caller[caller.name]
    # Nobody took a card they could see a teammate holding: a target two callers ended
    # was taken by each before the other's lines had reached them.
    for caller in result.callers:
        assert all(alone for _, _, alone in caller.takes)
    twice = [called_twice(store.attempts(result.event_id)) for store in result.stores]
    assert all(t == twice[0] for t in twice), "every caller sees the same double calls"
    for target_id, names in twice[0].items():
        finals = {a.caller for a in result.made.values() if a.target_id == target_id}
        assert set(names) <= finals
    clock = result.callers[0].session.clock
    bilans = []
    for store in result.stores:
        event = store.current_event()
        assert event is not None
        bilans.append(as_markdown(summarise(store, event, clock)))
    assert all(b == bilans[0] for b in bilans), "the same Bilan on every machine"


# Each example runs a whole team for an hour or two of calls: few examples, no shrinking
# (a failure prints its example, which reproduces it).
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
@given(
    callers=st.integers(2, 10),
    seed=st.integers(0, 2**32),
    slowest=st.floats(1, 30),
    cuts=partitions,
    partial=st.sampled_from([0.0, 0.1, 0.3]),
)
def test_a_team_converges_whatever_the_sync(
    callers: int, seed: int, slowest: float, cuts: list, partial: float
) -> None:
    with tempfile.TemporaryDirectory() as root:
        result = simulate(
            Path(root),
            callers=callers,
            seed=seed,
            delay=(1.0, max(1.0, slowest)),
            partitions=cuts,
            partial=partial,
            pull_every=timedelta(seconds=10),
        )
        try:
            assert result.made, "calls were made"
            check(result)
        finally:
            for store in result.stores:
                store.close()


def test_leases_keep_double_calls_rare_where_a_shared_list_has_many() -> None:
    """The same team, the same seed: leases against a naive shared list."""
    shares = {}
    for mode in ("leases", "naive"):
        with tempfile.TemporaryDirectory() as root:
            result = simulate(
                Path(root),
                callers=4,
                seed=7,
                targets=120,
                mode=mode,
                pull_every=timedelta(seconds=10),
            )
            shares[mode] = len(called_twice(result.stores[0].attempts(result.event_id)))
            if mode == "leases":
                check(result)
            for store in result.stores:
                store.close()
    assert shares["naive"] >= 5
    assert shares["leases"] * 3 <= shares["naive"]
