"""Calling as a team through a synced folder: joining, leases, callbacks mine or anyone's,
files cut short or edited, a crash between the data file and the folder, collecting."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.errors import CorruptDataFile
from relance_tui.core.models import Attempt, Contact, Outcome, Settings, Target
from relance_tui.core.station.session import CallSession
from relance_tui.core.store.store import Store
from relance_tui.core.team.folder import CALLERS_DIR, CallerFile, base_path
from relance_tui.core.team.leases import called_twice
from relance_tui.core.team.live import NameTaken, OtherTeam, TeamLink, join_team
from relance_tui.core.team.organiser import TeamExists, collect_calls, create_team
from relance_tui.core.team.shares import ForeignShare
from tests.core.team.test_team import world

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    main = Store.open(tmp_path / "main.json")
    event = world(main, 12)
    create_team(main, event, tmp_path / "folder", T0)
    main.close()
    return tmp_path / "folder"


class Team:
    """Callers sharing one folder, or each their own copy of it (`apart`)."""

    def __init__(self, tmp_path: Path, folder: Path, clock: Clock, names: list[str]) -> None:
        self.sessions: dict[str, CallSession] = {}
        self.folders: dict[str, Path] = {}
        for name in names:
            self.folders[name] = folder
            local = join_team(folder, name, tmp_path / f"{name}.json", T0)
            self.sessions[name] = CallSession(Store.open(local), clock)

    def __getitem__(self, name: str) -> CallSession:
        return self.sessions[name]

    def close(self) -> None:
        for session in self.sessions.values():
            if session.store.is_open:
                session.store.close()


@pytest.fixture
def team(tmp_path: Path, folder: Path, clock: Clock) -> Iterator[Team]:
    made = Team(tmp_path, folder, clock, ["Alex", "Sam"])
    yield made
    made.close()


def test_joining_gives_each_caller_a_private_data_file_and_a_file_in_the_folder(
    tmp_path: Path, folder: Path
) -> None:
    local = join_team(folder, "Alex", tmp_path / "alex.json", T0)
    assert stat.S_IMODE(local.stat().st_mode) == 0o600
    (own,) = (folder / CALLERS_DIR).iterdir()
    assert stat.S_IMODE(own.stat().st_mode) == 0o600
    assert own.name.startswith("alex-")
    # Joining again with the same file is the same caller, the file untouched.
    before = local.read_bytes()
    assert join_team(folder, "Alex", local, T0) == local
    assert local.read_bytes() == before
    with pytest.raises(NameTaken):
        join_team(folder, "alex", tmp_path / "other.json", T0)
    join_team(folder, "Sam", tmp_path / "sam.json", T0)
    with pytest.raises(OtherTeam):  # Sam's file is not Alex's to take
        join_team(folder, "Alex", tmp_path / "sam.json", T0)


def test_a_folder_holds_one_team_and_its_base_is_sealed(tmp_path: Path, folder: Path) -> None:
    main = Store.open(tmp_path / "main.json")
    with pytest.raises(TeamExists):
        create_team(main, main.events()[0], folder, T0)
    main.close()
    data = base_path(folder).read_bytes()
    base_path(folder).write_bytes(data.replace(b"Contact 3", b"Contact 9"))
    with pytest.raises(CorruptDataFile):  # edited outside relance: refused
        join_team(folder, "Alex", tmp_path / "alex.json", T0)


def test_a_call_reaches_the_teammate_and_the_card_held_is_not_offered(team: Team) -> None:
    alex, sam = team["Alex"], team["Sam"]
    sam.sync()
    alex.sync()
    assert alex.card is not None and sam.card is not None
    assert alex.card.target.id != sam.card.target.id
    assert alex.card.outlet.id != sam.card.outlet.id  # its outlet is held too
    held = alex.card.target.id
    assert held not in [s.target.id for s in sam.queue.ready]
    assert sam.queue.taken[held] == "Alex"
    recorded = alex.record(Outcome.CONFIRMED)
    pulled = sam.sync()
    assert pulled is not None and pulled.calls == 1
    mine = [a for a in sam.store.attempts(alex.event.id) if a.caller == "Alex"]
    assert [(a.uid, a.outcome) for a in mine] == [(recorded.attempt.uid, Outcome.CONFIRMED)]
    assert sam.queue.find(held).last.outcome is Outcome.CONFIRMED
    assert held not in sam.queue.taken  # the outcome released it


def test_a_lease_no_one_renews_returns_the_target(team: Team, clock: Clock) -> None:
    alex, sam = team["Alex"], team["Sam"]
    held = alex.card.target.id
    alex.store.close()  # Alex's laptop goes to sleep on the card
    sam.sync()
    assert held in sam.queue.taken
    clock.now += timedelta(minutes=11)
    sam.sync()
    sam.refresh()
    assert held not in sam.queue.taken
    assert held in [s.target.id for s in sam.queue.ready]


@pytest.mark.parametrize("outlet_held", [True, False])
def test_holding_a_card_holds_its_outlet_unless_the_setting_says_not(
    tmp_path: Path, clock: Clock, outlet_held: bool
) -> None:
    main = Store.open(tmp_path / "main.json")
    event = world(main, 4)
    second = Contact(outlet_id=1, name="Deuxième personne", phone="514-555-0199")
    main.save(second)
    main.save(Target(event_id=event.id, position=9, contact_id=second.id))
    main.save(Settings(**{**main.settings().to_doc(), "team_lease_outlet": outlet_held}))
    create_team(main, event, tmp_path / "folder", T0)
    main.close()
    made = Team(tmp_path, tmp_path / "folder", clock, ["Alex", "Sam"])
    try:
        alex, sam = made["Alex"], made["Sam"]
        alex.call_now(1)  # Contact 0, of Média 0
        sam.sync()
        ready = [s.target.id for s in sam.queue.ready]
        assert 1 not in ready
        assert (5 in ready) is not outlet_held  # the outlet's other person
    finally:
        made.close()


def apart(tmp_path: Path, folder: Path, clock: Clock) -> tuple[Team, Path, Path]:
    """Alex and Sam on their own copies of the folder, not synced yet."""
    copies = []
    for name in ("a", "s"):
        copy = tmp_path / f"copy-{name}"
        shutil.copytree(folder, copy)
        copies.append(copy)
    made = Team.__new__(Team)
    made.sessions, made.folders = {}, {}
    for name, copy in zip(("Alex", "Sam"), copies, strict=True):
        local = join_team(copy, name, tmp_path / f"{name}.json", T0)
        made.sessions[name] = CallSession(Store.open(local), clock)
        made.folders[name] = copy
    return made, copies[0], copies[1]


def files_meet(made: Team, alex_copy: Path, sam_copy: Path) -> None:
    """The sync engine carries each copy's files to the other; both apps read them."""
    for source, target in ((alex_copy, sam_copy), (sam_copy, alex_copy)):
        for path in (source / CALLERS_DIR).iterdir():
            shutil.copy2(path, target / CALLERS_DIR / path.name)
    made["Alex"].sync()
    made["Sam"].sync()


