"""Accueil: the door of the event. Type a name, enter marks them present."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from relance_tui import i18n
from relance_tui.core.dates import format_clock
from relance_tui.core.door.door import (
    DoorEntry,
    WalkInInvalid,
    add_walk_in,
    check_in,
    door_list,
    search_door,
    set_crew,
    undo_door,
)
from relance_tui.core.door.turnout import expected_turnout
from relance_tui.core.errors import RelanceError
from relance_tui.ui.dialogs.door import CrewChoice, CrewForm, WalkIn, WalkInForm
from relance_tui.ui.screens.base import RelanceScreen
from relance_tui.ui.widgets.editing import TextInput


def entry_line(entry: DoorEntry, lang: str) -> Text:
    """ "✓ 10 h 12  CIBL 101,5 — Béatrice Thibault · confirmé·e · caméra"."""
    line = Text(no_wrap=True, overflow="ellipsis")
    if entry.arrival is not None:
        line.append(f"✓ {format_clock(entry.arrival.at, lang):>8}  ", style="bold green")
    else:
        line.append(" " * 12)
    line.append(entry.outlet, style="bold")
    if entry.name:
        line.append(f" — {entry.name}")
    said = i18n.t(f"door.said.{entry.expected or 'walk_in'}")
    line.append(f" · {said}", style="dim")
    if entry.arrival is not None and entry.arrival.crew:
        line.append(" · " + ", ".join(i18n.t(f"crew.{c}") for c in entry.arrival.crew))
    if entry.arrival is not None and entry.arrival.interview:
        line.append(" · " + i18n.t("door.interviewed", who=entry.arrival.interview))
    if entry.outlet_came:
        line.append(" · " + i18n.t("door.came_with", who=entry.outlet_came), style="green")
    if entry.notes:
        line.append(f" · {entry.notes}", style="italic")
    return line


class DoorScreen(RelanceScreen):
    MODE = "door"
    AUTO_FOCUS = "#door-search"

    BINDINGS = [
        Binding("enter", "check_in", "key.check_in", id="door.check_in", priority=True),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("ctrl+n", "walk_in", "key.walk_in", id="door.walk_in"),
        Binding("ctrl+t", "crew", "key.crew", id="door.crew"),
        Binding("ctrl+z", "undo", "key.undo", id="door.undo"),
        Binding("escape", "clear", "key.clear_search", id="door.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[DoorEntry] = []
        self._shown: list[DoorEntry] = []

    def compose_body(self) -> ComposeResult:
        yield Label("", id="door-turnout")
        yield TextInput(placeholder=i18n.t("door.search"), id="door-search")
        yield OptionList(id="door-list")
        yield Label("", id="door-status")

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.reload()

    # state ------------------------------------------------------------------------
    def reload(self) -> None:
        event = self.store.current_event()
        if event is None:
            self._entries = []
            self.query_one("#door-turnout", Label).update(i18n.t("empty.no_event"))
        else:
            self._entries = door_list(self.store, event, self.clock())
            estimate = expected_turnout(self.store, event)
            present = sum(1 for e in self._entries if e.present)
            outlets = len({e.outlet_id for e in self._entries if e.present})
            outlets_text = i18n.t("count.outlets", count=outlets)
            parts = [estimate.text(), i18n.t("door.present", count=present, outlets=outlets_text)]
            self.query_one("#door-turnout", Label).update(" · ".join(p for p in parts if p))
            self.query_one("#door-turnout", Label).tooltip = estimate.explanation()
        self._filter()

    def _filter(self) -> None:
        text = self.query_one("#door-search", Input).value
        listing = self.query_one("#door-list", OptionList)
        highlighted = listing.highlighted
        self._shown = search_door(self._entries, text)
        listing.clear_options()
        if not self._shown:
            empty = "door.no_match" if text.strip() else "door.empty"
            listing.add_option(Option(Text(i18n.t(empty), style="dim"), disabled=True))
            return
        listing.add_options(Option(entry_line(e, self.lang)) for e in self._shown)
        listing.highlighted = (
            min(highlighted or 0, len(self._shown) - 1) if text else highlighted or 0
        )

    @property
    def selected(self) -> DoorEntry | None:
        index = self.query_one("#door-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self._shown):
            return None
        return self._shown[index]

    def _status(self, text: str) -> None:
        self.query_one("#door-status", Label).update(text)

    @on(Input.Changed, "#door-search")
    def _typed(self) -> None:
        self.query_one("#door-list", OptionList).highlighted = 0
        self._filter()

    @on(OptionList.OptionSelected, "#door-list")
    def _picked(self) -> None:
        self.action_check_in()

    # actions ----------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        listing = self.query_one("#door-list", OptionList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_check_in(self) -> None:
        event, entry = self.store.current_event(), self.selected
        if event is None or entry is None:
            return
        if entry.present:
            self._status(i18n.t("door.already", who=entry.label))
            return
        try:
            arrival = check_in(self.store, event, entry, self.clock())
        except RelanceError as problem:
            self.show_problem(problem)
            return
        self._status(
            i18n.t("door.checked_in", who=entry.label, at=format_clock(arrival.at, self.lang))
        )
        self.query_one("#door-search", Input).value = ""  # ready for the next arrival
        self.reload()

    def action_walk_in(self) -> None:
        event = self.store.current_event()
        if event is None:
            return

        def added(walk_in: WalkIn | None) -> None:
            if walk_in is None:
                return
            try:
                arrival = add_walk_in(self.store, event, walk_in.outlet, walk_in.name, self.clock())
            except WalkInInvalid:
                return
            who = (
                f"{arrival.outlet_name} ({arrival.contact_name})"
                if arrival.contact_name
                else (arrival.outlet_name)
            )
            self._status(i18n.t("door.walk_in.added", who=who))
            self.query_one("#door-search", Input).value = ""
            self.reload()

        typed = self.query_one("#door-search", Input).value
        self.app.push_screen(WalkInForm(typed), self.guarded(added))

    def action_crew(self) -> None:
        event, entry = self.store.current_event(), self.selected
        if event is None or entry is None:
            return
        arrival = entry.arrival

        def chosen(choice: CrewChoice | None) -> None:
            if choice is not None:
                set_crew(self.store, event, entry, choice.crew, choice.interview, self.clock())
                self._status(i18n.t("door.crew.saved", who=entry.label))
                self.reload()

        form = CrewForm(
            entry.label,
            arrival.crew if arrival else [],
            arrival.interview if arrival else "",
            event.spokespeople,
        )
        self.app.push_screen(form, self.guarded(chosen))

    def action_undo(self) -> None:
        event = self.store.current_event()
        if event is None:
            return
        undone = undo_door(self.store, event, self.clock())
        if undone is None:
            self._status(i18n.t("door.nothing_to_undo"))
            return
        who = (
            f"{undone.outlet_name} ({undone.contact_name})"
            if undone.contact_name
            else (undone.outlet_name)
        )
        self._status(i18n.t("door.undone", who=who))
        self.reload()

    def action_clear(self) -> None:
        search = self.query_one("#door-search", Input)
        if search.value:
            search.value = ""
        else:
            self.set_focus(None)  # 1–6 and q switch screens again; tab comes back
            self._status(i18n.t("door.left_search"))
