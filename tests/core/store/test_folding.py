"""The journal folds into a new snapshot off the key path (issue: no key above 100 ms).

A thread writes the snapshot; these tests hold it at its first byte (an Event, not
a clock) and look at what a caller and the files see meanwhile.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import Attempt, Outcome, Outlet
from relance_tui.core.store import folding
from relance_tui.core.store.files import backup_path, folding_journal_path, journal_path
from relance_tui.core.store.reading import load_tables, read_now
from relance_tui.core.store.recovery import restore
from relance_tui.core.store.store import Store

AT = datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ)


def call(n: int) -> Attempt:
    return Attempt(event_id=1, target_id=n, at=AT, outcome=Outcome.VOICEMAIL, note=f"appel {n}")


class HeldWriter:
    """Stands in for the snapshot writer of the fold: records the thread it runs on
    and waits until released (or fails, when told to)."""

    def __init__(self, real) -> None:  # type: ignore[no-untyped-def]
        self.real = real
        self.started = threading.Event()
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self.fail = False

    def __call__(self, path: Path, tables, custody=None) -> None:  # type: ignore[no-untyped-def]
        self.threads.append(threading.current_thread())
        self.started.set()
        assert self.release.wait(30), "the test never released the fold"
        if self.fail:
            raise OSError(28, "No space left on device")
        self.real(path, tables, custody)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldWriter]:
    writer = HeldWriter(folding.replace_snapshot)
    monkeypatch.setattr(folding, "replace_snapshot", writer)
    yield writer
    writer.release.set()


def as_a_kill_leaves_them(db_path: Path, folder: Path) -> Path:
    """A copy of the data file's files as a kill -9 would leave them now (snapshot,
    set-aside journal, journal, backups); the folder."""
    folder.mkdir()
    for path in db_path.parent.glob(db_path.name + "*"):
        if path.is_file() and not path.name.endswith(".lock"):
            shutil.copyfile(path, folder / path.name)
    return folder


def uids(tables) -> set[str]:  # type: ignore[no-untyped-def]
    return {doc["uid"] for doc in tables["attempts"].values()}


def test_the_2000th_write_does_not_fold_on_the_key_path(db_path: Path, held: HeldWriter) -> None:
    store = Store.open(db_path)
    saved = [call(n) for n in range(2000)]
    for attempt in saved[:1999]:
        store.save(attempt)
    assert not held.started.is_set()
    store.save(saved[1999])  # the 2,000th: returns while the snapshot is not written
    assert held.started.wait(30)
    assert held.threads[0] is not threading.main_thread()
    assert folding_journal_path(db_path).exists()  # the journal set aside...
    later = [call(n) for n in range(2000, 2050)]
    for attempt in later:  # ...and the writes go on in a new one, never waiting
        store.save(attempt)
    assert not held.release.is_set()
    # Meanwhile, a reader beside the app sees every call, and so would a restart.
    assert uids(read_now(db_path)) == {a.uid for a in saved + later}
    assert uids(load_tables(db_path)) == {a.uid for a in saved + later}
    held.release.set()
    store.close()
    assert not folding_journal_path(db_path).exists()
    with Store.open(db_path) as again:
        assert {a.uid for a in again.attempts()} == {a.uid for a in saved + later}


def test_a_crash_during_the_fold_loses_nothing(db_path: Path, tmp_path: Path, held) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(db_path)
    store.compact_every = 20
    saved = [call(n) for n in range(35)]
    for attempt in saved:
        store.save(attempt)
    assert held.started.wait(30)
    crashed = as_a_kill_leaves_them(db_path, tmp_path / "crashed")
    held.release.set()
    store.close()
    with Store.open(crashed / "relance.json") as reopened:
        assert {a.uid for a in reopened.attempts()} == {a.uid for a in saved}
        reopened.save(call(99))  # and it goes on
    assert not folding_journal_path(crashed / "relance.json").exists()
    with Store.open(crashed / "relance.json") as again:
        assert len(again.attempts()) == 36


def test_a_crash_after_the_new_snapshot_before_its_journal_was_set_aside(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The set-aside journal's lines are then older than the snapshot: skipped, once."""
    real_replace = folding.os.replace

    def dies_at_the_rename(source, target):  # type: ignore[no-untyped-def]
        if str(source).endswith(".journal.fold") and str(target).endswith(".prev"):
            raise OSError(5, "Input/output error")  # as if killed just before
        return real_replace(source, target)

    monkeypatch.setattr(folding.os, "replace", dies_at_the_rename)
    store = Store.open(db_path)
    store.compact_every = 20
    saved = [call(n) for n in range(30)]
    for attempt in saved:
        store.save(attempt)
    assert store._fold is not None
    store._fold.wait()
    crashed = as_a_kill_leaves_them(db_path, tmp_path / "crashed")
    monkeypatch.setattr(folding.os, "replace", real_replace)
    store.close()
    for folder in (crashed, db_path.parent):
        with Store.open(folder / "relance.json") as reopened:
            found = [a.uid for a in reopened.attempts()]
        assert sorted(found) == sorted(a.uid for a in saved)  # none missing, none twice


