"""Every message used in the code exists in both catalogues, with the same placeholders
and every plural form; counts read naturally in both languages."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from relance_tui import i18n
from relance_tui.core.models import EventKind, Outcome, OutletKind, Role

PACKAGE = Path(i18n.__file__).parent


def read(lang: str) -> Catalog:
    with i18n.po_path(lang).open("rb") as handle:
        return read_po(handle)


CATALOGUES = {lang: read(lang) for lang in i18n.LANGUAGES}


def entries(catalogue: Catalog) -> dict[str, Message]:
    return {m.context: m for m in catalogue if m.id and m.context}


def forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def placeholders(text: str) -> set[str]:
    if "{%" in text or "{{" in text:  # Jinja2 examples, shown as they are, never formatted
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def used_keys() -> set[str]:
    used: set[str] = set()
    call = re.compile(r"""(?:\bt|i18n\.t|i18n\.has)\(\s*["']([a-z_]+\.[a-z0-9_.]*[a-z0-9_])["']""")
    # Bindings carry an i18n key as their description (translated on creation);
    # our errors name theirs in `key = "..."`.
    binding = re.compile(r'Binding\(\s*[^,]+,\s*[^,]+,\s*"([a-z_]+\.[a-z0-9_.]+)"')
    error_key = re.compile(r'^\s+key = "([a-z_]+\.[a-z0-9_.]+)"', re.M)
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for pattern in (call, binding, error_key):
            used.update(pattern.findall(text))
    for prefix, enum in (
        ("role", Role),
        ("kind", OutletKind),
        ("eventkind", EventKind),
        ("outcome", Outcome),
    ):
        used.update(f"{prefix}.{member.value}" for member in enum)
    return used


def test_every_message_used_in_the_code_is_in_both_catalogues() -> None:
    used = used_keys()
    assert len(used) > 300, "the scan found too few message keys"
    for lang, catalogue in CATALOGUES.items():
        missing = sorted(used - set(entries(catalogue)))
        assert missing == [], f"missing from {lang}: {missing}"


def test_both_catalogues_hold_the_same_messages() -> None:
    fr, en = (set(entries(CATALOGUES[lang])) for lang in ("fr", "en"))
    assert fr == en


@pytest.mark.parametrize("key", sorted(entries(CATALOGUES["en"])))
def test_placeholders_agree_and_plural_forms_are_there(key: str) -> None:
    source = entries(CATALOGUES["en"])[key]
    ids = list(source.id) if isinstance(source.id, tuple) else [source.id]
    expected = set().union(*(placeholders(text) for text in ids))
    for lang, catalogue in CATALOGUES.items():
        message = entries(catalogue)[key]
        texts = forms(message)
        assert all(text.strip() for text in texts), f"{key} has an empty text in {lang}"
        if source.pluralizable:
            assert message.pluralizable, f"{key} is counted in en but not in {lang}"
            assert len(texts) == catalogue.num_plurals == 2, f"{key} lacks a plural form ({lang})"
        found = set().union(*(placeholders(text) for text in texts))
        if source.pluralizable:
            # A singular may say "your last take" with no number; the plural names them all.
            assert placeholders(texts[-1]) == expected, (key, lang)
            assert found <= expected, (key, lang)
        else:
            assert found == expected, (key, lang)


def test_the_app_reads_what_the_catalogues_say() -> None:
    """Through the standard library's gettext, every message and plural form."""
    for lang, catalogue in CATALOGUES.items():
        for key, message in entries(catalogue).items():
            if message.pluralizable:
                counts = (1, 2)  # one form each in both languages (fr: 0 and 1 are "one")
                assert [i18n.text(key, lang, n) for n in counts] == forms(message), key
            else:
                assert i18n.text(key, lang) == message.string, key


def test_a_checkout_whose_catalogues_are_not_compiled_reads_them_without_writing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No `.mo` (or one older than its `.po`): compiled in memory, nothing written."""
    import shutil

    locale = tmp_path / "locale"
    for lang in i18n.LANGUAGES:
        (locale / lang / "LC_MESSAGES").mkdir(parents=True)
        shutil.copyfile(i18n.po_path(lang), locale / lang / "LC_MESSAGES" / "relance.po")
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    monkeypatch.setattr(i18n, "IDS_PATH", locale / "relance.ids.json")
    monkeypatch.setattr(i18n, "_translations", {})
    assert i18n.t("count.events", "fr", count=2) == "2 événements"
    assert sorted(p.name for p in locale.rglob("*") if p.is_file()) == ["relance.po", "relance.po"]


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "0 événement"),
        ("fr", 1, "1 événement"),
        ("fr", 2, "2 événements"),
        ("en", 0, "0 events"),
        ("en", 1, "1 event"),
        ("en", 2, "2 events"),
    ],
)
def test_counts_take_the_right_form(lang: str, count: int, expected: str) -> None:
    assert i18n.t("count.events", lang, count=count) == expected


def test_a_missing_message_shows_its_id_rather_than_failing() -> None:
    assert i18n.t("no.such.message") == "no.such.message"
    assert not i18n.has("no.such.message")


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


def test_a_message_may_take_a_parameter_named_key() -> None:
    # The clash of a keymap says which key; so does the card a teammate took first.
    assert "la touche c sert déjà" in i18n.t("keymap.clash", binding_id="calls.skip", key="c")
    assert "passer ? (s)" in i18n.t("team.beaten", name="Alex", who="CIBL", skip="s")


def _click_catalogue(lang: str) -> Catalog:
    with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "click.po").open("rb") as handle:
        return read_po(handle)


def test_click_s_catalogue_holds_messages_click_still_writes() -> None:
    """Click's domain is keyed by Click's own English: each msgid is in Click's source
    (a reworded message would stay English: this says which)."""
    import click

    source = "".join(
        p.read_text(encoding="utf-8") for p in Path(click.__file__).parent.glob("*.py")
    )
    fr, en = _click_catalogue("fr"), _click_catalogue("en")
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in fr if m.id} == {
        m.id if isinstance(m.id, str) else m.id[0] for m in en if m.id
    }
    for message in fr:
        for text in [message.id] if isinstance(message.id, str) else list(message.id):
            if text:
                assert f'"{text}"' in source or f"'{text}'" in source, text
                assert all(forms(message)), text


def test_click_speaks_the_user_s_language_through_gettext() -> None:
    from click.testing import CliRunner

    from relance_tui.cli import main

    for lang, words in (("fr", "Option inconnue"), ("en", "No such option")):
        result = CliRunner().invoke(main, ["--lang", lang, "export", "--zzz"])
        assert result.exit_code == 2 and words in result.output, result.output


def test_both_catalogues_give_each_message_the_same_english_source() -> None:
    """The app asks gettext for (id, English msgid): a msgid that differs between the
    catalogues would show the English text in French."""
    fr, en = entries(CATALOGUES["fr"]), entries(CATALOGUES["en"])
    differ = sorted(key for key in en if key in fr and fr[key].id != en[key].id)
    assert differ == []
