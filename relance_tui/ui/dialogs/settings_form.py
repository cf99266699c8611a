"""The settings form: the caller, the language, the queue, the dial command."""

from __future__ import annotations

import dataclasses

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Select, Static

from relance_tui import i18n
from relance_tui.core.handoff.dial import detect
from relance_tui.core.models import START_SCREENS, Settings
from relance_tui.core.settings import DIALER_CHOICES, SettingsDraft, build_settings
from relance_tui.ui.dialogs.base import FormDialog, form_field
from relance_tui.ui.widgets.editing import TextInput


class SettingsForm(FormDialog[Settings]):
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
        "outlet_cap",
        "stale_months",
        "voice_silence_ms",
        "dialer",
        "dial_command",
        "start_screen",
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
                yield from form_field(
                    f"field.{name}", TextInput(getattr(draft, name), id=f"field-{name}"), name
                )
            yield from form_field(
                "field.ui_language",
                Select(languages, value=draft.language, allow_blank=False, id="field-language"),
                "language",
            )
            for name in (
                "retry_voicemail_min",
                "retry_no_answer_min",
                "retry_resend_min",
                "attempts_cap",
                "outlet_cap",
                "stale_months",
                "voice_silence_ms",
            ):
                yield from form_field(
                    f"field.{name}",
                    TextInput(getattr(draft, name), id=f"field-{name}", type="integer"),
                    name,
                )
            dialers = dialer_options(set())  # what is found here: added once looked for
            yield from form_field(
                "field.dialer",
                Select(dialers, value=draft.dialer, allow_blank=False, id="field-dialer"),
                "dialer",
            )
            yield from form_field(
                "field.dial_command",
                TextInput(draft.dial_command, id="field-dial_command"),
                "dial_command",
            )
            yield Static(i18n.t("field.dial_command.help"), classes="dialog-hint")
            screens = [
                (i18n.t("start_screen.auto" if name == "auto" else f"mode.{name}"), name)
                for name in START_SCREENS
            ]
            yield from form_field(
                "field.start_screen",
                Select(
                    screens, value=draft.start_screen, allow_blank=False, id="field-start_screen"
                ),
                "start_screen",
            )
            # Calling as a team (relance team): how long a card is held, and by whom.
            for name in ("team_lease_min", "team_grace_min"):
                yield from form_field(
                    f"field.{name}",
                    TextInput(getattr(draft, name), id=f"field-{name}", type="integer"),
                    name,
                )
            yes_no = [(i18n.t("answer.yes"), "yes"), (i18n.t("answer.no"), "no")]
            yield from form_field(
                "field.team_lease_outlet",
                Select(
                    yes_no,
                    value=draft.team_lease_outlet,
                    allow_blank=False,
                    id="field-team_lease_outlet",
                ),
                "team_lease_outlet",
            )
            yield from self._buttons()

    def on_mount(self) -> None:
        super().on_mount()
        self._detect_worker()

    @work(thread=True, exclusive=True, group="detect")
    def _detect_worker(self) -> None:
        # Off the UI thread: asking a phone link or adb for its devices can take seconds.
        found = {dialer.key for dialer in detect()}
        self.app.call_from_thread(self._show_found, found)

    def _show_found(self, found: set[str]) -> None:
        select = self.query_one("#field-dialer", Select)
        value = select.value
        select.set_options(dialer_options(found))
        select.value = value

    def build(self, values: dict[str, str]) -> Settings:
        return build_settings(SettingsDraft(**values), self._settings)


def dialer_options(found: set[str]) -> list[tuple[str, str]]:
    """Each dialer by name, "(trouvé ici)" after those this machine has."""
    here = f" ({i18n.t('handoff.found_here')})"
    return [
        (i18n.t(f"handoff.dialer.{key}") + (here if key in found else ""), key)
        for key in DIALER_CHOICES
    ]


class CallerForm(FormDialog[Settings]):
    """Asked once, before Script or Appels, when nobody has said who calls: the name,
    organisation and callback number the talking points and emails need."""

    FIELDS = ("caller_name", "organisation", "caller_phone")

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self._settings = settings
        self._draft = SettingsDraft.from_settings(settings)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form", id="caller-form"):
            yield Label(i18n.t("form.caller"), classes="dialog-title")
            yield Static(i18n.t("form.caller.why"), classes="dialog-hint")
            for name in self.FIELDS:
                yield from form_field(
                    f"field.{name}", TextInput(getattr(self._draft, name), id=f"field-{name}"), name
                )
            yield from self._buttons()

    def build(self, values: dict[str, str]) -> Settings:
        draft = dataclasses.replace(self._draft, **values)
        return build_settings(draft, self._settings)
