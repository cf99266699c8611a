"""Schema versions of the data file and the steps between them.

Version 0 is the shape written before the file carried a version: a contact's
extension lived inside its phone string ("514 555-0142 poste 221") and an event
had separate `date` and `time` fields in local time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

SCHEMA_VERSION = 3

# What the step from version 0 needs, frozen as it was when the step was written: a
# migration means what it meant then, whatever `core.phones` becomes since.
_V0_EXTENSION = re.compile(
    r"\s*[,;]?\s*(?:poste|p\.?|ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE
)


def _v0_split_extension(text: str) -> tuple[str, str]:
    """("514 555-0142 poste 221") -> ("514 555-0142", "221"), as version 0 wrote it."""
    if not re.search(r"[^\d\s().\-/+]", text):  # digits and punctuation only
        return text.strip(), ""
    match = _V0_EXTENSION.search(text)
    if not match:
        return text.strip(), ""
    return text[: match.start()].strip(), match.group(1)


DEFAULT_TZ = "America/Toronto"

Tables = dict[str, dict[str, dict[str, Any]]]


def schema_version(tables: Tables) -> int:
    meta = tables.get("meta", {}).get("1", {})
    version = meta.get("schema_version", 0)
    return version if isinstance(version, int) else 0


def _v0_to_v1(tables: Tables) -> Tables:
    for doc in tables.get("contacts", {}).values():
        if "extension" not in doc:
            doc["phone"], doc["extension"] = _v0_split_extension(str(doc.get("phone", "")))
    for doc in tables.get("outlets", {}).values():
        if "extension" not in doc:
            doc["phone"], doc["extension"] = _v0_split_extension(str(doc.get("phone", "")))
    for doc in tables.get("events", {}).values():
        if "start" not in doc and "date" in doc:
            naive = datetime.fromisoformat(f"{doc.pop('date')}T{doc.pop('time', '09:00')}")
            doc["start"] = naive.replace(tzinfo=ZoneInfo(DEFAULT_TZ)).isoformat()
    for name in ("outlets", "shows", "contacts", "events", "targets", "attempts", "takes"):
        tables.setdefault(name, {})
    tables.setdefault("settings", {})
    tables["meta"] = {"1": {"schema_version": 1}}
    return tables


_TEMPLATE_FIELDS = ("talking_points", "email_subject", "email_body")


def _v1_to_v2(tables: Tables) -> Tables:
    """Templates by language: an event's three templates become those of its language."""
    for doc in tables.get("events", {}).values():
        if "templates" in doc:
            continue
        lang = doc.get("language") if doc.get("language") in ("fr", "en") else "fr"
        written = {name: doc.pop(name) for name in _TEMPLATE_FIELDS if name in doc}
        doc["templates"] = {lang: written} if written else {}
        doc["good_templates"] = {}
    tables["meta"] = {"1": {"schema_version": 2}}
    return tables


def _v2_to_v3(tables: Tables) -> Tables:
    """Arrivals at the door of events: a new, empty table."""
    tables.setdefault("arrivals", {})
    tables["meta"] = {"1": {"schema_version": 3}}
    return tables


STEPS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3}


def migrate(tables: Tables, version: int) -> Tables:
    """Bring `tables` from `version` to SCHEMA_VERSION, in place (every caller hands
    tables it has just read: a copy of 20,000 contacts' cost 1.2 s and 100 MB)."""
    result = tables
    while version < SCHEMA_VERSION:
        result = STEPS[version](result)
        version += 1
    return result
