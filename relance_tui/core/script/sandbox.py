"""Jinja2's sandbox, with limits, and what one render reports.

This module runs inside the render process (render_process.py): it must stay
light to import and never touch the user's data. A failed render is reported as
a `Fault` (a kind, Jinja's own message, the line); the parent process turns it
into words in the user's language (problems.py), so no English Jinja text ever
reaches a French screen.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError, nodes
from jinja2.exceptions import SecurityError, TemplateAssertionError, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from relance_tui.core.script.results import Fault, Printed
from relance_tui.core.script.typography import finish

MAX_OUTPUT = 20_000  # characters a template may produce
MAX_SEQUENCE = 100_000  # longest string or list a template may build with * or **
MAX_INT_BITS = 4_096  # largest number a template may compute with ** or *
MAX_WIDTH = 1_000  # widths of center, ljust, format, indent…
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "format"})


class TooLong(Exception):
    """The output passed MAX_OUTPUT characters."""


def _too_big_number(value: Any) -> bool:
    return isinstance(value, int) and value.bit_length() > MAX_INT_BITS


class LimitedSandbox(SandboxedEnvironment):
    """The sandbox, plus limits on sizes a single C-level operation could blow up.

    The render process's memory limit and deadline are the real guard; these
    limits only give a clearer message, sooner, for the common cases.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "**":
            if isinstance(left, int) and isinstance(right, int):
                if right > 0 and max(left.bit_length(), 1) * right > MAX_INT_BITS:
                    raise SecurityError("number too large")
            elif isinstance(right, int | float) and abs(right) > 100:
                raise SecurityError("exponent too large")
            return operator.pow(left, right)
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                if len(sequence) * times > MAX_SEQUENCE:
                    raise SecurityError("sequence too long")
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise SecurityError("number too large")
        return operator.mul(left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        name = getattr(__obj, "__name__", "")
        if name in _WIDTH_METHODS and isinstance(getattr(__obj, "__self__", None), str):
            numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
            if any(abs(n) > MAX_WIDTH for n in numbers):
                raise SecurityError("width too large")
            if name == "format" and any(
                _too_wide_format(a) for a in (__obj.__self__, *args) if isinstance(a, str)
            ):
                raise SecurityError("width too large")
        return SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)


def _too_wide_format(spec: str) -> bool:
    digits = ""
    longest = 0
    for ch in spec:
        digits = digits + ch if ch.isdigit() else ""
        longest = max(longest, len(digits))
    return longest > 3


def _limited_indent(value: str, width: Any = 4, first: bool = False, blank: bool = False) -> str:
    if (
        isinstance(width, int)
        and width > MAX_WIDTH
        or isinstance(width, str)
        and len(width) > MAX_WIDTH
    ):
        raise SecurityError("width too large")
    from jinja2.filters import do_indent

    return do_indent(value, width, first, blank)


def _limited_center(value: str, width: int = 80) -> str:
    if width > MAX_WIDTH:
        raise SecurityError("width too large")
    return value.center(width)


def _limited_format(value: str, *args: Any, **kwargs: Any) -> str:
    if _too_wide_format(value):
        raise SecurityError("width too large")
    return value % (kwargs or args)


def _date_filter(kind: str, lang: str) -> Any:
    def apply(moment: Any) -> str:
        # Imported on first use: Babel is slow to import and most templates never need it.
        from relance_tui.core.dates import format_clock, format_when

        if kind == "clock":
            return format_clock(moment, lang)
        words = format_when(moment, lang)
        return words.rsplit(",", 1)[0] if kind == "date" else words

    return apply


ENV = LimitedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
ENV.filters.update(
    {
        "indent": _limited_indent,
        "center": _limited_center,
        "format": _limited_format,
        # Dates of the event's start in either language, whatever the UI's:
        # {{ event.start | date_fr }} -> "samedi 28 novembre"; {{ event.start | time_en }}.
        "date_fr": _date_filter("date", "fr"),
        "date_en": _date_filter("date", "en"),
        "heure_fr": _date_filter("clock", "fr"),
        "time_en": _date_filter("clock", "en"),
        "quand_fr": _date_filter("when", "fr"),
        "when_en": _date_filter("when", "en"),
    }
)


