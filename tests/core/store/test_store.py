"""The data file: round trip, one writer, refusal of damaged or newer files, 0600."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest
from tinydb import TinyDB

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.errors import CorruptDataFile, NewerSchema, StoreLocked, StoreWriteFailed
from relance_tui.core.models import (
    Attempt,
    Contact,
    Event,
    EventKind,
    Outcome,
    Outlet,
    OutletKind,
    Role,
)
from relance_tui.core.script import book
from relance_tui.core.store import journal as storage_module
from relance_tui.core.store.recovery import restore_from_backup
from relance_tui.core.store.store import SCHEMA_VERSION, Store

WHEN = datetime(2026, 11, 26, 10, 0, tzinfo=DEFAULT_TZ)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_round_trip_keeps_every_field(store: Store, db_path: Path) -> None:
    outlet = Outlet(name="CIBL 101,5", kind=OutletKind.COMMUNITY, warmth=3, tags=["quartier"])
    store.save(outlet)
    contact = Contact(
        outlet_id=outlet.id,
        name="Élise Côté",
        role=Role.RESEARCHER,
        phone="514-555-0142",
        extension="221",
        notes="« très ouverte » — œuvre",
    )
    event = Event(title="Lancement", kind=EventKind.PRESS_CONFERENCE, start=WHEN)
    store.save_many([contact, event])
    attempt = Attempt(
        event_id=event.id,
        target_id=1,
        at=WHEN,
        outcome=Outcome.CALLBACK,
        callback_at=WHEN.replace(hour=14),
        note="rappeler après la réunion",
    )
    store.save(attempt)
    store.close()

    reopened = Store.open(db_path)
    try:
        assert reopened.get(Outlet, outlet.id) == outlet
        assert reopened.get(Contact, contact.id) == contact
        assert reopened.get(Event, event.id) == event
        [loaded] = reopened.attempts(event.id)
        assert loaded == attempt
        assert loaded.callback_at.utcoffset() is not None
    finally:
        reopened.close()


def test_a_record_read_shares_nothing_with_its_document_and_skips_unknown_fields() -> None:
    """What a later version adds is left out; a list or a nested dict changed on the
    record leaves the stored document as it was; a document without a required field
    is refused, as the record's own constructor would."""
    doc = {"title": "Lancement", "kind": "event", "start": WHEN.isoformat(), "later": 1}
    doc |= {"spokespeople": ["Léa"], "templates": {"fr": {"talking_points": "Bonjour"}}}
    event = Event.from_doc(doc, 7)
    assert (event.id, event.kind, event.start) == (7, EventKind.EVENT, WHEN)
    assert not hasattr(event, "later")
    event.spokespeople.append("Zoé")
    event.templates["fr"]["talking_points"] = "Allô"
    assert doc["spokespeople"] == ["Léa"]
    assert doc["templates"] == {"fr": {"talking_points": "Bonjour"}}
    outlet = Outlet.from_doc({"name": "CIBL", "tags": ["radio"], "kind": "community"}, 2)
    assert (outlet.kind, outlet.tags, outlet.language) == (OutletKind.COMMUNITY, ["radio"], "fr")
    with pytest.raises(TypeError):
        Contact.from_doc({"name": "Sans média"}, 3)


def test_a_call_is_stored_without_the_fields_left_at_their_default(
    store: Store, db_path: Path
) -> None:
    """Most calls have no note, no callback, no reversal: those fields are not written
    (tens of thousands of calls, 10 MB less in memory at 5,000 contacts); reading the
    file, relance and TinyDB alike get the call back whole."""
    plain = Attempt(event_id=1, target_id=2, at=WHEN, outcome=Outcome.VOICEMAIL)
    noted = Attempt(event_id=1, target_id=3, at=WHEN, outcome=Outcome.CALLBACK, note="midi")
    noted.callback_at = WHEN.replace(hour=12)
    store.save_many([plain, noted])
    store.close()
    stored = json.loads(db_path.read_bytes())["attempts"]
    assert set(stored[str(plain.id)]) == {"event_id", "target_id", "at", "outcome", "uid"}
    assert {"note", "callback_at"} <= set(stored[str(noted.id)])
    reopened = Store.open(db_path)
    try:
        assert reopened.attempts(1) == [plain, noted]
    finally:
        reopened.close()
    with TinyDB(db_path) as db:
        assert db.table("attempts").get(doc_id=plain.id)["outcome"] == "voicemail"


