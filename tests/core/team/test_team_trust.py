"""A teammate's file can only write as its caller, and a file made for others carries
what it needs, never a path read on the other computer (issue 41, items 4, 5, 7)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from relance_tui.core.handoff.mail import release_of
from relance_tui.core.models import Event, EventKind
from relance_tui.core.store.store import Store
from relance_tui.core.team.folder import CallerFile
from relance_tui.core.team.shares import split
from tests.core.team.test_team import T0, world


def test_a_share_carries_the_communique_and_names_no_path_of_the_organiser(
    tmp_path: Path,
) -> None:
    communique = tmp_path / "organisation" / "communiqué-lancement.pdf"
    communique.parent.mkdir()
    communique.write_bytes(b"%PDF-1.4 le communique")
    with Store.open(tmp_path / "main.json") as main:
        event = world(main, 4)
        event = dataclasses.replace(event, release_file=str(communique))
        main.save(event)
        [path] = split(main, event, ["Sam"], tmp_path / "partage", T0).paths
    communique.unlink()  # the caller's computer has no such file
    with Store.open(path) as share:
        shared = share.current_event()
        assert shared is not None and shared.release_file == "communiqué-lancement.pdf"
        attached, said = release_of(shared, share.meta(), share.path)
    assert said == "" and attached is not None
    assert attached.read_bytes() == b"%PDF-1.4 le communique"
    assert attached.parent == path.parent / "communiques"
    assert oct(attached.stat().st_mode & 0o777) == "0o600"


def test_a_path_in_a_shared_event_is_never_read_on_the_caller_s_computer(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "home" / ".ssh" / "id_rsa"
    secret.parent.mkdir(parents=True)
    secret.write_text("PRIVATE KEY")
    event = Event(title="Lancement", kind=EventKind.EVENT, start=T0, release_file=str(secret))
    meta = {"split_of": {"file_id": "x", "event_id": 1, "caller": "Sam"}}
    attached, said = release_of(event, meta, tmp_path / "partage" / "sam.json")
    assert attached is None and "sans le fichier du communiqué" in said
    assert release_of(event)[0] == secret  # the organiser's own file: their own path


# A teammate writes only as themselves -------------------------------------------------
from datetime import timedelta  # noqa: E402

from relance_tui.core.models import Attempt, Contact, Outcome  # noqa: E402
from relance_tui.core.team.folder import (  # noqa: E402
    CHAIN_START,
    Entry,
    append_entries,
    base_path,
    callers_dir,
    read_base,
)
from relance_tui.core.team.leases import TeamView  # noqa: E402
from relance_tui.core.team.live import TeamLink, join_team  # noqa: E402
from relance_tui.core.team.members import Signer, new_key_pair  # noqa: E402
from relance_tui.core.team.organiser import collect_calls, create_team  # noqa: E402
from relance_tui.core.team.proposals import answer, pending  # noqa: E402


def a_team(tmp_path: Path, names: list[str]) -> tuple[Path, Path]:
    """The organiser's file and the team's folder, `names` joined."""
    main_path = tmp_path / "main.json"
    with Store.open(main_path) as main:
        event = world(main, 12)
        create_team(main, event, tmp_path / "equipe", T0)
    for name in names:
        join_team(tmp_path / "equipe", name, tmp_path / f"{name}.json", T0)
    return main_path, tmp_path / "equipe"


def forge(folder: Path, file_name: str, caller_id: str, name: str, outcome: Outcome) -> None:
    """What anyone with the folder (and so the team's key) can write: a caller's file
    under a key of their own, with a call `outcome` on every target, in `name`."""
    base = read_base(folder)
    team = base["meta"]["1"]["team"]
    private, public = new_key_pair()
    entries = [Entry(1, caller_id, "hello", T0, {"name": name, "public_key": public})]
    for number, target in enumerate(base["targets"].values(), start=2):
        call = Attempt(
            event_id=int(team["event_id"]),
            target_id=int(target["id"]) if "id" in target else number - 1,
            at=T0 + timedelta(minutes=number),
            outcome=outcome,
            caller=name,
        )
        entries.append(Entry(number, caller_id, "attempt", call.at, call.to_doc()))
    path = callers_dir(folder) / file_name
    append_entries(path, str(team["key"]), entries, Signer(private), CHAIN_START)


def test_a_file_in_another_caller_s_name_writes_nothing_and_flags_no_contact(
    tmp_path: Path,
) -> None:
    main_path, folder = a_team(tmp_path, ["Sam"])
    with Store.open(main_path) as main:
        assert collect_calls(main, folder).refused == {}  # Sam is known from here on
    forge(folder, "sam-deadbeef.jsonl", "deadbeef" + "0" * 24, "Sam", Outcome.DO_NOT_CALL)
    with Store.open(main_path) as main:
        done = collect_calls(main, folder)
        assert done.refused == {"sam-deadbeef.jsonl": "name"} and done.added == 0
        assert main.attempts(1) == []
        assert not any(c.do_not_call for c in main.contacts())


def test_a_file_claiming_a_caller_s_id_under_another_key_is_refused(tmp_path: Path) -> None:
    main_path, folder = a_team(tmp_path, ["Sam"])
    [sams] = callers_dir(folder).iterdir()
    key = str(read_base(folder)["meta"]["1"]["team"]["key"])
    sam_id = CallerFile(sams).read_more(key)[0].caller_id
    with Store.open(main_path) as main:
        collect_calls(main, folder)
        forged = f"sam-2-{sam_id[:8]}.jsonl"
        forge(folder, forged, sam_id, "Sam", Outcome.DECLINED)
        done = collect_calls(main, folder)
        assert done.refused == {forged: "key"} and done.added == 0


def test_lines_appended_to_a_caller_s_file_without_their_key_are_never_taken(
    tmp_path: Path,
) -> None:
    main_path, folder = a_team(tmp_path, ["Sam"])
    [sams] = callers_dir(folder).iterdir()
    team = read_base(folder)["meta"]["1"]["team"]
    reader = CallerFile(sams)
    [hello] = reader.read_more(str(team["key"]))
    target = next(iter(read_base(folder)["targets"]))
    call = Attempt(
        event_id=1, target_id=int(target), at=T0, outcome=Outcome.DO_NOT_CALL, caller="Sam"
    )
    private, _ = new_key_pair()  # not Sam's
    append_entries(
        sams,
        str(team["key"]),
        [Entry(2, hello.caller_id, "attempt", T0, call.to_doc())],
        Signer(private),
        reader.chain,
    )
    with Store.open(main_path) as main:
        done = collect_calls(main, folder)
        assert done.added == 0 and done.waiting == {"Sam": 2}


def test_a_teammate_s_do_not_call_is_a_proposal_the_organiser_accepts(tmp_path: Path) -> None:
    main_path, folder = a_team(tmp_path, ["Alex"])
    with Store.open(tmp_path / "Alex.json") as local:
        link = TeamLink.of(local)
        assert link is not None
        link.start(local, T0)
        target = local.targets(1)[0]
        call = Attempt(
            event_id=1, target_id=target.id, at=T0, outcome=Outcome.DO_NOT_CALL, caller="Alex"
        )
        local.save(call)
        link.catch_up(local, T0)
        link.flush()
    with Store.open(main_path) as main:
        done = collect_calls(main, folder)
        assert done.added == 1 and done.proposals == 1 and done.by_caller == {"Alex": 1}
        assert not any(c.do_not_call for c in main.contacts())  # not written: proposed
        [proposal] = pending(main)
        assert proposal.caller == "Alex" and proposal.flag == "do_not_call"
        assert answer(main, [proposal], []) == 1
        assert main.get(Contact, proposal.contact_id).do_not_call
        assert pending(main) == []


def test_a_lease_lasts_at_most_fifteen_minutes_on_the_reader_s_clock() -> None:
    view = TeamView()
    body = {"target_id": 3, "outlet_id": 2, "until": (T0 + timedelta(days=1)).isoformat()}
    view.add([Entry(1, "c", "hello", T0, {"name": "Sam"}), Entry(2, "c", "lease", T0, body)], T0)
    assert [lease.target_id for lease in view.active(T0 + timedelta(minutes=14))] == [3]
    assert view.active(T0 + timedelta(minutes=16)) == []
    naive = {**body, "until": "2026-11-26T10:00:00"}  # no zone: not a lease, no TypeError
    view.add([Entry(3, "c", "lease", T0, naive)], T0)


def test_sync_engines_conflict_copies_are_not_callers_files(tmp_path: Path) -> None:
    main_path, folder = a_team(tmp_path, ["Sam"])
    [sams] = callers_dir(folder).iterdir()
    stem = sams.stem
    for copy in (
        f"{stem} (conflicted copy 2026-12-03).jsonl",
        f"{stem} (Copie en conflit de portable 2026-12-03).jsonl",
        f"{stem} (1).jsonl",
        f"{stem}-LAPTOP.jsonl",
        f"{stem}.sync-conflict-20261203-101010-ABCDEFG.jsonl",
    ):
        (callers_dir(folder) / copy).write_bytes(sams.read_bytes())
    from relance_tui.core.team.folder import caller_files

    assert caller_files(folder) == [sams]
    assert base_path(folder).exists()


def test_calls_dated_far_from_the_event_merge_with_a_warning(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from relance_tui.cli import main as cli
    from tests.core.team.test_team import edited_share

    main_path, path, _ = edited_share(
        tmp_path, lambda doc: doc.update(at="2027-12-30T10:00:00-05:00")
    )
    result = CliRunner().invoke(cli, ["merge", str(path), "--db", str(main_path)])
    assert result.exit_code == 0, result.output
    assert "plus de six mois" in result.output and "1 appel ajouté" in result.output


def test_a_refused_merge_says_nothing_was_merged_once(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from relance_tui.cli import main as cli
    from tests.core.team.test_team import edited_share

    main_path, path, _ = edited_share(tmp_path, lambda doc: doc.pop("uid"))
    result = CliRunner().invoke(cli, ["merge", str(path), "--db", str(main_path)])
    assert result.exit_code != 0
    assert result.output.count("Rien n'a été fusionné") == 1


def test_the_team_folder_is_private_whatever_the_umask(tmp_path: Path) -> None:
    import os

    old = os.umask(0)
    try:
        a_team(tmp_path / "deep" / "er", ["Sam"])
    finally:
        os.umask(old)
    for folder in (tmp_path / "deep", tmp_path / "deep" / "er" / "equipe"):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder


def test_a_teammate_s_app_takes_no_call_from_a_file_in_another_s_name(tmp_path: Path) -> None:
    _, folder = a_team(tmp_path, ["Sam", "Alex"])
    with Store.open(tmp_path / "Alex.json") as local:
        link = TeamLink.of(local)
        assert link is not None
        link.start(local, T0)  # Sam is known from here on
        forge(folder, "sam-deadbeef.jsonl", "deadbeef" + "0" * 24, "Sam", Outcome.DO_NOT_CALL)
        pulled = link.pull(local, T0)
        assert pulled.calls == 0 and local.attempts(1) == []
        assert link.refused == {"sam-deadbeef.jsonl": "name"}
        assert not any(c.do_not_call for c in local.contacts())


def test_a_file_written_before_callers_signed_is_read_but_its_calls_not_taken(
    tmp_path: Path,
) -> None:
    main_path, folder = a_team(tmp_path, [])
    team = read_base(folder)["meta"]["1"]["team"]
    target = next(iter(read_base(folder)["targets"]))
    call = Attempt(
        event_id=1, target_id=int(target), at=T0, outcome=Outcome.CONFIRMED, caller="Lou"
    )
    old = [
        Entry(1, "ab12cd34" + "0" * 24, "hello", T0, {"name": "Lou"}),
        Entry(2, "ab12cd34" + "0" * 24, "attempt", T0, call.to_doc()),
    ]
    append_entries(
        callers_dir(folder) / "lou-ab12cd34.jsonl", str(team["key"]), old, None, CHAIN_START
    )
    with Store.open(main_path) as main:
        done = collect_calls(main, folder)
        assert done.refused == {"lou-ab12cd34.jsonl": "unsigned"} and done.added == 0
    from click.testing import CliRunner

    from relance_tui.cli import main as cli

    result = CliRunner().invoke(cli, ["team", "collect", str(folder), "--db", str(main_path)])
    assert "sans la signature" in result.output and "lou-ab12cd34.jsonl" in result.output