def _line_of(exc: BaseException) -> int | None:
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _unbalanced(source: str) -> Fault | None:
    """A `}}` or `%}` left in the text: a `{{` or `{%` is missing before it."""
    for line, kind, value in ENV.lex(source):
        if kind == "data":
            for closer in ("}}", "%}"):
                at = value.find(closer)
                if at >= 0:
                    return Fault("unbalanced", closer, line + value[:at].count("\n"))
    return None


_BLOCKS = ("if", "for", "block", "macro", "filter", "with", "call", "raw")


def _unclosed_line(source: str) -> int | None:
    """The line of the innermost block left open (Jinja names the template's end)."""
    stack: list[int] = []
    expect_tag = False
    try:
        for line, kind, value in ENV.lex(source):
            if kind == "whitespace":
                continue
            if kind == "block_begin":
                expect_tag = True
                continue
            if expect_tag and kind == "name":
                if value in _BLOCKS:
                    stack.append(line)
                elif value.startswith("end") and stack:
                    stack.pop()
            expect_tag = False
    except TemplateSyntaxError:
        return None
    return stack[-1] if stack else None


def _path(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        return f"{node.node.name}.{node.attr}"
    return None


def printed_variables(template: nodes.Template) -> list[Printed]:
    """Variables printed where no `{% if %}` tests them: candidates for "is empty"."""
    found: list[Printed] = []

    def walk(node: nodes.Node, guarded: frozenset[str]) -> None:
        if isinstance(node, nodes.If):
            tested = frozenset(p for n in _getattrs(node.test) if (p := _path(n)))
            walk(node.test, guarded)
            for child in (*node.body, *node.elif_, *node.else_):
                walk(child, guarded | tested)
            return
        if isinstance(node, nodes.Output):
            for expr in node.nodes:
                if isinstance(expr, nodes.TemplateData):
                    continue
                for getattr_node in _getattrs(expr):
                    path = _path(getattr_node)
                    if path and path not in guarded:
                        found.append(Printed(getattr_node.lineno, path))
            return
        for child in node.iter_child_nodes():
            walk(child, guarded)

    walk(template, frozenset())
    return found


def _getattrs(expr: nodes.Node) -> Iterator[nodes.Getattr]:
    if isinstance(expr, nodes.Getattr):
        yield expr
    yield from expr.find_all(nodes.Getattr)


@functools.lru_cache(maxsize=64)
def _compiled(source: str) -> tuple[nodes.Template, Template]:
    """Parse and compile once per source: the card renders the same text for everyone."""
    tree = ENV.parse(source)
    return tree, ENV.from_string(tree)


def render_here(
    source: str, context: dict[str, Any], lang: str
) -> tuple[str, list[Printed]] | Fault:
    """Render in this process, with the sandbox's limits; a Fault when it cannot."""
    try:
        unbalanced = _unbalanced(source)
        if unbalanced is not None:
            return unbalanced
        tree, template = _compiled(source)
        chunks: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TooLong()
            chunks.append(chunk)
        return finish("".join(chunks), lang), printed_variables(tree)
    except TooLong:
        return Fault("too_long", "", None)
    except MemoryError:
        return Fault("too_big", "", None)
    except RecursionError:
        return Fault("too_big", "", None)
    except TemplateAssertionError as exc:
        kind = "unknown_filter" if "filter" in str(exc.message) else "syntax"
        return Fault(kind, str(exc.message or exc), exc.lineno)
    except TemplateSyntaxError as exc:
        line = exc.lineno
        if "end of template" in str(exc.message) and "innermost block" in str(exc.message):
            line = _unclosed_line(source) or line
        return Fault("syntax", str(exc.message or exc), line)
    except UndefinedError as exc:
        return Fault("undefined", str(exc.message or exc), _line_of(exc))
    except SecurityError as exc:
        return Fault("unsafe", str(exc.message or exc), _line_of(exc))
    except TemplateError as exc:
        return Fault("error", str(exc.message or exc), _line_of(exc))
    except Exception as exc:  # a filter's own failure (even an assert) is the template's
        return Fault("error", str(exc) or type(exc).__name__, _line_of(exc))
