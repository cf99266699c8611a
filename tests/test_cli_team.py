"""`relance team create / join / collect` from the command line, and their refusals."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from relance_tui.cli import main
from relance_tui.core.models import Outcome
from relance_tui.core.station.demo import load_demo
from relance_tui.core.station.session import CallSession
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


def test_a_volunteer_joins_with_a_phone_and_the_outlets_track_record(
    db_path: Path, tmp_path: Path, now: datetime
) -> None:
    """`--phone` is kept (the voicemail ends with it); without one the volunteer is not
    marked set up (the app asks); a wrong number is refused; the team's file carries
    the outlets' track record of the organiser's file."""
    from relance_tui.core.calls.timing import fixed_clock
    from relance_tui.core.script.templates import render_script

    with Store.open(db_path) as store:
        event = load_demo(store, data_dir(), now)
        organiser = CallSession(store, fixed_clock(now))
        assert organiser.card is not None
        record = organiser.outlet_record(organiser.card)
    assert record  # the demo's past events: "venu 2 fois sur 3 après confirmation"
    folder = tmp_path / "partage"
    runner = CliRunner()
    runner.invoke(main, ["team", "create", str(event.id), str(folder), "--db", str(db_path)])

    def join(name: str, *more: str) -> tuple[int, str, Path]:
        local = tmp_path / f"{name}.json"
        args = ["team", "join", str(folder), "--name", name, "--db", str(local), "--no-open"]
        result = runner.invoke(main, [*args, *more])
        return result.exit_code, result.output, local

    code, output, sam = join("Sam", "--phone", "514 555 0123 poste 12")
    assert code == 0, output
    with Store.open(sam) as store:
        settings = store.settings()
        assert (settings.caller_phone, settings.caller_asked) == ("514-555-0123 poste 12", True)
        session = CallSession(store, fixed_clock(now))
        assert session.card is not None and session.event is not None
        assert session.outlet_record(session.card) == record  # the share knows the past
        voicemail = render_script(session.event, "voicemail", session.card.who, settings, "en")
        assert voicemail.text.endswith("514, 555, 01, 23, extension 12. Thank you!")

    code, output, alex = join("Alex")
    assert code == 0 and "relance vous le demandera" in output
    with Store.open(alex) as store:
        assert store.settings().caller_asked is False  # asked in the app, before a script
        assert store.settings().caller_phone == ""

    code, output, kim = join("Kim", "--phone", "555-01")
    assert code == 2 and "555-01" in output and not kim.exists()  # refused, nothing written

    code, output, lee = join("Lee", "--no-phone")
    assert code == 0
    with Store.open(lee) as store:
        assert store.settings().caller_asked is True


def test_a_volunteers_first_session_opens_on_rehearsal() -> None:
    from relance_tui.cli_team import first_screen

    assert first_screen(True) == "rehearsal" and first_screen(False) == "calls"
