"""The top of every screen: the five modes, and the current event with its window."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widgets import Static

from relance_tui import i18n
from relance_tui.core.calls.timing import WindowStatus, relance_window
from relance_tui.core.dates import format_day, format_short_when
from relance_tui.core.models import Event
from relance_tui.ui.host import Host
from relance_tui.ui.modes import MODE_ORDER

if TYPE_CHECKING:  # the strip's states are worked out off the start's path
    from relance_tui.core.station.procedure import Procedure


Steps = dict[str, tuple[str, str]]
"""Each step's state, long and short ("✓ 30 médias", "✓ 30"), by mode name."""


def step_texts(procedure: Procedure | None, lang: str) -> Steps:
    """Each step's state: "✓ 30 médias", "✓ 28 s", "2/3 prises", "12/30"..."""
    if procedure is None:
        return {}
    steps: Steps = {}
    if procedure.targets:
        outlets = i18n.t("count.outlets", count=procedure.outlets)
        steps["lists"] = (f"✓ {outlets}", f"✓ {procedure.outlets}")
    timing = procedure.script
    if timing is not None:
        mark = "✓" if timing.fits else "⚠"
        seconds = f"{mark} {i18n.decimal(timing.seconds, 0, lang)} s"
        steps["script"] = (seconds, seconds)
    if procedure.targets:
        done = "✓ " if procedure.takes >= procedure.takes_wanted else ""
        takes = i18n.t("procedure.takes", count=procedure.takes, wanted=procedure.takes_wanted)
        steps["rehearsal"] = (done + takes, f"{done}{procedure.takes}/{procedure.takes_wanted}")
        called = f"{procedure.called}/{procedure.targets}"
        steps["calls"] = (called, called)
    if procedure.confirmed:
        confirmed = i18n.t("count.confirmed", count=procedure.confirmed)
        steps["report"] = (f"✓ {confirmed}", f"✓ {procedure.confirmed}")
    if procedure.present:
        present = i18n.t("procedure.present", count=procedure.present)
        steps["door"] = (present, f"{procedure.present} ✓")
    return steps


class ModeBar(Static):
    """`1 Listes ✓ 30 médias  2 Script ✓ 28 s  …`: the procedure's steps, the current
    one highlighted, each with where the event stands (when it fits the width: else
    the current step's and the next one's only, else none)."""

    def __init__(self, current: str) -> None:
        super().__init__(id="mode-bar")
        self.current = current
        self.steps: Steps = {}

    def show_steps(self, steps: Steps) -> None:
        if steps != self.steps:
            self.steps = steps
            self.refresh()

    def update_step(self, name: str, texts: tuple[str, str] | None) -> None:
        """One step's state, as a screen that knows it better has it (Appels' count)."""
        steps = dict(self.steps)
        if texts is None:
            steps.pop(name, None)
        else:
            steps[name] = texts
        self.show_steps(steps)

    def show_calls(self, called: int, total: int, confirmed: int) -> None:
        """Appels' own count, key after key (once the strip's states arrived)."""
        if not self.steps:
            return
        self.update_step("calls", (f"{called}/{total}", f"{called}/{total}"))
        if confirmed:
            said = i18n.t("count.confirmed", count=confirmed)
            self.update_step("report", (f"✓ {said}", f"✓ {confirmed}"))

    def render(self) -> Text:
        width = self.size.width or 1000
        names = [mode.name for mode in MODE_ORDER]
        at = names.index(self.current) if self.current in names else 0
        nearby = {self.current, names[(at + 1) % len(names)]}
        every = set(names)
        for shown, form in ((every, 0), (every, 1), (nearby, 1), (set(), 1)):
            text = self._text({k: v[form] for k, v in self.steps.items() if k in shown})
            if text.cell_len <= width:
                return text
        return text

    def _text(self, steps: dict[str, str]) -> Text:
        host = cast(Host, self.app)
        text = Text()
        for mode in MODE_ORDER:
            current = mode.name == self.current
            key = host.key_for(mode.binding_id, mode.key)
            text.append(f" {key} ", style="bold " + ("reverse" if current else "dim"))
            text.append(f"{i18n.t(mode.title_key)} ", style="bold reverse" if current else "")
            state = steps.get(mode.name)
            if state:
                style = "yellow" if state.startswith("⚠") else "green" if "✓" in state else "dim"
                text.append(f"{state} ", style=style)
            text.append(" ")
        return text


def banner_text(event: Event | None, now_status: WindowStatus | None, lang: str) -> str:
    if event is None:
        return i18n.t("banner.no_event")
    window = relance_window(event)
    span = i18n.t(
        "window.label", opens=format_day(window.opens, lang), closes=format_day(window.closes, lang)
    )
    status = f" ({i18n.t('window.status.' + now_status.value)})" if now_status else ""
    # Day, hour and place first: a narrow terminal cuts the end of the line.
    essentials = format_short_when(event.start, lang)
    if event.venue:
        essentials += f" · {event.venue}"
    head = i18n.t("banner.event", title=event.title, when=essentials)
    return f"{head}\n{span}{status}"


class EventBanner(Static):
    """The current event, when it is, and its relance window (PRODUCT §4)."""

    def __init__(self) -> None:
        super().__init__(id="event-banner")

    def on_mount(self) -> None:
        self.refresh_event()

    def refresh_event(self) -> None:
        host = cast(Host, self.app)
        event = host.store.current_event()
        status = relance_window(event).status(host.clock()) if event else None
        self.set_class(status in (WindowStatus.BEFORE, WindowStatus.CLOSED), "-outside")
        self.update(banner_text(event, status, i18n.current_language()))
