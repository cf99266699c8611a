"""The stylesheet parsed once per text and theme, not once per `Stylesheet`.

Textual parses every CSS source again in each `Stylesheet` it makes, and it makes
new ones while the app starts (a copy to read the files into, then `refresh_css`,
which also clears the old one's cache): the app's own sheet was parsed three times
before the first card was drawn, 22 ms each (docs/performance.md). Parsed rules
depend only on the CSS text, where it was read from, its scope and the theme's
variables; they are kept here for the life of the process under exactly that. A
theme with other colours is other variables: parsed for it, as Textual would.

Textual is pinned (pyproject.toml); `install` leaves it as it is if the method it
wraps is not there.
"""

from __future__ import annotations

from typing import Any

from textual.css.stylesheet import Stylesheet

_ORIGINAL = getattr(Stylesheet, "_parse_rules", None)
_PARSED: dict[tuple[object, ...], Any] = {}
_KEY_ATTRIBUTE = "_relance_variables_key"


def _variables_key(stylesheet: Stylesheet) -> tuple[object, ...]:
    """The stylesheet's variables, as a key (worked out once per set of variables)."""
    variables = stylesheet._variables
    kept = getattr(stylesheet, _KEY_ATTRIBUTE, None)
    if kept is None or kept[0] is not variables:
        kept = (variables, tuple(sorted(variables.items())))
        setattr(stylesheet, _KEY_ATTRIBUTE, kept)
    return kept[1]


def _parse_rules_once(
    self: Stylesheet,
    css: str,
    read_from: Any,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> Any:
    key = (css, read_from, is_default_rules, tie_breaker, scope, _variables_key(self))
    rules = _PARSED.get(key)
    if rules is None:
        assert _ORIGINAL is not None
        rules = _ORIGINAL(self, css, read_from, is_default_rules, tie_breaker, scope)
        _PARSED[key] = rules  # a parse that raised is not kept: it raises again
    return rules


def install() -> None:
    if _ORIGINAL is not None:
        Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]
