"""What a render gives back, apart from the text: why it failed, what it printed.

Kept apart from `sandbox` so that the app can read a render's result without
importing Jinja (the render process has it; the app's start does not need it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fault:
    """Why a template did not render: a kind, Jinja's message, the 1-based line."""

    kind: str  # syntax, unknown_filter, undefined, unsafe, too_long, too_big, error
    message: str
    line: int | None = None


@dataclass(frozen=True)
class Printed:
    """A variable the template prints outside any `{% if %}` about it."""

    line: int
    path: str  # as written: "appelant.nom"
