"""What a teammate's calls say about the media list, as proposals the organiser accepts.

A call `x` (do not call again) or `w` (wrong number) made by a teammate would flag
the contact in the organiser's media list for every later event. A teammate's file
is not the organiser's word: `team collect` keeps those flags as proposals, in the
organiser's data file, and the organiser accepts or declines them in one screen
(Listes, `p`). The calls themselves are in the file at once, and the queue already
leaves those contacts aside for this event.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from relance_tui.core.models import Attempt, Contact, Outcome, Outlet, Record
from relance_tui.core.store.store import Store
from relance_tui.core.team.shares import flags_from_calls

FLAGS = ("do_not_call", "to_fix")
FLAGGING = (Outcome.DO_NOT_CALL, Outcome.WRONG_NUMBER)


@dataclass(frozen=True)
class Proposal:
    contact_id: int
    flag: str  # "do_not_call" or "to_fix"
    caller: str
    at: str  # when the call was made (ISO)

    @property
    def key(self) -> tuple[int, str]:
        return (self.contact_id, self.flag)

    def to_doc(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def pending(store: Store) -> list[Proposal]:
    """The proposals not answered yet, for contacts still on the list."""
    found: list[Proposal] = []
    for doc in store.meta().get("team_proposals", []):
        try:
            proposal = Proposal(
                int(doc["contact_id"]), str(doc["flag"]), str(doc["caller"]), str(doc["at"])
            )
        except (KeyError, TypeError, ValueError):
            continue
        contact = store.get(Contact, proposal.contact_id)
        if proposal.flag in FLAGS and contact is not None and not getattr(contact, proposal.flag):
            found.append(proposal)
    return found


def propose_from_calls(store: Store, added: Sequence[Attempt]) -> int:
    """Keep the flags that teammates' calls imply as proposals; how many are new."""
    if not any(a.outcome in FLAGGING or a.reverses for a in added):
        return 0  # nothing that flags a contact, nor undoes a call that did not
    by_uid = {a.uid: a for a in added}
    known = {p.key for p in pending(store)}
    new: list[Proposal] = []
    for contact in flags_from_calls(store, added):
        assert contact.id is not None
        before = store.get(Contact, contact.id)
        for flag in FLAGS:
            if getattr(contact, flag) and not getattr(before, flag, False):
                call = _call_for(store, added, contact.id, flag) or next(iter(by_uid.values()))
                proposal = Proposal(contact.id, flag, call.caller, call.at.isoformat())
                if proposal.key not in known:
                    known.add(proposal.key)
                    new.append(proposal)
    if new:
        kept = [p.to_doc() for p in pending(store)] + [p.to_doc() for p in new]
        store.update_meta(team_proposals=kept)
    return len(new)


def _call_for(store: Store, added: Sequence[Attempt], contact_id: int, flag: str) -> Attempt | None:
    outcome = "do_not_call" if flag == "do_not_call" else "wrong_number"
    targets = {
        t.id
        for e in {a.event_id for a in added}
        for t in store.targets(e)
        if t.contact_id == contact_id
    }
    for attempt in reversed(added):
        if attempt.target_id in targets and attempt.outcome.value == outcome:
            return attempt
    return None


def answer(store: Store, accepted: Iterable[Proposal], declined: Iterable[Proposal]) -> int:
    """Flag the contacts of the accepted proposals and forget the answered ones, in
    one durable write each; the number of contacts flagged."""
    accepted, answered = list(accepted), {p.key for p in [*accepted, *declined]}
    changed: dict[int, Contact] = {}
    for proposal in accepted:
        contact = changed.get(proposal.contact_id) or store.get(Contact, proposal.contact_id)
        if contact is not None and proposal.flag in FLAGS:
            if proposal.flag == "do_not_call":
                changed[proposal.contact_id] = dataclasses.replace(contact, do_not_call=True)
            else:
                changed[proposal.contact_id] = dataclasses.replace(contact, to_fix=True)
    records: list[Record] = list(changed.values())
    if records:
        store.save_many(records)
    left = [p.to_doc() for p in pending(store) if p.key not in answered]
    store.update_meta(team_proposals=left)
    return len(records)


def who_is_proposed(store: Store, proposals: Iterable[Proposal]) -> dict[int, str]:
    """Each proposal's contact as a line shows them: "Name (Outlet)"."""
    outlets = store.by_id(Outlet)
    labels: dict[int, str] = {}
    for proposal in proposals:
        contact = store.get(Contact, proposal.contact_id)
        if contact is not None:
            outlet = outlets.get(contact.outlet_id) if contact.outlet_id is not None else None
            labels[proposal.contact_id] = (
                f"{contact.name} ({outlet.name})" if outlet is not None else contact.name
            )
    return labels