def test_two_callers_on_the_same_card_before_their_files_met(
    tmp_path: Path, folder: Path, clock: Clock
) -> None:
    made, alex_copy, sam_copy = apart(tmp_path, folder, clock)
    try:
        alex, sam = made["Alex"], made["Sam"]
        assert alex.card.target.id == sam.card.target.id  # the same first card
        clock.now += timedelta(seconds=5)
        sam.pass_card()  # Sam's card moves on, then comes back to it: a later lease
        sam.call_now(alex.card.target.id)
        files_meet(made, alex_copy, sam_copy)
        # The earliest lease wins, on both machines: Alex's.
        assert alex.beaten_by() is None
        beaten = sam.beaten_by()
        assert beaten is not None and beaten.caller == "Alex"
        assert sam.card.target.id == alex.card.target.id  # the card stays, with the warning
        calls_before = len(sam.store.attempts(1))
        taken = sam.card.target.id
        nxt = sam.pass_card()
        assert nxt is not None and nxt.target.id != taken
        assert len(sam.store.attempts(1)) == calls_before  # passing records no call
    finally:
        made.close()


def test_both_see_a_target_called_twice_once_their_files_meet(
    tmp_path: Path, folder: Path, clock: Clock
) -> None:
    made, alex_copy, sam_copy = apart(tmp_path, folder, clock)
    try:
        alex, sam = made["Alex"], made["Sam"]
        same = alex.card.target.id
        alex.record(Outcome.CONFIRMED)
        sam.record(Outcome.DECLINED)
        files_meet(made, alex_copy, sam_copy)
        for session in (alex, sam):
            assert called_twice(session.store.attempts(1)) == {same: ["Alex", "Sam"]}
        assert [a.uid for a in alex.store.attempts(1)] == [a.uid for a in sam.store.attempts(1)]
    finally:
        made.close()


