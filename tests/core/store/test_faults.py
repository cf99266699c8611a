"""Faults (PRODUCT §12): a garbled file, a full disk, a read-only place, stuck helpers."""

from __future__ import annotations

import errno
import random
from pathlib import Path

import pytest

from relance_tui.core.calls.queue import load_queue, record_outcome
from relance_tui.core.errors import CorruptDataFile, StoreError
from relance_tui.core.models import Outcome
from relance_tui.core.station.demo import load_demo
from relance_tui.core.store.recovery import restore_from_backup
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir


def state_of(path: Path) -> tuple:
    with Store.open(path) as store:
        return (
            sorted((o.name, o.warmth) for o in store.outlets()),
            sorted((c.name, c.phone, c.do_not_call) for c in store.contacts()),
            sorted((a.uid, a.outcome.value) for a in store.attempts()),
        )


def test_garbled_at_100_random_offsets_every_start_refuses_and_restore_loses_nothing(
    tmp_path: Path, now
) -> None:
    path = tmp_path / "relance.json"
    with Store.open(path) as store:
        event = load_demo(store, data_dir(), now)
    with Store.open(path) as store:  # a second session: calls on record
        for outcome in (Outcome.CONFIRMED, Outcome.VOICEMAIL, Outcome.DO_NOT_CALL):
            record_outcome(store, load_queue(store, event, now).current, outcome, now)
    good = path.read_bytes()
    expected = state_of(path)
    # The meta's layout says where each table's slice lies: a hint the reader checks
    # against the body, never a source (core/store/sliced.py). A damage there alone
    # may go unseen, and then what is read is the file's own data, whole.
    start = good.index(b'"layout":')
    hint = range(start, good.index(b"]]]", start) + 3)
    rng = random.Random(1126)
    detected = hinted = 0
    for _ in range(100):
        damaged = bytearray(good)
        offset = rng.randrange(len(damaged))
        damaged[offset] = (damaged[offset] + rng.randrange(1, 256)) % 256
        path.write_bytes(bytes(damaged))
        try:
            Store.open(path).close()
        except CorruptDataFile as refused:
            detected += 1
            assert path.read_bytes() == bytes(damaged)  # never overwritten
            assert "relance check --restore" in str(refused)
        else:
            assert offset in hint, offset
            assert state_of(path) == expected
            hinted += 1
    assert detected + hinted == 100 and detected >= 95
    restore_from_backup(path)
    assert state_of(path) == expected


def test_a_full_disk_during_an_outcome_keeps_the_data_and_the_store_works_after(
    demo_store: Store, now, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from relance_tui.core.store import journal as storage

    event = demo_store.current_event()
    first = load_queue(demo_store, event, now).current

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage.os, "write", full)
    with pytest.raises(StoreError) as refused:
        record_outcome(demo_store, first, Outcome.DO_NOT_CALL, now)
    assert "le disque est plein" in str(refused.value)
    assert ".journal" not in str(refused.value)  # the data file, what the user knows
    assert demo_store.attempts(event.id) == []
    assert not demo_store.get(type(first.contact), first.contact.id).do_not_call
    monkeypatch.undo()
    record_outcome(demo_store, load_queue(demo_store, event, now).current, Outcome.CONFIRMED, now)
    assert [a.outcome for a in demo_store.attempts(event.id)] == [Outcome.CONFIRMED]


def test_a_place_we_cannot_write_gives_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import filelock

    def denied(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x.lock"))

    monkeypatch.setattr(filelock.FileLock, "acquire", denied)
    with pytest.raises(StoreError) as refused:
        Store.open(tmp_path / "relance.json")
    assert "permission refusée" in str(refused.value)
    assert str(tmp_path / "relance.json") in str(refused.value)


def test_closing_on_a_full_disk_keeps_every_write_in_the_journal(
    demo_store: Store, now, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quitting the app with a disk full: no error at the end, nothing lost; the fold
    happens at the next open (and, if the disk is still full, the app opens anyway)."""
    from relance_tui.core.store import folding

    event = demo_store.current_event()
    record_outcome(demo_store, load_queue(demo_store, event, now).current, Outcome.CONFIRMED, now)

    def full(path, tables, **options) -> None:  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(folding, "write_snapshot", full)
    demo_store.close()  # does not raise
    assert demo_store.path.with_name(demo_store.path.name + ".journal").stat().st_size > 0
    with Store.open(demo_store.path) as reopened:  # the disk still full: opens all the same
        assert [a.outcome for a in reopened.attempts(event.id)] == [Outcome.CONFIRMED]
        first = load_queue(reopened, event, now).current
        record_outcome(reopened, first, Outcome.VOICEMAIL, now)  # after the last line
    monkeypatch.undo()
    with Store.open(demo_store.path) as reopened:
        outcomes = sorted(a.outcome.value for a in reopened.attempts(event.id))
        assert outcomes == ["confirmed", "voicemail"]
