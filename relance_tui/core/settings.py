"""The settings form: validated as a whole, saved whole or not at all."""

from __future__ import annotations

import dataclasses
import shlex
from dataclasses import dataclass

from relance_tui import i18n
from relance_tui.core.errors import FieldsInvalid
from relance_tui.core.models import START_SCREENS, Settings
from relance_tui.core.text import clean


class SettingsInvalid(FieldsInvalid):
    key = "settings.invalid"


@dataclass
class SettingsDraft:
    caller_name: str = ""
    organisation: str = ""
    caller_phone: str = ""
    language: str = "fr"
    retry_voicemail_min: str = "120"
    retry_no_answer_min: str = "30"
    retry_resend_min: str = "120"
    attempts_cap: str = "3"
    outlet_cap: str = "3"
    stale_months: str = "12"
    dial_command: str = ""
    voice_silence_ms: str = "1200"
    dialer: str = "auto"
    start_screen: str = "auto"
    team_lease_min: str = "10"
    team_grace_min: str = "15"
    team_lease_outlet: str = "yes"

    @classmethod
    def from_settings(cls, settings: Settings) -> SettingsDraft:
        return cls(
            caller_name=settings.caller_name,
            organisation=settings.organisation,
            caller_phone=settings.caller_phone,
            language=settings.language or i18n.current_language(),
            retry_voicemail_min=str(settings.retry_voicemail_min),
            retry_no_answer_min=str(settings.retry_no_answer_min),
            retry_resend_min=str(settings.retry_resend_min),
            attempts_cap=str(settings.attempts_cap),
            outlet_cap=str(settings.outlet_cap),
            stale_months=str(settings.stale_months),
            dial_command=settings.dial_command,
            voice_silence_ms=str(settings.voice_silence_ms),
            dialer=settings.dialer,
            start_screen=settings.start_screen,
            team_lease_min=str(settings.team_lease_min),
            team_grace_min=str(settings.team_grace_min),
            team_lease_outlet="yes" if settings.team_lease_outlet else "no",
        )


DIALER_CHOICES = (
    "auto",
    "kdeconnect",
    "gsconnect",
    "adb",
    "macos",
    "linphone",
    "xdg",
    "custom",
    "qr",
)


def _whole_number(text: str, low: int, high: int) -> int | None:
    text = text.strip()
    if not text.isdecimal() or len(text) > 6:
        return None
    value = int(text)
    return value if low <= value <= high else None


def build_settings(draft: SettingsDraft, base: Settings) -> Settings:
    """Valid settings from the draft, or SettingsInvalid with one message per field."""
    errors: dict[str, str] = {}
    texts = {
        "caller_name": clean(draft.caller_name).strip(),
        "organisation": clean(draft.organisation).strip(),
        "caller_phone": clean(draft.caller_phone).strip(),
        "dial_command": clean(draft.dial_command).strip(),
    }
    for name, value in texts.items():
        if len(value) > 300:
            errors[name] = i18n.t("event.error.too_long", limit=300)
    if texts["caller_phone"] and "caller_phone" not in errors:
        import phonenumbers  # only here, when the settings are saved: 35 ms to load

        try:
            parsed = phonenumbers.parse(texts["caller_phone"], "CA")
            if not phonenumbers.is_possible_number(parsed):
                raise phonenumbers.NumberParseException(0, "impossible")
        except phonenumbers.NumberParseException:
            errors["caller_phone"] = i18n.t("settings.error.phone")
    if texts["dial_command"] and "dial_command" not in errors:
        try:
            if not shlex.split(texts["dial_command"]):
                raise ValueError
        except ValueError:
            errors["dial_command"] = i18n.t("settings.error.dial")
    if draft.language not in i18n.LANGUAGES:
        errors["language"] = i18n.t("event.error.language")
    numbers: dict[str, int] = {}
    for name, low, high in (
        ("retry_voicemail_min", 1, 1440),
        ("retry_no_answer_min", 1, 1440),
        ("retry_resend_min", 1, 1440),
        ("attempts_cap", 1, 20),
        ("outlet_cap", 0, 20),
        ("stale_months", 1, 120),
        ("voice_silence_ms", 300, 5000),
        ("team_lease_min", 1, 120),
        ("team_grace_min", 0, 240),
    ):
        number = _whole_number(getattr(draft, name), low, high)
        if number is None:
            errors[name] = i18n.t("settings.error.number", low=low, high=high)
        else:
            numbers[name] = number
    if errors:
        raise SettingsInvalid(errors)
    return dataclasses.replace(
        base,
        language=draft.language,
        caller_name=texts["caller_name"],
        organisation=texts["organisation"],
        caller_phone=texts["caller_phone"],
        dial_command=texts["dial_command"],
        retry_voicemail_min=numbers["retry_voicemail_min"],
        retry_no_answer_min=numbers["retry_no_answer_min"],
        retry_resend_min=numbers["retry_resend_min"],
        attempts_cap=numbers["attempts_cap"],
        outlet_cap=numbers["outlet_cap"],
        stale_months=numbers["stale_months"],
        voice_silence_ms=numbers["voice_silence_ms"],
        dialer=draft.dialer if draft.dialer in DIALER_CHOICES else "auto",
        start_screen=draft.start_screen if draft.start_screen in START_SCREENS else "auto",
        team_lease_min=numbers["team_lease_min"],
        team_grace_min=numbers["team_grace_min"],
        team_lease_outlet=draft.team_lease_outlet != "no",
    )
