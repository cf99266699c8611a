"""Talking points and reminder email: Jinja2 in its sandbox, strict about names.

A template error never reaches the screen as a traceback: `TemplateProblem`
carries the line and a plain message in the user's language.
"""

from __future__ import annotations

import operator
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from relance_tui import i18n
from relance_tui.core.calls.timing import format_clock, format_when
from relance_tui.core.errors import RelanceError
from relance_tui.core.media.phones import format_phone
from relance_tui.core.models import Contact, Event, Outlet, Role, Settings, Show, Target
from relance_tui.core.store.store import Store
from relance_tui.core.who import Who, who_is

TIME_LIMIT_S = 2.0
MAX_SEQUENCE = 100_000  # longest string or list a template may build with * or **


class _LimitedSandbox(SandboxedEnvironment):
    """The sandbox, plus limits on `*` and `**` so "x" * 10**9 cannot eat the memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "**":
            if isinstance(right, int | float) and abs(right) > 100:
                raise SecurityError("exponent too large")
            return operator.pow(left, right)
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                if len(sequence) * times > MAX_SEQUENCE:
                    raise SecurityError("sequence too long")
        return operator.mul(left, right)


_ENV = _LimitedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def _day_words(moment: Any, lang: str) -> str:
    return format_when(moment, lang).rsplit(",", 1)[0]


# Date filters for the event's start in either language, whatever the UI's:
# {{ event.start | date_fr }} -> "samedi 28 novembre"; {{ event.start | time_en }} -> "10:30 AM".
_ENV.filters.update(
    {
        "date_fr": lambda moment: _day_words(moment, "fr"),
        "date_en": lambda moment: _day_words(moment, "en"),
        "heure_fr": lambda moment: format_clock(moment, "fr"),
        "time_en": lambda moment: format_clock(moment, "en"),
        "quand_fr": lambda moment: format_when(moment, "fr"),
        "when_en": lambda moment: format_when(moment, "en"),
    }
)
_UNDEFINED_ATTR = re.compile(r"'(?P<obj>[^']+)' (?:object )?has no attribute '(?P<attr>[^']+)'")
_UNDEFINED_NAME = re.compile(r"'(?P<name>[^']+)' is undefined")


class TemplateProblem(RelanceError):
    """A template that cannot render; `line` is 1-based when known."""

    key = "template.problem"

    def __init__(self, detail: str, line: int | None) -> None:
        super().__init__(detail=detail, line=line or "?")
        self.detail = detail
        self.line = line

    def __str__(self) -> str:
        return super().__str__() if self.line else self.detail


@dataclass(frozen=True)
class Rendered:
    talking_points: str
    email_subject: str
    email_body: str


def template_context(
    event: Event,
    contact: Contact | None,
    outlet: Outlet | None,
    show: Show | None,
    settings: Settings,
) -> dict[str, Any]:
    """The variables a template sees (documented on the Script screen)."""
    lang = event.language.value if event.language.value in i18n.LANGUAGES else "fr"
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
    return {
        "contact": contact_vars,
        "outlet": {
            "name": outlet.name if outlet else "",
            "kind": i18n.t(f"kind.{outlet.kind.value}", lang) if outlet else "",
            "email": outlet.email if outlet else "",
        },
        "show": {"name": show.name, "air_time": show.air_time} if show else None,
        "event": {
            "title": event.title,
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
        },
    }


def _plain_message(exc: TemplateError, source: str, line: int | None) -> str:
    text = str(exc.message or exc)
    if isinstance(exc, UndefinedError):
        match = _UNDEFINED_ATTR.search(text)
        if match:
            attr = match.group("attr")
            # Name the whole path the caller wrote ("contact.prenom"), not just "prenom".
            lines = source.splitlines()
            if line and 0 < line <= len(lines):
                written = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(attr)}\b", lines[line - 1])
                if written:
                    attr = f"{written.group(1)}.{attr}"
            return i18n.t("template.unknown_attr", name=attr)
        match = _UNDEFINED_NAME.search(text)
        if match:
            return i18n.t("template.unknown_name", name=match.group("name"))
    if isinstance(exc, SecurityError):
        return i18n.t("template.unsafe")
    if isinstance(exc, TemplateSyntaxError):
        return i18n.t("template.syntax", detail=text)
    return text


def _line_of(exc: BaseException, source: str) -> int | None:
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


class _TimeUp(Exception):
    pass


def _deadline_tracer(deadline: float) -> Callable[[FrameType, str, Any], Any]:
    """A trace function that stops the rendering thread once `deadline` has passed.

    Compiled templates are Python code, so a line tracer sees every loop turn,
    even in loops that produce no output.
    """

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        if time.monotonic() > deadline:
            raise _TimeUp()
        return tracer

    return tracer


def render(source: str, context: dict[str, Any], time_limit: float = TIME_LIMIT_S) -> str:
    """Render one template; raise TemplateProblem (with its line) when it cannot.

    Rendering stops after `time_limit` seconds, so a runaway template cannot
    freeze the thread that renders it.
    """
    previous = sys.gettrace()
    sys.settrace(_deadline_tracer(time.monotonic() + time_limit))
    try:
        return _ENV.from_string(source).render(context)
    except _TimeUp:
        raise TemplateProblem(i18n.t("template.too_slow", seconds=time_limit), None) from None
    except MemoryError:
        raise TemplateProblem(i18n.t("template.too_big"), None) from None
    except TemplateError as exc:
        line = _line_of(exc, source)
        raise TemplateProblem(_plain_message(exc, source, line), line) from None
    except Exception as exc:  # a filter's own failure (even an assert) must not crash us
        raise TemplateProblem(str(exc) or type(exc).__name__, _line_of(exc, source)) from None
    finally:
        sys.settrace(previous)


def render_event(event: Event, context: dict[str, Any]) -> Rendered:
    return Rendered(
        talking_points=render(event.talking_points, context),
        email_subject=render(event.email_subject, context).strip(),
        email_body=render(event.email_body, context),
    )


def context_for_target(store: Store, event: Event, target_id: int | None) -> dict[str, Any]:
    """The variables for one target of the call list (or a bare newsroom line if none)."""
    target = store.get(Target, target_id) if target_id is not None else None
    if target is None:
        return template_context(event, None, None, None, store.settings())
    return who_context(event, who_is(store, target), store.settings())


def who_context(event: Event, who: Who, settings: Settings) -> dict[str, Any]:
    """The variables for a resolved target."""
    return template_context(event, who.contact, who.outlet, who.show, settings)


def sample_context(store: Store, event: Event) -> dict[str, Any]:
    """The variables for the first target of the event's call list."""
    assert event.id is not None
    targets = store.targets(event.id)
    return context_for_target(store, event, targets[0].id if targets else None)
