"""The columns of the media list's table (Listes) and the width each would like."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from relance_tui import i18n
from relance_tui.core.media.search import MediaRow
from relance_tui.core.models import Role
from relance_tui.ui.columns import Column, natural_width

COLUMN_KEYS = (
    "col.in_list",
    "col.name",
    "col.role",
    "col.outlet",
    "col.show",
    "col.phone",
    "col.warmth",
)


def media_columns(rows: Sequence[MediaRow]) -> list[Column]:
    """The columns and the width each would like; name, outlet and phone keep theirs
    longest, the show first gives up width, the role turns to its short label."""
    header = {key: i18n.t(key) for key in COLUMN_KEYS}
    phones = (
        12 + (len(r.contact.extension) + 4 if r.contact and r.contact.extension else 0)
        for r in rows
    )
    natural = natural_width
    names = (r.contact.name for r in rows if r.contact)
    outlets = (r.outlet.name for r in rows)
    shows = (r.show.name for r in rows if r.show)
    roles = [i18n.t(f"role.{role.value}") for role in Role]
    short_roles = [i18n.t(f"role_short.{role.value}") for role in Role]
    # Everyone first down to a comfortable width (the show and the role first), then
    # to a floor: the name keeps the most, a phone is never cut.
    return [
        Column("col.in_list", 3, 3),
        Column("col.name", natural(header["col.name"], names), 16, 1, floor=10),
        Column(
            "col.role",
            natural(header["col.role"], roles),
            natural(header["col.role"], short_roles),
            4,
            floor=6,
        ),
        Column("col.outlet", natural(header["col.outlet"], outlets), 14, 3, floor=8),
        Column("col.show", natural(header["col.show"], shows, 30), 12, 5, floor=0),
        Column("col.phone", max([cell_len(header["col.phone"]), 12, *phones]), 12, 2),
        Column("col.warmth", cell_len(header["col.warmth"]), 3, 6),
    ]
