"""Bilan counts, and splitting one call list among callers then merging it back."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relance_tui.core.calls.queue import load_queue, record_outcome, undo_last
from relance_tui.core.calls.timing import DEFAULT_TZ, fixed_clock
from relance_tui.core.errors import NewerSchema
from relance_tui.core.models import Contact, Event, EventKind, Outcome, Outlet, OutletKind, Target
from relance_tui.core.station.report import summarise, totals_line
from relance_tui.core.store.snapshot import read_snapshot, write_snapshot
from relance_tui.core.store.store import Store
from relance_tui.core.team.shares import ForeignShare, apply_merge, deal, plan_merge, split

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ)
KINDS = [OutletKind.RADIO, OutletKind.TV, OutletKind.PRINT, OutletKind.CAMPUS]


def world(store: Store, size: int = 12) -> Event:
    event = Event(title="Lancement", kind=EventKind.EVENT, start=T0 + timedelta(days=2))
    store.save(event)
    for i in range(size):
        outlet = Outlet(name=f"Média {i}", kind=KINDS[i % 4], warmth=i % 4, phone="514-555-0100")
        store.save(outlet)
        contact = Contact(outlet_id=outlet.id, name=f"Contact {i}", phone=f"514-555-{i:04d}")
        store.save(contact)
        store.save(Target(event_id=event.id, position=i + 1, contact_id=contact.id))
    return event


def test_summary_counts_a_hand_built_log(store: Store) -> None:
    event = world(store, 6)
    plan = [
        (Outcome.CONFIRMED, "Sam", "avec caméra"),
        (Outcome.CONFIRMED, "Alex", ""),
        (Outcome.RESEND, "Sam", ""),
        (Outcome.VOICEMAIL, "Sam", ""),
        (Outcome.CALLBACK, "Alex", ""),
    ]
    now = T0
    for outcome, caller, note in plan:
        state = load_queue(store, event, now).current
        record_outcome(
            store,
            state,
            outcome,
            now,
            duration_s=60,
            caller=caller,
            note=note,
            callback_at=now + timedelta(hours=3) if outcome is Outcome.CALLBACK else None,
        )
        now += timedelta(minutes=10)
    summary = summarise(store, event, fixed_clock(now))
    assert summary.by_outcome == Counter(
        confirmed=2, resend=1, voicemail=1, callback=1, never_called=1
    )
    # Warmest first: Contact 3 (★★★), 2, then 1 and 5 (★), then 0 and 4.
    assert [s.name for s in summary.confirmed] == ["Contact 2", "Contact 3"]  # list order
    assert summary.confirmed[1].history[-1].note == "avec caméra"
    assert [s.name for s in summary.resend] == ["Contact 1"]
    assert [s.name for s in summary.never_reached] == ["Contact 5"]
    assert [s.name for s in summary.callbacks] == ["Contact 0"]
    assert summary.calls == 5 and summary.seconds_calling == 300
    assert summary.calls_by_caller == Counter(Sam=3, Alex=2)
    assert summary.calls_per_hour is None  # 5 minutes on the phone: too few for a pace
    assert sum(summary.confirmed_by_kind.values()) == 2


def test_deal_balances_counts_kinds_and_warmth() -> None:
    targets = [Target(id=i, event_id=1, position=i) for i in range(1, 24)]
    kinds = {i: KINDS[i % 4] for i in range(1, 24)}
    warmths = {i: i % 4 for i in range(1, 24)}
    shares = deal(targets, kinds, warmths, 3)
    ids = [t.id for share in shares for t in share]
    assert sorted(ids) == list(range(1, 24))
    sizes = [len(s) for s in shares]
    assert max(sizes) - min(sizes) <= 1
    for kind in KINDS:
        per = [sum(1 for t in share if kinds[t.id] is kind) for share in shares]
        assert max(per) - min(per) <= 1
    warm = [sum(1 for t in share if warmths[t.id] == 3) for share in shares]
    assert max(warm) - min(warm) <= 1


def call_in_share(path: Path, outcomes: list[Outcome], start: datetime, undo: bool) -> None:
    with Store.open(path) as share:
        event = share.current_event()
        now = start
        for outcome in outcomes:
            state = load_queue(share, event, now).current
            if state is None:
                break
            callback = now + timedelta(hours=1) if outcome is Outcome.CALLBACK else None
            record_outcome(
                share,
                state,
                outcome,
                now,
                caller=share.settings().caller_name,
                callback_at=callback,
            )
            now += timedelta(minutes=1)
        if undo:
            undo_last(share, event, now)


def merged_state(path: Path, event_id: int) -> tuple[frozenset[str], tuple]:
    with Store.open(path) as store:
        event = store.get(Event, event_id)
        queue = load_queue(store, event, T0 + timedelta(days=1))
        states = tuple(sorted((s.target.id, s.status.value, s.calls) for s in queue.all))
        flags = tuple(sorted((c.id, c.do_not_call, c.to_fix) for c in store.contacts()))
        return frozenset(a.uid for a in store.attempts(event_id)), (states, flags)


OUTCOMES = [o for o in Outcome if o not in (Outcome.UNDO, Outcome.SKIPPED)]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    callers=st.integers(2, 3),
    logs=st.lists(st.lists(st.sampled_from(OUTCOMES), max_size=6), min_size=3, max_size=3),
    undos=st.lists(st.booleans(), min_size=3, max_size=3),
    order=st.permutations([0, 1, 2]),
)
def test_merge_is_idempotent_order_independent_and_loses_nothing(
    tmp_path_factory, callers, logs, undos, order
) -> None:
    base = tmp_path_factory.mktemp("team")
    main = base / "main.json"
    with Store.open(main) as store:
        event = world(store, 9)
        paths = split(
            store, event, [f"Appelant {n}" for n in range(callers)], base / "shares", T0
        ).paths
    for index, path in enumerate(paths):
        call_in_share(path, logs[index], T0 + timedelta(hours=index), undos[index])
    copy = base / "copy.json"
    shutil.copyfile(main, copy)

    def merge_into(target: Path, indexes) -> int:
        with Store.open(target) as store:
            return apply_merge(store, [plan_merge(store, paths[i]) for i in indexes])

    forward = [i for i in order if i < callers]
    merge_into(main, forward)
    merge_into(copy, list(reversed(forward)))
    uids, state = merged_state(main, event.id)
    assert (uids, state) == merged_state(copy, event.id)

    every = set()
    for path in paths:
        with Store.open(path) as share:
            every |= {a.uid for a in share.attempts(event.id)}
    assert uids == every  # no call lost, none invented

    before = main.read_bytes()
    assert merge_into(main, forward) == 0  # merging again changes nothing
    assert main.read_bytes() == before


def test_foreign_and_newer_files_are_refused_main_unchanged(tmp_path: Path) -> None:
    main = tmp_path / "main.json"
    other = tmp_path / "other.json"
    with Store.open(main) as store:
        event = world(store, 4)
        [share, _] = split(store, event, ["A", "B"], tmp_path / "shares", T0).paths
    with Store.open(other) as store:
        other_event = world(store, 4)
        [foreign, _] = split(store, other_event, ["A", "B"], tmp_path / "other-shares", T0).paths
    newer = tmp_path / "newer.json"
    data = read_snapshot(share)
    data["meta"]["1"]["schema_version"] = 99
    write_snapshot(newer, data)  # as a newer relance would write it
    before = main.read_bytes()
    with Store.open(main) as store:
        with pytest.raises(ForeignShare) as refused:
            plan_merge(store, foreign)
        assert "Rien n'a été fusionné" in str(refused.value)
        with pytest.raises(NewerSchema):
            plan_merge(store, newer)
        with pytest.raises(ForeignShare):
            plan_merge(store, other)  # a plain data file, not a share
    assert main.read_bytes() == before
    assert not main.with_name("main.json.journal").exists()


def test_the_door_kept_in_a_share_comes_back_with_its_walk_ins(tmp_path: Path) -> None:
    from relance_tui.core.door.door import WALK_IN_TAG, add_walk_in, check_in, door_list

    with Store.open(tmp_path / "main.json") as main:
        event = world(main, 4)
        main.save(main.settings().__class__(id=1, current_event_id=event.id))
        [path] = split(main, event, ["Porte"], tmp_path / "shares", T0).paths
    with Store.open(path) as share:
        shared_event = share.current_event()
        state = load_queue(share, shared_event, T0).current
        record_outcome(share, state, Outcome.CONFIRMED, T0)
        [entry] = door_list(share, shared_event, T0)
        check_in(share, shared_event, entry, T0 + timedelta(days=2))
        add_walk_in(share, shared_event, "Métro Montréal", "Zoé Lavoie", T0 + timedelta(days=2))
    with Store.open(tmp_path / "main.json") as main:
        plan = plan_merge(main, path)
        assert len(plan.arrivals) == 2
        apply_merge(main, [plan])
        apply_merge(main, [plan_merge(main, path)])  # twice: nothing more
        entries = door_list(main, main.get(Event, event.id), T0 + timedelta(days=2))
        present = sorted((e.outlet, e.name) for e in entries if e.present)
        assert present == [("Média 0", "Contact 0"), ("Métro Montréal", "Zoé Lavoie")] or (
            len(present) == 2 and ("Métro Montréal", "Zoé Lavoie") in present
        )
        assert len(main.arrivals(event.id)) == 2
        [walk_in] = [o for o in main.outlets() if o.name == "Métro Montréal"]
        assert WALK_IN_TAG in walk_in.tags


def edited_share(tmp_path: Path, edit) -> tuple[Path, Path, int]:  # type: ignore[no-untyped-def]
    """A share with one call, then edited by hand (the seal recomputed: a valid file)."""
    main_path = tmp_path / "main.json"
    with Store.open(main_path) as main:
        event = world(main, 4)
        [path] = split(main, event, ["Sam"], tmp_path / "shares", T0).paths
    call_in_share(path, [Outcome.VOICEMAIL], T0, undo=False)
    with Store.open(path):
        pass  # folds the journal into the share's snapshot
    tables = read_snapshot(path)
    [doc] = tables["attempts"].values()
    edit(doc)
    write_snapshot(path, tables)
    return main_path, path, event.id


@pytest.mark.parametrize(
    "edit",
    [
        lambda doc: doc.pop("uid"),
        lambda doc: doc.update(event_id=str(doc["event_id"])),
        lambda doc: doc.update(outcome="bogus"),
        lambda doc: doc.update(at="yesterday"),
        lambda doc: doc.update(at="2026-11-26T09:00:00"),
    ],
    ids=["no uid", "text event id", "unknown outcome", "date in words", "no time zone"],
)
def test_a_doubtful_call_in_a_share_is_refused_and_nothing_merged(tmp_path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    from relance_tui.core.team.shares import BadShareRecord

    main_path, path, event_id = edited_share(tmp_path, edit)
    with Store.open(main_path) as main:
        with pytest.raises(BadShareRecord) as refused:
            plan_merge(main, path)
        assert "enregistrement" in str(refused.value)
        assert main.attempts(event_id) == []


def test_two_callers_with_the_same_name_are_told_so(tmp_path: Path) -> None:
    from relance_tui.core.team.shares import SameNames

    with Store.open(tmp_path / "main.json") as main:
        event = world(main, 4)
        with pytest.raises(SameNames) as refused:
            split(main, event, ["Alex", "alex"], tmp_path / "shares", T0)
    assert "Deux personnes nommées" in str(refused.value)
    assert not (tmp_path / "shares").exists() or list((tmp_path / "shares").iterdir()) == []


def shared_call(tmp_path: Path) -> tuple[Path, Path, int]:
    """A main file and one share holding one call (folded into its snapshot)."""
    return edited_share(tmp_path, lambda doc: None)


def outsider_edit(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    """Change a share as someone outside relance would: edit the JSON, recompute the
    SHA-256 checksum, keep the seal fields as they were."""
    tables = read_snapshot(path)
    meta = tables["meta"]["1"]
    kept = {key: meta.pop(key) for key in ("seal_key", "seal")}
    edit(tables)
    plain = path.with_name("plain.json")
    write_snapshot(plain, tables)  # the plain checksum, computed over the edited body
    text = plain.read_text("utf-8")
    path.write_text(text[:-2].rstrip("}") + "," + json.dumps(kept)[1:-1] + "}}}", "utf-8")


def test_a_share_edited_outside_relance_is_refused_though_its_checksum_was_recomputed(
    tmp_path: Path,
) -> None:
    from relance_tui.core.errors import CorruptDataFile

    main_path, path, event_id = shared_call(tmp_path)
    outsider_edit(path, lambda t: next(iter(t["attempts"].values())).update(outcome="confirmed"))
    assert json.loads(path.read_text("utf-8"))["meta"]["1"]["seal"]  # still there
    with Store.open(main_path) as main:
        with pytest.raises(CorruptDataFile) as refused:
            plan_merge(main, path)
        assert "sceau d'équipe" in str(refused.value)
        assert main.attempts(event_id) == []


@pytest.mark.parametrize("how", ["seal removed", "sealed again with a key of its own"])
def test_an_unsealed_or_resealed_share_is_refused(tmp_path: Path, how: str) -> None:
    from relance_tui.core.team.shares import UnsealedShare

    main_path, path, event_id = shared_call(tmp_path)
    tables = read_snapshot(path)
    [doc] = tables["attempts"].values()
    doc["outcome"] = "confirmed"
    if how == "seal removed":
        tables["meta"]["1"].pop("seal_key")
    else:
        tables["meta"]["1"]["seal_key"] = "0" * 64
    write_snapshot(path, tables)  # a valid file, and (for the new key) a valid seal
    with Store.open(main_path) as main:
        with pytest.raises(UnsealedShare) as refused:
            plan_merge(main, path)
        assert "sceau" in str(refused.value) and "Rien n'a été fusionné" in str(refused.value)
        assert main.attempts(event_id) == []


def test_a_call_added_to_a_shares_journal_by_hand_is_refused(tmp_path: Path) -> None:
    """A journal line with a right CRC, sequence and generation but no signature."""
    from relance_tui.core.errors import CorruptDataFile
    from relance_tui.core.store.files import journal_path
    from relance_tui.core.store.journal import Put, encode_ops

    main_path, path, event_id = shared_call(tmp_path)
    tables = read_snapshot(path)
    [doc] = tables["attempts"].values()
    forged = {**doc, "uid": "f" * 32, "outcome": "confirmed"}
    generation = tables["meta"]["1"].get("generation", 0)
    journal_path(path).write_bytes(encode_ops([Put("attempts", 99, forged)], 1, generation))
    with Store.open(main_path) as main:
        with pytest.raises(CorruptDataFile):
            plan_merge(main, path)
        assert main.attempts(event_id) == []


def test_a_share_keeps_its_seal_through_its_callers_sessions_and_merges(tmp_path: Path) -> None:
    """The caller's app signs what it writes: calls in the journal (not folded) and
    after a compaction both merge."""
    main_path = tmp_path / "main.json"
    with Store.open(main_path) as main:
        event = world(main, 4)
        [path] = split(main, event, ["Sam"], tmp_path / "shares", T0).paths
    pending = tmp_path / "pending.json"  # the share as a kill -9 would leave it
    with Store.open(path) as share:
        event_in_share = share.current_event()
        assert event_in_share is not None
        state = load_queue(share, event_in_share, T0).current
        assert state is not None
        record_outcome(share, state, Outcome.VOICEMAIL, T0, caller="Sam")
        shutil.copyfile(path, pending)
        shutil.copyfile(path.with_name(path.name + ".journal"), tmp_path / "pending.json.journal")
    call_in_share(path, [Outcome.CONFIRMED], T0 + timedelta(minutes=5), undo=False)
    with Store.open(main_path) as main:
        assert len(plan_merge(main, pending).attempts) == 1  # its call in the journal
        plan = plan_merge(main, path)  # after a compaction
        assert len(plan.attempts) == 2
        assert apply_merge(main, [plan]) == 2


def test_accepting_a_hand_edit_of_a_share_leaves_it_unmergeable(tmp_path: Path) -> None:
    from relance_tui.core.store.recovery import accept_changes
    from relance_tui.core.team.shares import UnsealedShare

    main_path, path, _ = shared_call(tmp_path)
    outsider_edit(path, lambda t: next(iter(t["attempts"].values())).update(outcome="confirmed"))
    accept_changes(path)  # `relance check --accept`: the caller can open it again
    with Store.open(path) as share:
        assert share.attempts()[0].outcome is Outcome.CONFIRMED
    with Store.open(main_path) as main, pytest.raises(UnsealedShare):
        plan_merge(main, path)


def with_a_second_contact(store: Store, event: Event):  # type: ignore[no-untyped-def]
    """The first card's state; its outlet gets a second contact ("Second") on the list."""
    first = load_queue(store, event, T0).current
    assert first is not None and first.outlet is not None
    second = Contact(outlet_id=first.outlet.id, name="Second", phone="514-555-0199")
    store.save(second)
    store.save(Target(event_id=event.id, position=99, contact_id=second.id))
    return first