def test_the_journal_is_made_ahead_and_a_session_without_writes_leaves_none(
    db_path: Path,
) -> None:
    """The journal file is created when the file is opened (the first call of a
    session then pays one line's fsync, not a new file's); a session that wrote
    nothing takes it away again and folds nothing."""
    from relance_tui.core.store.files import journal_path

    Store.open(db_path).close()
    snapshot = db_path.read_bytes()
    with Store.open(db_path) as store:
        store.prepare_journal()
        assert journal_path(db_path).stat().st_size == 0
    assert not journal_path(db_path).exists()
    assert db_path.read_bytes() == snapshot  # nothing folded
    with Store.open(db_path) as store:
        store.prepare_journal()
        store.save(Outlet(name="CIBL 101,5"))
        assert journal_path(db_path).stat().st_size > 0
    with Store.open(db_path) as store:
        assert [o.name for o in store.outlets()] == ["CIBL 101,5"]


def test_data_file_is_plain_tinydb_json(store: Store, db_path: Path) -> None:
    store.save(Outlet(name="Le Devoir", kind=OutletKind.PRINT))
    store.close()
    with TinyDB(db_path) as db:
        assert db.table("outlets").all()[0]["name"] == "Le Devoir"
        assert db.table("meta").get(doc_id=1)["schema_version"] == SCHEMA_VERSION


def test_a_write_is_on_disk_before_the_call_returns(store: Store, db_path: Path) -> None:
    store.save(Outlet(name="CISM 89,3"))
    # Not closed: what another process would find after a crash right now.
    journal = db_path.with_name(db_path.name + ".journal").read_bytes()
    assert b"CISM 89,3" in journal


def test_delete_removes_the_record(store: Store) -> None:
    outlet = Outlet(name="Pivot")
    store.save(outlet)
    store.delete(Outlet, outlet.id)
    assert store.outlets() == []


def test_second_instance_is_refused_with_the_file_named(store: Store, db_path: Path) -> None:
    with pytest.raises(StoreLocked) as refused:
        Store.open(db_path)
    assert str(db_path) in str(refused.value)
    assert "déjà ouvert" in str(refused.value)


