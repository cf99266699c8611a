"""The event form: validated whole by the core, saved whole or not at all."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select

from relance_tui import i18n
from relance_tui.core.calls.timing import relance_window
from relance_tui.core.dates import BadTime, Clock, format_day, format_when
from relance_tui.core.models import Event, EventKind, Language
from relance_tui.core.script.events import (
    EventDraft,
    build_event,
    parse_event_start,
)
from relance_tui.ui.dialogs.base import FormDialog, form_field
from relance_tui.ui.widgets.editing import TextEditor, TextInput


class EventForm(FormDialog[Event]):
    """Create or edit an event. Dismisses with the valid Event (not yet saved)."""

    FIELDS = (
        "title",
        "kind",
        "start",
        "venue",
        "address",
        "spokespeople",
        "visuals",
        "language",
        "release_file",
        "press_release",
    )

    def __init__(self, clock: Clock, event: Event | None = None) -> None:
        super().__init__()
        self._clock = clock
        self._event = event
        self._draft = EventDraft.from_event(event) if event else EventDraft()

    def compose(self) -> ComposeResult:
        draft = self._draft
        kinds = [(i18n.t(f"eventkind.{k.value}"), k.value) for k in EventKind]
        languages = [(i18n.t(f"language.{lang.value}"), lang.value) for lang in Language]
        title = "form.event.edit" if self._event else "form.event.new"
        with VerticalScroll(classes="dialog form", id="event-form"):
            yield Label(i18n.t(title), classes="dialog-title")
            yield from form_field("field.title", TextInput(draft.title, id="field-title"), "title")
            yield from form_field(
                "field.kind",
                Select(kinds, value=draft.kind, allow_blank=False, id="field-kind"),
                "kind",
            )
            yield from form_field(
                "field.start",
                TextInput(
                    draft.start,
                    placeholder=i18n.t("field.start.placeholder"),
                    id="field-start",
                ),
                "start",
            )
            yield Label("", id="start-echo", classes="dialog-status")
            yield from form_field("field.venue", TextInput(draft.venue, id="field-venue"), "venue")
            yield from form_field(
                "field.address", TextInput(draft.address, id="field-address"), "address"
            )
            yield from form_field(
                "field.spokespeople",
                TextInput(
                    draft.spokespeople,
                    placeholder=i18n.t("field.spokespeople.placeholder"),
                    id="field-spokespeople",
                ),
                "spokespeople",
            )
            yield from form_field(
                "field.visuals", TextInput(draft.visuals, id="field-visuals"), "visuals"
            )
            yield from form_field(
                "field.language",
                Select(languages, value=draft.language, allow_blank=False, id="field-language"),
                "language",
            )
            yield from form_field(
                "field.release_file",
                TextInput(draft.release_file, id="field-release_file"),
                "release_file",
            )
            yield from form_field(
                "field.press_release",
                TextEditor(draft.press_release, id="field-press_release", soft_wrap=True),
                "press_release",
            )
            yield from self._buttons()

    def on_mount(self) -> None:
        super().on_mount()
        self._echo_start()

    @on(Input.Changed, "#field-start")
    @on(Select.Changed, "#field-kind")
    def _echo_start(self) -> None:
        """The date in words and the relance window, as soon as the date is valid."""
        echo = self.query_one("#start-echo", Label)
        values = self._values()
        lang = i18n.current_language()
        if not values["start"].strip():
            echo.update("")
            return
        try:
            start = parse_event_start(values["start"], self._clock())
        except BadTime as problem:
            echo.update(str(problem))
            echo.set_class(True, "-error")
            return
        echo.set_class(False, "-error")
        kind = EventKind(values["kind"]) if values["kind"] else EventKind.EVENT
        window = relance_window(Event(title="", kind=kind, start=start))
        echo.update(
            f"{format_when(start, lang)}\n"
            + i18n.t(
                "window.label",
                opens=format_day(window.opens, lang),
                closes=format_day(window.closes, lang),
            )
        )

    def build(self, values: dict[str, str]) -> Event:
        return build_event(EventDraft(**values), self._clock(), base=self._event)
