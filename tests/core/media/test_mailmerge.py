"""The call list's reminder emails for a mail-merge tool (issue 40): what `mailmerge`
would send, worked out as it does (Jinja2 over each CSV row, then an email parser)."""

from __future__ import annotations

import csv
import email
from datetime import datetime
from pathlib import Path

import jinja2

from relance_tui.core.calls.queue import load_queue, record_outcome
from relance_tui.core.models import Outcome
from relance_tui.core.station.demo import load_demo
from relance_tui.core.station.mailmerge import DATABASE, TEMPLATE, write_mailmerge
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir


def test_each_newsroom_gets_its_own_email_in_its_language(
    store: Store, tmp_path: Path, now: datetime
) -> None:
    event = load_demo(store, data_dir(), now)
    queue = load_queue(store, event, now)
    refused = queue.ready[0]
    record_outcome(store, refused, Outcome.DO_NOT_CALL, now)
    folder = tmp_path / "envoi"
    count = write_mailmerge(store, event, now, folder)
    with (folder / DATABASE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with_email = [s for s in queue.all if s.email and s.target.id != refused.target.id]
    assert count == len(rows) == len([s for s in with_email if not s.do_not_call])
    assert refused.email not in {row["email"] for row in rows}
    template = jinja2.Template((folder / TEMPLATE).read_text("utf-8"))
    sent = {}
    for row in rows:
        message = email.message_from_string(template.render(**row))
        sent[message["To"]] = message
    english = next(s for s in with_email if s.outlet and s.outlet.name == "CBC Montreal")
    cbc = sent[english.email]
    assert cbc["Subject"].startswith("Reminder") or "Reminder" in cbc.get_payload()
    assert english.contact is not None
    assert cbc.get_payload().startswith(f"Hello {english.contact.first_name}")
    french = sent[rows[0]["email"]]
    assert french.get_payload().startswith(f"Bonjour {rows[0]['first_name']}")
    assert oct((folder / DATABASE).stat().st_mode & 0o777) == "0o600"
