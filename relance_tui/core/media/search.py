"""The rows of the media list (what Listes shows) and the search as you type."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from relance_tui import i18n
from relance_tui.core.models import (
    Contact,
    Outlet,
    OutletKind,
    Role,
    Show,
)
from relance_tui.core.text import fold, fold_once


@dataclass(slots=True)  # 20,000 of them at agency scale: no dict each
class MediaRow:
    """One line of the media list: a contact, or an outlet's newsroom line."""

    outlet: Outlet
    contact: Contact | None = None
    show: Show | None = None
    haystack: str = field(default="", repr=False)
    key: str = field(default="", init=False)

    def __post_init__(self) -> None:
        # Computed once: the search and the table compare keys on every keystroke.
        self.key = f"c{self.contact.id}" if self.contact else f"o{self.outlet.id}"

    @property
    def do_not_call(self) -> bool:
        return self.contact.do_not_call if self.contact else self.outlet.do_not_call

    @property
    def role(self) -> Role:
        return self.contact.role if self.contact else Role.NEWSROOM


def media_rows(
    outlets: Iterable[Outlet], shows: Iterable[Show], contacts: Iterable[Contact]
) -> list[MediaRow]:
    """Every outlet's newsroom line and every contact, with a folded text to search."""
    shows_by_id = {s.id: s for s in shows}
    by_outlet: dict[int | None, list[Contact]] = {}
    for contact in contacts:
        if not contact.deleted:
            by_outlet.setdefault(contact.outlet_id, []).append(contact)
    rows: list[MediaRow] = []
    newsroom = i18n.t("role.newsroom")
    for outlet in sorted(outlets, key=lambda o: fold(o.name)):
        if outlet.deleted:
            continue
        outlet_text = " ".join(
            [outlet.name, outlet.group, outlet.region, " ".join(outlet.tags), outlet.notes]
        )
        people = by_outlet.get(outlet.id, [])
        # A freelance journalist is their own newsroom: no second line for it.
        if not (people and outlet.kind is OutletKind.FREELANCE):
            haystack = fold_once(f"{outlet_text} {newsroom}")
            rows.append(MediaRow(outlet=outlet, haystack=haystack))
        for contact in sorted(people, key=lambda c: fold(c.name)):
            show = shows_by_id.get(contact.show_id)
            text = " ".join(
                [contact.name, contact.email, contact.notes, show.name if show else "", outlet_text]
            )
            haystack = fold_once(text)
            rows.append(MediaRow(outlet=outlet, contact=contact, show=show, haystack=haystack))
    return rows


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    region: str = ""
    language: str = ""
    tag: str = ""
    min_warmth: int = 0
    role: str = ""
    to_fix: bool = False  # only contacts whose details are to be fixed (wrong number...)
    stale_only: bool = False  # only what is « à vérifier », the oldest verified first
    stale: tuple[str, ...] = ()  # those rows' keys, in that order (core.media.freshness)

    @property
    def active(self) -> bool:
        return self != Filters()


def search(rows: Sequence[MediaRow], query: str, filters: Filters = Filters()) -> list[MediaRow]:
    """Rows whose text holds every word of `query` (accents and case ignored), filtered."""
    found = [row for row in rows if _passes(row, filters)] if filters.active else list(rows)
    if filters.stale_only:  # « à vérifier » alone, the oldest verified first
        order = {key: place for place, key in enumerate(filters.stale)}
        found = sorted((r for r in found if r.key in order), key=lambda r: order[r.key])
    for word in fold(query).split():  # one pass a word: the list narrows as it goes
        found = [row for row in found if word in row.haystack]
    return found


def _passes(row: MediaRow, filters: Filters) -> bool:
    outlet = row.outlet
    return not (
        (filters.kind and outlet.kind.value != filters.kind)
        or (filters.language and outlet.language.value not in (filters.language, "both"))
        or (filters.region and fold(outlet.region) != fold(filters.region))
        or (filters.tag and fold(filters.tag) not in {fold(t) for t in outlet.tags})
        or outlet.warmth < filters.min_warmth
        or (filters.role and row.role.value != filters.role)
        or (filters.to_fix and not (row.contact and row.contact.to_fix))
    )
