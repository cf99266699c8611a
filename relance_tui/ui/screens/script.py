"""Script: the event, its talking points and reminder email, previewed live per contact."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Label, Select, Static, TextArea

from relance_tui import i18n
from relance_tui.core.errors import RelanceError
from relance_tui.core.models import Event
from relance_tui.core.script import book
from relance_tui.core.script.events import create_event, duplicate_event, make_current, set_archived
from relance_tui.core.script.speech import LengthEstimate, estimate
from relance_tui.core.script.templates import (
    Checked,
    TemplateProblem,
    context_for_target,
    render_checked,
)
from relance_tui.core.who import Directory
from relance_tui.ui.dialogs.confirm import ConfirmDialog
from relance_tui.ui.dialogs.event_form import EventForm
from relance_tui.ui.dialogs.events import EventChoice, EventsDialog, EventVerb
from relance_tui.ui.dialogs.variables import VariablesDialog
from relance_tui.ui.screens.base import RelanceScreen
from relance_tui.ui.widgets.editing import TextEditor

TEMPLATES = book.NAMES
RENDER_DELAY_S = 0.25
SAVE_DELAY_S = 1.0


def length_text(length: LengthEstimate) -> str:
    pace = i18n.t("script.pace.measured" if length.measured else "script.pace.default")
    head = i18n.t(
        "script.length",
        words=length.words,
        seconds=round(length.seconds),
        wpm=round(length.wpm),
        pace=pace,
        target=length.target_s,
    )
    if length.fits:
        return f"{head} ✓"
    return f"{head} ⚠ " + i18n.t("script.words_over", count=length.words_over)


class ScriptScreen(RelanceScreen):
    MODE = "script"
    ASKS_CALLER = True
    # Nothing takes the keyboard on arrival, so 1–5 and q still work; tab enters
    # the first editor and Esc leaves it.
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("escape", "leave_editor", "key.leave_editor", id="script.leave"),
        Binding("f1", "variables", "key.variables", id="script.variables"),
        Binding("f2", "edit_event", "key.edit_event", id="script.edit_event"),
        Binding("f3", "events", "key.events", id="script.events"),
        Binding("f4", "copy_email", "key.copy_email", id="script.copy_email"),
        Binding("f5", "switch_language", "key.template_language", id="script.language"),
        Binding("ctrl+n", "new_event", "key.new_event", id="script.new_event"),
        Binding("ctrl+r", "reset_templates", "key.reset_templates", id="script.reset"),
        # Edits save themselves a second after the last key; ctrl+s is for the anxious.
        Binding("ctrl+s", "save", "key.save", id="script.save", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._event: Event | None = None
        self._render_timer: Timer | None = None
        self._renders_asked = 0  # previews asked for, and the last one shown:
        self._renders_shown = 0  # equal when the preview is up to date
        self._save_timer: Timer | None = None
        self._last_good: dict[str, str] = {}
        self._rendered_ok: dict[str, str] = {}  # by template: the source that last rendered
        self._lang = "fr"  # the language of the templates being written
        self._loading = False
        self._editors: dict[str, TextArea] = {}
        self._last_editor = "talking_points"  # where F1 inserts a variable

    # layout -----------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with Horizontal(id="script-body"):
            with Vertical(id="editors"):
                yield Label("", id="script-lang")
                for name in TEMPLATES:
                    yield Label(i18n.t(f"script.{name}"), classes="editor-title")
                    yield TextEditor(id=f"tpl-{name}", soft_wrap=True, classes="template-editor")
                    if name == "talking_points":
                        yield Label("", id="length")
            with Vertical(id="preview-pane"):
                yield Select[int]([], prompt=i18n.t("script.preview_for"), id="preview-contact")
                yield Label("", id="template-error")
                with VerticalScroll(id="preview"):
                    for name in TEMPLATES:
                        yield Static("", id=f"preview-{name}", classes="preview", markup=False)
        yield Label(i18n.t("script.variables.short"), id="variables-short")

    def on_mount(self) -> None:
        self._editors = {name: self.query_one(f"#tpl-{name}", TextArea) for name in TEMPLATES}
        self.load_event()

    def on_screen_suspend(self) -> None:
        self.save_templates()

    def on_unmount(self) -> None:
        if self.store.is_open:
            self.save_templates()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        current = self.store.current_event()
        if (current.id if current else None) != (self._event.id if self._event else None):
            self.load_event()
        else:
            # Takes recorded meanwhile change the estimate; settings change the preview.
            self.schedule_render(delay=0)

    # loading ------------------------------------------------------------------------
    def load_event(self) -> None:
        """Fill the editors and the contact picker from the current event."""
        self._event = self.store.current_event()
        if self._event is not None:
            self._lang = book.event_language(self._event)
        self._load_templates()
        self._loading = True
        picker = self.query_one("#preview-contact", Select)
        options = self._contact_options()
        picker.set_options(options)
        if options:
            picker.value = options[0][1]
        self._loading = False
        if self._event is None:
            self.query_one("#template-error", Label).update(i18n.t("script.no_event"))
        self.schedule_render(delay=0)

    def _load_templates(self) -> None:
        """The editors filled with the drafts of the language being written."""
        self._last_good = {}
        self._rendered_ok = {}
        self._loading = True
        event = self._event
        for name, editor in self._editors.items():
            editor.load_text(book.draft(event, self._lang, name) if event else "")
            editor.disabled = event is None
        self._loading = False
        self._show_language()

    def _show_language(self) -> None:
        label = self.query_one("#script-lang", Label)
        if self._event is None:
            label.update("")
            return
        parts = []
        for code in book.LANGUAGES:
            name = i18n.t(f"language.{code}")
            state = i18n.t("script.lang.default") if book.is_default(self._event, code) else ""
            mark = "▸ " if code == self._lang else ""
            parts.append(f"{mark}{name}{f' ({state})' if state else ''}")
        key = self.relance.key_for("script.language", "F5")
        label.update("  ·  ".join(parts) + (f"   [{key}]" if key else ""))

    def _contact_options(self) -> list[tuple[str, int]]:
        if self._event is None or self._event.id is None:
            return []
        directory = Directory.of(self.store)
        options = []
        for target in self.store.targets(self._event.id):
            who = directory.who(target)
            assert target.id is not None
            name = who.name or i18n.t("role.newsroom")
            options.append((f"{name} — {who.outlet.name if who.outlet else ''}", target.id))
        return options

    def _preview_context(self) -> dict[str, Any] | None:
        """The template variables for the contact picked for the preview."""
        if self._event is None:
            return None
        picker = self.query_one("#preview-contact", Select)
        target_id = picker.value if isinstance(picker.value, int) else None
        return context_for_target(self.store, self._event, target_id, self._lang)

    # live preview -------------------------------------------------------------------
    def sources(self) -> dict[str, str]:
        # From kept references: on unmount the editors are no longer queryable.
        return {name: editor.text for name, editor in self._editors.items()}

    @property
    def preview_settled(self) -> bool:
        """Whether the preview shows the templates as they are now."""
        return self._renders_shown == self._renders_asked

    def schedule_render(self, delay: float = RENDER_DELAY_S) -> None:
        """Render soon; typing faster than `delay` renders once, after the last key."""
        self._renders_asked += 1
        if self._render_timer is not None:
            self._render_timer.stop()
            self._render_timer = None
        if delay <= 0:  # Textual timers need a positive delay
            self.call_after_refresh(self._start_render)
        else:
            self._render_timer = self.set_timer(delay, self._start_render)

    def _start_render(self) -> None:
        asked = self._renders_asked
        context = self._preview_context()
        if context is None or self._event is None:
            self._renders_shown = asked
            return
        takes = self.store.takes(self._event.id) if self._event.id is not None else []
        self._render_worker(
            asked,
            self.sources(),
            context,
            self._lang,
            takes,
            self._event.rehearsal_target_s,
            self.relance.key_for("settings", "ctrl+g"),
        )

    @work(thread=True, exclusive=True, group="preview")
    def _render_worker(
        self,
        asked: int,
        sources: dict[str, str],
        context: dict[str, Any],
        lang: str,
        takes: list[Any],
        target_s: int,
        settings_key: str,
    ) -> None:
        # Off the UI thread; each template renders in the render process, stopped at
        # its deadline, so a hostile template cannot freeze the screen.
        results: dict[str, Checked | TemplateProblem] = {}
        for name, source in sources.items():
            try:
                results[name] = render_checked(source, context, lang, name, settings_key)
            except TemplateProblem as problem:
                results[name] = problem
        talking = results["talking_points"]
        length = (
            estimate(talking.text, lang, takes, target_s) if isinstance(talking, Checked) else None
        )
        self.app.call_from_thread(self._show_preview, results, length, asked, sources)

    def _show_preview(
        self,
        results: dict[str, Checked | TemplateProblem],
        length: LengthEstimate | None,
        asked: int,
        sources: dict[str, str],
    ) -> None:
        problems = []
        for name, result in results.items():
            title = i18n.t("script." + name)
            if isinstance(result, TemplateProblem):
                problems.append(f"✗ {title} : {result}")
                continue  # the last good preview stays
            problems += [f"⚠ {title} : {warning}" for warning in result.warnings]
            self._rendered_ok[name] = sources[name]
            self._last_good[name] = result.text
            self.query_one(f"#preview-{name}", Static).update(result.text)
        error = self.query_one("#template-error", Label)
        error.update("\n".join(problems))
        error.display = bool(problems)
        if length is not None:
            self.query_one("#length", Label).update(length_text(length))
        self._renders_shown = max(self._renders_shown, asked)
        if self._save_timer is None:
            self.save_templates()  # a draft that now renders becomes the version calls use

    @on(TextArea.Changed, ".template-editor")
    def _template_changed(self) -> None:
        if self._loading:
            return
        self.schedule_render()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY_S, self.save_templates)

    @on(Select.Changed, "#preview-contact")
    def _contact_changed(self) -> None:
        if not self._loading:
            self.schedule_render(delay=0)

    # saving -------------------------------------------------------------------------
    def save_templates(self) -> None:
        """Store the templates if they changed. A draft with an error is kept as a
        draft: calls go on with the last version that rendered (core.script.book)."""
        self._save_timer = None
        if self._event is None:
            return
        sources = self.sources()
        rendered = {name for name, text in sources.items() if self._rendered_ok.get(name) == text}
        updated = book.with_drafts(self._event, self._lang, sources, rendered)
        if (updated.templates, updated.good_templates) == (
            self._event.templates,
            self._event.good_templates,
        ):
            return
        try:
            self.store.save(updated)
        except RelanceError as problem:  # a full disk: the text stays in the editor
            self.show_problem(problem)
            return
        self._event = updated

    def action_save(self) -> None:
        self.save_templates()
        self.notify(i18n.t("script.saved"))

    # actions ------------------------------------------------------------------------
    def action_leave_editor(self) -> None:
        self.set_focus(None)

    def action_variables(self) -> None:
        editor = self._editors[self._last_editor]

        def chosen(text: str | None) -> None:
            if text:
                editor.focus()
                editor.insert(text)

        self.app.push_screen(
            VariablesDialog(self._lang, self._preview_context()), self.guarded(chosen)
        )

    @on(TextArea.Changed)
    def _remember_editor(self, message: TextArea.Changed) -> None:
        if message.text_area.id and message.text_area.id.startswith("tpl-"):
            self._last_editor = message.text_area.id.removeprefix("tpl-")

    def on_descendant_focus(self, message: Any) -> None:
        widget_id = getattr(message.widget, "id", None) or ""
        if widget_id.startswith("tpl-"):
            self._last_editor = widget_id.removeprefix("tpl-")

    def action_switch_language(self) -> None:
        """Write the templates of the other language (the card picks by outlet)."""
        if self._event is None:
            return
        self.save_templates()
        self._lang = "en" if self._lang == "fr" else "fr"
        self._load_templates()
        self.schedule_render(delay=0)
        self.notify(i18n.t("script.lang.now", language=i18n.t(f"language.{self._lang}")))

    def _after_event_change(self) -> None:
        self.load_event()
        self.refresh_banner()

    def action_new_event(self) -> None:
        def created(event: Event | None) -> None:
            if event is not None:
                create_event(self.store, event)
                self.notify(i18n.t("script.event_created", title=event.title))
                self._after_event_change()

        self.save_templates()
        self.app.push_screen(EventForm(self.clock), self.guarded(created))

    def action_edit_event(self) -> None:
        if self._event is None:
            self.action_new_event()
            return
        self.save_templates()
        self._edit(self._event)

    def _edit(self, event: Event) -> None:
        def edited(result: Event | None) -> None:
            if result is not None:
                self.store.save(result)
                self.notify(i18n.t("script.event_saved", title=result.title))
                self._after_event_change()

        self.app.push_screen(EventForm(self.clock, event), self.guarded(edited))

    def action_events(self) -> None:
        self.save_templates()
        current = self._event.id if self._event else None

        def chosen(choice: EventChoice | None) -> None:
            if choice is None:
                return
            verb, event_id = choice.verb, choice.event_id
            if verb is EventVerb.NEW:
                self.action_new_event()
                return
            event = self.store.get(Event, event_id) if event_id is not None else None
            if event is None:
                return
            if verb is EventVerb.CHOOSE:
                if event.archived:
                    set_archived(self.store, event, False)
                make_current(self.store, event)
            elif verb is EventVerb.EDIT:
                self._edit(event)
                return
            elif verb is EventVerb.DUPLICATE:
                copy = duplicate_event(self.store, event, self.clock())
                self.notify(i18n.t("script.event_created", title=copy.title))
            elif verb is EventVerb.ARCHIVE:
                set_archived(self.store, event, not event.archived)
            self._after_event_change()

        events = self.store.events(include_archived=True)
        self.app.push_screen(EventsDialog(events, current), self.guarded(chosen))

    def action_reset_templates(self) -> None:
        event = self._event
        if event is None:
            return
        lang = self._lang

        def answered(yes: bool | None) -> None:
            if yes:
                for name, text in book.defaults(lang).items():
                    self._editors[name].load_text(text)
                self.save_templates()
                self._show_language()
                self.schedule_render(delay=0)
                self.notify(i18n.t("script.reset_done"))

        self.app.push_screen(
            ConfirmDialog(i18n.t("script.reset_question", language=i18n.t(f"language.{lang}"))),
            self.guarded(answered),
        )

    def action_copy_email(self) -> None:
        if self._event is None:
            return
        subject = self._last_good.get("email_subject", "").strip()
        body = self._last_good.get("email_body", "")
        context = self._preview_context() or {}
        to = context.get("contact", {}).get("email", "")
        self.copy_with_dialog(
            i18n.t("calls.email_title") + " — " + self.email_title(to, subject),
            self.email_text(to, subject, body),
            context.get("contact", {}).get("name", "") or "courriel",
        )
