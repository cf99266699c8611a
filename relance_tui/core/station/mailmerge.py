"""The reminder email for a whole call list, for a mail-merge tool: the `mailmerge`
command line tool and Thunderbird's Mail Merge add-on both read a CSV of recipients
and a template of `{{column}}` fields.

Each row is rendered by relance (the event's own templates, in each newsroom's
language, worded for what its last call gave), so the template only places it:
`TO: {{email}}`, `SUBJECT: {{subject}}`, then `{{body}}`. Targets without an email and
those who asked not to be called are left out.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from relance_tui.core.calls.queue import load_queue
from relance_tui.core.models import Event
from relance_tui.core.script.book import script_language
from relance_tui.core.script.templates import render_event
from relance_tui.core.script.wording import situation_of
from relance_tui.core.station.exports import neutralise
from relance_tui.core.store.files import private_dirs, write_atomically_bytes
from relance_tui.core.store.store import Store
from relance_tui.core.text import without_controls

DATABASE = "mailmerge_database.csv"
TEMPLATE = "mailmerge_template.txt"
COLUMNS = ("email", "name", "first_name", "outlet", "subject", "body", "from")


def template() -> str:
    """The `mailmerge` template: its headers, a blank line, the body (Jinja2 fields).
    FROM holds the caller's name: the sender's address is theirs to add."""
    return (
        "TO: {{email}}\n"
        "SUBJECT: {{subject}}\n"
        "FROM: {{from}}\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "\n"
        "{{body}}\n"
    )


def rows(store: Store, event: Event, now: datetime) -> list[dict[str, str]]:
    """One row per target of the call list that has an email, in call order."""
    settings = store.settings()
    sender = settings.caller_name + (f" ({settings.organisation})" if settings.organisation else "")
    found = []
    queue = load_queue(store, event, now)
    for state in sorted(queue.all, key=lambda s: s.target.position):
        if not state.email or state.do_not_call:
            continue
        said = situation_of(state.last.outcome if state.last else None)
        rendered = render_event(event, state.who, settings, script_language(state.who, event), said)
        name = state.contact.name if state.contact else ""
        found.append(
            {
                "email": state.email,
                "name": name,
                "first_name": state.contact.first_name if state.contact else "",
                "outlet": state.outlet.name if state.outlet else "",
                "subject": rendered.email_subject,
                "body": rendered.email_body.strip(),
                "from": sender,
            }
        )
    return found


def database(found: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in found:
        writer.writerow({k: neutralise(without_controls(row[k])) for k in COLUMNS})
    return buffer.getvalue().encode("utf-8")


def write_mailmerge(store: Store, event: Event, now: datetime, folder: Path) -> int:
    """The database and the template in `folder` (0700; files 0600); the rows written."""
    found = rows(store, event, now)
    private_dirs(folder)
    write_atomically_bytes(folder / DATABASE, database(found))
    write_atomically_bytes(folder / TEMPLATE, template().encode("utf-8"))
    return len(found)