def test_lock_is_released_on_close(store: Store, db_path: Path) -> None:
    store.close()
    Store.open(db_path).close()


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{",
        b'{"outlets": {"1": ',
        b"[1, 2, 3]",
        b'{"outlets": [1]}',
        b"\xff\xfe\x00garbage",
        b'{"outlets": {"x": {}}}',
    ],
    ids=["empty", "brace", "truncated", "list", "wrong-table", "binary", "bad-id"],
)
def test_damaged_file_is_refused_and_left_byte_for_byte(db_path: Path, garbage: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(garbage)
    with pytest.raises(CorruptDataFile) as refused:
        Store.open(db_path)
    assert db_path.read_bytes() == garbage
    assert str(db_path) in str(refused.value)
    assert not db_path.with_name(db_path.name + ".journal").exists()


def test_damage_names_the_backup_and_restore_rebuilds_everything(
    store: Store, db_path: Path
) -> None:
    store.save(Outlet(name="Avant la compaction"))
    store.close()
    store = Store.open(db_path)
    store.save(Outlet(name="Après la compaction"))
    store.close()
    # Garble the file in place, as a bad disk or a stray editor would.
    data = bytearray(db_path.read_bytes())
    data[10:30] = b"\x00" * 20
    db_path.write_bytes(bytes(data))

    with pytest.raises(CorruptDataFile) as refused:
        Store.open(db_path)
    message = str(refused.value)
    assert str(db_path) + ".bak" in message
    assert "relance check --restore" in message

    restore_from_backup(db_path)
    reopened = Store.open(db_path)
    try:
        assert [o.name for o in reopened.outlets()] == [
            "Après la compaction",
            "Avant la compaction",
        ]
    finally:
        reopened.close()


def test_files_are_private(store: Store, db_path: Path) -> None:
    store.save(Outlet(name="CKUT 90,3"))
    journal = db_path.with_name(db_path.name + ".journal")
    lock = db_path.with_name(db_path.name + ".lock")
    assert mode_of(journal) == 0o600
    assert mode_of(lock) == 0o600
    store.close()
    assert mode_of(db_path) == 0o600
    assert mode_of(db_path.with_name(db_path.name + ".bak")) == 0o600


V0_FILE = {
    "outlets": {"1": {"name": "CIBL 101,5", "kind": "community", "phone": "514 555-0100 poste 12"}},
    "contacts": {
        "1": {
            "outlet_id": 1,
            "name": "Hugo Morin",
            "role": "researcher",
            "phone": "514-555-0142 ext. 221",
        },
        "2": {"outlet_id": 1, "name": "Léa Roy", "role": "journalist", "phone": "514-555-0143"},
    },
    "events": {
        "1": {
            "title": "Lancement",
            "kind": "event",
            "date": "2026-11-28",
            "time": "10:30",
            "language": "en",
            "talking_points": "Hi {{ contact.first_name }}",
            "email_subject": "Reminder",
        }
    },
}


def test_older_schema_is_migrated_after_a_backup(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    original = json.dumps(V0_FILE).encode()
    db_path.write_bytes(original)

    store = Store.open(db_path)
    try:
        contacts = {c.name: c for c in store.contacts()}
        assert (contacts["Hugo Morin"].phone, contacts["Hugo Morin"].extension) == (
            "514-555-0142",
            "221",
        )
        assert contacts["Léa Roy"].extension == ""
        assert store.get(Outlet, 1).extension == "12"
        event = store.get(Event, 1)
        assert event.start == datetime(2026, 11, 28, 10, 30, tzinfo=DEFAULT_TZ)
        # Version 2: an event's templates become those of its language; the other
        # language and the email body are the shipped defaults.
        assert event.templates == {
            "en": {"talking_points": "Hi {{ contact.first_name }}", "email_subject": "Reminder"}
        }
        assert book.good(event, "en", "talking_points") == "Hi {{ contact.first_name }}"
        assert book.draft(event, "fr", "talking_points") == book.default_template(
            "fr", "talking_points"
        )
        assert store.schema_version() == SCHEMA_VERSION
    finally:
        store.close()
    [backup] = db_path.parent.glob("relance.json.schema0-*.bak")
    assert backup.read_bytes() == original
    assert mode_of(backup) == 0o600


def test_newer_schema_is_refused_and_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    newer = json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}).encode()
    db_path.write_bytes(newer)
    with pytest.raises(NewerSchema) as refused:
        Store.open(db_path)
    assert "plus récente" in str(refused.value)
    assert db_path.read_bytes() == newer


def _crash(store: Store) -> None:
    """The process dies: no compaction, the lock goes with it."""
    assert store._journal is not None
    store._journal.close()
    store._journal = None
    store.custody.lock.release()


def test_torn_last_journal_line_is_an_unacknowledged_write(store: Store, db_path: Path) -> None:
    store.save(Outlet(name="Gardé"))
    journal = db_path.with_name(db_path.name + ".journal")
    with journal.open("ab") as handle:
        handle.write(b'1234abcd [["put","outlets",9,{"na')  # died mid-append
    _crash(store)

    reopened = Store.open(db_path)
    try:
        assert [o.name for o in reopened.outlets()] == ["Gardé"]
    finally:
        reopened.close()


def test_damaged_journal_line_followed_by_good_ones_is_refused(db_path: Path) -> None:
    store = Store.open(db_path)
    store.save(Outlet(name="Un"))
    store.save(Outlet(name="Deux"))
    journal = db_path.with_name(db_path.name + ".journal")
    lines = journal.read_bytes().split(b"\n")
    lines[0] = lines[0].replace(b"Un", b"XX")
    _crash(store)
    journal.write_bytes(b"\n".join(lines))
    snapshot = db_path.read_bytes()

    with pytest.raises(CorruptDataFile) as refused:
        Store.open(db_path)
    assert "journal" in str(refused.value)
    assert db_path.read_bytes() == snapshot


