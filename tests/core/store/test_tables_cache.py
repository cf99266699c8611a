"""The tables written at close, read at the next start instead of the JSON: only
for the very snapshot they come from, never in place of its checks."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from relance_tui.core.errors import CorruptDataFile
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.store import snapshot
from relance_tui.core.store.snapshot import parse_snapshot, read_snapshot
from relance_tui.core.store.store import Store
from relance_tui.core.store.tables_cache import BY_EVENT, cache_path, read_tables


def a_session(db_path: Path, names: list[str]) -> None:
    with Store.open(db_path) as store:
        outlet = Outlet(name="CIBL 101,5", tags=["radio", "campus"], notes="Salle\nouverte")
        store.save(outlet)
        store.save_many(Contact(outlet_id=outlet.id, name=name) for name in names)


def test_the_tables_written_at_close_are_those_of_the_json_and_private(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_session(db_path, ["Léa Roy", "Zoé Brûlé"])
    cache = cache_path(db_path)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    from_json = parse_snapshot(db_path, db_path.read_bytes())
    with monkeypatch.context() as patched:  # the next start does not parse the JSON
        patched.setattr(snapshot, "_parse", lambda *args: pytest.fail("JSON parsed"))
        assert read_snapshot(db_path, cached=True) == from_json
    with Store.open(db_path) as store:
        assert sorted(c.name for c in store.contacts()) == ["Léa Roy", "Zoé Brûlé"]
        assert store.outlets()[0].tags == ["radio", "campus"]


def test_tables_of_an_older_snapshot_or_damaged_are_not_read(db_path: Path) -> None:
    a_session(db_path, ["Léa Roy"])
    older = cache_path(db_path).read_bytes()
    a_session(db_path, ["Zoé Brûlé"])
    cache_path(db_path).write_bytes(older)  # the tables of the snapshot before
    with Store.open(db_path) as store:
        assert sorted(c.name for c in store.contacts()) == ["Léa Roy", "Zoé Brûlé"]
    damaged = bytearray(cache_path(db_path).read_bytes())
    damaged[-20] ^= 0x55
    cache_path(db_path).write_bytes(bytes(damaged))
    assert read_snapshot(db_path, cached=True) == parse_snapshot(db_path, db_path.read_bytes())


def test_a_damaged_data_file_is_refused_even_with_its_tables_beside_it(db_path: Path) -> None:
    a_session(db_path, ["Léa Roy"])
    assert cache_path(db_path).exists()
    text = db_path.read_bytes()
    db_path.write_bytes(text.replace("Léa Roy".encode(), "Léo Roy".encode()))
    with pytest.raises(CorruptDataFile):
        Store.open(db_path)


def test_a_session_that_changes_nothing_keeps_the_tables_it_read(db_path: Path) -> None:
    a_session(db_path, ["Léa Roy"])
    before = cache_path(db_path).read_bytes()
    with Store.open(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Léa Roy"]
    assert cache_path(db_path).read_bytes() == before
    assert json.loads(db_path.read_bytes())["contacts"]


def test_at_the_app_s_quit_a_child_process_writes_the_tables(db_path: Path) -> None:
    """The installed app hands the writing to a child process, so the prompt comes
    back without waiting for it (0.3 s at 20,000 contacts); the tables are the same."""
    import os

    from relance_tui.core.store.tables_cache import read_tables, write_tables_later

    a_session(db_path, ["Léa Roy"])
    cache_path(db_path).unlink()
    children: list[int | None] = []
    with Store.open(db_path) as store:
        store.write_tables = lambda *args: children.append(write_tables_later(*args))
        store.save(Contact(outlet_id=store.outlets()[0].id, name="Zoé Brûlé"))
    [child] = children
    assert child is not None
    _, status = os.waitpid(child, 0)  # the child's end, not a guess at its length
    assert os.waitstatus_to_exitcode(status) == 0
    checksum = json.loads(db_path.read_bytes())["meta"]["1"]["checksum"]
    assert read_tables(db_path, checksum) is not None
    assert read_snapshot(db_path, cached=True) == parse_snapshot(db_path, db_path.read_bytes())
    assert stat.S_IMODE(cache_path(db_path).stat().st_mode) == 0o600


def closed_as_the_installed_command(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[int | None]:
    """A session that writes, closed as `launch.entry` has it close (`write_at_close`
    asked to hand the tables to a child); what each close returned."""
    from relance_tui.core.store import tables_cache

    a_session(db_path, ["Léa Roy"])
    monkeypatch.setattr(tables_cache, "_in_a_child", False)
    tables_cache.write_in_a_child_from_now()
    children: list[int | None] = []
    with Store.open(db_path) as store:
        store.write_tables = lambda *args: children.append(tables_cache.write_at_close(*args))
        store.save(Contact(outlet_id=store.outlets()[0].id, name="Zoé Brûlé"))
    return children


def test_the_installed_command_leaves_the_tables_to_a_child_process(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`relance import`, `relance demo`... give the prompt back without waiting for
    the tables (`launch.entry` asks for it); the child writes the same tables."""
    import os

    from relance_tui.core.store import tables_cache

    children = closed_as_the_installed_command(db_path, monkeypatch)
    [child] = children
    assert child is not None and child != os.getpid()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    checksum = json.loads(db_path.read_bytes())["meta"]["1"]["checksum"]
    assert tables_cache.read_tables(db_path, checksum) is not None


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_where_fork_is_unsafe_the_quit_writes_the_tables_itself(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    """macOS (fork without exec) and Windows (no fork): no child; the same tables,
    written before the quit returns."""
    from relance_tui.core.store import tables_cache

    assert tables_cache.fork_is_safe("linux") == hasattr(__import__("os"), "fork")
    assert not tables_cache.fork_is_safe(platform)
    monkeypatch.setattr(tables_cache.sys, "platform", platform)
    monkeypatch.setattr(tables_cache.os, "fork", lambda: pytest.fail("forked"), raising=False)
    children = closed_as_the_installed_command(db_path, monkeypatch)
    assert children == [None]
    checksum = json.loads(db_path.read_bytes())["meta"]["1"]["checksum"]
    assert tables_cache.read_tables(db_path, checksum) is not None


def test_a_snapshot_whose_meta_is_long_is_read_from_its_json(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meta table is looked for in the snapshot's last bytes only; a longer one
    (a team's many callers) means the JSON is parsed, and read right."""
    a_session(db_path, ["Léa Roy"])
    expected = parse_snapshot(db_path, db_path.read_bytes())
    monkeypatch.setattr(snapshot, "TAIL", 16)  # shorter than any meta table
    parsed: list[Path] = []
    real_parse = snapshot._parse

    def parse(*args: object) -> snapshot.Tables:
        parsed.append(db_path)
        return real_parse(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot, "_parse", parse)
    assert read_snapshot(db_path, cached=True) == expected
    assert parsed == [db_path]
    monkeypatch.setattr(snapshot, "TAIL", 1 << 16)
    assert read_snapshot(db_path, cached=True) == expected
    assert parsed == [db_path]  # not parsed again: the tables file was read this time


def test_the_calls_by_event_come_with_the_tables_and_not_after_a_crash(
    db_path: Path, tmp_path: Path
) -> None:
    """The tables file carries each event's calls by id (200,000 calls: 0.2 s of the
    start to work out); the start uses it only when the snapshot is all there is. A
    journal left by a crash changes the calls: then they are read from the tables."""
    import shutil
    from datetime import datetime

    from relance_tui.core.calls.timing import DEFAULT_TZ
    from relance_tui.core.models import Attempt, Outcome
    from relance_tui.core.store.event_index import by_event
    from relance_tui.core.store.files import journal_path

    when = datetime(2026, 11, 26, 10, 0, tzinfo=DEFAULT_TZ)

    def call(event_id: int, target_id: int) -> Attempt:
        return Attempt(event_id=event_id, target_id=target_id, at=when, outcome=Outcome.VOICEMAIL)

    with Store.open(db_path) as store:
        store.save_many([call(1, 1), call(2, 5), call(1, 2)])
    tables = read_tables(db_path, json.loads(db_path.read_bytes())["meta"]["1"]["checksum"])
    assert tables is not None
    assert tables[BY_EVENT]["attempts"] == by_event(tables["attempts"]) == {1: {1, 3}, 2: {2}}
    with Store.open(db_path) as store:
        assert [a.target_id for a in store.attempts(1)] == [1, 2]
        store.prepare_journal()
        store.save(call(1, 3))
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        for path in (db_path, cache_path(db_path), journal_path(db_path)):
            shutil.copy(path, crashed / path.name)  # the folder as a kill -9 leaves it
    with Store.open(crashed / db_path.name) as store:
        assert [a.target_id for a in store.attempts(1)] == [1, 2, 3]
        assert [a.target_id for a in store.attempts(2)] == [5]


def test_the_tables_are_written_in_pieces_and_equal_values_read_back_as_one(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In pieces, read one at a time (never the whole file's bytes beside the tables
    they become); an outcome said by a thousand calls is one string in memory."""
    from datetime import datetime

    from relance_tui.core.calls.timing import DEFAULT_TZ
    from relance_tui.core.models import Attempt, Outcome
    from relance_tui.core.store import tables_cache

    monkeypatch.setattr(tables_cache, "PIECE", 2)
    when = datetime(2026, 11, 26, 10, 0, tzinfo=DEFAULT_TZ)
    with Store.open(db_path) as store:
        store.save_many(
            Attempt(event_id=1, target_id=n, at=when, outcome=Outcome.VOICEMAIL, caller="Sam")
            for n in range(5)
        )
    checksum = json.loads(db_path.read_bytes())["meta"]["1"]["checksum"]
    tables = read_tables(db_path, checksum)
    assert tables is not None
    calls = list(tables["attempts"].values())
    assert [c["target_id"] for c in calls] == [0, 1, 2, 3, 4]  # 3 pieces, all read
    assert calls[0]["outcome"] == "voicemail" and calls[0]["caller"] == "Sam"
    assert all(c["outcome"] is calls[0]["outcome"] for c in calls[:2])  # in one piece
    assert all(c["caller"] is calls[0]["caller"] and c["at"] is calls[0]["at"] for c in calls[:2])
    assert read_snapshot(db_path, cached=True) == parse_snapshot(db_path, db_path.read_bytes())
    whole = cache_path(db_path).read_bytes()
    cache_path(db_path).write_bytes(whole[: len(whole) - 9])  # the last piece cut short
    assert read_tables(db_path, checksum) is None
    cache_path(db_path).write_bytes(whole + whole[-40:])  # a piece too many
    assert read_tables(db_path, checksum) is None


def test_sharing_equal_values_keeps_each_value_s_type() -> None:
    """`1`, `True` and `1.0` are equal in Python: none may stand for another."""
    from relance_tui.core.store.tables_cache import share_equal_values

    tables = {"t": {"1": {"a": 1, "b": True, "c": 1.0, "d": "x"}, "2": {"a": True, "d": "x"}}}
    share_equal_values(tables)
    first, second = tables["t"]["1"], tables["t"]["2"]
    assert [type(first[k]) for k in "abcd"] == [int, bool, float, str]
    assert type(second["a"]) is bool


def test_a_session_that_only_looked_writes_the_tables_when_they_are_missing(
    db_path: Path,
) -> None:
    a_session(db_path, ["Léa Roy"])
    cache_path(db_path).unlink()  # a copy of the file, a crash, a first open: none
    with Store.open(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Léa Roy"]  # nothing written
    assert cache_path(db_path).exists()
    written = cache_path(db_path).stat().st_mtime_ns
    with Store.open(db_path):  # read from them: nothing to write again
        pass
    assert cache_path(db_path).stat().st_mtime_ns == written
