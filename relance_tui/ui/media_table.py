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
    roles = [i18n.t(f"role.{role.value}") for role in Role]
    short_roles = [i18n.t(f"role_short.{role.value}") for role in Role]
    return [
        Column("col.in_list", 3, 3),
        Column(
            "col.name",
            natural_width(header["col.name"], (r.contact.name for r in rows if r.contact)),
            12,
            1,
        ),
        Column(
            "col.role",
            natural_width(header["col.role"], roles),
            natural_width(header["col.role"], short_roles, 12),
            4,
        ),
        Column(
            "col.outlet",
            natural_width(header["col.outlet"], (r.outlet.name for r in rows)),
            12,
            2,
        ),
        Column(
            "col.show",
            natural_width(header["col.show"], (r.show.name for r in rows if r.show), 30),
            12,
            5,
        ),
        Column("col.phone", max([cell_len(header["col.phone"]), 12, *phones]), 12, 2),
        Column("col.warmth", cell_len(header["col.warmth"]), 3, 6),
    ]