def test_a_fold_that_fails_keeps_every_write_and_the_close_folds_from_memory(
    db_path: Path, held: HeldWriter
) -> None:
    store = Store.open(db_path)
    store.compact_every = 20
    saved = [call(n) for n in range(25)]
    for attempt in saved:
        store.save(attempt)
    assert held.started.wait(30)
    held.fail = True  # a full disk
    held.release.set()
    assert store._fold is not None
    store._fold.wait()
    more = [call(n) for n in range(25, 70)]  # past the next threshold: no new fold
    for attempt in more:
        store.save(attempt)
    assert len(held.threads) == 1
    assert uids(read_now(db_path)) == {a.uid for a in saved + more}
    held.fail = False
    store.close()
    assert not folding_journal_path(db_path).exists()
    assert not journal_path(db_path).exists()
    with Store.open(db_path) as again:
        assert {a.uid for a in again.attempts()} == {a.uid for a in saved + more}


def test_restore_during_a_fold_rebuilds_from_the_set_aside_journal_too(
    db_path: Path, tmp_path: Path, held: HeldWriter
) -> None:
    with Store.open(db_path) as first:
        first.save(call(0))  # a first compaction: there is a backup
    store = Store.open(db_path)
    store.compact_every = 20
    saved = [call(n) for n in range(1, 30)]
    for attempt in saved:
        store.save(attempt)
    assert held.started.wait(30)
    crashed = as_a_kill_leaves_them(db_path, tmp_path / "crashed")
    held.release.set()
    store.close()
    damaged = crashed / "relance.json"
    damaged.write_bytes(damaged.read_bytes().replace(b"appel", b"appeL", 1))
    _, _, left_out = restore(damaged)
    assert left_out == []
    with Store.open(damaged) as rebuilt:
        assert len(rebuilt.attempts()) == 30


@pytest.mark.parametrize("links", [True, False])
def test_the_backup_is_the_snapshot_before_and_a_file_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    """The previous snapshot becomes `.bak` by a hard link (no copy of the whole file at
    every fold), or by a copy where links are refused; either way, once the fold is
    done the data file and its backup are two files."""

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "not allowed here")

    if links:  # no copy of the whole file is written
        monkeypatch.setattr(folding, "copy_atomically", refused)
    else:
        monkeypatch.setattr(folding.os, "link", refused)
    path = tmp_path / "relance.json"
    with Store.open(path) as store:
        store.save(Outlet(name="CIBL 101,5"))
        store.compact()
        before = path.read_bytes()
        store.save(Outlet(name="CISM 89,3"))
        store.compact()
        backup = backup_path(path)
        assert backup.read_bytes() == before
        assert os.stat(backup).st_ino != os.stat(path).st_ino
        assert os.stat(backup).st_nlink == 1 and os.stat(path).st_nlink == 1
        assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    assert not list(tmp_path.glob(".*tmp"))


