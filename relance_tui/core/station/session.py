"""One caller working through one event's call list: the card on screen and each key.

The Appels screen asks the session one thing per key and renders what comes
back; the rules of the call session live here:

- the card shown is the first of the queue, except after an undo or when the
  caller picks a target from the side lists (`call_now`);
- once an outlet has confirmed or declined, its other people are set aside
  (a setting); the caller may bring one back;
- an outcome (or a skip) is one durable write, then the next card;
- an undo brings back the card of the call it reversed, even when a callback
  fell due meanwhile: the caller is back on the call they were on, and the
  due callback is the next card once that call has an outcome;
- the note typed during a call goes with the outcome recorded for it; the
  call's duration runs from when the caller dialled or said the call started
  (`start_call`) to the outcome, and is nothing for a card never called.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta

from relance_tui import i18n
from relance_tui.core.calls.queue import (
    Progress,
    Queue,
    Status,
    TargetState,
    load_queue,
    progress,
    record_outcome,
    skip,
    undo_last,
)
from relance_tui.core.calls.reading import FoldMemo, effective
from relance_tui.core.dates import Clock, format_soon
from relance_tui.core.door.turnout import (
    Estimate,
    OutletHistory,
    answers_of,
    expected_turnout,
    histories,
)
from relance_tui.core.models import Attempt, Event, Outcome
from relance_tui.core.script import book
from relance_tui.core.script.templates import Rendered, render_event
from relance_tui.core.script.wording import situation_of
from relance_tui.core.station.scripts import ScriptCache, ScriptJob
from relance_tui.core.store.store import Store
from relance_tui.core.team.leases import Lease, rank_of, set_aside_for_team, spread
from relance_tui.core.team.live import Pulled, TeamLink


@dataclass(frozen=True)
class Recorded:
    """What a key did: the call it recorded, on whom, and the card to show next."""

    attempt: Attempt
    called: TargetState
    card: TargetState | None


@dataclass(frozen=True)
class Undone:
    """The call an undo reversed, and the card it brought back (None if it left the list)."""

    attempt: Attempt
    card: TargetState | None


class CallSession:
    """The call queue of the store's current event, as one caller works through it."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.event: Event | None = None
        self.queue: Queue | None = None
        self.card: TargetState | None = None
        self.card_shown_at: datetime | None = None
        self.call_started_at: datetime | None = None
        self.note = ""
        self._pinned: int | None = None  # a target brought back by undo
        self.languages: dict[int, str] = {}  # a language chosen on the card, by target
        self.scripts = ScriptCache()
        self._histories: tuple[int | None, tuple[dict[int, OutletHistory], int]] | None = None
        self._read: tuple[int, datetime] | None = None  # the store's changes and now, read
        self._memo: tuple[int | None, FoldMemo] = (None, FoldMemo())  # the event's calls, read
        self.team = TeamLink.of(store)  # calling as a team through a synced folder
        if self.team is not None:
            self.team.start(store, clock())
        self.refresh()

    # what the screen shows ----------------------------------------------------
    def why_no_card(self) -> tuple[str, dict[str, str]]:
        """When there is no card: the message id (and its values) that says what to do
        next: wait for the next callback or retry (when, who), or go to the Bilan."""
        if self.event is None:
            return "empty.no_event", {}
        queue = self.queue
        if queue is None or not queue.all:
            return "empty.no_call_list", {}
        waiting = [s for s in queue.later + queue.held if s.next_at is not None]
        if waiting:
            first = min(waiting, key=lambda s: s.next_at or self.clock())
            assert first.next_at is not None
            lang = i18n.current_language()
            when = format_soon(first.next_at, self.clock(), lang)
            return "calls.empty_until", {"when": when, "who": first.label}
        return "calls.all_done", {}

    @property
    def caller(self) -> str:
        """Who records the calls: the team's name for this caller, else the settings'."""
        return self.team.name if self.team is not None else self.store.settings().caller_name

    def refresh(self, *, keep: bool = False) -> TargetState | None:
        """Read the queue again (at the clock's now); the card to show. `keep`: the card
        on screen stays while it is still to call (a teammate's news came in)."""
        self.event = self.store.current_event()
        if self.event is None:
            self.queue = None
            self._set_card(None)
            return None
        now = self.clock()
        if self._memo[0] != self.event.id:
            self._memo = (self.event.id, FoldMemo())
        self.queue = load_queue(self.store, self.event, now, self._memo[1])
        self._read = (self.store.changes, now)
        if self.team is not None:
            settings = self.store.settings()
            taken, outlets = self.team.view.taken(
                self.team.caller_id, now, outlets=settings.team_lease_outlet
            )
            grace = timedelta(minutes=settings.team_grace_min)
            set_aside_for_team(self.queue, taken, outlets, self.team.name, now, grace)
            spread(self.queue, rank_of(self.team.view, self.team.caller_id))
        card = self.queue.current
        pinned_id = self.card.target.id if keep and self.card is not None else self._pinned
        if pinned_id is not None:
            pinned = self.queue.find(pinned_id)
            still = self.queue.ready + self.queue.later
            if pinned is not None and (pinned in still or pinned_id in self.queue.taken):
                card = pinned
        self._set_card(card)
        self._hold(card)
        return card

    def is_current(self) -> bool:
        """Nothing was written since the queue was read, less than a second ago (a
        screen shown again right after it was built need not read it again)."""
        if self._read is None or self.team is not None:
            return False
        changes, at = self._read
        return changes == self.store.changes and self.clock() - at < timedelta(seconds=1)

    def _hold(self, card: TargetState | None) -> None:
        """In a team: lease the card on screen, release the one left, tell the folder."""
        if self.team is None:
            return
        outlet = card.outlet.id if card is not None and card.outlet is not None else None
        self.team.catch_up(self.store, self.clock())
        self.team.hold(card.target.id if card is not None else None, outlet, self.clock())
        self.team.flush()

    def sync(self) -> Pulled | None:
        """In a team: read the teammates' news, renew the lease; the queue is read again
        (the card on screen stays) when something came in."""
        if self.team is None:
            return None
        pulled = self.team.pull(self.store, self.clock())
        if pulled.changed:
            self.refresh(keep=True)
        else:
            self._hold(self.card)
        return pulled

    def beaten_by(self) -> Lease | None:
        """A teammate who took this card before this caller did (their files had not
        met): theirs it is; the card says so."""
        if self.team is None or self.card is None:
            return None
        outlets = self.store.settings().team_lease_outlet
        return self.team.view.beaten_by(self.team.caller_id, self.clock(), outlets=outlets)

    def leave(self) -> None:
        """The caller leaves the calls: the card held is released for the team."""
        if self.team is not None:
            self.team.hold(None, None, self.clock())
            self.team.flush()

    def pass_card(self) -> TargetState | None:
        """Leave a card a teammate holds, with no call recorded; the next card."""
        if self.card is None:
            return None
        self.leave()
        self._pinned = None
        self.card = None
        return self.refresh()

    def _set_card(self, card: TargetState | None) -> None:
        same = card is not None and self.card is not None and card.target.id == self.card.target.id
        if not same:
            self.card_shown_at = self.clock()
            self.call_started_at = None
            self.note = ""
        self.card = card

    def progress(self) -> Progress | None:
        return progress(self.queue) if self.queue is not None else None

    def start_call(self) -> bool:
        """The call on the card has started (dialled, or the caller says so); whether it
        started now (False when it was already running or there is no card)."""
        if self.card is None or self.call_started_at is not None:
            return False
        self.call_started_at = self.clock()
        return True

    def seconds_in_call(self) -> int | None:
        """How long the current call has lasted; None before it starts."""
        if self.card is None or self.call_started_at is None:
            return None
        return max(0, int((self.clock() - self.call_started_at).total_seconds()))

    # keys ---------------------------------------------------------------------
    def record(
        self, outcome: Outcome, callback_at: datetime | None = None, *, anyone: bool = False
    ) -> Recorded | None:
        """Record `outcome` for the card's call (one durable write); None without a card.
        In a team a callback is the caller's own unless `anyone` may make it."""
        card = self.card
        if card is None:
            return None
        now = self.clock()
        attempt = record_outcome(
            self.store,
            card,
            outcome,
            now,
            duration_s=(now - (self.call_started_at or now)).total_seconds(),
            note=self.note,
            caller=self.caller,
            callback_at=callback_at,
            callback_for=self.caller if self.team is not None and not anyone else "",
        )
        self._called(card)
        self._pinned = None
        self.note = ""
        return Recorded(attempt=attempt, called=card, card=self.refresh())

    def _called(self, card: TargetState) -> None:
        if self.team is not None and card.target.id is not None:
            self.team.called(card.target.id)

    def last_voicemail(self) -> TargetState | None:
        """Whoever a message was last left for in this event (not undone since), for the
        follow-up email; None when the last outcome was something else."""
        if self.event is None or self.queue is None:
            return None
        called = [
            a
            for a in effective(self.store.attempts(self.event.id))
            if a.outcome is not Outcome.SKIPPED
        ]
        if not called or called[-1].outcome is not Outcome.VOICEMAIL:
            return None
        return self.queue.find(called[-1].target_id)

    def skip(self) -> Recorded | None:
        """Send the card to the end of the queue, with no outcome."""
        card = self.card
        if card is None:
            return None
        attempt = skip(self.store, card, self.clock(), self.caller)
        self._called(card)
        self._pinned = None
        return Recorded(attempt=attempt, called=card, card=self.refresh())

    def undo(self) -> Undone | None:
        """Reverse the event's last outcome and bring its card back; None if nothing to undo."""
        if self.event is None:
            return None
        undone = undo_last(
            self.store, self.event, self.clock(), self.caller, mine_only=self.team is not None
        )
        if undone is None:
            return None
        self._pinned = undone.target_id
        self.card = None  # the card comes back with a fresh timer and no note
        return Undone(attempt=undone, card=self.refresh())

    def call_now(self, target_id: int) -> TargetState | None:
        """Put this target's card on screen now (a callback, a later one, one set aside).

        A target set aside because its outlet already answered is brought back
        for good: it is marked to be called anyway.
        """
        if self.queue is None:
            return None
        state = self.queue.find(target_id)
        if state is None or state not in self.queue.ready + self.queue.later + self.queue.set_aside:
            return None
        if state.status is Status.SET_ASIDE:
            self.store.save(dataclasses.replace(state.target, keep_calling=True))
        self._pinned = target_id
        return self.refresh()

    def postpone(self, target_id: int, when: datetime, *, anyone: bool = False) -> Attempt | None:
        """Move a callback or a later call to `when` (a callback, no call made); the
        card on screen stays."""
        if self.queue is None:
            return None
        state = self.queue.find(target_id)
        if state is None or state not in self.queue.ready + self.queue.later:
            return None
        attempt = record_outcome(
            self.store,
            state,
            Outcome.CALLBACK,
            self.clock(),
            caller=self.caller,
            callback_at=when,
            callback_for=self.caller if self.team is not None and not anyone else "",
        )
        if self.card is not None and self.card.target.id != target_id:
            self._pinned = self.card.target.id
        self.refresh()
        return attempt

    def set_note(self, text: str) -> None:
        """The note for the call on the card, saved with its outcome."""
        self.note = text.strip()

    def outlet_record(self, card: TargetState) -> str:
        """How often the card's outlet came to past events ("venu 3 fois sur 4 après
        confirmation"); worked out once per event, the past does not change."""
        if self.event is None or card.outlet is None or card.outlet.id is None:
            return ""
        record = self._past()[0].get(card.outlet.id)
        return record.text() if record else ""

    def outlet_said(self, card: TargetState) -> str:
        """What the card says of its newsroom: its record at past events, and how often
        it was solicited for this one."""
        said = (self.outlet_record(card), self.solicitations(card))
        return "  ·  ".join(part for part in said if part)

    def solicitations(self, card: TargetState) -> str:
        """How often the card's newsroom was solicited for this event without a
        conversation, against the cap ("CIBL 101,5 : 2 sollicitations sur 3"); empty
        before the first."""
        queue = self.queue
        if queue is None or card.outlet is None or card.outlet.id is None:
            return ""
        count = queue.solicited.get(card.outlet.id, 0)
        if not count:
            return ""
        if not queue.outlet_cap:
            return i18n.t("calls.solicited_free", count=count)
        return i18n.t("calls.solicited", count=count, cap=queue.outlet_cap)

    def _past(self) -> tuple[dict[int, OutletHistory], int]:
        assert self.event is not None
        if self._histories is None or self._histories[0] != self.event.id:
            self._histories = (self.event.id, histories(self.store, self.event))
        return self._histories[1]

    def turnout(self) -> Estimate | None:
        """The expected turnout now, from the answers so far and the outlets' records."""
        if self.event is None:
            return None
        answers = answers_of(self.queue.all) if self.queue is not None else None
        return expected_turnout(self.store, self.event, self._past(), answers)

    # what to say --------------------------------------------------------------
    def language(self, card: TargetState) -> str:
        """The language of this card's script (see book.script_language)."""
        assert self.event is not None and card.target.id is not None
        return book.script_language(card.who, self.event, self.languages.get(card.target.id))

    def switch_language(self, card: TargetState) -> str:
        """Speak the other language to this target (for this session); the new one."""
        assert card.target.id is not None
        other = "en" if self.language(card) == "fr" else "fr"
        self.languages[card.target.id] = other
        return other

    def script_job(self, card: TargetState, name: str = "talking_points") -> ScriptJob:
        """What rendering this card's `name` template takes; run it off the UI thread."""
        assert self.event is not None and card.target.id is not None
        return ScriptJob(
            target_id=card.target.id,
            name=name,
            lang=self.language(card),
            event=self.event,
            who=card.who,
            settings=self.store.settings(),
        )

    def next_job(self) -> ScriptJob | None:
        """The talking points of the card likely to come after this one (to render ahead)."""
        if self.queue is None or self.card is None:
            return None
        upcoming = [s for s in self.queue.ready if s.target.id != self.card.target.id]
        return self.script_job(upcoming[0]) if upcoming else None

    def reminder_email(self, card: TargetState, situation: str | None = None) -> Rendered:
        """The reminder email for this card, from the last good templates, worded for
        what its last call gave (or `situation`) (blocking: call from a worker thread);
        TemplateProblem naming the template that failed."""
        assert self.event is not None
        said = situation or situation_of(card.last.outcome if card.last else None)
        settings = self.store.settings()
        return render_event(self.event, card.who, settings, self.language(card), said)
