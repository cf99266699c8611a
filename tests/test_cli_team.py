"""`relance team create / join / collect` from the command line, and their refusals."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from relance_tui.cli import main
from relance_tui.core.calls.session import CallSession
from relance_tui.core.demo import load_demo
from relance_tui.core.models import Outcome
from relance_tui.core.store.store import Store
from relance_tui.core.team.folder import CALLERS_DIR
from relance_tui.locations import data_dir


def test_create_join_call_collect(db_path: Path, tmp_path: Path, now: datetime) -> None:
    with Store.open(db_path) as store:
        event = load_demo(store, data_dir(), now)
    folder = tmp_path / "Équipe partagée"
    runner = CliRunner()
    created = runner.invoke(
        main, ["team", "create", str(event.id), str(folder), "--db", str(db_path)]
    )
    assert created.exit_code == 0, created.output
    assert f'relance team join "{folder}" --name NOM' in created.output
    again = runner.invoke(
        main, ["team", "create", str(event.id), str(folder), "--db", str(db_path)]
    )
    assert again.exit_code == 1 and "contient déjà une équipe" in again.output

    locals_: dict[str, Path] = {}
    for name in ("Alex", "Sam"):
        local = tmp_path / f"{name}.json"
        joined = runner.invoke(
            main, ["team", "join", str(folder), "--name", name, "--db", str(local), "--no-open"]
        )
        assert joined.exit_code == 0, joined.output
        assert str(local) in joined.output
        locals_[name] = local
    taken = runner.invoke(
        main,
        [
            "team",
            "join",
            str(folder),
            "--name",
            "sam",
            "--db",
            str(tmp_path / "x.json"),
            "--no-open",
        ],
    )
    assert taken.exit_code == 1 and "sam appelle déjà dans cette équipe" in taken.output
    assert len(list((folder / CALLERS_DIR).iterdir())) == 2

    with Store.open(locals_["Alex"]) as store:
        session = CallSession(store, lambda: now)
        assert session.team is not None and session.card is not None
        called = session.card.label
        session.record(Outcome.CONFIRMED)
        session.leave()

    collected = runner.invoke(main, ["team", "collect", str(folder), "--db", str(db_path)])
    assert collected.exit_code == 0, collected.output
    with Store.open(db_path) as store:
        confirmed = [a for a in store.attempts(event.id) if a.caller == "Alex"]
        assert [a.outcome for a in confirmed] == [Outcome.CONFIRMED]
        session = CallSession(store, lambda: now)
        assert session.queue.find(confirmed[0].target_id).label == called
    twice = runner.invoke(main, ["team", "collect", str(folder), "--db", str(db_path)])
    assert twice.exit_code == 0 and "0 appel" in twice.output


def test_join_refuses_a_folder_that_is_not_a_team(tmp_path: Path) -> None:
    folder = tmp_path / "vide"
    folder.mkdir()
    local = tmp_path / "alex.json"
    result = CliRunner().invoke(
        main, ["team", "join", str(folder), "--name", "Alex", "--db", str(local), "--no-open"]
    )
    assert result.exit_code == 1
    assert "n'est pas un dossier d'équipe relance" in result.output
    assert not list(folder.iterdir()) and not local.exists()  # nothing written


def test_join_in_english(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--lang", "en", "team", "join", str(tmp_path), "--name", " ", "--no-open"]
    )
    assert result.exit_code == 2
    assert "Give your name with --name." in result.output
