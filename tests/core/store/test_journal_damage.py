"""A damaged journal is detected, named by its data file, and repaired by
`check --restore` losing only the damaged record, which the message names."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from relance_tui.cli import main
from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.errors import CorruptDataFile
from relance_tui.core.models import Attempt, Contact, Event, EventKind, Outcome, Outlet, Target
from relance_tui.core.store.files import journal_path
from relance_tui.core.store.store import Store

T0 = datetime(2026, 11, 26, 4, 17, tzinfo=DEFAULT_TZ)


def with_calls(path: Path, calls: int = 6) -> list[str]:
    """A data file whose last `calls` calls are only in the journal (the app was killed)."""
    store = Store.open(path)
    event = Event(title="Lancement", kind=EventKind.EVENT, start=T0 + timedelta(days=2))
    store.save(event)
    outlet = Outlet(name="CIBL 101,5")
    store.save(outlet)
    contact = Contact(outlet_id=outlet.id, name="Béatrice Thibault")
    store.save(contact)
    target = Target(event_id=event.id, position=1, contact_id=contact.id)
    store.save(target)
    store.compact()
    uids = []
    for i in range(calls):
        attempt = Attempt(
            event_id=event.id,
            target_id=target.id,
            at=T0 + timedelta(minutes=i),
            outcome=Outcome.NO_ANSWER,
        )
        store.save(attempt)
        uids.append(attempt.uid)
    store.custody.lock.release()  # noqa: SLF001 - as a killed app leaves it: no compaction
    return uids


def damage(journal: Path, line: int, rng: random.Random) -> None:
    lines = journal.read_bytes().split(b"\n")
    raw = bytearray(lines[line - 1])
    at = rng.randrange(12, len(raw))  # inside the JSON, past the checksum
    raw[at] = (raw[at] + 1) % 256 or 1
    lines[line - 1] = bytes(raw)
    journal.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize("line", [2, 6])  # a middle line, and the complete last line
def test_a_damaged_journal_line_is_refused_then_restored_losing_only_it(
    tmp_path: Path, line: int
) -> None:
    path = tmp_path / "relance.json"
    uids = with_calls(path)
    damage(journal_path(path), line, random.Random(line))

    with pytest.raises(CorruptDataFile) as refused:
        Store.open(path)
    message = str(refused.value)
    assert f"--db {path}" in message and ".journal" not in message.split("--db")[1]
    assert f"ligne {line}" in message

    result = CliRunner().invoke(main, ["--lang", "fr", "check", "--db", str(path), "--restore"])
    assert result.exit_code == 0, result.output
    assert "1 enregistrement endommagé n'a pas pu être récupéré" in result.output
    assert f"ligne {line} du journal" in result.output
    with Store.open(path) as store:
        kept = {a.uid for a in store.attempts()}
    assert kept == set(uids) - {uids[line - 1]}  # every call but the damaged one


def test_restore_works_for_every_damaged_byte_of_a_journal(tmp_path: Path) -> None:
    rng = random.Random(14)
    for trial in range(25):
        path = tmp_path / f"t{trial}" / "relance.json"
        uids = with_calls(path)
        line = rng.randrange(1, len(uids) + 1)
        damage(journal_path(path), line, rng)
        with pytest.raises(CorruptDataFile):
            Store.open(path)
        result = CliRunner().invoke(main, ["check", "--db", str(path), "--restore"])
        assert result.exit_code == 0, (trial, result.output)
        with Store.open(path) as store:
            assert len(store.attempts()) == len(uids) - 1


def rewrite_lines(journal: Path, change) -> None:  # type: ignore[no-untyped-def]
    lines = [line for line in journal.read_bytes().split(b"\n") if line]
    journal.write_bytes(b"\n".join(change(lines)) + b"\n")


@pytest.mark.parametrize(
    "change",
    [
        lambda lines: lines[:2] + lines[3:],  # a middle line deleted
        lambda lines: lines + [lines[1]],  # an older line appended again
        lambda lines: [lines[1], lines[0], *lines[2:]],  # two lines swapped
    ],
    ids=["missing", "repeated", "reordered"],
)
def test_a_missing_repeated_or_reordered_line_is_detected(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "relance.json"
    with_calls(path)
    rewrite_lines(journal_path(path), change)
    with pytest.raises(CorruptDataFile) as refused:
        Store.open(path)
    assert "dans le désordre ou manquante" in str(refused.value)
    before = path.read_bytes(), journal_path(path).read_bytes()
    result = CliRunner().invoke(main, ["check", "--db", str(path)])
    assert result.exit_code == 1
    assert "check --restore" in result.output  # how to repair it
    # `check` alone only looks: nothing restored, nothing set aside.
    assert (path.read_bytes(), journal_path(path).read_bytes()) == before
    assert not list(path.parent.glob("*.corrupt-*"))


def test_a_journal_left_by_a_compaction_that_died_is_not_applied_twice(tmp_path: Path) -> None:
    path = tmp_path / "relance.json"
    uids = with_calls(path, calls=3)
    journal = journal_path(path)
    stale = journal.read_bytes()
    with Store.open(path) as store:  # folds the 3 calls in (the journal is set aside)
        assert len(store.attempts()) == 3
    journal.write_bytes(stale)  # as if the rename of the journal had not happened
    with Store.open(path) as store:
        assert sorted(a.uid for a in store.attempts()) == sorted(uids)
        store.save(Outlet(name="CJAD 800"))  # new lines follow the new snapshot
    with Store.open(path) as store:
        assert len(store.attempts()) == 3 and len(store.outlets()) == 2
