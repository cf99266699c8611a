"""What lies beside the data file (its tables, its lock) or replaces it can never change
what relance holds without saying so (issue 41: each test is a repro that failed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from relance_tui.cli import main
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.store import keys
from relance_tui.core.store.reading import load_tables, read_now
from relance_tui.core.store.snapshot import sealed_meta
from relance_tui.core.store.store import Store
from relance_tui.core.store.tables_cache import cache_path, read_tables, write_tables


def a_session(db_path: Path, names: list[str]) -> None:
    with Store.open(db_path) as store:
        outlet = Outlet(name="CIBL 101,5")
        store.save(outlet)
        store.save_many(Contact(outlet_id=outlet.id, name=n, email="vrai@cibl.ca") for n in names)


def plant_forged_tables(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What anyone who can write the folder can do: the snapshot's checksum is public
    (its own meta), so tables 'for' it can be written with any content, under any key
    but this user's."""
    sealed = sealed_meta(db_path)
    assert sealed is not None
    checksum, meta = sealed
    tables = load_tables(db_path)
    for doc in tables["contacts"].values():
        doc["email"] = "piege@exemple.com"
    with monkeypatch.context() as other_user:
        other_user.setenv("RELANCE_KEYS", str(tmp_path / "someone-else-s-keys"))
        write_tables(db_path, tables, checksum)
        assert read_tables(db_path, checksum) is not None  # it holds for its writer
    assert read_tables(db_path, checksum) is None  # not for this user


def test_a_planted_tables_file_is_never_read_in_place_of_the_json(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_session(db_path, ["Léa Roy", "Zoé Brûlé"])
    plant_forged_tables(db_path, tmp_path, monkeypatch)
    with Store.open(db_path) as store:
        assert {c.email for c in store.contacts()} == {"vrai@cibl.ca"}
    assert {d["email"] for d in read_now(db_path)["contacts"].values()} == {"vrai@cibl.ca"}
    result = CliRunner().invoke(main, ["export", "--db", str(db_path), "--format", "csv"])
    assert "piege@exemple.com" not in result.output


def test_check_names_an_untrusted_tables_file_as_one_to_delete_never_to_accept(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_session(db_path, ["Léa Roy"])
    result = CliRunner().invoke(main, ["check", "--db", str(db_path)])
    assert result.exit_code == 0 and "tables" not in result.output  # its own: nothing said
    plant_forged_tables(db_path, tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["check", "--db", str(db_path)])
    assert result.exit_code == 0
    assert str(cache_path(db_path)) in result.output
    assert "Supprimez-le" in result.output and "--accept" not in result.output
    assert "fichier valide" in result.output


def test_the_tables_are_authenticated_with_a_key_outside_the_data_folder(
    db_path: Path, tmp_path: Path
) -> None:
    a_session(db_path, ["Léa Roy"])
    key_file = tmp_path / "keys" / "tables.key"
    assert key_file.is_file() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert oct(key_file.parent.stat().st_mode & 0o777) == "0o700"
    assert not list(db_path.parent.glob("*.key"))
    key_file.write_bytes(os.urandom(keys.KEY_BYTES))  # another key: the old tables fail
    keys._known.clear()  # noqa: SLF001 - a new process would read the file again
    with Store.open(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Léa Roy"]


def test_a_merge_never_reads_tables_beside_the_file_it_merges(
    db_path: Path, tmp_path: Path
) -> None:
    """Even tables this user wrote: the input of a merge is the sealed JSON alone."""
    a_session(db_path, ["Léa Roy"])
    sealed = sealed_meta(db_path)
    assert sealed is not None
    tables = load_tables(db_path)
    tables["contacts"]["1"]["name"] = "Autre"
    write_tables(db_path, tables, sealed[0])
    assert load_tables(db_path)["contacts"]["1"]["name"] == "Léa Roy"