def test_a_callback_is_its_callers_first_then_anyones(team: Team, clock: Clock) -> None:
    alex, sam = team["Alex"], team["Sam"]
    target = alex.card.target.id
    alex.record(Outcome.CALLBACK, T0 + timedelta(hours=1))
    assert alex.store.attempts(1)[-1].callback_for == "Alex"
    clock.now = T0 + timedelta(hours=1, minutes=1)
    sam.sync()
    assert target in sam.queue.taken  # Alex's promise, within the grace period
    alex.sync()
    assert target in [s.target.id for s in alex.queue.ready]
    clock.now = T0 + timedelta(hours=1, minutes=16)
    sam.refresh()
    assert target not in sam.queue.taken
    assert target in [s.target.id for s in sam.queue.ready]


def test_a_callback_for_anyone_is_offered_to_all_when_due(team: Team, clock: Clock) -> None:
    alex, sam = team["Alex"], team["Sam"]
    target = alex.card.target.id
    alex.record(Outcome.CALLBACK, T0 + timedelta(hours=1), anyone=True)
    assert alex.store.attempts(1)[-1].callback_for == ""
    clock.now = T0 + timedelta(hours=1, minutes=1)
    sam.sync()
    sam.leave()  # Sam's own card let go: the due callback comes first
    sam.pass_card()
    assert sam.card is not None and sam.card.target.id == target


def test_a_line_cut_short_waits_and_an_edited_line_is_never_merged(
    tmp_path: Path, folder: Path, clock: Clock
) -> None:
    made, alex_copy, sam_copy = apart(tmp_path, folder, clock)
    try:
        alex, sam = made["Alex"], made["Sam"]
        first = alex.record(Outcome.CONFIRMED).attempt
        clock.now += timedelta(minutes=1)
        second = alex.record(Outcome.DECLINED).attempt
        own = alex.team.own_path
        data = own.read_bytes()
        cut = data.index(second.uid.encode())  # the sync brought the file up to there
        destination = sam_copy / CALLERS_DIR / own.name
        destination.write_bytes(data[:cut])
        sam.sync()
        uids = {a.uid for a in sam.store.attempts(1)}
        assert first.uid in uids and second.uid not in uids
        assert sam.team.view.waiting == {"Alex": 5}  # hello, lease, call, lease, call
        destination.write_bytes(data)  # the sync ends
        sam.sync()
        assert second.uid in {a.uid for a in sam.store.attempts(1)}
        assert sam.team.view.waiting == {}
        # A line changed outside relance (the outcome rewritten): it and what follows wait.
        clock.now += timedelta(minutes=1)
        third = alex.record(Outcome.CONFIRMED).attempt
        edited = own.read_bytes().replace(b'"outcome":"confirmed"', b'"outcome":"declined"')
        destination.write_bytes(edited)
        sam.sync()
        assert third.uid not in {a.uid for a in sam.store.attempts(1)}
        assert "Alex" in sam.team.view.waiting
    finally:
        made.close()


def test_a_call_the_folder_missed_in_a_crash_is_added_at_the_next_start(
    tmp_path: Path, team: Team, clock: Clock
) -> None:
    alex = team["Alex"]
    card = alex.card
    # The call is safe in the data file, then the app dies before writing to the folder.
    lost = Attempt(
        event_id=1, target_id=card.target.id, at=T0, outcome=Outcome.CONFIRMED, caller="Alex"
    )
    alex.store.save(lost)
    path = alex.store.path
    alex.store.close()
    own = CallerFile(alex.team.own_path)
    own.read_more(alex.team.key)
    assert lost.uid not in {e.body.get("uid") for e in own.entries}
    with open(alex.team.own_path, "ab") as handle:  # and a line cut by the crash
        handle.write(b'{"seq":99,"cal')
    again = CallSession(Store.open(path), clock)
    try:
        reread = CallerFile(again.team.own_path)
        reread.read_more(again.team.key)
        assert reread.stuck_at is None  # the cut line was taken off
        assert lost.uid in {e.body.get("uid") for e in reread.entries}
        sam = team["Sam"]
        sam.sync()
        assert lost.uid in {a.uid for a in sam.store.attempts(1)}
    finally:
        again.store.close()


