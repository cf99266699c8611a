"""Resending the communiqué to everyone who asked for it again, in one go: one draft
per person (each in their language, their name in the greeting), or one message with
everyone in Bcc. Written to a folder the mail program opens; nothing is sent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from relance_tui import i18n
from relance_tui.core.calls.queue import TargetState
from relance_tui.core.dates import format_when
from relance_tui.core.door.door import DoorEntry
from relance_tui.core.handoff import mail
from relance_tui.core.handoff.calendar import event_ics
from relance_tui.core.models import Contact, Event, Outlet, Settings
from relance_tui.core.script import book
from relance_tui.core.script.templates import TemplateProblem, render_event


@dataclass
class Batch:
    folder: Path
    drafts: int = 0
    left_out: list[str] = field(default_factory=list)  # no email, or a template that failed


def resend_drafts(
    event: Event,
    states: Sequence[TargetState],
    settings: Settings,
    folder: Path,
    file_id: str,
    stamp: datetime,
    *,
    bcc: bool = False,
    release: Path | None = None,
) -> Batch:
    batch = Batch(folder)
    ics = event_ics(event, file_id, stamp)
    reachable = [s for s in states if s.email]
    batch.left_out = [s.name or s.label for s in states if not s.email]
    if bcc and reachable:
        lang = event.language.value if event.language.value in book.LANGUAGES else "fr"
        body = i18n.t(
            "handoff.bcc_body",
            lang,
            title=event.title,
            release=event.press_release,
            name=settings.caller_name,
            organisation=settings.organisation,
            phone=settings.caller_phone,
        )
        subject = i18n.t("handoff.bcc_subject", lang, title=event.title)
        everyone = ", ".join(s.email for s in reachable)
        message = mail.draft("", subject, body, ics, release, bcc=everyone)
        mail.write_draft(folder, i18n.t("handoff.bcc_name", lang), message)
        batch.drafts = 1
        return batch
    for state in reachable:
        language = book.script_language(state.who, event)
        try:
            rendered = render_event(event, state.who, settings, language, "resend")
        except TemplateProblem:
            batch.left_out.append(state.name or state.label)
            continue
        message = mail.draft(state.email, rendered.email_subject, rendered.email_body, ics, release)
        mail.write_draft(folder, state.name or state.label, message)
        batch.drafts += 1
    return batch


def material_drafts(
    event: Event,
    absent: Sequence[DoorEntry],
    directory: dict[int, Outlet],
    contacts: dict[int, Contact],
    settings: Settings,
    folder: Path,
    *,
    bcc: bool = False,
    release: Path | None = None,
) -> Batch:
    """After the event: the press kit (the communiqué, an offer of interviews) to the
    outlets that confirmed and did not come. One draft per outlet, in its language,
    to its confirmed people (or its newsroom's address), or one message in Bcc."""
    batch = Batch(folder)
    by_outlet: dict[int | None, list[DoorEntry]] = {}
    for entry in absent:
        by_outlet.setdefault(entry.outlet_id, []).append(entry)
    drafts: list[tuple[str, str, str]] = []  # (label, addresses, language)
    for outlet_id, entries in by_outlet.items():
        outlet = directory.get(outlet_id) if outlet_id is not None else None
        people = (contacts.get(e.contact_id) for e in entries if e.contact_id is not None)
        emails = [c.email for c in people if c is not None and c.email]
        if not emails and outlet is not None and outlet.email:
            emails = [outlet.email]
        label = entries[0].outlet or (outlet.name if outlet else "")
        if not emails:
            batch.left_out.append(label)
            continue
        lang = _language_of(outlet, event)
        drafts.append((label, ", ".join(dict.fromkeys(emails)), lang))
    if not drafts:
        return batch
    if bcc:
        lang = event.language.value if event.language.value in book.LANGUAGES else "fr"
        subject, body = _material_text(event, settings, lang)
        everyone = ", ".join(addresses for _, addresses, _ in drafts)
        message = mail.draft("", subject, body, None, release, bcc=everyone)
        mail.write_draft(folder, i18n.t("handoff.material.bcc_name", lang), message)
        batch.drafts = 1
        return batch
    for label, addresses, lang in drafts:
        subject, body = _material_text(event, settings, lang)
        mail.write_draft(folder, label, mail.draft(addresses, subject, body, None, release))
        batch.drafts += 1
    return batch


def _language_of(outlet: Outlet | None, event: Event) -> str:
    spoken = outlet.language.value if outlet is not None else ""
    if spoken in book.LANGUAGES:
        return spoken
    return event.language.value if event.language.value in book.LANGUAGES else "fr"


def _material_text(event: Event, settings: Settings, lang: str) -> tuple[str, str]:
    subject = i18n.t("handoff.material.subject", lang, title=event.title)
    body = i18n.t(
        "handoff.material.body",
        lang,
        title=event.title,
        when=format_when(event.start, lang),
        release=event.press_release,
        name=settings.caller_name,
        organisation=settings.organisation,
        phone=settings.caller_phone,
    )
    return subject, body
