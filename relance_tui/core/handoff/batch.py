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
from relance_tui.core.handoff import mail
from relance_tui.core.handoff.calendar import event_ics
from relance_tui.core.models import Event, Settings
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
) -> Batch:
    batch = Batch(folder)
    release, _ = mail.release_of(event)
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
            rendered = render_event(event, state.who, settings, language)
        except TemplateProblem:
            batch.left_out.append(state.name or state.label)
            continue
        message = mail.draft(state.email, rendered.email_subject, rendered.email_body, ics, release)
        mail.write_draft(folder, state.name or state.label, message)
        batch.drafts += 1
    return batch
