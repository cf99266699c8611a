"""Forms: the event, the settings, the list of events, a yes/no question.

Forms hold text; the core validates it whole (`build_event`, `build_settings`)
and the form shows each field's message under the field. Nothing is saved
half-valid.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, Static, TextArea

from relance_tui import i18n
from relance_tui.core.calls.timing import (
    BadTime,
    Clock,
    format_day,
    format_when,
    relance_window,
)
from relance_tui.core.errors import FieldsInvalid
from relance_tui.core.models import Event, EventKind, Language, Settings
from relance_tui.core.script.events import (
    EventDraft,
    build_event,
    parse_event_start,
)
from relance_tui.core.settings import SettingsDraft, build_settings
from relance_tui.ui.dialogs import _Dialog


def _field(label_key: str, widget: Input | Select[str] | TextArea, name: str) -> ComposeResult:
    yield Label(i18n.t(label_key), classes="field-label")
    yield widget
    yield Label("", id=f"error-{name}", classes="field-error")


class _Form(_Dialog):
    """A dialog with fields, per-field errors, and ctrl+s to save."""

    BINDINGS = [Binding("ctrl+s", "save", "key.save", id="form.save", priority=True)]
    FIELDS: tuple[str, ...] = ()

    def _values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name in self.FIELDS:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Input):
                values[name] = widget.value
            elif isinstance(widget, TextArea):
                values[name] = widget.text
            elif isinstance(widget, Select):
                values[name] = "" if widget.value is Select.BLANK else str(widget.value)
        return values

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name in self.FIELDS:
            label = self.query_one(f"#error-{name}", Label)
            label.update(errors.get(name, ""))
            label.display = name in errors
        summary = self.query_one("#form-summary", Label)
        summary.update(i18n.t("form.fix_fields", count=len(errors)) if errors else "")

    def on_mount(self) -> None:
        self._show_errors({})
        self.query(Input).first().focus()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError

    def _buttons(self) -> ComposeResult:
        yield Label("", id="form-summary", classes="field-error")
        with Horizontal(classes="form-buttons"):
            yield Button(i18n.t("form.save"), id="form-save", variant="primary")
            yield Button(i18n.t("form.cancel"), id="form-cancel")


class EventForm(_Form):
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
            yield from _field("field.title", Input(draft.title, id="field-title"), "title")
            yield from _field(
                "field.kind",
                Select(kinds, value=draft.kind, allow_blank=False, id="field-kind"),
                "kind",
            )
            yield from _field(
                "field.start",
                Input(
                    draft.start,
                    placeholder=i18n.t("field.start.placeholder"),
                    id="field-start",
                ),
                "start",
            )
            yield Label("", id="start-echo", classes="dialog-status")
            yield from _field("field.venue", Input(draft.venue, id="field-venue"), "venue")
            yield from _field("field.address", Input(draft.address, id="field-address"), "address")
            yield from _field(
                "field.spokespeople",
                Input(
                    draft.spokespeople,
                    placeholder=i18n.t("field.spokespeople.placeholder"),
                    id="field-spokespeople",
                ),
                "spokespeople",
            )
            yield from _field("field.visuals", Input(draft.visuals, id="field-visuals"), "visuals")
            yield from _field(
                "field.language",
                Select(languages, value=draft.language, allow_blank=False, id="field-language"),
                "language",
            )
            yield from _field(
                "field.press_release",
                TextArea(draft.press_release, id="field-press_release", soft_wrap=True),
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

    def action_save(self) -> None:
        draft = EventDraft(**self._values())
        try:
            event = build_event(draft, self._clock(), base=self._event)
        except FieldsInvalid as invalid:
            self._show_errors(invalid.errors)
            return
        self.dismiss(event)


class SettingsForm(_Form):
    """The caller, the language, the call queue's delays and cap, the dial command."""

    FIELDS = (
        "caller_name",
        "organisation",
        "caller_phone",
        "language",
        "retry_voicemail_min",
        "retry_no_answer_min",
        "retry_resend_min",
        "attempts_cap",
        "dial_command",
    )

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self._settings = settings
        self._draft = SettingsDraft.from_settings(settings)

    def compose(self) -> ComposeResult:
        draft = self._draft
        languages = [(i18n.t(f"language.{code}"), code) for code in i18n.LANGUAGES]
        with VerticalScroll(classes="dialog form", id="settings-form"):
            yield Label(i18n.t("form.settings"), classes="dialog-title")
            for name in ("caller_name", "organisation", "caller_phone"):
                yield from _field(
                    f"field.{name}", Input(getattr(draft, name), id=f"field-{name}"), name
                )
            yield from _field(
                "field.ui_language",
                Select(languages, value=draft.language, allow_blank=False, id="field-language"),
                "language",
            )
            for name in (
                "retry_voicemail_min",
                "retry_no_answer_min",
                "retry_resend_min",
                "attempts_cap",
            ):
                yield from _field(
                    f"field.{name}",
                    Input(getattr(draft, name), id=f"field-{name}", type="integer"),
                    name,
                )
            yield from _field(
                "field.dial_command",
                Input(
                    draft.dial_command, placeholder="xdg-open tel:{number}", id="field-dial_command"
                ),
                "dial_command",
            )
            yield Static(i18n.t("field.dial_command.help"), classes="dialog-hint")
            yield from self._buttons()

    def action_save(self) -> None:
        draft = SettingsDraft(**self._values())
        try:
            settings = build_settings(draft, self._settings)
        except FieldsInvalid as invalid:
            self._show_errors(invalid.errors)
            return
        self.dismiss(settings)


