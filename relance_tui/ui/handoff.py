"""Hand-offs from a screen to the officer's own tools (a helper the screen holds):
the number to their phone (or as a QR code), the reminder email as a draft for their
mail program. Everything that runs a program runs off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

from relance_tui import i18n
from relance_tui.core.calls.queue import TargetState
from relance_tui.core.dates import Clock
from relance_tui.core.errors import os_words
from relance_tui.core.handoff.desktop import open_with_desktop
from relance_tui.core.handoff.dial import chosen, detect, dial, tel_uri
from relance_tui.core.models import Event
from relance_tui.core.phones import BadPhone, dial_string, format_phone
from relance_tui.core.store.files import private_dirs, write_atomically_bytes
from relance_tui.core.store.store import Store


def _qr_dialog(who: str, shown: str, uri: str) -> Screen[None]:
    from relance_tui.ui.dialogs.qr import QrDialog  # segno: when a code is shown

    return QrDialog(who, shown, uri)


def drafts_dir(data_file: Path) -> Path:
    """Where the email drafts go: beside the data file, private."""
    return data_file.parent / "brouillons"


@dataclass
class HandOff:
    """`dial(state)`, `email_draft(...)` and `calendar(event)` for a screen that shows
    people, its inputs said: the app (dialogs, the UI thread), the store and the
    clock, where a message goes, and the screen's `run_worker` (its work ends with it)."""

    app: App[Any]
    store: Store
    clock: Clock
    say: Callable[[str], None]  # a message where the screen says how things went
    run_worker: Callable[..., Any]  # the screen's own (`DOMNode.run_worker`)

    def dial(self, state: TargetState, show_qr: bool = False) -> None:
        """The number to the phone (the dialer of the settings, or the first found);
        the QR code when there is none, when it fails, or when asked (`show_qr`)."""
        phone, extension = state.phone
        try:
            number = dial_string(phone, extension)
        except BadPhone:
            self.say(i18n.t("handoff.bad_number", phone=phone))
            return
        shown = format_phone(phone, extension, i18n.current_language())
        who = state.name or state.label
        if self.app.is_web and not show_qr:  # relance web: the browser hands tel: on
            self.app.open_url(tel_uri(number))
            self.say(i18n.t("handoff.web.dial", number=shown))
            return
        if show_qr:
            self.app.push_screen(_qr_dialog(who, shown, tel_uri(number)))
            return
        work = partial(self._dial, who, shown, tel_uri(number))
        self.run_worker(work, thread=True, exclusive=True, group="dial")

    def _dial(self, who: str, shown: str, uri: str) -> None:
        settings = self.store.settings()
        dialer = chosen(settings.dialer, settings.dial_command, detect())
        app = self.app
        if dialer is None:
            app.call_from_thread(app.push_screen, _qr_dialog(who, shown, uri))
            return
        via = i18n.t(f"handoff.dialer.{dialer.key}")
        result = dial(dialer, uri)
        if result.ok:
            app.call_from_thread(self.say, i18n.t("handoff.dialed", number=shown, via=via))
        else:
            app.call_from_thread(
                self.say, i18n.t("handoff.dial_failed", via=via, detail=result.detail)
            )
            app.call_from_thread(app.push_screen, _qr_dialog(who, shown, uri))

    def email_draft(self, event: Event, to: str, subject: str, body: str, name: str) -> str:
        """Write the draft (with the invitation and the communiqué's file) and open it in
        the mail program; what happened, in words. Blocks: call it off the UI thread."""
        from relance_tui.core.handoff import mail  # the email package: when used
        from relance_tui.core.handoff.calendar import event_ics  # icalendar: when used

        file_id = str(self.store.meta().get("file_id") or "main")
        stamp = self.clock()
        release, missing = mail.release_of(event, self.store.meta(), self.store.path)
        message = mail.draft(to, subject, body, event_ics(event, file_id, stamp), release)
        if self.app.is_web:  # relance web: the draft goes to the browser, to open there
            said = self._deliver(mail.write_draft(drafts_dir(self.store.path), name, message))
        else:
            said = mail.hand_over(drafts_dir(self.store.path), name, message)
        return " · ".join(part for part in (said, missing) if part)

    def calendar(self, event: Event) -> None:
        """The event and its callbacks as an .ics, opened in the calendar program."""
        work = partial(self._calendar, event)
        self.run_worker(work, thread=True, exclusive=True, group="calendar")

    def _calendar(self, event: Event) -> None:
        from relance_tui.core.handoff.calendar import callbacks_ics  # icalendar: when used

        path = drafts_dir(self.store.path).with_name("calendrier") / f"relance-{event.id}.ics"
        try:
            data = callbacks_ics(self.store, event, self.clock())
            private_dirs(path.parent)
            write_atomically_bytes(path, data)
        except OSError as problem:
            message = i18n.t("cli.export.failed", path=str(path), detail=os_words(problem))
        else:
            if self.app.is_web:
                message = self._deliver(path)
            else:
                opened = open_with_desktop(str(path))
                key = "handoff.calendar.opened" if opened else "cli.export.done"
                message = i18n.t(key, path=str(path))
        self.app.call_from_thread(self.say, message)

    def _deliver(self, path: Path) -> str:
        """A file to the browser of relance web (a draft, a calendar), which opens it
        with the program it knows; what happened, in words (from a worker thread)."""
        self.app.call_from_thread(partial(self.app.deliver_binary, path, save_filename=path.name))
        return i18n.t("handoff.web.delivered", name=path.name)