def test_split_deals_only_what_is_left_to_ask_and_each_share_knows_who_confirmed(
    tmp_path: Path,
) -> None:
    """The outlet rule (settled.py) in `split`: a confirmed outlet's other contact, a
    declined contact and the confirmed one are dealt to no one; every share holds the
    confirmation, so a share's queue sets the outlet's people aside as the main one does."""
    main = tmp_path / "main.json"
    with Store.open(main) as store:
        event = world(store, 6)
        first = with_a_second_contact(store, event)
        record_outcome(store, first, Outcome.CONFIRMED, T0)
        declined = load_queue(store, event, T0).current
        assert declined is not None and declined.outlet is not first.outlet
        record_outcome(store, declined, Outcome.DECLINED, T0)
        done = split(store, event, ["A", "B"], tmp_path / "shares", T0)
    assert done.left_out == 3  # the confirmation, its outlet's second contact, the refusal
    assert sorted(done.dealt) == [2, 2]  # the 4 others, two each
    names: list[str] = []
    for path in done.paths:
        with Store.open(path) as share:
            queue = load_queue(share, event, T0)
            callable_ = [s.name for s in queue.ready + queue.later]
            names += callable_
            assert "Second" not in callable_ and first.name not in callable_
            assert first.outlet.id in queue.covered  # the share knows the outlet confirmed
    assert len(names) == 4 and len(set(names)) == 4