def test_undo_in_a_team_reverses_ones_own_call_only(team: Team, clock: Clock) -> None:
    alex, sam = team["Alex"], team["Sam"]
    mine = sam.record(Outcome.VOICEMAIL).attempt
    clock.now += timedelta(minutes=1)
    alex.record(Outcome.CONFIRMED)
    sam.sync()
    undone = sam.undo()
    assert undone is not None and undone.attempt.uid == mine.uid


def test_collect_brings_the_teams_calls_into_the_organisers_file(
    tmp_path: Path, team: Team, clock: Clock, folder: Path
) -> None:
    team["Alex"].record(Outcome.CONFIRMED)
    team["Sam"].record(Outcome.DECLINED)
    main = Store.open(tmp_path / "main.json")
    try:
        done = collect_calls(main, folder)
        assert (done.added, done.waiting, done.refused) == (2, {}, {})
        assert done.by_caller == {"Alex": 1, "Sam": 1}
        assert sorted(a.caller for a in main.attempts(1)) == ["Alex", "Sam"]
        again = collect_calls(main, folder)  # the same calls twice: nothing new
        assert (again.added, again.waiting, again.refused) == (0, {}, {})
    finally:
        main.close()
    other = Store.open(tmp_path / "other.json")
    try:
        with pytest.raises(ForeignShare):
            collect_calls(other, folder)
    finally:
        other.close()


def test_a_plain_data_file_has_no_team(store: Store) -> None:
    assert TeamLink.of(store) is None
    assert os.environ.get("RELANCE_DB")  # the fixture's own file, not a team's


def test_a_folder_that_went_away_keeps_the_calls_until_it_is_back(
    tmp_path: Path, team: Team, folder: Path, clock: Clock
) -> None:
    alex = team["Alex"]
    moved = tmp_path / "unmounted"
    folder.rename(moved)  # the drive is not mounted
    pulled = alex.sync()
    assert pulled is not None and pulled.missing
    recorded = alex.record(Outcome.CONFIRMED).attempt
    assert recorded.uid in {a.uid for a in alex.store.attempts(1)}  # safe here
    assert not folder.exists()  # and no empty folder made in its place
    moved.rename(folder)  # back
    alex.sync()
    own = CallerFile(alex.team.own_path)
    own.read_more(alex.team.key)
    assert recorded.uid in {e.body.get("uid") for e in own.entries}
    team["Sam"].sync()
    assert recorded.uid in {a.uid for a in team["Sam"].store.attempts(1)}


def test_joining_again_from_where_the_folder_moved_follows_it(tmp_path: Path, folder: Path) -> None:
    local = join_team(folder, "Alex", tmp_path / "alex.json", T0)
    moved = tmp_path / "ailleurs"
    folder.rename(moved)
    assert join_team(moved, "Alex", local, T0) == local
    with Store.open(local) as store:
        link = TeamLink._new(store)
        assert link is not None and link.folder == moved


def test_a_teammates_confirmation_settles_the_outlet_in_my_queue(
    tmp_path: Path, clock: Clock
) -> None:
    """The outlet rule (settled.py) in live team mode: Alex's confirmation sets the
    outlet's other contact aside in Sam's queue, "déjà confirmé par" Alex's contact."""
    main = Store.open(tmp_path / "main.json")
    event = world(main, 6)
    outlet = next(o for o in main.outlets() if o.warmth == 3)
    second = Contact(outlet_id=outlet.id, name="Second", phone="514-555-0198")
    main.save(second)
    main.save(Target(event_id=event.id, position=7, contact_id=second.id))
    create_team(main, event, tmp_path / "folder", T0)
    main.close()
    made = Team(tmp_path, tmp_path / "folder", clock, ["Alex", "Sam"])
    try:
        alex, sam = made["Alex"], made["Sam"]
        alex.sync()
        assert alex.card is not None and alex.card.outlet.id == outlet.id
        confirmed_by = alex.card.name
        alex.record(Outcome.CONFIRMED)
        sam.sync()
        assert sam.queue is not None
        [aside] = sam.queue.set_aside
        assert aside.name == "Second"
        assert aside.covered_by is not None and aside.covered_by.name == confirmed_by
    finally:
        made.close()
