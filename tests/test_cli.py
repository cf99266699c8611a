"""The command line: check, demo --db, refusal of a second instance, languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from relance_tui import cli_base
from relance_tui.cli import main
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.store.store import Store


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "relance_tui", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
    )


def test_check_reports_counts_of_a_valid_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save(Outlet(name="CIBL 101,5"))
    result = CliRunner().invoke(main, ["check", "--db", str(db_path)])
    assert result.exit_code == 0
    assert "fichier valide (schéma 3). 1 média, 0 contact, 0 événement, 0 appel." in result.output


def test_check_refuses_a_damaged_file_and_leaves_it_alone(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b'{"outlets": {"1": {"name": "CIB')
    result = CliRunner().invoke(main, ["check", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "illisible" in result.output and str(db_path) in result.output
    assert db_path.read_bytes() == b'{"outlets": {"1": {"name": "CIB'


def test_check_restore_rebuilds_from_the_backup(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save(Outlet(name="Le Devoir"))
    with Store.open(db_path) as store:
        store.save(Outlet(name="Pivot"))
    db_path.write_bytes(b"garbage")
    result = CliRunner().invoke(main, ["--lang", "en", "check", "--db", str(db_path), "--restore"])
    assert result.exit_code == 0, result.output
    assert "Restored from" in result.output
    with Store.open(db_path) as store:
        assert [o.name for o in store.outlets()] == ["Le Devoir", "Pivot"]
    assert list(db_path.parent.glob("relance.json.corrupt-*"))[0].read_bytes() == b"garbage"


def test_second_instance_exits_2_naming_the_file_and_writes_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save(Outlet(name="CISM 89,3"))
        before = {p.name: p.read_bytes() for p in db_path.parent.iterdir()}
        result = run("--db", str(db_path))
        assert result.returncode == 2
        assert str(db_path) in result.stderr and "déjà ouvert" in result.stderr
        after = {p.name: p.read_bytes() for p in db_path.parent.iterdir()}
        assert after == before


def test_demo_db_refuses_an_existing_file(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text("mine")
    result = run("demo", "--db", str(db_path))
    assert result.returncode == 1
    assert "existe déjà" in result.stderr
    assert db_path.read_text() == "mine"


def test_unknown_language_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["--lang", "de", "check"])
    assert result.exit_code == 2
    assert "Langue inconnue : de" in result.output


def test_import_of_a_broken_file_exits_1_and_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save(Outlet(name="CIBL 101,5"))
    before = {p.name: p.read_bytes() for p in db_path.parent.iterdir()}
    bad = tmp_path / "liste.csv"
    bad.write_text(
        "Média,Nom,Téléphone,Courriel\n"
        "CIBL,Élise Côté,514-555-0142,elise@cibl.ca\n"
        "CIBL,Sans Numéro,555-0142,\n"
        "CISM,Mauvais Courriel,,pas-un-courriel\n"
        ",Personne Seule,,\n",
        encoding="utf-8",
    )
    result = run("import", str(bad), "--db", str(db_path))
    assert result.returncode == 1  # a row refused (no outlet, no way to reach): nothing written
    assert "ligne 5 : Personne Seule : aucun média, ni numéro ni courriel" in result.stdout
    # Unreadable cells keep the person, flagged to fix (issue 44).
    flagged = "ligne 3 : gardée, marquée à corriger : « 555-0142 » n'est pas un numéro"
    assert flagged in result.stdout
    assert "ligne 4 : gardée, marquée à corriger : « pas-un-courriel »" in result.stdout
    assert "Rien n'a été écrit" in result.stderr
    after = {p.name: p.read_bytes() for p in db_path.parent.iterdir()}
    assert after == before


def test_import_dry_run_then_accept_valid(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "liste.csv"
    source.write_text(
        "Média;Nom;Téléphone\nCIBL;Élise Côté;514-555-0142\n;Sans Média;\n",
        encoding="cp1252",
    )
    dry = run("import", str(source), "--db", str(db_path), "--dry-run", "--accept-valid")
    assert dry.returncode == 0 and "rien n'a été écrit" in dry.stdout
    with Store.open(db_path) as store:
        assert store.contacts() == []
    done = run("import", str(source), "--db", str(db_path), "--accept-valid")
    assert done.returncode == 0, done.stderr
    with Store.open(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Élise Côté"]


def test_import_outlet_gives_the_people_without_one_an_outlet(
    db_path: Path, tmp_path: Path
) -> None:
    """A personal address book (no organisation): without --outlet each person is a
    freelance journalist, said once; with it they all belong to the outlet named."""
    source = tmp_path / "carnet.csv"
    source.write_text(
        "Prénom;Nom de famille;Courriel\nÉlise;Côté;elise@cibl.example\n"
        "Jérôme;Lavoie;jerome@cibl.example\n",
        encoding="utf-8",
    )
    dry = run("import", str(source), "--db", str(db_path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "2 personnes sans média entrent comme pigistes" in dry.stdout
    assert dry.stdout.count("Aucun média dans ce fichier") == 1
    done = run("import", str(source), "--db", str(db_path), "--outlet", "CIBL 101,5")
    assert done.returncode == 0, done.stderr
    assert "pigiste" not in done.stdout
    with Store.open(db_path) as store:
        [cibl] = store.outlets()
        assert cibl.name == "CIBL 101,5"
        assert sorted(c.name for c in store.contacts() if c.outlet_id == cibl.id) == [
            "Jérôme Lavoie",
            "Élise Côté",
        ]


def test_a_dry_run_import_works_while_the_app_is_open(db_path: Path, tmp_path: Path) -> None:
    """A dry run writes nothing, so the lock another window holds does not stop it;
    the real import still waits for that window to close."""
    source = tmp_path / "liste.csv"
    source.write_text("Média,Nom,Téléphone\nCIBL,Élise Côté,514-555-0142\n", encoding="utf-8")
    with Store.open(db_path) as store:  # the app's window
        store.save(Outlet(name="CISM 89,3"))
        before = {p.name: p.read_bytes() for p in db_path.parent.iterdir()}
        dry = run("import", str(source), "--db", str(db_path), "--dry-run")
        assert dry.returncode == 0, dry.stderr
        assert "1 nouveau contact" in dry.stdout and "rien n'a été écrit" in dry.stdout
        assert {p.name: p.read_bytes() for p in db_path.parent.iterdir()} == before
        real = run("import", str(source), "--db", str(db_path))
        assert real.returncode == 2 and "déjà ouvert" in real.stderr


def test_import_usage_errors_exit_2(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "liste.csv"
    source.write_text("Média,Nom,Téléphone\nCIBL,Élise,514-555-0142\n", encoding="utf-8")
    assert run("import", str(source), "--db", str(db_path), "--map", "sans-egal").returncode == 2
    assert (
        run("import", str(source), "--db", str(db_path), "--map", "Inconnue=name").returncode == 2
    )


def test_import_map_applies_to_a_vcard(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "contacts.vcf"
    source.write_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Léa Roy\nORG:CIBL 101,5\nTEL:514 555-0101\n"
        "X-SYMPATHIE:3\nEND:VCARD\n",
        encoding="utf-8",
    )
    result = run("import", str(source), "--db", str(db_path), "--map", "X-SYMPATHIE=warmth")
    assert result.returncode == 0, result.stderr
    with Store.open(db_path) as store:
        assert [o.warmth for o in store.outlets()] == [3]


def test_export_writes_a_private_file(db_path: Path, tmp_path: Path) -> None:
    import stat

    with Store.open(db_path) as store:
        store.save(Outlet(name="=CIBL", phone="514-555-0142"))
    out = tmp_path / "export.csv"
    result = run("export", "--db", str(db_path), "--format", "csv", "--output", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_bytes().decode("utf-8-sig")
    assert "'=CIBL" in text and "514 555-0142" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert run("export", "--db", str(db_path), "--event", "99").returncode == 2


def test_split_call_merge_report_round_trip(db_path: Path, tmp_path: Path, now) -> None:
    from datetime import timedelta

    from relance_tui.core.calls.queue import load_queue, record_outcome
    from relance_tui.core.models import Outcome
    from relance_tui.core.station.demo import load_demo
    from relance_tui.locations import data_dir

    with Store.open(db_path) as store:
        event = load_demo(store, data_dir(), now)
    shares = tmp_path / "parts"
    result = run(
        "split",
        str(event.id),
        "--callers",
        "3",
        "--names",
        "Sam,Alex,Noor",
        "--output",
        str(shares),
        "--db",
        str(db_path),
    )
    assert result.returncode == 0, result.stderr
    paths = sorted(shares.glob("*.json"))
    assert len(paths) == 3
    plan = {
        "relance-sam.json": [Outcome.CONFIRMED, Outcome.VOICEMAIL],
        "relance-alex.json": [Outcome.RESEND, Outcome.DECLINED],
        "relance-noor.json": [Outcome.CALLBACK, Outcome.WRONG_NUMBER, Outcome.CONFIRMED],
    }
    sizes = []
    for path in paths:
        with Store.open(path) as share:
            sizes.append(len(share.targets(event.id)))
            moment = now
            for outcome in plan[path.name]:
                state = load_queue(share, share.current_event(), moment).current
                record_outcome(
                    share,
                    state,
                    outcome,
                    moment,
                    caller=share.settings().caller_name,
                    callback_at=moment + timedelta(hours=2),
                )
                moment += timedelta(minutes=2)
    assert sorted(sizes) == [10, 10, 10]

    merged = run("merge", *map(str, paths), "--db", str(db_path))
    assert merged.returncode == 0, merged.stderr
    assert "Fusion : 7 appels ajoutés." in merged.stdout
    again = run("merge", *map(str, paths), "--db", str(db_path))
    assert "Fusion : 0 appel ajouté." in again.stdout

    report = run("report", str(event.id), "--db", str(db_path))
    assert report.returncode == 0, report.stderr
    text = report.stdout
    for words in (
        "présence confirmée",
        "message laissé",
        "renvoyer le communiqué",
        "pas intéressé",
        "rappel demandé",
        "mauvais numéro",
        "Confirmés — la liste pour l'accueil (2)",
        "Appels par personne :",
        "Sam 2",
        "Alex 2",
        "Noor 3",
    ):
        assert words in text, words
    assert all(len(line) <= 80 for line in text.splitlines())

    md = tmp_path / "bilan.md"
    assert (
        run(
            "report", str(event.id), "--db", str(db_path), "--format", "md", "--output", str(md)
        ).returncode
        == 0
    )
    assert md.read_text().startswith("# Lancement de la campagne")


def test_merging_a_foreign_file_exits_1_and_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    with Store.open(other) as store:
        store.save(Outlet(name="Pivot"))
    with Store.open(db_path) as store:
        store.save(Outlet(name="CIBL"))
    before = db_path.read_bytes()
    result = run("merge", str(other), "--db", str(db_path))
    assert result.returncode == 1
    assert "n'est pas une part" in result.stderr
    assert db_path.read_bytes() == before


def test_merging_a_share_whose_seal_was_removed_exits_1_and_changes_nothing(
    db_path: Path, tmp_path: Path, now
) -> None:
    from relance_tui.core.station.demo import load_demo
    from relance_tui.core.store.snapshot import read_snapshot, write_snapshot
    from relance_tui.locations import data_dir

    with Store.open(db_path) as store:
        event = load_demo(store, data_dir(), now)
    shares = tmp_path / "parts"
    split = run(
        "split", str(event.id), "--callers", "2", "--output", str(shares), "--db", str(db_path)
    )
    assert split.returncode == 0, split.stderr
    share = sorted(shares.glob("*.json"))[0]
    tables = read_snapshot(share)
    del tables["meta"]["1"]["seal_key"]
    write_snapshot(share, tables)  # a valid file, with no seal
    before = db_path.read_bytes()
    result = run("merge", str(share), "--db", str(db_path))
    assert result.returncode == 1
    assert "ne porte pas le sceau" in result.stderr and "Traceback" not in result.stderr
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--lang", "x" * 1000, "check"], 2),
        (["report", "abc"], 2),
        (["report", "999"], 2),
        (["export", "--format", "xls"], 2),
        (["split", "1", "--callers", "0", "--output", "/tmp/x"], 2),
        (["split", "1", "--callers", "3", "--names", "A,B", "--output", "/tmp/x"], 2),
        (["import", "/nonexistent/liste.csv"], 1),
        (["merge", "/nonexistent/part.json"], 1),
        (["import", "liste.csv", "--map", "="], 2),
    ],
)
def test_bad_command_lines_say_why_and_change_nothing(
    db_path: Path, tmp_path: Path, args: list[str], code: int
) -> None:
    with Store.open(db_path) as store:
        store.save(Outlet(name="CIBL"))
    before = db_path.read_bytes()
    (tmp_path / "liste.csv").write_text("Média,Nom,Téléphone\n")
    result = subprocess.run(
        [sys.executable, "-m", "relance_tui", *args, "--db", str(db_path)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=tmp_path,
    )
    assert result.returncode == code, (result.stdout, result.stderr)
    assert (result.stderr or result.stdout).strip()
    assert "Traceback" not in result.stderr
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("flag", ["--restore", "--accept"])
def test_check_never_replaces_a_file_from_a_newer_relance(db_path: Path, flag: str) -> None:
    with Store.open(db_path) as store:
        store.save(Outlet(name="CIBL 101,5"))
        store.compact()
        store.save(Outlet(name="CJAD 800"))
        store.compact()  # a .bak exists, as after any session
    from relance_tui.core.store.snapshot import read_snapshot, write_snapshot

    tables = read_snapshot(db_path)
    tables["meta"]["1"]["schema_version"] = 99  # as a newer relance would write it
    write_snapshot(db_path, tables)
    before = db_path.read_bytes()
    result = CliRunner().invoke(main, ["check", "--db", str(db_path), flag])
    assert result.exit_code == 1
    assert "plus récente" in result.output or "99" in result.output
    assert db_path.read_bytes() == before


def test_report_and_export_read_beside_the_open_app(demo_store: Store, tmp_path: Path) -> None:
    from relance_tui.core.calls.queue import load_queue, record_outcome
    from relance_tui.core.calls.timing import system_clock
    from relance_tui.core.models import Outcome

    # The app is open (the fixture holds the lock) and its last call is in the journal only.
    event = demo_store.current_event()
    state = load_queue(demo_store, event, system_clock()).current
    record_outcome(demo_store, state, Outcome.CONFIRMED, system_clock())
    db = demo_store.path
    before = {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}
    env = {**os.environ, "RELANCE_LANG": "fr"}
    report = run("report", str(event.id), "--db", str(db), env=env)
    assert report.returncode == 0, report.stderr
    assert "Confirmés — la liste pour l'accueil (1)" in report.stdout
    exported = tmp_path / "liste.csv"
    export = run("export", "--db", str(db), "--output", str(exported), env=env)
    assert export.returncode == 0, export.stderr
    assert exported.exists()
    # Neither wrote to the data file, its journal or its lock.
    after = {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}
    assert after == before
    # A command that writes is still refused while the app is open.
    refused = run("import", str(tmp_path / "x.csv"), "--db", str(db), env=env)
    assert refused.returncode in (1, 2)


def test_report_takes_the_current_event_or_words_of_a_title(db_path: Path, now) -> None:
    from relance_tui.core.station.demo import load_demo
    from relance_tui.locations import data_dir

    with Store.open(db_path) as store:
        event = load_demo(store, data_dir(), now)
        others = [e for e in store.events(include_archived=True) if e.id != event.id]
    current = run("report", "--db", str(db_path))
    assert current.returncode == 0, current.stderr
    assert current.stdout.startswith(event.title)
    by_words = run("report", "POUR tous", "--db", str(db_path))
    ambiguous = run("report", "ruelles", "--db", str(db_path))
    assert ambiguous.returncode == 2 and f"  {event.id}  {event.title}" in ambiguous.stderr
    assert by_words.returncode == 0 and by_words.stdout.startswith(event.title)
    by_number = run("report", str(others[0].id), "--db", str(db_path))
    assert by_number.stdout.startswith(others[0].title)
    unknown = run("report", "zzz introuvable", "--db", str(db_path))
    assert unknown.returncode == 2 and "Aucun titre d'événement ne contient" in unknown.stderr


def test_check_counts_calls_as_the_bilan_does(db_path: Path, now) -> None:
    from relance_tui.core.calls.queue import load_queue, record_outcome, undo_last
    from relance_tui.core.models import Event, EventKind, Outcome, Target

    with Store.open(db_path) as store:
        from datetime import timedelta

        outlet_id = store.save(Outlet(name="CIBL", phone="514 555-0142"))
        event_id = store.save(
            Event(
                title="Point de presse",
                kind=EventKind.PRESS_CONFERENCE,
                start=now + timedelta(days=2),
            )
        )
        store.save(Target(event_id=event_id, outlet_id=outlet_id, position=1))
        event = store.get(Event, event_id)
        record_outcome(store, load_queue(store, event, now).current, Outcome.VOICEMAIL, now)
        undo_last(store, event, now)  # two records, no call
        record_outcome(store, load_queue(store, event, now).current, Outcome.CONFIRMED, now)
    checked = run("check", "--db", str(db_path))
    assert "1 appel" in checked.stdout and "3 appels" not in checked.stdout, checked.stdout


def test_import_suggests_a_known_outlet_and_accept_near_uses_it(
    db_path: Path, tmp_path: Path
) -> None:
    with Store.open(db_path) as store:
        store.save(Outlet(name="Radio Centre-Ville 102,3"))
    source = tmp_path / "liste.csv"
    source.write_text("Média,Nom,Téléphone\nRadio Centre-Ville,Léa Roy,514 555-0101\n", "utf-8")
    dry = run("import", str(source), "--db", str(db_path), "--dry-run")
    assert "ressemble à « Radio Centre-Ville 102,3 »" in dry.stdout
    assert "1 nouveau média" in dry.stdout
    done = run("import", str(source), "--db", str(db_path), "--accept-near")
    assert done.returncode == 0, done.stderr
    assert "0 nouveau média" in done.stdout and "rangé sous" in done.stdout
    with Store.open(db_path) as store:
        assert [o.name for o in store.outlets()] == ["Radio Centre-Ville 102,3"]


def test_export_ics_writes_the_event_and_its_callbacks(db_path: Path, tmp_path: Path, now) -> None:
    import icalendar

    from relance_tui.core.calls.queue import load_queue, record_outcome
    from relance_tui.core.models import Outcome
    from relance_tui.core.station.demo import load_demo
    from relance_tui.locations import data_dir

    with Store.open(db_path) as store:
        event = load_demo(store, data_dir(), now)
        state = load_queue(store, event, now).current
        record_outcome(store, state, Outcome.CALLBACK, now, callback_at=now.replace(hour=14))
    out = tmp_path / "rappels.ics"
    done = run("export", "--ics", "--db", str(db_path), "--output", str(out))
    assert done.returncode == 0, done.stderr
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert summaries == [event.title, f"Rappeler {state.name} — {state.outlet.name}"]
    again = tmp_path / "again.ics"
    run("export", "--format", "ics", "--db", str(db_path), "--output", str(again))
    uids = [str(e["uid"]) for e in icalendar.Calendar.from_ical(again.read_bytes()).walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in calendar.walk("VEVENT")]  # an update, not a copy


def test_the_app_opens_on_appels_while_the_window_is_open(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """auto: Appels on a calling day, Listes otherwise; the setting and --screen choose."""
    import dataclasses
    from datetime import datetime, timedelta

    from relance_tui.core.calls.timing import DEFAULT_TZ
    from relance_tui.core.models import Event, EventKind, Settings
    from relance_tui.ui.app import RelanceApp

    opened: list[str] = []
    monkeypatch.setattr(RelanceApp, "run", lambda self: opened.append(self._start_mode))
    today = datetime.now(DEFAULT_TZ)
    with Store.open(db_path) as store:
        event = Event(title="Lancement", kind=EventKind.EVENT, start=today + timedelta(days=2))
        store.save(event)
        store.save(Settings(id=1, current_event_id=event.id))

    def opens_on(*args: str) -> str:
        result = CliRunner().invoke(main, ["--db", str(db_path), *args])
        assert result.exit_code == 0, result.output
        return opened.pop()

    assert opens_on() == "calls"  # two days before: the ideal day to call
    assert opens_on("--screen", "report") == "report"
    with Store.open(db_path) as store:
        store.save(dataclasses.replace(store.settings(), start_screen="lists"))
    assert opens_on() == "lists"  # the setting
    assert opens_on("--screen", "auto") == "calls"  # the command line wins
    with Store.open(db_path) as store:
        store.save(dataclasses.replace(store.settings(), start_screen="auto"))
        store.save(dataclasses.replace(event, start=today + timedelta(days=9)))
    assert opens_on() == "lists"  # the window opens in six days
    with Store.open(db_path) as store:
        store.save(dataclasses.replace(event, start=today + timedelta(minutes=40)))
    assert opens_on() == "door"  # the event's own hour: Accueil
    with Store.open(db_path) as store:
        store.save(dataclasses.replace(event, start=today - timedelta(hours=2)))
    assert opens_on() == "door"  # still going on
    with Store.open(db_path) as store:
        store.save(dataclasses.replace(event, start=today - timedelta(hours=4)))
    assert opens_on() == "report"  # over: the Bilan
    result = CliRunner().invoke(main, ["--db", str(db_path), "--screen", "bogus"])
    assert result.exit_code == 2 and "bogus" in result.output  # a wrong use, in French
    assert opened == []


def test_group_options_work_after_the_subcommand() -> None:
    from relance_tui.cli_words import lang_first

    assert lang_first(["demo", "--screen", "lists", "--lang", "en"]) == [
        "--lang",
        "en",
        "--screen",
        "lists",
        "demo",
    ]
    assert lang_first(["demo", "--screen=calls", "--db", "x"]) == [
        "--screen=calls",
        "demo",
        "--db",
        "x",
    ]


def test_the_app_collects_its_garbage_while_it_runs(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The installed command reads the file without the cyclic collector
    (`launch.entry`); the app, which runs for hours, turns it back on once the file
    is read and frozen out of its walks."""
    import gc

    from relance_tui.ui import app as app_module

    seen: list[bool] = []

    class Recorded:
        def run(self) -> None:
            seen.append(gc.isenabled())

    monkeypatch.setattr(app_module, "make_app", lambda **_: Recorded())
    gc.disable()
    try:
        cli_base.run_app(db_path, "fr", screen="lists")
    finally:
        gc.unfreeze()
        gc.enable()
    assert seen == [True]


