"""What lies beside the data file (its tables, its lock) or replaces it can never change
what relance holds without saying so (issue 41: each test is a repro that failed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from relance_tui.cli import main
from relance_tui.core.errors import HardLinked, StoreLocked, StoreReplaced, StoreTakenOver
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.store import keys
from relance_tui.core.store.files import backup_path, journal_path, lock_path
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


def a_call(store: Store, n: int) -> int:
    return store.save(Contact(outlet_id=1, name=f"Appel {n}"))


def test_a_deleted_lock_never_admits_a_second_writer_that_loses_acknowledged_calls(
    db_path: Path,
) -> None:
    a_session(db_path, ["Léa Roy"])
    first = Store.open(db_path)
    acknowledged = [a_call(first, 1)]
    lock_path(db_path).unlink()  # "delete the stale lock"
    second = Store.open(db_path)  # a second relance: it takes a new lock
    for n in range(2, 7):
        with pytest.raises(StoreTakenOver) as refused:
            a_call(first, n)
        assert "autre session de relance" in str(refused.value)
    a_call(second, 7)
    first.close()
    second.close()
    names = {c["name"] for c in load_tables(db_path)["contacts"].values()}
    assert names == {"Léa Roy", "Appel 1", "Appel 7"}  # every acknowledged call, no more
    assert acknowledged


def test_a_lock_deleted_while_nobody_else_opened_is_taken_again(db_path: Path) -> None:
    a_session(db_path, ["Léa Roy"])
    with Store.open(db_path) as store:
        lock_path(db_path).unlink()
        a_call(store, 1)  # nobody took it: this window holds the file again
        with pytest.raises(StoreLocked):
            Store.open(db_path)
        a_call(store, 2)
    names = {c["name"] for c in load_tables(db_path)["contacts"].values()}
    assert names == {"Léa Roy", "Appel 1", "Appel 2"}


def test_a_data_file_replaced_under_the_app_is_never_written_over(
    db_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other" / "relance.json"
    a_session(other, ["Depuis l'autre portable"])
    a_session(db_path, ["Léa Roy"])
    store = Store.open(db_path)
    a_call(store, 1)
    os.replace(other, db_path)  # a restore, a sync from another laptop
    replacement = db_path.read_bytes()
    with pytest.raises(StoreReplaced) as refused:
        a_call(store, 2)
    copy = Path(refused.value.copy)
    assert copy.parent == db_path.parent and copy.name.startswith("relance.session-")
    assert str(copy) in str(refused.value)
    store.close()
    assert db_path.read_bytes() == replacement  # untouched, even at close
    kept = {c["name"] for c in load_tables(copy)["contacts"].values()}
    assert kept == {"Léa Roy", "Appel 1"}  # this session's work, whole
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    with Store.open(db_path) as reopened:  # its journal went with the copy: not replayed
        assert [c.name for c in reopened.contacts()] == ["Depuis l'autre portable"]


def test_a_hard_link_to_the_data_file_is_refused(db_path: Path, tmp_path: Path) -> None:
    a_session(db_path, ["Léa Roy"])
    os.link(db_path, tmp_path / "second-name.json")
    with pytest.raises(HardLinked) as refused:
        Store.open(db_path)
    assert "lien physique" in str(refused.value)
    (tmp_path / "second-name.json").unlink()
    backup_path(db_path).unlink(missing_ok=True)
    os.link(db_path, backup_path(db_path))
    # A fold killed between its renames leaves .bak as the file's second name: mended.
    with Store.open(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Léa Roy"]
    assert db_path.stat().st_nlink == 1


def test_a_journal_deleted_under_the_app_loses_no_acknowledged_call(db_path: Path) -> None:
    a_session(db_path, ["Léa Roy"])
    store = Store.open(db_path)
    a_call(store, 1)
    a_call(store, 2)
    journal_path(db_path).unlink()  # a cleaning script, a sync carrying a deletion
    a_call(store, 3)
    # Killed now (no close): the files on disk hold every call that returned.
    names = {c["name"] for c in load_tables(db_path)["contacts"].values()}
    assert names == {"Léa Roy", "Appel 1", "Appel 2", "Appel 3"}
    store.close()
