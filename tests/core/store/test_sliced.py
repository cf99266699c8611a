"""A snapshot read a slice at a time (`sliced`): the same tables as the whole parse,
whatever its layout claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relance_tui.core.errors import CorruptDataFile
from relance_tui.core.store import snapshot
from relance_tui.core.store.event_index import EVENT_TABLES, by_event
from relance_tui.core.store.snapshot import read_snapshot, write_snapshot


def _tables(calls: int = 5000) -> dict:
    return {
        "contacts": {
            str(n): {"name": f"Élise Côté {n}", "notes": "rappeler — après 11 h, « œuvre »"}
            for n in range(1, 301)
        },
        "attempts": {
            str(n): {"target_id": n % 40, "outcome": "voicemail", "caller": "Sam", "at": f"t{n}"}
            for n in range(1, calls + 1)
        },
        "takes": {},
        "meta": {"1": {"schema_version": 3, "generation": 2}},
    }


def _whole(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"].pop("layout")
    return data


def _layout(path: Path) -> list:
    return json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]["layout"]


def _with_layout(path: Path, layout: list) -> None:
    """The file with another layout in its meta (the checksum does not cover it)."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    old = json.dumps(data["meta"]["1"]["layout"], separators=(",", ":"))
    assert text.count(old) == 1
    path.write_text(text.replace(old, json.dumps(layout, separators=(",", ":"))), "utf-8")


def test_slices_read_the_tables_the_whole_parse_reads(tmp_path: Path) -> None:
    path = tmp_path / "relance.json"
    write_snapshot(path, _tables())
    spans = dict(_layout(path))
    assert len(spans["attempts"]) // 2 == 3  # 5,000 calls in slices of 2,000
    assert spans["takes"] == []
    read = snapshot._read_laid_out(path, {})
    assert read is not None  # read by slices, not by the fallback
    assert read == _whole(path)
    assert "layout" not in read["meta"]["1"]
    assert read_snapshot(path) == read


def test_a_layout_is_never_written_again_as_data(tmp_path: Path) -> None:
    path = tmp_path / "relance.json"
    write_snapshot(path, _tables())
    tables = read_snapshot(path)
    del tables["attempts"]["1"]
    write_snapshot(path, tables)
    meta = json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]
    assert [name for name, _ in meta["layout"]] == ["contacts", "attempts", "takes"]
    assert snapshot._read_laid_out(path, {}) == _whole(path)
    assert "1" not in read_snapshot(path)["attempts"]


@pytest.mark.parametrize(
    "change",
    [
        "shifted",  # a slice that starts inside a document
        "dropped",  # a slice left out: the file still has its bytes
        "renamed",  # a table said to be another
        "merged",  # two slices said to be one: they still parse, joined by their comma
        "garbage",
    ],
)
def test_a_layout_that_lies_changes_nothing(tmp_path: Path, change: str) -> None:
    path = tmp_path / "relance.json"
    write_snapshot(path, _tables())
    truth = _whole(path)
    layout = _layout(path)
    spans = layout[1][1]
    if change == "shifted":
        spans[2] += 7
        spans[1] += 7
    elif change == "dropped":
        del spans[2:4]
    elif change == "renamed":
        layout[1][0] = "targets"
    elif change == "merged":
        del spans[1:3]
    else:
        layout = [["attempts", ["x"]], 5]  # type: ignore[list-item]
    _with_layout(path, layout)
    sliced = snapshot._read_laid_out(path, {})
    assert sliced is None or sliced == truth
    if change != "merged":
        assert sliced is None
    assert read_snapshot(path) == truth


def test_a_damaged_byte_is_still_seen_through_the_slices(tmp_path: Path) -> None:
    path = tmp_path / "relance.json"
    write_snapshot(path, _tables())
    data = bytearray(path.read_bytes())
    at = data.index(b"Sam")
    data[at] = ord("T")  # still JSON, still the same length: only the checksum sees it
    path.write_bytes(bytes(data))
    assert snapshot._read_laid_out(path, {}) is None
    with pytest.raises(CorruptDataFile) as raised:
        read_snapshot(path)
    assert raised.value.detail_key == "store.detail.checksum"


def test_a_file_without_layout_is_read_whole(tmp_path: Path) -> None:
    """Written by the release before, by TinyDB or by hand: the same tables."""
    path = tmp_path / "relance.json"
    tables = _tables(50)
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    assert snapshot._read_laid_out(path, {}) is None
    assert read_snapshot(path) == tables


def test_the_ids_by_event_come_with_the_slices(tmp_path: Path) -> None:
    """What `event_index.by_event` would build after the start, grouped while reading."""
    path = tmp_path / "relance.json"
    tables = _tables(4500)
    tables["targets"] = {str(n): {"event_id": n % 3, "contact_id": n} for n in range(1, 90)}
    for doc_id, doc in tables["attempts"].items():
        doc["event_id"] = int(doc_id) % 7 or None
    write_snapshot(path, tables)
    read, index, from_cache = snapshot.read_own_snapshot(path)
    assert not from_cache
    assert set(index) == set(EVENT_TABLES)
    for name in EVENT_TABLES:
        assert index[name] == by_event(read.get(name, {})), name
    assert index["attempts"][3] == {n for n in range(1, 4501) if n % 7 == 3}


@pytest.mark.parametrize("piece", [64, 1 << 20])
def test_a_compact_file_without_layout_is_read_in_pieces_as_parsed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    """The release before wrote no layout: its file is cut between documents, each
    piece parsed alone, and the tables are those of the whole parse."""
    from relance_tui.core.store import sliced

    monkeypatch.setattr(sliced, "PIECE", piece)
    path = tmp_path / "relance.json"
    tables = _tables(700)
    tables["events"] = {"1": {"title": "Lancement", "templates": {"fr": {"1": {"x": 1}}}}}
    write_snapshot(path, tables)
    text = path.read_bytes()
    meta = json.loads(text)["meta"]
    meta["1"].pop("layout")
    older = text[: text.rindex(b',"meta":')] + b',"meta":' + json.dumps(meta).encode() + b"}"
    cut = older.rindex(b',"meta":{"1":')
    read = sliced.read_unlaid(older, cut, snapshot.KNOWN_TABLES)
    whole = json.loads(older)
    del whole["meta"]
    assert read == whole
    assert snapshot._in_pieces(older, cut) == json.loads(older)


@pytest.mark.parametrize(
    "text",
    [
        b'{"attempts": {"1": {"a": 1}},"meta":{"1":{}}}',  # a space: not our writer's
        b'{"attempts":{"1":{"contacts":{"2":{}}},"3":{}},"meta":{"1":{}}}',  # a header inside
        b'{"attempts":{"1":{}},"attempts":{"2":{}},"meta":{"1":{}}}',  # a table twice
        b'{"nope":{"1":{}},"meta":{"1":{}}}',
    ],
)
def test_a_file_not_cut_that_way_is_left_to_the_whole_parse(text: bytes) -> None:
    from relance_tui.core.store import sliced

    cut = text.rindex(b',"meta":{"1":')
    read = sliced.read_unlaid(text, cut, snapshot.KNOWN_TABLES)
    assert read is None or {**read, "meta": {"1": {}}} == json.loads(text)
