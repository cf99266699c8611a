"""Table columns that share the terminal's width.

Each column asks for its widest cell (`natural`); when the terminal is too narrow
for all of them, the columns that matter least give up width first, down to their
`minimum`, and only then is everything cut (with an ellipsis). Wide terminals show
every cell whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

PADDING = 2  # a DataTable cell's padding, one column each side
SCROLLBAR = 2


@dataclass(frozen=True)
class Column:
    key: str
    natural: int  # the widest cell, header included
    minimum: int  # comfortable: every column reaches it before any goes below
    gives_first: int = 0  # higher: narrowed sooner
    floor: int | None = None  # then down to this, in the same order (default: minimum)


def natural_width(header: str, cells: Iterable[str], cap: int = 60) -> int:
    return min(cap, max([cell_len(header), *(cell_len(cell) for cell in cells)]))


def share_widths(columns: Sequence[Column], width: int) -> dict[str, int]:
    """Each column's width for a table `width` cells wide (padding and scrollbar
    counted)."""
    room = width - SCROLLBAR - PADDING * len(columns)
    widths = {c.key: c.natural for c in columns}
    excess = sum(widths.values()) - room
    order = sorted(columns, key=lambda c: -c.gives_first)
    limits: tuple[Callable[[Column], int], ...] = (
        lambda c: c.minimum,
        lambda c: c.minimum if c.floor is None else c.floor,
    )
    for limit in limits:
        for column in order:
            if excess <= 0:
                break
            cut = max(0, min(excess, widths[column.key] - min(limit(column), column.natural)))
            widths[column.key] -= cut
            excess -= cut
    if excess > 0:  # really too narrow: the others share the loss, none below 1
        giving = (
            [c for c in columns if c.gives_first >= 0]
            or [c for c in columns if (c.floor or c.minimum) < c.natural]  # not the "whole"
            or list(columns)
        )
        total = sum(widths[c.key] for c in giving)
        for column in giving:
            share = round(excess * widths[column.key] / total) if total else 0
            widths[column.key] = max(1, widths[column.key] - share)
    return widths


# The Bilan's lists: what each column is worth when the width is short.
STEPS_OUT_LAST = ("outlet", "name")  # when even they do not fit beside the phone
GIVES = {"notes": 5, "show": 4, "role": 4, "crew": 3, "interview": 3, "said": 3, "email": 2}
MOVING_KEYS = {"up", "down", "pageup", "pagedown", "home", "end"}
# Cut last, and never below these: a phone cut is a phone nobody can dial.
KEEPS = {"phone": 0, "name": 14, "outlet": 10, "arrived": 0, "callback": 0}


def too_narrow(columns: list[Column], room: int) -> bool:
    """The columns do not fit `room` even cut to their floors (the ones kept whole,
    KEEPS, are never cut): the table needs fewer columns."""
    floors = sum(c.floor if c.floor is not None else c.minimum for c in columns)
    return floors + PADDING * len(columns) + SCROLLBAR > room


def fitted_column(key: str, header: str, cells: list[str]) -> Column:
    """A Bilan column: its widest cell, narrowed by what it is worth (GIVES, KEEPS)."""
    natural = natural_width(header, cells, 48)
    keep = KEEPS.get(key)
    if keep is None:  # down to 8, then to 4 (the status line shows the row whole)
        return Column(key, natural, 8, GIVES.get(key, 1), 4)
    floor = natural if keep == 0 else min(natural, keep)
    return Column(key, natural, floor, -1, floor)


def fit_columns(fitted: list[Column], room: int) -> tuple[list[Column], dict[str, int]]:
    """The columns that fit `room` whole, and their widths. A column that would be cut
    steps out, the least useful first (notes, then show, role...), then the outlet and
    the name; never the phone or a time. The screen shows the highlighted row whole."""
    fitted = list(fitted)
    widths = share_widths(fitted, room)
    while True:
        cut = [c for c in fitted if c.gives_first > 0 and widths[c.key] < c.natural]
        if not cut and not too_narrow(fitted, room):
            return fitted, widths
        giving = cut or [c for c in fitted if c.gives_first > 0]
        if not giving:
            giving = [c for c in fitted if c.key in STEPS_OUT_LAST][:1]
        if not giving:
            return fitted, widths
        fitted.remove(max(giving, key=lambda c: c.gives_first))
        widths = share_widths(fitted, room)
