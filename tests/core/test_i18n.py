"""Every message exists in French and English, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from relance_tui import i18n
from relance_tui.core.models import EventKind, Outcome, OutletKind, Role

PACKAGE = Path(i18n.__file__).parent


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.MESSAGES))
def test_message_exists_in_both_languages_with_same_placeholders(key: str) -> None:
    entry = i18n.MESSAGES[key]
    assert set(entry) == set(i18n.LANGUAGES), f"{key} lacks a language"
    assert all(entry[lang].strip() for lang in i18n.LANGUAGES), f"{key} has an empty text"
    assert placeholders(entry["fr"]) == placeholders(entry["en"]), key


def test_every_key_used_in_the_code_exists() -> None:
    used: set[str] = set()
    pattern = re.compile(r"""(?:\bt|i18n\.t)\(\s*["']([a-z_]+\.[a-z0-9_.]*[a-z0-9_])["']""")
    # Bindings carry an i18n key as their description (translated on creation).
    binding = re.compile(r'Binding\(\s*"[^"]+",\s*"[^"]+",\s*"([a-z_]+\.[a-z0-9_.]+)"')
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used.update(pattern.findall(text))
        used.update(binding.findall(text))
    assert used, "the scan found no message keys at all"
    missing = sorted(key for key in used if key not in i18n.MESSAGES)
    assert not missing


def test_enum_values_have_words_in_both_languages() -> None:
    for prefix, enum in (
        ("role", Role),
        ("kind", OutletKind),
        ("eventkind", EventKind),
        ("outcome", Outcome),
    ):
        for member in enum:
            assert f"{prefix}.{member.value}" in i18n.MESSAGES


def test_language_detection_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_CA.UTF-8")
    assert i18n.detect_language() == "en"
    monkeypatch.setenv("RELANCE_LANG", "fr")
    assert i18n.detect_language() == "fr"
    assert i18n.detect_language("en") == "en"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("RELANCE_LANG")
    assert i18n.detect_language() == "fr"
    with pytest.raises(ValueError):
        i18n.detect_language("de")


def test_translation_follows_the_current_language() -> None:
    assert i18n.t("mode.report") == "Bilan"
    i18n.set_language("en")
    assert i18n.t("mode.report") == "Report"