def test_full_disk_changes_nothing_and_the_store_keeps_working(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(Outlet(name="Avant"))

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage_module.os, "write", full)
    with pytest.raises(StoreWriteFailed) as refused:
        store.save(Outlet(name="Perdu"))
    assert "intactes" in str(refused.value)
    assert [o.name for o in store.outlets()] == ["Avant"]

    monkeypatch.undo()
    store.save(Outlet(name="Après"))
    assert [o.name for o in store.outlets()] == ["Après", "Avant"]


def test_temporaries_left_by_a_killed_writer_are_cleared_at_the_next_start(db_path: Path) -> None:
    Store.open(db_path).close()
    stale = [
        db_path.with_name(f".{db_path.name}.4242.tmp"),
        db_path.with_name(f".{db_path.name}.bak.4243.tmp"),
    ]
    for path in stale:
        path.write_bytes(b"{half a file")
    other = db_path.with_name(".someone-else.tmp")
    other.write_bytes(b"not ours")
    Store.open(db_path).close()
    assert not any(path.exists() for path in stale)
    assert other.exists()


def test_plain_tinydb_reads_every_record_of_a_compacted_file(db_path: Path) -> None:
    from tinydb import TinyDB

    store = Store.open(db_path)
    outlet_id = store.save(Outlet(name="CIBL 101,5", phone="5145550101"))
    store.save_many(Outlet(name=f"Média {n}") for n in range(30))
    store.delete(Outlet, outlet_id)
    store.close()  # compacts

    db = TinyDB(db_path, access_mode="r")
    try:
        names = sorted(doc["name"] for doc in db.table("outlets").all())
        assert names == sorted(f"Média {n}" for n in range(30))
        assert db.table("meta").get(doc_id=1)["schema_version"] == SCHEMA_VERSION
    finally:
        db.close()
    from relance_tui.core.store.reading import load_tables
    from relance_tui.core.store.recovery import readable_by_tinydb

    counts: dict[str, int] = {}
    load_tables(db_path, counts)
    assert counts["outlets"] == 30 and readable_by_tinydb(db_path, counts)
    assert not readable_by_tinydb(db_path, {**counts, "outlets": 31})


def test_a_symlinked_data_file_is_one_writer_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "relance.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    with Store.open(real) as store:
        store.save(Outlet(name="CIBL 101,5"))
        link.symlink_to(real)
        with pytest.raises(StoreLocked):
            Store.open(link)  # the app holds the real file: a second writer is refused
    with Store.open(link) as through_link:
        through_link.save(Outlet(name="CJAD 800"))
        through_link.compact()  # the snapshot is rewritten: at the real file
    assert link.is_symlink() and link.resolve() == real.resolve()
    with Store.open(real) as store:
        assert sorted(o.name for o in store.outlets()) == ["CIBL 101,5", "CJAD 800"]


def test_an_events_calls_are_built_once_changed_by_a_write_and_few_events_are_kept(
    store: Store,
) -> None:
    import dataclasses
    from datetime import datetime

    from relance_tui.core.calls.timing import DEFAULT_TZ
    from relance_tui.core.models import Attempt, Outcome
    from relance_tui.core.store.indexes import KEPT_EVENTS

    at = datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ)
    for event_id in range(1, KEPT_EVENTS + 3):
        store.save_many(
            Attempt(event_id=event_id, target_id=n, at=at, outcome=Outcome.VOICEMAIL)
            for n in range(3)
        )
    first = store.attempts(1)
    assert [a.id for a in store.attempts(1)] == [a.id for a in first]
    assert all(a is b for a, b in zip(store.attempts(1), first, strict=True))  # built once
    store.save(dataclasses.replace(first[0], note="rappeler"))
    again = store.attempts(1)
    assert again[0].note == "rappeler" and again[0] is not first[0]  # a write is seen
    assert again[1] is first[1]
    for event_id in range(2, KEPT_EVENTS + 3):
        store.attempts(event_id)
    kept = store._indexes._event_records
    assert len(kept) == KEPT_EVENTS and ("attempts", 1) not in kept  # the oldest went
    assert [a.note for a in store.attempts(1)] == ["rappeler", "", ""]  # and comes back


