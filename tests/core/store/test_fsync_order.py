"""Every write the store says is durable was fsync'd, in the order that makes it so.

kill -9 cannot show a missing fsync (the page cache survives the process), so the
durable operations are recorded as they happen and the order is checked: a journal
line is written then fsync'd before `save` returns; a snapshot or backup is fsync'd
before it is renamed into place, and the folder after; the journal set aside at a
compaction is renamed then the folder fsync'd. Removing any of these fsyncs fails
this test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relance_tui.core.models import Outlet
from relance_tui.core.store.store import Store

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def name_of(self, fd: int) -> str:
        try:
            return os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            return f"fd{fd}"


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    real_fsync, real_write, real_replace = os.fsync, os.write, os.replace

    def fsync(fd: int) -> None:
        recorder.events.append(("fsync", recorder.name_of(fd)))
        real_fsync(fd)

    def write(fd: int, data: bytes) -> int:
        recorder.events.append(("write", recorder.name_of(fd)))
        return real_write(fd, data)

    def replace(src: object, dst: object) -> None:
        recorder.events.append(
            ("replace", f"{os.path.basename(str(src))}>{os.path.basename(str(dst))}")
        )
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "replace", replace)
    return recorder


def test_a_saved_record_is_fsyncd_in_the_journal_before_save_returns(
    tmp_path: Path, recorded: Recorder
) -> None:
    with Store.open(tmp_path / "relance.json") as store:
        store.prepare_journal()  # created ahead by a thread at open: its own fsyncs
        for name in ("CIBL 101,5", "CJAD 800"):
            recorded.events.clear()
            store.save(Outlet(name=name))
            journal = [e for e in recorded.events if e[1] == "relance.json.journal"]
            assert journal == [("write", "relance.json.journal"), ("fsync", "relance.json.journal")]


def test_compaction_fsyncs_each_file_before_its_rename_and_the_folder_after(
    tmp_path: Path, recorded: Recorder
) -> None:
    folder = tmp_path.name
    with Store.open(tmp_path / "relance.json") as store:
        store.save(Outlet(name="CIBL 101,5"))
        recorded.events.clear()
        store.compact()
    # (The close then writes the tables for the next start: a cache, never fsync'd.)
    events = [e for e in recorded.events if ".tables" not in e[1]]
    renames = [i for i, e in enumerate(events) if e[0] == "replace"]
    assert len(renames) == 3  # the backup, the snapshot, the journal set aside
    for n, i in enumerate(renames):
        source, target = events[i][1].split(">")
        if source.endswith(".tmp"):  # a new file: its bytes on disk before it counts
            assert ("fsync", source) in events[:i], (source, events)
        # ...and the rename itself made durable by an fsync of the folder, before the
        # next step relies on it
        until = renames[n + 1] if n + 1 < len(renames) else len(events)
        assert ("fsync", folder) in events[i + 1 : until], (target, events)
    journal_set_aside = next(i for i in renames if events[i][1].endswith(".journal.prev"))
    snapshot = next(i for i in renames if events[i][1].endswith(">relance.json"))
    assert snapshot < journal_set_aside  # the snapshot holds the lines before they go
