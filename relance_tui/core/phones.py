"""Phone numbers as a caller reads and dials them (region CA).

A plain North American number is read and written here; phonenumbers, which takes
35 ms to import, is loaded the first time another number comes (the first card
of a Québec call list does not wait for it).
"""

from __future__ import annotations

import functools
import re

from relance_tui.core.errors import RelanceError

# "poste 221", "p. 221", "p221", "ext. 12", "ext 12", "x12", "#12" at the end of a number,
# or a dialling pause before it, as phones store it ("514-555-0142,221", ";221").
_EXTENSION = re.compile(
    r"\s*(?:[,;]?\s*(?:poste|p\.?|ext\.?|extension|x|#)\s*|[,;]\s*)(\d{1,6})\s*$",
    re.IGNORECASE,
)


_MAY_HAVE_EXTENSION = re.compile(r"[^\d\s().\-/+]")
_DIALABLE = re.compile(r"\+?[\d\s().\-/]+")
_STORED = re.compile(r"[2-9]\d\d-[2-9]\d\d-\d{4}")


class BadPhone(RelanceError):
    key = "phone.invalid"


def split_extension(text: str) -> tuple[str, str]:
    """("514 555-0142 poste 221") -> ("514 555-0142", "221")."""
    if not _MAY_HAVE_EXTENSION.search(text):  # digits and punctuation only
        return text.strip(), ""
    match = _EXTENSION.search(text)
    if not match:
        return text.strip(), ""
    return text[: match.start()].strip(), match.group(1)


_NANP = re.compile(r"(?:\+?1[\s.\-/]*)?\(?([2-9]\d\d)\)?[\s.\-/]*([2-9]\d\d)[\s.\-/]*(\d{4})")


def _north_american(number: str) -> tuple[str, str, str] | None:
    """Area code, exchange and line of a plain North American number ("514 555-0142",
    "(514) 555-0142", "+1 514.555.0142"), read without phonenumbers, which takes
    60 µs a number (an import of 10,000 rows reads each twice); None otherwise, and
    phonenumbers reads it. Both give the same result (a test compares them)."""
    found = _NANP.fullmatch(number)
    return (found[1], found[2], found[3]) if found else None


def parse_phone(text: str, extension: str = "") -> tuple[str, str]:
    """A typed or imported number as ("514-555-0142", "221"); BadPhone when it is not one.

    The extension may be written into the number ("poste 221", "ext. 12", "x12")
    or given apart. Nothing is silently changed: a string that is not a
    possible Canadian (or international, with +) number is refused.
    """
    raw = text.strip()
    number, written_extension = split_extension(raw)
    extension = extension.strip() or written_extension
    if extension and not extension.isdigit():
        raise BadPhone(phone=raw)
    if not number or len(number) > 40 or not _DIALABLE.fullmatch(number):
        raise BadPhone(phone=raw)
    if (plain := _north_american(number)) is not None:
        return "-".join(plain), extension
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, "CA")
    except phonenumbers.NumberParseException:
        raise BadPhone(phone=raw) from None
    reason = phonenumbers.is_possible_number_with_reason(parsed)
    # A local-only number ("555-0142", no area code) is not enough to call back.
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE or parsed.extension:
        raise BadPhone(phone=raw)
    if parsed.country_code == 1:
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        formatted = national.replace("(", "").replace(") ", "-")
    else:
        formatted = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return formatted, extension


def phone_key(phone: str, extension: str = "") -> str:
    """The number as E.164 plus extension, for spotting duplicates; "" if unparsable."""
    if _STORED.fullmatch(phone):  # as `parse_phone` writes it: "514-555-0142"
        return "+1" + phone.replace("-", "") + (f";{extension}" if extension else "")
    if (plain := _north_american(phone.strip())) is not None:
        return "+1" + "".join(plain) + (f";{extension}" if extension else "")
    import phonenumbers

    try:
        parsed = phonenumbers.parse(phone, "CA")
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) + (
        f";{extension}" if extension else ""
    )


def dial_string(phone: str, extension: str = "") -> str:
    """What a dialer takes: E.164, the extension after a pause ("+15145550136,221").

    A comma (a pause) rather than ";ext=": phones dial it the same everywhere.
    Raises BadPhone when the number cannot be read.
    """
    import phonenumbers

    try:
        parsed = phonenumbers.parse(phone, "CA")
    except phonenumbers.NumberParseException:
        raise BadPhone(phone=phone) from None
    number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return f"{number},{extension}" if extension else number


@functools.lru_cache(maxsize=65536)  # a table draws the same numbers on every keystroke
def format_phone(
    phone: str, extension: str = "", lang: str = "fr", *, compact: bool = False
) -> str:
    """ "5145550142", "221" -> "514 555-0142, poste 221" (fr) / "514-555-0142 ext. 221" (en);
    `compact` (a table column): "514 555-0142 p. 221" / "514-555-0142 x221"."""
    text = phone.strip()
    if (plain := _north_american(text)) is not None:
        # Callers in Québec write "514 555-0142" (phonenumbers: "(514) 555-0142").
        area, exchange, line = plain
        text = f"{area}{' ' if lang == 'fr' else '-'}{exchange}-{line}"
    else:
        text = _formatted_by_phonenumbers(text, lang)
    if extension and compact:
        text += f" p. {extension}" if lang == "fr" else f" x{extension}"
    elif extension:
        text += f", poste {extension}" if lang == "fr" else f" ext. {extension}"
    return text


def _formatted_by_phonenumbers(text: str, lang: str) -> str:
    import phonenumbers

    try:
        parsed = phonenumbers.parse(text, "CA")
        if parsed.country_code != 1 and phonenumbers.is_possible_number(parsed):
            # Dialled from Québec a number abroad needs its country: "+34 933 25 09 14".
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        if phonenumbers.is_possible_number(parsed):
            national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
            text = national.replace("(", "").replace(") ", " ")
            if lang == "en":
                text = text.replace(" ", "-", 1)
    except phonenumbers.NumberParseException:
        pass
    return text


def spelled_groups(phone: str, lang: str = "fr") -> str:
    """A number to be said slowly on a voicemail, in groups: "514, 555, 01, 99"; its
    extension said apart ("…, poste 12"), never read as more digits of the number."""
    number, extension = split_extension(phone)
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10:
        spelled = f"{digits[:3]}, {digits[3:6]}, {digits[6:8]}, {digits[8:]}"
    else:
        spelled = ", ".join(digits[i : i + 3] for i in range(0, len(digits), 3))
    if extension:
        spelled += ", " + ("poste" if lang == "fr" else "extension") + f" {extension}"
    return spelled
