"""Phone numbers: the fast reading of plain North American numbers gives exactly what
phonenumbers gives (an import reads 10,000 of them)."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from relance_tui.core import phones
from relance_tui.core.errors import RelanceError


def by_phonenumbers(number: str) -> tuple[str, str] | None:
    """What parse_phone and phone_key gave before the fast reading (phonenumbers only)."""
    try:
        parsed = phonenumbers.parse(number, "CA")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_possible_number_with_reason(parsed) != 0 or parsed.extension:
        return None
    if parsed.country_code == 1:
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        shown = national.replace("(", "").replace(") ", "-")
    else:
        shown = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return shown, phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


SEPARATORS = st.sampled_from(["", " ", "-", ".", "/", "  "])


@st.composite
def north_american(draw: st.DrawFn) -> str:
    area = draw(st.integers(200, 999))
    exchange = draw(st.integers(200, 999))
    line = draw(st.integers(0, 9999))
    prefix = draw(st.sampled_from(["", "1", "+1", "1 ", "+1 ", "+1-"]))
    bracketed = draw(st.booleans())
    area_text = f"({area})" if bracketed else str(area)
    first, second = draw(SEPARATORS), draw(SEPARATORS)
    return f"{prefix}{area_text}{first}{exchange}{second}{line:04d}"


@given(north_american())
def test_a_plain_north_american_number_reads_as_phonenumbers_reads_it(number: str) -> None:
    expected = by_phonenumbers(number)
    assert expected is not None
    assert phones.parse_phone(number) == (expected[0], "")
    assert phones.phone_key(number) == expected[1]
    assert phones.phone_key(number, "221") == expected[1] + ";221"
    assert phones.phone_key(expected[0]) == expected[1]  # as stored: "514-555-0142"
    for lang in ("fr", "en"):
        assert phones.format_phone(number, lang=lang) == phones._formatted_by_phonenumbers(
            number, lang
        )


@pytest.mark.parametrize(
    "number",
    ["555-0142", "514-155-0142", "114-555-0142", "+33 1 23 45 67 89", "514-555-01422", "0"],
)
def test_other_numbers_still_go_through_phonenumbers(number: str) -> None:
    expected = by_phonenumbers(number)
    try:
        got: tuple[str, str] | None = phones.parse_phone(number)
    except RelanceError:
        got = None
    assert got == (None if expected is None else (expected[0], ""))