class ConfirmDialog(_Dialog):
    """A yes/no question; dismisses with True only on an explicit yes."""

    BINDINGS = [
        Binding("y,o", "answer(True)", "key.yes", id="confirm.yes"),
        Binding("n", "answer(False)", "key.no", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self._question, classes="dialog-title")
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("confirm.yes"), id="confirm-yes", variant="warning")
                yield Button(i18n.t("confirm.no"), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, message: Button.Pressed) -> None:
        self.dismiss(message.button.id == "confirm-yes")


class EventsDialog(_Dialog):
    """Every event: choose the current one, create, edit, duplicate, archive."""

    BINDINGS = [
        Binding("enter", "choose", "key.choose", id="events.choose", priority=True),
        Binding("n", "new", "key.new", id="events.new"),
        Binding("e", "edit", "key.edit", id="events.edit"),
        Binding("d", "duplicate", "key.duplicate", id="events.duplicate"),
        Binding("a", "archive", "key.archive", id="events.archive"),
    ]

    def __init__(self, events: list[Event], current_id: int | None) -> None:
        super().__init__()
        self._events = events
        self._current_id = current_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="events-dialog"):
            yield Label(i18n.t("form.events"), classes="dialog-title")
            yield DataTable(id="events-table", cursor_type="row")
            yield Label(i18n.t("form.events.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        lang = i18n.current_language()
        table = self.query_one(DataTable)
        for key in ("col.event", "col.when", "col.kind", "col.state"):
            table.add_column(i18n.t(key), key=key)
        for event in self._events:
            table.add_row(
                ("▶ " if event.id == self._current_id else "  ") + event.title,
                format_when(event.start, lang),
                i18n.t(f"eventkind.{event.kind.value}"),
                i18n.t("event.archived") if event.archived else "",
                key=str(event.id),
            )
        table.focus()
        ids = [e.id for e in self._events]
        if self._current_id in ids:
            table.move_cursor(row=ids.index(self._current_id))

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def _finish(self, verb: str) -> None:
        self.dismiss((verb, self._selected()))

    def action_choose(self) -> None:
        if self._selected() is not None:
            self._finish("choose")

    def action_new(self) -> None:
        self.dismiss(("new", None))

    def action_edit(self) -> None:
        if self._selected() is not None:
            self._finish("edit")

    def action_duplicate(self) -> None:
        if self._selected() is not None:
            self._finish("duplicate")

    def action_archive(self) -> None:
        if self._selected() is not None:
            self._finish("archive")
