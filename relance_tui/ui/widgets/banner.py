"""The top of every screen: the five modes, and the current event with its window."""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual.widgets import Static

from relance_tui import i18n
from relance_tui.core.calls.timing import (
    WindowStatus,
    format_day,
    format_short_when,
    relance_window,
)
from relance_tui.core.models import Event
from relance_tui.ui.host import Host
from relance_tui.ui.modes import MODE_ORDER


class ModeBar(Static):
    """`1 Listes  2 Script  …` with the current screen highlighted."""

    def __init__(self, current: str) -> None:
        super().__init__(id="mode-bar")
        self.current = current

    def render(self) -> Text:
        host = cast(Host, self.app)
        text = Text()
        for mode in MODE_ORDER:
            current = mode.name == self.current
            key = host.key_for(mode.binding_id, mode.key)
            text.append(f" {key} ", style="bold " + ("reverse" if current else "dim"))
            text.append(f"{i18n.t(mode.title_key)} ", style="bold reverse" if current else "")
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
