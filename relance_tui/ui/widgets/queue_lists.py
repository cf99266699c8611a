"""The side of Appels: callbacks, later, set aside; enter picks one to call now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from relance_tui import i18n
from relance_tui.core.calls.queue import Queue, TargetState
from relance_tui.core.calls.states import callback_promised
from relance_tui.core.dates import format_soon
from relance_tui.core.models import Outcome
from relance_tui.core.script.wording import whose_callback


def settled_text(answer: TargetState) -> str:
    """ "déjà confirmé par Béatrice Thibault" / "Le 15-18 a refusé"."""
    last = answer.last
    if last is not None and last.outcome is Outcome.DECLINED:
        where = answer.show.name if answer.show else (answer.outlet.name if answer.outlet else "")
        return i18n.t("calls.aside.declined", show=where)
    return i18n.t("calls.aside.confirmed", who=answer.name or i18n.t("role.newsroom"))


class QueueLists(OptionList):
    """One line per target, a day when it is not today, never wrapped."""

    BINDINGS = [Binding("plus", "postpone", "key.postpone", id="calls.postpone")]

    def on_focus(self) -> None:
        # Tab into the list lands on its first row: Entrée calls it at once.
        if self.highlighted is None:
            self.action_first()

    @dataclass
    class Picked(Message):
        target_id: int

    @dataclass
    class Postpone(Message):
        """Call this one later: the screen asks when."""

        target_id: int

    def action_postpone(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            self.post_message(self.Postpone(int(option.id[1:])))

    _said: list[tuple[str, str]] | None = None  # what the options say now

    def clear_options(self) -> QueueLists:
        self._said = None
        return super().clear_options()

    def show(
        self, queue: Queue, now: datetime, lang: str, me: str = "", team: bool = False
    ) -> None:
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        callbacks = queue.callbacks
        sections: tuple[tuple[str, list[TargetState]], ...] = (
            ("calls.callbacks", callbacks),
            ("calls.later", [s for s in queue.later if s not in callbacks]),
            ("calls.set_aside", queue.set_aside),
        )
        lines: list[tuple[str, str]] = []  # (option id, text); "" ids are titles
        for title_key, states in sections:
            lines.append(("", i18n.t(title_key)))
            if not states:
                lines.append(("-", i18n.t("calls.none")))
            for state in states:
                when = format_soon(state.next_at, now, lang) if state.next_at else ""
                text = f"{when}  {state.label}".strip()
                if state.covered_by is not None:  # set aside: who settled its newsroom
                    text += " — " + settled_text(state.covered_by)
                elif state.capped:  # set aside: its newsroom was solicited enough
                    text += " — " + i18n.t("calls.capped", cap=queue.outlet_cap)
                elif title_key == "calls.callbacks":  # whose callback it is
                    text += " — " + whose_callback(callback_promised(state), me, team)
                lines.append((f"t{state.target.id}", text))
        if lines == self._said:  # most keys change nothing here: no rebuild, no redraw
            return
        options: list[Option] = []
        for option_id, text in lines:
            if not option_id:
                options.append(Option(Text(text, style="bold"), disabled=True))
            elif option_id == "-":
                options.append(Option(Text(text, style="dim"), disabled=True))
            else:
                line = Text(text)  # wraps in the panel: who and why, whole
                options.append(Option(line, id=option_id))
        self.clear_options()
        self.add_options(options)
        self._said = lines
        ids = [option.id for option in options]
        if highlighted in ids:
            self.highlighted = ids.index(highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id:
            self.post_message(self.Picked(int(message.option.id[1:])))
