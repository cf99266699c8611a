"""The stylesheet parsed once per text and theme, not once per `Stylesheet`.

Textual parses every CSS source again in each `Stylesheet` it makes, and it makes
new ones while the app starts (a copy to read the files into, then `refresh_css`,
which also clears the old one's cache): the app's own sheet was parsed three times
before the first card was drawn, 22 ms each (docs/performance.md). Parsed rules
depend only on the CSS text, where it was read from, its scope and the theme's
variables; they are kept here for the life of the process under exactly that. A
theme with other colours is other variables: parsed for it, as Textual would.

`Stylesheet._parse_rules` is a private name: Textual keeps its own parse cache per
`Stylesheet` (Textualize/textual#3575), cleared with every new sheet; nothing public
shares it between them. Textual is pinned (pyproject.toml); `make_app` installs the
wrapper (never an import), and `install` leaves Textual as it is when the method is
not the one it wraps (its parameters differ). tests/ui/test_css_once.py pins what
the wrapper relies on.
"""

from __future__ import annotations

import inspect
from typing import Any

from textual.css.stylesheet import Stylesheet

_ORIGINAL = getattr(Stylesheet, "_parse_rules", None)
_PARSED: dict[tuple[object, ...], Any] = {}
_KEY_ATTRIBUTE = "_relance_variables_key"
PARAMETERS = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]


def _variables_key(stylesheet: Stylesheet) -> tuple[object, ...]:
    """The stylesheet's variables, as a key (worked out once per set of variables)."""
    variables = stylesheet._variables  # what `Stylesheet.set_variables` sets: pinned by a test
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


def wraps_this_textual() -> bool:
    """Whether Textual's method is the one the wrapper was written for."""
    if _ORIGINAL is None:
        return False
    return list(inspect.signature(_ORIGINAL).parameters) == PARAMETERS


def install() -> None:
    """Parse each stylesheet once for the process (idempotent; `make_app` calls it)."""
    if wraps_this_textual():
        Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]
