"""The domain of PRODUCT.md §2–3: outlets, shows, contacts, events, targets, attempts.

Records are plain dataclasses. They travel to and from the store as JSON-ready
dicts (`to_doc` / `from_doc`); datetimes are stored as ISO 8601 strings with
their UTC offset.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import MISSING, dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import Any, Self


class Role(StrEnum):
    ASSIGNMENT = "assignment"
    DESK = "desk"
    RESEARCHER = "researcher"
    JOURNALIST = "journalist"
    PRODUCER = "producer"
    NEWSROOM = "newsroom"


class OutletKind(StrEnum):
    RADIO = "radio"
    TV = "tv"
    PRINT = "print"
    WEB = "web"
    WIRE = "wire"
    COMMUNITY = "community"
    CAMPUS = "campus"
    FREELANCE = "freelance"  # a freelance journalist (pigiste): their own newsroom


class Language(StrEnum):
    FR = "fr"
    EN = "en"
    BOTH = "both"


class EventKind(StrEnum):
    EVENT = "event"
    PRESS_CONFERENCE = "press_conference"


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    INTERESTED = "interested"
    RESEND = "resend"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no_answer"
    CALLBACK = "callback"
    DECLINED = "declined"
    WRONG_NUMBER = "wrong_number"
    DO_NOT_CALL = "do_not_call"
    SKIPPED = "skipped"
    UNDO = "undo"


FINAL_OUTCOMES = frozenset(
    {Outcome.CONFIRMED, Outcome.DECLINED, Outcome.WRONG_NUMBER, Outcome.DO_NOT_CALL}
)


def _dt_to_str(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt_from_str(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@functools.cache
def _writing(
    cls: type,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[tuple[str, Any], ...]]:
    """A record class's fields but `id`, in order; those holding a list or a dict; and,
    for a class whose documents are sparse, the fields with a plain default."""
    _, lists, dicts = _reading(cls)
    found = [f for f in fields(cls) if f.name != "id"]
    sparse = getattr(cls, "_sparse", False)
    defaults = tuple(
        (f.name, f.default if f.default is not MISSING else [])
        for f in found
        if sparse and (f.default is not MISSING or f.default_factory is list)
    )
    return tuple(f.name for f in found), lists, dicts, defaults


def _copy_dict(value: dict[str, Any]) -> dict[str, Any]:
    return {k: _copy_dict(v) if isinstance(v, dict) else v for k, v in value.items()}


class Record:
    """Conversion between a dataclass record and a store document."""

    _enums: dict[str, type[StrEnum]] = {}
    _datetimes: tuple[str, ...] = ()
    # A field at its plain default is left out of the document (and read back as the
    # default): for the tables of tens of thousands of calls, where most calls have
    # no note, no callback, no reversal. 5,000 contacts: 10 MB less in memory.
    _sparse = False

    id: int | None

    def to_doc(self) -> dict[str, Any]:
        # By hand rather than dataclasses.asdict (that deep-copies), with what this
        # class needs worked out once: an import of 10,000 rows turns 10,000 records
        # into documents in one write.
        names, lists, dicts, defaults = _writing(type(self))  # type: ignore[arg-type]
        values = self.__dict__
        doc = {name: values[name] for name in names}
        for name in lists:
            if isinstance(value := doc[name], list):
                doc[name] = list(value)
        for name in dicts:
            if isinstance(value := doc[name], dict):
                doc[name] = _copy_dict(value)
        for name in self._datetimes:
            doc[name] = _dt_to_str(doc[name])
        for name in self._enums:
            if doc[name] is not None:
                doc[name] = str(doc[name])
        for name, default in defaults:
            if (value := doc[name]) == default and type(value) is type(default):
                del doc[name]
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int | None = None) -> Self:
        # Called for every record read (5,000 contacts at an import's start): the
        # conversions this class needs are worked out once (`_reading`).
        known, lists, dicts = _reading(cls)  # type: ignore[arg-type]
        if known.issuperset(doc):
            values = dict(doc)
        else:  # a field of a newer version, or one since removed: left out
            values = {k: v for k, v in doc.items() if k in known}
        for name in cls._datetimes:
            if name in values:
                values[name] = _dt_from_str(values[name])
        for name, enum in cls._enums.items():
            if (value := values.get(name)) is not None:
                values[name] = enum(value)
        for name in lists:
            if (value := values.get(name)) is not None:
                values[name] = list(value)
        for name in dicts:  # never share a nested dict with the store
            if isinstance(value := values.get(name), dict):
                values[name] = _copy_dict(value)
        values["id"] = doc_id
        return cls(**values)


@functools.cache
def _reading(cls: type) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """A record class's field names, and those holding a list or a dict (copied when
    read: never shared with the store)."""
    found = fields(cls)
    kinds = {f.name: str(f.type) for f in found}
    lists = tuple(name for name, kind in kinds.items() if kind.startswith("list"))
    dicts = tuple(name for name, kind in kinds.items() if kind.startswith("dict"))
    return frozenset(kinds), lists, dicts


@dataclass
class Outlet(Record):
    name: str
    kind: OutletKind = OutletKind.RADIO
    language: Language = Language.FR
    region: str = ""
    phone: str = ""
    extension: str = ""
    email: str = ""
    website: str = ""
    group: str = ""  # the group it belongs to, other names ("Radio-Canada, SRC"): searched
    warmth: int = 1
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    do_not_call: bool = False
    deleted: bool = False  # kept, hidden, when calls to it are on record
    id: int | None = None

    _enums = {"kind": OutletKind, "language": Language}


@dataclass
class Show(Record):
    outlet_id: int
    name: str
    air_time: str = ""
    notes: str = ""
    id: int | None = None


@dataclass
class Contact(Record):
    outlet_id: int
    name: str
    role: Role = Role.JOURNALIST
    show_id: int | None = None
    phone: str = ""
    extension: str = ""
    email: str = ""
    notes: str = ""
    language: str = ""  # "fr", "en", "both"; empty: the outlet's language
    do_not_call: bool = False
    to_fix: bool = False
    pronunciation: str = ""
    # The other numbers and emails an address book gave ("cell:514-555-0142",
    # "fax:…", "email:…"): core.media.reach reads and writes them.
    others: list[str] = field(default_factory=list)
    verified: str = ""  # ISO date: an import brought it, or it was marked verified
    bounced: bool = False  # an email to it came back (marked by hand)
    deleted: bool = False  # kept, hidden, when calls to it are on record
    id: int | None = None

    _enums = {"role": Role}
    _sparse = True  # 20,000 of them: most have no show, extension, flag... (8 MB less)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else ""


@dataclass
class Event(Record):
    title: str
    kind: EventKind
    start: datetime
    venue: str = ""
    address: str = ""
    spokespeople: list[str] = field(default_factory=list)
    visuals: str = ""
    language: Language = Language.FR
    press_release: str = ""
    release_file: str = ""  # the communiqué as a file (PDF, DOCX, ODT), attached to drafts
    # Talking points, email subject and body, voicemail: the text being written, by
    # language ("fr", "en") then template name; a language or name left out is the
    # shipped default (core.script.book).
    templates: dict[str, dict[str, str]] = field(default_factory=dict)
    # The last version of each that rendered: calls use it while a draft is broken.
    good_templates: dict[str, dict[str, str]] = field(default_factory=dict)
    archived: bool = False
    attempts_cap: int | None = None  # None: the cap of the settings
    rehearsal_target_s: int = 30
    id: int | None = None

    _enums = {"kind": EventKind, "language": Language}
    _datetimes = ("start",)


@dataclass
class Target(Record):
    """One contact (or an outlet's newsroom line) on one event's call list."""

    event_id: int
    position: int
    contact_id: int | None = None
    outlet_id: int | None = None
    keep_calling: bool = False  # called even though the outlet already answered (set aside)
    id: int | None = None

    _sparse = True


@dataclass
class Attempt(Record):
    """One call on one target. Append-only: an undo is a new attempt."""

    event_id: int
    target_id: int
    at: datetime
    outcome: Outcome
    duration_s: float = 0.0
    note: str = ""
    caller: str = ""
    callback_at: datetime | None = None
    callback_for: str = ""  # in a team: the caller who promised it ("": anyone)
    reverses: str | None = None
    flagged: bool = False  # this call set the contact's do-not-call or to-fix flag
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    id: int | None = None

    _enums = {"outcome": Outcome}
    _datetimes = ("at", "callback_at")
    _sparse = True


class Crew(StrEnum):
    JOURNALIST = "journalist"
    CAMERA = "camera"
    PHOTOGRAPHER = "photographer"


@dataclass
class Arrival(Record):
    """Someone at the door of an event. Append-only, like attempts: an undo, or a
    change of crew or interview, is a new record (the last one counts)."""

    event_id: int
    at: datetime
    outlet_id: int | None = None
    contact_id: int | None = None
    present: bool = True  # False: the arrival `reverses` is undone
    walk_in: bool = False  # came without being on the list as confirmed or interested
    crew: list[str] = field(default_factory=list)  # Crew values
    interview: str = ""  # the spokesperson interviewed, if any
    # The names as they were, so a walk-in travels to another file (merge) whole.
    outlet_name: str = ""
    contact_name: str = ""
    reverses: str | None = None
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    id: int | None = None

    _datetimes = ("at",)
    _sparse = True


@dataclass
class RehearsalTake(Record):
    event_id: int
    at: datetime
    duration_s: float
    words: int
    wpm: float
    splits: list[float] = field(default_factory=list)
    id: int | None = None

    _datetimes = ("at",)


# The screen the app opens on: auto is Appels while the current event's relance
# window is open (the day of the calls), Listes otherwise.
START_SCREENS = ("auto", "lists", "script", "rehearsal", "calls", "report", "door")


@dataclass
class Settings(Record):
    caller_name: str = ""
    organisation: str = ""
    caller_phone: str = ""
    language: str = ""
    current_event_id: int | None = None
    retry_voicemail_min: int = 120
    retry_no_answer_min: int = 30
    retry_resend_min: int = 120
    attempts_cap: int = 3
    dial_command: str = ""
    dialer: str = "auto"  # auto, qr, custom, or a dialer's name (core.handoff.dial)
    timezone: str = "America/Toronto"
    set_aside_covered_outlets: bool = True  # one answer per newsroom is enough
    caller_asked: bool = False  # the first-run form (who calls) was shown once
    voice_silence_ms: int = 1200  # rehearsal by voice: a pause this long ends the take
    start_screen: str = "auto"  # auto: Appels while the current event's window is open
    team_lease_min: int = 10  # in a team, a card is held this long unless renewed
    team_lease_outlet: bool = True  # holding a card holds its outlet's other people too
    team_grace_min: int = 15  # a callback someone promised is theirs this long after due
    stale_months: int = 12  # a contact not verified for this long is « à vérifier »
    outlet_cap: int = 3  # an outlet solicited this often for an event is left (0: never)
    id: int | None = None
