"""The lines of the call card, as text: outlet, contact, phone, flags, notes, outlet status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from relance_tui import i18n
from relance_tui.core.calls.air_times import format_air_time
from relance_tui.core.calls.queue import TargetState
from relance_tui.core.dates import format_soon
from relance_tui.core.media.reach import describe_all
from relance_tui.core.models import Outcome
from relance_tui.core.phones import format_phone
from relance_tui.core.script.book import spoken_languages


def digits(phone: str) -> str:
    """The phone as the big digits can draw it (digits, spaces, dashes, a country's +)."""
    kept = "".join(ch for ch in phone if ch.isdigit() or ch in " -+")
    return kept.strip() or "—"


@dataclass(frozen=True)
class CardText:
    outlet: str
    contact: str
    digits: str
    extension: str
    phone: str  # as text too: selectable, and read by screen readers
    meta: str
    notes: str
    answered: str  # "CIBL 101,5 a déjà confirmé — …", or empty


def card_text(
    state: TargetState,
    answered: TargetState | None,
    now: datetime,
    lang: str,
    record: str = "",
    whose: str = "",
) -> CardText:
    outlet = state.outlet.name if state.outlet else ""
    show = ""
    if state.show:
        show = f" · {state.show.name}"
        if state.show.air_time:
            air_time = format_air_time(state.show.air_time, lang)
            show += f" ({i18n.t('calls.on_air', air_time=air_time)})"
    if state.contact is not None:
        who = f"{state.contact.name} — {i18n.t('role.' + state.contact.role.value)}"
        if state.contact.pronunciation:
            who += f"  ({state.contact.pronunciation})"
    else:
        who = i18n.t("role.newsroom")
    who += f"  [{spoken_languages(state.who)}]"
    phone, extension = state.phone
    warmth = i18n.t(f"warmth.{max(0, min(3, state.warmth))}")
    meta = [state.email or i18n.t("calls.no_email"), "★" * state.warmth + f" {warmth}"]
    if whose:  # a callback due: whose promise it is ("votre rappel", "rappel d'Alex")
        meta.insert(0, whose)
    if state.do_not_call:
        meta.append(i18n.t("calls.flag.do_not_call"))
    if state.contact and state.contact.to_fix:
        meta.append(i18n.t("calls.flag.to_fix"))
    if state.calls:
        meta.append(i18n.t("calls.attempts", count=state.calls))
    if record:  # how often this outlet came to past events
        meta.append(record)
    notes = []
    if state.contact and state.contact.others:  # the cell when the desk does not answer
        notes.append(i18n.t("calls.notes.others", others=describe_all(state.contact.others, lang)))
    if state.contact and state.contact.notes.strip():
        notes.append(i18n.t("calls.notes.contact", note=state.contact.notes.strip()))
    if state.outlet and state.outlet.notes.strip():
        notes.append(i18n.t("calls.notes.outlet", outlet=outlet, note=state.outlet.notes.strip()))
    answer = ""
    if answered is not None and answered.last is not None:
        declined = answered.last.outcome is Outcome.DECLINED
        answer = i18n.t(
            f"calls.answered.{answered.last.outcome.value}",
            outlet=answered.show.name if declined and answered.show else outlet,
            who=answered.name or i18n.t("role.newsroom"),
            when=format_soon(answered.last.at, now, lang),
        )
    return CardText(
        outlet=f"{outlet}{show}",
        contact=who,
        digits=digits(format_phone(phone, "", lang)),
        extension=i18n.t("calls.extension", ext=extension) if extension else "",
        phone=format_phone(phone, extension, lang),
        meta="  ·  ".join(meta),
        notes="\n".join(notes),
        answered=answer,
    )
