"""Exporting the media list or an event's call list: CSV, JSON or Markdown.

CSV opens right in Excel (UTF-8 with a BOM) and never runs as a formula: a
cell starting with = + - @, a tab or a carriage return gets a leading
apostrophe. Phone numbers are written in national format ("514 555-0142"),
which a spreadsheet reads as text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from relance_tui import i18n
from relance_tui.core.calls.queue import load_queue
from relance_tui.core.dates import Clock, format_when
from relance_tui.core.media.reach import describe_all
from relance_tui.core.models import Event, Outcome
from relance_tui.core.phones import format_phone
from relance_tui.core.store.store import Store
from relance_tui.core.text import markdown_cell, without_controls

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "json", "md")

MEDIA_COLUMNS = (
    "outlet",
    "group",
    "kind",
    "language",
    "region",
    "warmth",
    "tags",
    "name",
    "role",
    "show",
    "phone",
    "extension",
    "email",
    "others",
    "notes",
    "pronunciation",
    "do_not_call",
    "to_fix",
)
CALL_COLUMNS = (
    "position",
    *MEDIA_COLUMNS,
    "outcome",
    "attempts",
    "last_call",
    "callback",
    "call_notes",
)


def neutralise(value: str) -> str:
    """A cell a spreadsheet will show as text, never evaluate."""
    if value and value[0] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def yes(flag: bool) -> str:
    """A yes/no column: "oui"/"yes" or empty (the import reads both languages)."""
    return i18n.t("export.yes") if flag else ""


def _phone_cell(phone: str) -> str:
    # National format, "514 555-0142": digits first, so never a formula.
    return format_phone(phone, "", "fr") if phone else ""


def media_list_rows(store: Store) -> list[dict[str, str]]:
    """Every contact (and every outlet's newsroom line) as plain text fields."""
    shows = {s.id: s for s in store.shows()}
    rows = []
    contacts_by_outlet: dict[int, list[Any]] = {}
    for contact in store.contacts():
        if not contact.deleted:
            contacts_by_outlet.setdefault(contact.outlet_id, []).append(contact)
    for outlet in store.outlets():
        if outlet.deleted:
            continue
        base = {
            "outlet": outlet.name,
            "group": outlet.group,
            "kind": i18n.t(f"kind.{outlet.kind.value}"),
            "language": outlet.language.value,
            "region": outlet.region,
            "warmth": str(outlet.warmth),
            "tags": ", ".join(outlet.tags),
        }
        rows.append(
            {
                **base,
                "name": "",
                "role": "",
                "show": "",
                "phone": _phone_cell(outlet.phone),
                "extension": outlet.extension,
                "email": outlet.email,
                "others": "",
                "notes": outlet.notes,
                "pronunciation": "",
                "do_not_call": yes(outlet.do_not_call),
                "to_fix": "",
            }
        )
        for contact in contacts_by_outlet.get(outlet.id or -1, []):
            show = shows.get(contact.show_id)
            rows.append(
                {
                    **base,
                    "name": contact.name,
                    "role": i18n.t(f"role.{contact.role.value}"),
                    "show": show.name if show else "",
                    "phone": _phone_cell(contact.phone),
                    "extension": contact.extension,
                    "email": contact.email,
                    "others": describe_all(contact.others),
                    "notes": contact.notes,
                    "pronunciation": contact.pronunciation,
                    "do_not_call": yes(contact.do_not_call),
                    "to_fix": yes(contact.to_fix),
                }
            )
    return rows


def call_list_rows(store: Store, event: Event, clock: Clock) -> list[dict[str, str]]:
    """The event's call list, in order, with where each target stands."""
    lang = i18n.current_language()
    queue = load_queue(store, event, clock())
    rows = []
    for state in sorted(queue.all, key=lambda s: s.target.position):
        outlet, contact = state.outlet, state.contact
        phone, extension = state.phone
        last = state.last
        rows.append(
            {
                "position": str(state.target.position),
                "outlet": outlet.name if outlet else "",
                "group": outlet.group if outlet else "",
                "kind": i18n.t(f"kind.{outlet.kind.value}") if outlet else "",
                "language": outlet.language.value if outlet else "",
                "region": outlet.region if outlet else "",
                "warmth": str(outlet.warmth) if outlet else "",
                "tags": ", ".join(outlet.tags) if outlet else "",
                "name": contact.name if contact else "",
                "role": i18n.t(f"role.{state.who.role.value}"),
                "show": state.show.name if state.show else "",
                "phone": _phone_cell(phone),
                "extension": extension,
                "email": state.email,
                "others": describe_all(contact.others) if contact else "",
                "notes": contact.notes if contact else (outlet.notes if outlet else ""),
                "pronunciation": contact.pronunciation if contact else "",
                "do_not_call": yes(state.do_not_call),
                "to_fix": yes(bool(contact and contact.to_fix)),
                "outcome": i18n.t(f"outcome.{last.outcome.value}") if last else i18n.t("state.new"),
                "attempts": str(state.calls),
                "last_call": format_when(last.at, lang) if last else "",
                "callback": format_when(last.callback_at, lang)
                if last and last.outcome is Outcome.CALLBACK and last.callback_at
                else "",
                "call_notes": " / ".join(a.note for a in state.history if a.note),
            }
        )
    return rows


def headers(columns: Sequence[str]) -> list[str]:
    return [i18n.t(f"export.col.{column}") for column in columns]


def to_csv(rows: Sequence[dict[str, str]], columns: Sequence[str]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers(columns)])
    for row in rows:
        writer.writerow([neutralise(row.get(column, "")) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_json(rows: Sequence[dict[str, str]], columns: Sequence[str]) -> bytes:
    return json.dumps(
        [{column: row.get(column, "") for column in columns} for row in rows],
        ensure_ascii=False,
        indent=2,
    ).encode("utf-8")


def to_markdown(rows: Sequence[dict[str, str]], columns: Sequence[str]) -> bytes:
    def cell(value: str) -> str:
        return markdown_cell(value)

    lines = [
        "| " + " | ".join(cell(h) for h in headers(columns)) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += ["| " + " | ".join(cell(row.get(c, "")) for c in columns) + " |" for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


WRITERS = {"csv": to_csv, "json": to_json, "md": to_markdown}


def export(store: Store, fmt: str, event: Event | None = None, clock: Clock | None = None) -> bytes:
    """The media list (no event) or the event's call list, as `fmt` bytes."""
    columns: Sequence[str] = MEDIA_COLUMNS
    if event is None:
        rows = media_list_rows(store)
    else:
        assert clock is not None
        rows, columns = call_list_rows(store, event, clock), CALL_COLUMNS
    # No control character from an imported file reaches a terminal or a spreadsheet.
    safe = [{key: without_controls(value) for key, value in row.items()} for row in rows]
    return WRITERS[fmt](safe, columns)
