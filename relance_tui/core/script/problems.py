"""What went wrong in a template, said in the user's language, with the fix.

Jinja2 reports in English ("Unexpected end of template. Jinja was looking for
the following tags: 'elif' or 'else' or 'endif'…"). The common mistakes are
recognised here and said plainly, with the line; anything else is named by its
kind only, so no English Jinja text reaches a French screen.
"""

from __future__ import annotations

import re

from relance_tui import i18n
from relance_tui.core.errors import RelanceError
from relance_tui.core.script import variables
from relance_tui.core.script.results import Fault, Printed

_UNCLOSED = re.compile(r"innermost block that needs to be closed is '(?P<tag>\w+)'")
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '(?P<tag>\w+)'")
_UNKNOWN_FILTER = re.compile(r"No (?P<what>filter|test) named '(?P<name>\w+)'")
_UNDEFINED_ATTR = re.compile(r"has no attribute '(?P<attr>[^']+)'")
_UNDEFINED_NAME = re.compile(r"'(?P<name>[^']+)' is undefined")
_OPENERS = {"if": "if", "for": "for", "block": "block", "macro": "macro", "raw": "raw"}
_CLOSERS = {"endif": "if", "endfor": "for", "else": "if", "elif": "if", "endblock": "block"}


class TemplateProblem(RelanceError):
    """A template that cannot render; `line` is 1-based when known."""

    key = "template.problem"

    def __init__(self, detail: str, line: int | None, template: str = "") -> None:
        super().__init__(detail=detail, line=line or "?")
        self.detail = detail
        self.line = line
        self.template = template  # which template: talking_points, email_body…

    def __str__(self) -> str:
        return super().__str__() if self.line else self.detail


def _written_path(source: str, line: int | None, attr: str) -> str | None:
    """The whole dotted name the writer typed on that line ("contact.prenon")."""
    lines = source.splitlines()
    if line and 0 < line <= len(lines):
        written = re.search(rf"([^\W\d][\w]*)\.{re.escape(attr)}\b", lines[line - 1])
        if written:
            return f"{written.group(1)}.{attr}"
    return None


def _undefined(fault: Fault, source: str) -> str:
    match = _UNDEFINED_ATTR.search(fault.message)
    if match:
        attr = match.group("attr")
        path = _written_path(source, fault.line, attr)
        if path is None:
            return i18n.t("template.unknown_name", name=attr)
        group, _, name = path.partition(".")
        known = variables.names_of(group)
        if name in known:  # a known name on an object that is not there
            if variables.canonical_group(group) == "show":
                return i18n.t("template.no_show", name=path)
            return i18n.t("template.unknown_name", name=path)
        guess = variables.suggest(name, known)
        if guess:
            return i18n.t("template.did_you_mean", name=path, guess=f"{group}.{guess}")
        return i18n.t("template.unknown_name", name=path)
    match = _UNDEFINED_NAME.search(fault.message)
    name = match.group("name") if match else "?"
    guess = variables.suggest(name, variables.all_group_names())
    if guess:
        return i18n.t("template.did_you_mean", name=name, guess=guess)
    return i18n.t("template.unknown_name", name=name)


def _syntax(fault: Fault) -> str:
    message = fault.message
    unclosed = _UNCLOSED.search(message)
    unknown = _UNKNOWN_TAG.search(message)
    if unknown and unknown.group("tag") in _CLOSERS and unclosed:
        # {% endif %} inside a {% for %}: the for must be closed first.
        return i18n.t(
            "template.error.nesting", tag=unknown.group("tag"), open=unclosed.group("tag")
        )
    if unclosed and "end of template" in message.lower():
        tag = unclosed.group("tag")
        return i18n.t("template.error.unclosed", tag=tag, end=f"end{_OPENERS.get(tag, tag)}")
    if unknown:
        tag = unknown.group("tag")
        if tag in _CLOSERS:
            return i18n.t("template.error.closer_alone", tag=tag, open=_CLOSERS[tag])
        return i18n.t("template.error.unknown_tag", tag=tag)
    if "end of print statement" in message or "unexpected '}'" in message:
        return i18n.t("template.error.print_unclosed")
    if message.startswith("unexpected char"):
        return i18n.t("template.error.quote")
    if "end of comment" in message:
        return i18n.t("template.error.comment", opener="{#", closer="#}")
    return i18n.t("template.error.syntax")


def describe(fault: Fault, source: str, template: str = "") -> TemplateProblem:
    """The problem, in the user's language, for a fault of `source`."""
    kind = fault.kind
    if kind == "syntax":
        detail = _syntax(fault)
    elif kind == "unknown_filter":
        match = _UNKNOWN_FILTER.search(fault.message)
        what = match.group("what") if match else "filter"
        detail = i18n.t(
            f"template.error.unknown_{what}", name=match.group("name") if match else "?"
        )
    elif kind == "unbalanced":
        opener = "{{" if fault.message == "}}" else "{%"
        detail = i18n.t("template.error.unbalanced", closer=fault.message, opener=opener)
    elif kind == "undefined":
        detail = _undefined(fault, source)
    elif kind == "unsafe":
        detail = i18n.t("template.unsafe")
    elif kind == "too_slow":
        detail = i18n.t("template.too_slow", seconds=2)
    elif kind in ("too_big", "too_long"):
        detail = i18n.t(f"template.{kind}")
    else:
        detail = i18n.t("template.error.other")
    return TemplateProblem(detail, fault.line, template)


def empty_warnings(
    printed: list[Printed], context: dict[str, object], settings_key: str = ""
) -> list[str]:
    """One line per variable printed while empty: "ligne 1 : le nom de l'appelant est
    vide — Paramètres (ctrl+g)" (`settings_key`: the key that opens the settings)."""
    warnings: list[str] = []
    seen: set[str] = set()
    for item in printed:
        group, _, name = item.path.partition(".")
        value = context.get(group)
        if not isinstance(value, dict) or value.get(name, None) != "":
            continue
        variable = variables.resolve(item.path)
        # Only what the caller can fill in: a newsroom line has no first name, rightly.
        if variable is None or variable.group not in ("caller", "event") or item.path in seen:
            continue
        seen.add(item.path)
        what = i18n.t(f"var.{variable.group}.{variable.name}")
        warning = i18n.t("template.empty", line=item.line, what=what)
        if variable.group == "caller":
            warning += " — " + i18n.t("template.fill_in_settings")
            warning += f" ({settings_key})" if settings_key else ""
        warnings.append(warning)
    return warnings
