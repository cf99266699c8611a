"""Phone numbers as a caller reads and dials them (region CA)."""

from __future__ import annotations

import phonenumbers


def format_phone(phone: str, extension: str = "", lang: str = "fr") -> str:
    """ "5145550142", "221" -> "514 555-0142, poste 221" (fr) / "514-555-0142 ext. 221" (en)."""
    text = phone.strip()
    try:
        parsed = phonenumbers.parse(text, "CA")
        if phonenumbers.is_possible_number(parsed):
            national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
            # NATIONAL gives "(514) 555-0142"; callers in Québec write "514 555-0142".
            text = national.replace("(", "").replace(") ", " ")
            if lang == "en":
                text = text.replace(" ", "-", 1)
    except phonenumbers.NumberParseException:
        pass
    if extension:
        text += f", poste {extension}" if lang == "fr" else f" ext. {extension}"
    return text