def test_the_pace_is_over_the_time_on_the_phone_not_from_the_first_call_to_the_last(
    store: Store,
) -> None:
    """12 calls of a minute and a half spread over three days: 40 calls an hour on the
    phone, 18 minutes on it; not "0 min on the phone, 12 calls an hour"."""
    event = world(store, 12)
    now = T0 - timedelta(days=1)
    for _ in range(12):
        state = load_queue(store, event, now).current
        assert state is not None
        record_outcome(store, state, Outcome.VOICEMAIL, now, duration_s=90)
        now += timedelta(hours=5)  # spread over three days
    summary = summarise(store, event, fixed_clock(now))
    assert summary.calls_per_hour == 40.0
    line = totals_line(summary)
    assert "18 min au téléphone" in line and "40 appels à l'heure au téléphone" in line


def test_no_time_on_the_phone_no_pace_and_no_zero_minutes(store: Store) -> None:
    event = world(store, 6)
    now = T0
    for _ in range(6):
        state = load_queue(store, event, now).current
        assert state is not None
        record_outcome(store, state, Outcome.VOICEMAIL, now)  # the call was never started
        now += timedelta(minutes=2)
    summary = summarise(store, event, fixed_clock(now))
    assert summary.calls_per_hour is None
    line = totals_line(summary)
    assert "téléphone" not in line and "à l'heure" not in line
    assert line.startswith("6 appels pour 6 cibles · 0 confirmé")