def test_records_by_id_are_made_when_asked_for_and_follow_every_write(
    store: Store, db_path: Path
) -> None:
    """A call card asks for 150 of 5,000 contacts: only those are made (the start made
    them all); a write is seen at the next look, a deletion at once."""
    from dataclasses import replace

    outlet = Outlet(name="CIBL 101,5")
    store.save(outlet)
    people = [Contact(outlet_id=outlet.id, name=f"Personne {n}") for n in range(50)]
    store.save_many(people)
    store.close()
    with Store.open(db_path) as reopened:
        contacts = reopened.by_id(Contact)
        assert len(contacts) == 50 and people[7].id in contacts and 9999 not in contacts
        assert contacts[people[7].id].name == "Personne 7"
        assert len(contacts._made) == 1  # the one asked for, not the other 49
        reopened.save(replace(contacts[people[7].id], name="Léa Roy"))
        assert contacts[people[7].id].name == "Léa Roy"
        reopened.delete(Contact, people[8].id)
        assert contacts.get(people[8].id) is None and len(contacts) == 49
        assert [c.name for c in reopened.contacts()][:8] == [f"Personne {n}" for n in range(7)] + [
            "Léa Roy"
        ]


def test_an_event_s_calls_stay_in_order_as_they_come_change_and_go(store: Store) -> None:
    """The calls of an event are kept in order between keys (a new call takes its
    place; no sort of the event's 3,000 calls per key): a teammate's call made
    earlier lands before, same-instant calls go by caller, a change or a deletion
    is seen at once, and a call read twice is the same record."""
    from dataclasses import replace
    from datetime import timedelta

    event = Event(title="Lancement", kind=EventKind.EVENT, start=datetime(2026, 12, 1, 10, 0))
    store.save(event)
    at = datetime(2026, 11, 27, 9, 0, tzinfo=DEFAULT_TZ)

    def call(minutes: int, caller: str, outcome: Outcome = Outcome.VOICEMAIL) -> Attempt:
        made = Attempt(
            event_id=event.id, target_id=1, at=at + timedelta(minutes=minutes), outcome=outcome
        )
        made.caller = caller
        store.save(made)
        return made

    def said() -> list[tuple[int, str, str]]:
        return [
            (int((a.at - at).total_seconds() // 60), a.caller, a.outcome.value)
            for a in store.attempts(event.id)
        ]

    call(0, "Sam")
    call(10, "Sam")
    before = store.attempts(event.id)
    call(20, "Sam")
    after = store.attempts(event.id)
    assert after[0] is before[0] and after[1] is before[1]  # the same records
    call(5, "Alex")  # a teammate's call, made earlier, read now
    call(10, "Alex")  # at the same instant as one of Sam's: Alex first
    assert said() == [
        (0, "Sam", "voicemail"),
        (5, "Alex", "voicemail"),
        (10, "Alex", "voicemail"),
        (10, "Sam", "voicemail"),
        (20, "Sam", "voicemail"),
    ]
    last = store.attempts(event.id)[-1]
    store.save(replace(last, outcome=Outcome.CONFIRMED))
    assert said()[-1] == (20, "Sam", "confirmed")
    store.delete(Attempt, store.attempts(event.id)[0].id)
    assert [entry[:2] for entry in said()] == [(5, "Alex"), (10, "Alex"), (10, "Sam"), (20, "Sam")]


@pytest.mark.parametrize(
    "text",
    [
        "514 555-0142 poste 221",
        "514-555-0142, p. 12",
        "(514) 555-0142 x7",
        "514 555-0142",
        "à voir",
    ],
)
def test_a_migration_keeps_its_own_copy_of_what_it_needs(text: str) -> None:
    """The step from version 0 splits extensions as `core.phones` did when it was
    written: the same today; a later change to `phones` does not change the migration."""
    from relance_tui.core.phones import split_extension
    from relance_tui.core.store import migrations

    assert migrations._v0_split_extension(text) == split_extension(text)
    assert "phones" not in migrations.__dict__ and "split_extension" not in migrations.__dict__
