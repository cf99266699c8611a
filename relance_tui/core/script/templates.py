"""Talking points, reminder email and voicemail: rendering, and what a template sees.

Templates render in Jinja2's sandbox, in a separate process (render_process.py)
so a template can never hang or bloat the app; a template error never reaches
the screen as a traceback: `TemplateProblem` carries the line and a plain
message in the user's language (problems.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from relance_tui import i18n
from relance_tui.core.dates import format_clock, format_when
from relance_tui.core.models import (
    Contact,
    Event,
    EventKind,
    Outlet,
    Role,
    Settings,
    Show,
    Target,
)
from relance_tui.core.phones import format_phone, spelled_groups
from relance_tui.core.script import book, wording
from relance_tui.core.script.problems import TemplateProblem, describe, empty_warnings
from relance_tui.core.script.render_process import TIME_LIMIT_S, default_renderer
from relance_tui.core.script.results import Fault
from relance_tui.core.script.variables import with_aliases
from relance_tui.core.store.store import Store
from relance_tui.core.who import Who, who_is

__all__ = ["TIME_LIMIT_S", "Rendered", "Script", "TemplateProblem", "render", "render_checked"]


@dataclass(frozen=True)
class Rendered:
    talking_points: str
    email_subject: str
    email_body: str


@dataclass(frozen=True)
class Checked:
    """A rendered template and the variables it printed while they were empty."""

    text: str
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Script:
    """What the card shows for one template: the text, or why there is none.

    `stale`: the draft has an error, this is the last version that rendered.
    """

    text: str
    lang: str
    stale: bool = False
    problem: TemplateProblem | None = None
    warnings: list[str] = field(default_factory=list)


def _day_words(moment: Any, lang: str) -> str:
    return format_when(moment, lang).rsplit(",", 1)[0]


def template_context(
    event: Event,
    contact: Contact | None,
    outlet: Outlet | None,
    show: Show | None,
    settings: Settings,
    lang: str = "",
    situation: str = "before",
) -> dict[str, Any]:
    """The variables a template sees (documented on the Script screen); `situation`:
    what the email follows (wording.situation_of)."""
    lang = lang or book.event_language(event)
    press_conference = event.kind is EventKind.PRESS_CONFERENCE
    if contact is not None:
        contact_vars = {
            "name": contact.name,
            "first_name": contact.first_name,
            "role": i18n.t(f"role.{contact.role.value}", lang),
            "phone": format_phone(contact.phone, contact.extension, lang),
            "email": contact.email,
            "pronunciation": contact.pronunciation,
        }
    else:  # an outlet's newsroom line
        contact_vars = {
            "name": "",
            "first_name": "",
            "role": i18n.t(f"role.{Role.NEWSROOM.value}", lang),
            "phone": format_phone(outlet.phone, outlet.extension, lang) if outlet else "",
            "email": outlet.email if outlet else "",
            "pronunciation": "",
        }
    and_word = " et " if lang == "fr" else " and "
    people = event.spokespeople
    spokespeople = (
        and_word.join([", ".join(people[:-1]), people[-1]]) if len(people) > 1 else "".join(people)
    )
    return with_aliases(
        {
            "contact": contact_vars,
            "outlet": {
                "name": outlet.name if outlet else "",
                "kind": i18n.t(f"kind.{outlet.kind.value}", lang) if outlet else "",
                "email": outlet.email if outlet else "",
                "someone": wording.someone_from(
                    outlet.name if outlet else "", show.name if show else "", lang
                ),
            },
            "show": {"name": show.name, "air_time": show.air_time} if show else None,
            "event": {
                "title": event.title,
                "title_quoted": wording.quoted(event.title, lang),
                "is_press_conference": press_conference,
                "start": event.start,
                "when": format_when(event.start, lang),
                "date": _day_words(event.start, lang),
                "time": format_clock(event.start, lang),
                "venue": event.venue,
                "address": event.address,
                "spokespeople": spokespeople,
                "visuals": event.visuals,
                "press_release": event.press_release.strip(),
            },
            "caller": {
                "name": settings.caller_name,
                "organisation": settings.organisation,
                "phone": settings.caller_phone,
                "phone_spelled": spelled_groups(settings.caller_phone, lang),
            },
            "call": {
                "situation": situation,
                "opening": wording.opening(situation, event.title, press_conference, lang),
                "subject_prefix": wording.subject_prefix(situation, lang),
            },
        }
    )


def render_checked(
    source: str, context: dict[str, Any], lang: str, template: str = "", settings_key: str = ""
) -> Checked:
    """Render one template in the render process; TemplateProblem (with its line)
    when it cannot, in at most TIME_LIMIT_S seconds."""
    result = default_renderer().render(source, context, lang)
    if isinstance(result, Fault):
        raise describe(result, source, template)
    text, printed = result
    return Checked(text, empty_warnings(printed, context, settings_key))


def render(source: str, context: dict[str, Any], lang: str = "fr", template: str = "") -> str:
    """The rendered text of one template (see render_checked)."""
    return render_checked(source, context, lang, template).text


def render_script(event: Event, name: str, who: Who, settings: Settings, lang: str) -> Script:
    """One template of the event for one target, as calls use it: the last good
    version, flagged stale when the draft is broken."""
    context = template_context(event, who.contact, who.outlet, who.show, settings, lang)
    source = book.good(event, lang, name)
    stale = book.is_broken(event, lang, name)
    try:
        checked = render_checked(source, context, lang, name)
    except TemplateProblem as problem:
        return Script("", lang, stale, problem)
    return Script(checked.text.strip(), lang, stale, None, checked.warnings)


def render_event(
    event: Event, who: Who, settings: Settings, lang: str, situation: str = "before"
) -> Rendered:
    """The reminder email (and talking points) for one target, worded for what the
    email follows (`situation`); TemplateProblem naming the template that failed."""
    context = template_context(event, who.contact, who.outlet, who.show, settings, lang, situation)
    texts = {
        name: render(book.good(event, lang, name), context, lang, name)
        for name in ("talking_points", "email_subject", "email_body")
    }
    return Rendered(
        talking_points=texts["talking_points"],
        email_subject=texts["email_subject"].strip(),
        email_body=texts["email_body"],
    )


def context_for_target(
    store: Store, event: Event, target_id: int | None, lang: str = ""
) -> dict[str, Any]:
    """The variables for one target of the call list (or a bare newsroom line if none)."""
    target = store.get(Target, target_id) if target_id is not None else None
    if target is None:
        return template_context(event, None, None, None, store.settings(), lang)
    return who_context(event, who_is(store, target), store.settings(), lang)


def who_context(event: Event, who: Who, settings: Settings, lang: str = "") -> dict[str, Any]:
    """The variables for a resolved target."""
    return template_context(event, who.contact, who.outlet, who.show, settings, lang)


def sample_context(store: Store, event: Event, lang: str = "") -> dict[str, Any]:
    """The variables for the first target of the event's call list."""
    assert event.id is not None
    targets = store.targets(event.id)
    return context_for_target(store, event, targets[0].id if targets else None, lang)