def test_after_the_event_pending_callbacks_are_not_called_back(store: Store) -> None:
    from relance_tui.core.station.report import as_text

    event = world(store, 3)
    state = load_queue(store, event, T0).current
    assert state is not None
    record_outcome(store, state, Outcome.CALLBACK, T0, callback_at=T0 + timedelta(hours=2))
    before = as_text(summarise(store, event, fixed_clock(T0 + timedelta(hours=1))))
    assert "Rappels à faire (1)" in before and "Non rappelés" not in before
    after = as_text(summarise(store, event, fixed_clock(event.start + timedelta(hours=4))))
    assert "Non rappelés (l'événement a commencé) (1)" in after
    assert "Rappels à faire" not in after


def test_a_voicemail_at_an_outlet_that_confirmed_is_not_never_reached(store: Store) -> None:
    """One rule for the newsroom in the Bilan: a message left for one of CIBL's people,
    then CIBL confirmed through another: nobody at CIBL is left to reach."""
    event = world(store, 3)
    first = with_a_second_contact(store, event)
    record_outcome(store, first, Outcome.VOICEMAIL, T0)
    other = next(s for s in load_queue(store, event, T0).ready if s.name == "Second")
    record_outcome(store, other, Outcome.CONFIRMED, T0 + timedelta(minutes=5))
    summary = summarise(store, event, fixed_clock(T0 + timedelta(hours=1)))
    assert summary.never_reached == []
    assert [s.name for s in summary.confirmed] == ["Second"]


def test_the_same_share_named_twice_in_one_merge_adds_each_call_once(tmp_path: Path) -> None:
    """`relance merge a.json a.json`: two plans of the same file hold the same calls."""
    with Store.open(tmp_path / "main.json") as main:
        event = world(main, 6)
        [path] = split(main, event, ["Alex"], tmp_path / "shares", T0).paths
    with Store.open(path) as share:
        shared_event = share.current_event()
        for outcome in (Outcome.VOICEMAIL, Outcome.CONFIRMED):
            state = load_queue(share, shared_event, T0).current
            record_outcome(share, state, outcome, T0)
    with Store.open(tmp_path / "main.json") as main:
        assert event.id is not None
        before = len(main.attempts(event.id))
        added = apply_merge(main, [plan_merge(main, path), plan_merge(main, path)])
        calls = main.attempts(event.id)
        assert added == 2 and len(calls) == before + 2
        assert len({a.uid for a in calls}) == len(calls)
