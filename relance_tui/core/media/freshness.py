"""What on the media list has gone stale, before a campaign.

Newsrooms move: a contact last reached two years ago is not one verified yesterday.
A contact is verified by a call where someone answered (confirmed, interested,
declined, asked to call back or to resend it, or not to be called again) or by an
import that brought it, or by hand; `to_verify` lists, oldest first, the contacts
not verified for `months` (never verified counts as the oldest), those flagged to
fix (a wrong number, someone who left), those whose email bounced, and the outlets
reachable only through their switchboard (no contact of their own).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from relance_tui.core.models import Contact, Outcome, Outlet, OutletKind, Target
from relance_tui.core.store.store import Store

# Outcomes of a call where a person answered: the number and the person are real.
REACHED = frozenset(
    {
        Outcome.CONFIRMED,
        Outcome.INTERESTED,
        Outcome.DECLINED,
        Outcome.CALLBACK,
        Outcome.RESEND,
        Outcome.DO_NOT_CALL,
    }
)
REASONS = ("to_fix", "bounced", "stale", "never", "switchboard")


@dataclass(frozen=True)
class Stale:
    """One line of the « À vérifier » list: a contact (or an outlet with only its
    switchboard), why, and when it was last verified (None: never)."""

    reason: str  # one of REASONS
    outlet: Outlet
    contact: Contact | None = None
    verified: date | None = None


def reached_on(store: Store) -> dict[int, date]:
    """Each contact's last day a call reached someone (undone calls left out)."""
    undone = {a.reverses for a in store.attempts() if a.reverses}
    contact_of = {t.id: t.contact_id for t in store.all(Target) if t.contact_id is not None}
    last: dict[int, date] = {}
    for attempt in store.attempts():
        contact_id = contact_of.get(attempt.target_id)
        if contact_id is None or attempt.outcome not in REACHED or attempt.uid in undone:
            continue
        day = attempt.at.date()
        if contact_id not in last or day > last[contact_id]:
            last[contact_id] = day
    return last


def last_verified(contact: Contact, reached: dict[int, date]) -> date | None:
    marked = date.fromisoformat(contact.verified) if _is_date(contact.verified) else None
    called = reached.get(contact.id or 0)
    dates = [d for d in (marked, called) if d is not None]
    return max(dates) if dates else None


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _months_before(today: date, months: int) -> date:
    month = today.month - 1 - months
    year = today.year + month // 12
    month = month % 12 + 1
    return today.replace(year=year, month=month, day=min(today.day, 28))


def to_verify(store: Store, today: date, months: int) -> list[Stale]:
    """The « À vérifier » list: flagged contacts first, then bounced emails, then the
    stale and never verified (oldest first), then switchboard-only outlets."""
    outlets = {o.id: o for o in store.outlets() if not o.deleted}
    reached = reached_on(store)
    since = _months_before(today, months)
    found: list[Stale] = []
    with_people: set[int] = set()
    for contact in store.contacts():
        outlet = outlets.get(contact.outlet_id)
        if contact.deleted or outlet is None:
            continue
        with_people.add(contact.outlet_id)
        if contact.do_not_call:
            continue
        verified = last_verified(contact, reached)
        if contact.to_fix:
            reason = "to_fix"
        elif contact.bounced:
            reason = "bounced"
        elif verified is None:
            reason = "never"
        elif verified < since:
            reason = "stale"
        else:
            continue
        found.append(Stale(reason, outlet, contact, verified))
    for outlet_id, outlet in outlets.items():
        if outlet_id not in with_people and outlet.kind is not OutletKind.FREELANCE:
            if not outlet.do_not_call:
                found.append(Stale("switchboard", outlet))
    order = {reason: i for i, reason in enumerate(("to_fix", "bounced", "never", "stale"))}
    found.sort(
        key=lambda s: (
            order.get(s.reason, 9),
            s.verified or date.min,
            s.outlet.name.casefold(),
            s.contact.name.casefold() if s.contact else "",
        )
    )
    return found


def mark_verified(store: Store, contact: Contact, today: date) -> Contact:
    """Verified today by hand: the to-fix and bounced flags are lifted."""
    done = dataclasses.replace(contact, verified=today.isoformat(), to_fix=False, bounced=False)
    store.save(done)
    return done
