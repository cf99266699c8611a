"""Who a call-list target is: the contact (or the newsroom line), the outlet, the show.

A target names a contact, or an outlet when it is a newsroom line; the outlet
of a contact comes through the contact, and the show through the contact too.
This is the one place that walks those links.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass

from relance_tui.core.models import Contact, Outlet, Role, Show, Target
from relance_tui.core.store.store import Store


@dataclass(frozen=True)
class Who:
    """A target resolved: what a card, a template or a report needs to name it."""

    target: Target
    contact: Contact | None
    outlet: Outlet | None
    show: Show | None

    @property
    def name(self) -> str:
        """The contact's name; empty for a newsroom line."""
        return self.contact.name if self.contact else ""

    @property
    def role(self) -> Role:
        """The contact's role; a newsroom line's is the newsroom."""
        return self.contact.role if self.contact else Role.NEWSROOM

    @property
    def label(self) -> str:
        """`Outlet (Name)`, or the outlet alone for a newsroom line."""
        outlet = self.outlet.name if self.outlet else ""
        return f"{outlet} ({self.name})" if self.name else outlet

    @property
    def warmth(self) -> int:
        return self.outlet.warmth if self.outlet else 0

    @property
    def phone(self) -> tuple[str, str]:
        """(number, extension): the contact's direct line, else the newsroom's."""
        if self.contact and self.contact.phone:
            return self.contact.phone, self.contact.extension
        if self.outlet:
            return self.outlet.phone, self.outlet.extension
        return "", ""

    @property
    def email(self) -> str:
        if self.contact and self.contact.email:
            return self.contact.email
        return self.outlet.email if self.outlet else ""

    @property
    def do_not_call(self) -> bool:
        if self.contact is not None:
            return self.contact.do_not_call
        return bool(self.outlet and self.outlet.do_not_call)


class Directory:
    """Contacts, outlets and shows by id: resolves targets to `Who`."""

    def __init__(
        self,
        contacts: Mapping[int, Contact],
        outlets: Mapping[int, Outlet],
        shows: Mapping[int, Show],
    ) -> None:
        self.contacts = contacts
        self.outlets = outlets
        self.shows = shows

    @classmethod
    def of(cls, store: Store) -> Directory:
        """The store's own records (kept current on each write; nothing is copied)."""
        return cls(store.by_id(Contact), store.by_id(Outlet), store.by_id(Show))

    def who(self, target: Target) -> Who:
        contact = self.contacts.get(target.contact_id) if target.contact_id is not None else None
        outlet_id = contact.outlet_id if contact else target.outlet_id
        outlet = self.outlets.get(outlet_id) if outlet_id is not None else None
        show = self.shows.get(contact.show_id) if contact and contact.show_id is not None else None
        return Who(target=target, contact=contact, outlet=outlet, show=show)

    def version(self) -> DirectoryVersion | None:
        """What the directory is now, to compare with what it was: the same while none
        of its records was written (the store's kept records count their changes);
        None when that is not known (plain mappings)."""
        records = (self.contacts, self.outlets, self.shows)
        changes = tuple(getattr(kept, "changes", None) for kept in records)
        if not all(isinstance(count, int) for count in changes):
            return None
        return DirectoryVersion(records, changes)

    def still(self, who: Who) -> bool:
        """Whether `who` is still who its target is (the same records: a contact saved
        since, or moved to another outlet, is not)."""
        target = who.target
        contact = self.contacts.get(target.contact_id) if target.contact_id is not None else None
        if contact is not who.contact:
            return False
        outlet_id = contact.outlet_id if contact else target.outlet_id
        outlet = self.outlets.get(outlet_id) if outlet_id is not None else None
        show = self.shows.get(contact.show_id) if contact and contact.show_id is not None else None
        return outlet is who.outlet and show is who.show


class DirectoryVersion:
    """The records a directory reads and how many writes each had seen: equal while
    they are the same mappings (never compared whole) with the same counts."""

    __slots__ = ("changes", "records")

    def __init__(self, records: tuple[Mapping[int, object], ...], changes: tuple[object, ...]):
        self.records = records
        self.changes = changes

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, DirectoryVersion)
            and self.changes == other.changes
            and all(map(operator.is_, self.records, other.records))
        )

    __hash__ = None  # type: ignore[assignment]


def who_is(store: Store, target: Target) -> Who:
    """One target resolved against the store."""
    return Directory.of(store).who(target)
