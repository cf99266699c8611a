"""What the commands print can reach a terminal: nothing in it is a terminal command
(issue 41, item 6), and what they say about the files beside the data file is true."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from relance_tui.cli import main
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.store.store import Store

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # every C0/C1 but \t \n


def test_escapes_in_an_imported_vcard_never_reach_the_store_or_the_terminal(
    db_path: Path, tmp_path: Path
) -> None:
    card = tmp_path / "carte.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Zoé\x1b]0;pwn\x07 Brûlé\nORG:CHOQ\x9b31m\n"
        "TEL:514-555-0102\nNOTE:x\x1b[2Jy\nEND:VCARD\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import", str(card), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    with Store.open(db_path) as store:
        [contact] = store.contacts()
        assert contact.name == "Zoé]0;pwn Brûlé" and contact.notes == "x[2Jy"
        assert [o.name for o in store.outlets()] == ["CHOQ31m"]


def test_exports_and_reports_write_no_control_character_from_older_data(
    db_path: Path,
) -> None:
    with Store.open(db_path) as store:  # written before imports cleaned names
        outlet = Outlet(name="CIBL\x1b[2J")
        store.save(outlet)
        store.save(Contact(outlet_id=outlet.id, name="Léa\x07\x9b Roy", notes="a\rb"))
    for fmt in ("csv", "json", "md"):
        result = CliRunner().invoke(main, ["export", "--db", str(db_path), "--format", fmt])
        assert result.exit_code == 0
        text = result.stdout_bytes.decode("utf-8").replace("\r\n", "\n")
        assert "Léa Roy" in text and not CONTROL.search(text), fmt
    result = CliRunner().invoke(main, ["export", "--db", str(db_path), "--format", "csv"])
    assert "ab" in result.output  # a carriage return in a note never rewrites the line


def test_every_message_writes_control_characters_out(db_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "relance\x1b[31m.json"  # a path is printed as it was typed
    result = CliRunner().invoke(main, ["check", "--db", str(missing)])
    assert not CONTROL.search(result.output) and "\\x1b[31m" in result.output


def test_check_says_when_the_backup_that_would_rebuild_the_file_is_damaged(
    db_path: Path,
) -> None:
    from relance_tui.core.store.files import backup_path

    for name in ("Léa Roy", "Zoé Brûlé"):  # two sessions: a backup is kept
        with Store.open(db_path) as store:
            store.save(Contact(outlet_id=1, name=name))
    backup = backup_path(db_path)
    assert backup.exists()
    result = CliRunner().invoke(main, ["check", "--db", str(db_path)])
    assert str(backup) not in result.output
    backup.write_bytes(backup.read_bytes()[:-40])
    result = CliRunner().invoke(main, ["check", "--db", str(db_path)])
    assert result.exit_code == 0 and "fichier valide" in result.output
    assert str(backup) in result.output and "abîmé" in result.output


def test_export_of_a_damaged_file_names_the_backup_check_would_use(db_path: Path) -> None:
    for name in ("Léa Roy", "Zoé Brûlé"):
        with Store.open(db_path) as store:
            store.save(Contact(outlet_id=1, name=name))
    db_path.write_bytes(db_path.read_bytes().replace("Zoé".encode(), b"Zoe"))
    result = CliRunner().invoke(main, ["export", "--db", str(db_path), "--format", "csv"])
    assert result.exit_code != 0
    assert "Aucune sauvegarde" not in result.output and "check --restore" in result.output


def test_check_says_when_the_journal_s_last_line_stops_short(db_path: Path) -> None:
    from relance_tui.core.store.files import journal_path

    with Store.open(db_path) as store:
        store.save(Contact(outlet_id=1, name="Léa Roy"))
    journal_path(db_path).write_bytes(b'1234abcd {"g":1,"s":1,"ops":[["put","cont')
    result = CliRunner().invoke(main, ["check", "--db", str(db_path)])
    assert result.exit_code == 0 and "s'arrête en plein milieu" in result.output