def test_a_snapshot_is_handed_to_the_disk_a_few_megabytes_at_a_time(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fold's 40 MB synced at once held the disk while a key's call waited to be made
    durable: the snapshot is synced as it is written, and is the same file."""
    from relance_tui.core.store import snapshot

    with Store.open(db_path) as store:
        store.save_many(call(n) for n in range(300))
    whole = db_path.read_bytes()
    synced: list[int] = []
    monkeypatch.setattr(snapshot, "SYNC_STEP", 4096)
    monkeypatch.setattr(snapshot, "SLICE", 20)  # documents encoded at a time
    monkeypatch.setattr(snapshot, "_sync", lambda fd: synced.append(os.fstat(fd).st_size))
    tables = load_tables(db_path)
    snapshot.write_snapshot(db_path, tables)
    assert len(synced) >= len(whole) // 8192 and synced == sorted(synced)
    assert load_tables(db_path) == tables


def test_the_next_call_id_is_counted_ahead_and_only_used_while_exact(db_path: Path) -> None:
    """The next id of 200,000 calls took 0.1 s of a session's first key: a thread counts
    it once the app is up; a write that came since makes it stale, and then the id is
    counted again (never one already taken)."""
    with Store.open(db_path) as store:
        store.save_many(call(n) for n in range(30))
    with Store.open(db_path) as store:
        store.count_ids_ahead()  # what the app's thread does once its first screen is up
        assert store._ids_ahead["attempts"] == (0, 31)
        assert store.save(call(99)) == 31
    with Store.open(db_path) as store:
        store.count_ids_ahead()
        store._ids_ahead["attempts"] = (store.changes, 5)  # as if counted before a write
        store.save(Outlet(name="CIBL"))  # a write since: the count is stale
        assert store.save(call(100)) == 32


def test_keys_that_change_documents_while_the_fold_writes_them_lose_nothing(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fold writes the tables as they are, not a copy: between two of its slices
    a key renames an outlet, removes another and adds calls. The files rebuild the
    last state whether the app is killed then or closes: the journal after the fold
    puts those documents again over whatever the snapshot caught of them."""
    from relance_tui.core.store import snapshot

    monkeypatch.setattr(snapshot, "SLICE", 4)  # documents encoded at a time
    sliced = threading.Event()
    go_on = threading.Event()
    real_encode = snapshot._encode_slice

    def waits_after_its_first_slice(piece):  # type: ignore[no-untyped-def]
        if threading.current_thread() is not threading.main_thread() and not sliced.is_set():
            sliced.set()
            assert go_on.wait(30), "the test never let the fold go on"
        return real_encode(piece)

    monkeypatch.setattr(snapshot, "_encode_slice", waits_after_its_first_slice)
    store = Store.open(db_path)
    store.compact_every = 20
    outlets = [Outlet(name=f"Média {n}") for n in range(12)]
    store.save_many(outlets)
    for n in range(19):
        store.save(call(n))  # the 20th write: the fold begins
    assert sliced.wait(30)
    renamed = [o.id for o in outlets[::3]]
    for outlet in outlets[::3]:
        store.save(Outlet(id=outlet.id, name=f"{outlet.name} (nouveau nom)"))
    gone = [o.id for o in outlets[1::3]]
    store.delete_many((Outlet, doc_id) for doc_id in gone if doc_id is not None)
    later = [call(n) for n in range(19, 40)]
    for attempt in later:
        store.save(attempt)
    go_on.set()
    assert store._fold is not None
    store._fold.wait()
    assert store._fold.error is None
    assert not folding_journal_path(db_path).exists()  # the fold went through
    expected = {o.id: o.name for o in store.outlets()}
    assert len(expected) == 8 and not set(gone) & set(expected)
    assert all(expected[i].endswith("(nouveau nom)") for i in renamed)
    crashed = as_a_kill_leaves_them(db_path, tmp_path / "crashed")
    store.close()
    for folder in (crashed, db_path.parent):
        with Store.open(folder / "relance.json") as reopened:
            assert {o.id: o.name for o in reopened.outlets()} == expected
            assert len(reopened.attempts()) == 40