def test_the_installed_command_leaves_closed_stores_to_its_end(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`launch.entry` ends with `os._exit`: the stores a command opened are kept until
    then (freed as the command returned, their tables went object by object: 60 ms of
    an import). Closed first: the file is folded and unlocked when the command ends."""
    source = tmp_path / "medias.csv"
    source.write_text("Nom,Média,Téléphone\nAnne Roy,CIBL,514-555-0142\n", encoding="utf-8")
    monkeypatch.setattr(cli_base, "kept_until_exit", [])
    result = CliRunner().invoke(main, ["import", str(source), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    [kept] = cli_base.kept_until_exit or []
    assert isinstance(kept, Store) and not kept.is_open
    with Store.open(db_path) as again:  # unlocked, and the import is in the file
        assert [c.name for c in again.contacts()] == ["Anne Roy"]
    monkeypatch.setattr(cli_base, "kept_until_exit", None)  # as the tests run commands
    CliRunner().invoke(main, ["check", "--db", str(db_path)])
    assert cli_base.kept_until_exit is None


def test_export_to_an_address_book_and_a_vdir_folder_back(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        outlet_id = store.save(Outlet(name="CIBL 101,5"))
        store.save(
            Contact(outlet_id=outlet_id, name="Élise Côté", phone="514-555-0142", extension="221")
        )
    vcf = run("export", "--db", str(db_path), "--format", "vcf")
    assert vcf.returncode == 0, vcf.stderr
    assert (
        "FN:Élise Côté" in vcf.stdout and "TEL;TYPE=WORK,VOICE,PREF:514-555-0142 x221" in vcf.stdout
    )
    no_folder = run("export", "--db", str(db_path), "--format", "vdir")
    assert no_folder.returncode == 2 and "--output" in no_folder.stderr
    folder = tmp_path / "carnet"
    done = run("export", "--db", str(db_path), "--format", "vdir", "--output", str(folder))
    assert done.returncode == 0 and "1 contact écrit" in done.stdout
    other = tmp_path / "autre.json"
    back = run("import", str(folder), "--db", str(other))
    assert back.returncode == 0, back.stderr
    with Store.open(other) as store:
        [elise] = store.contacts()
        assert (elise.name, elise.phone, elise.extension) == ("Élise Côté", "514-555-0142", "221")
