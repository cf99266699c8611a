"""Contact files written by other tools (../shared/fixtures/external, read from there,
never copied here; provenance and licences in its PROVENANCE.md): the number to call
is never the fax, a preferred number or email comes first."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relance_tui.core.media.readers import MULTI, read_vcard

FOLDER = Path(
    os.environ.get("RELANCE_EXTERNAL_FIXTURES")
    or Path(__file__).resolve().parents[3].parent / "shared" / "fixtures" / "external"
)
pytestmark = pytest.mark.skipif(
    not FOLDER.is_dir(), reason=f"the external contact files are not beside this clone ({FOLDER})"
)


def first_values(name: str) -> list[tuple[str, str]]:
    data = (FOLDER / name).read_bytes()
    text = data.decode("utf-8", errors="replace")
    columns, rows = read_vcard(text)
    cards = [dict(zip(columns, row, strict=True)) for _, row in rows]
    return [(c.get("TEL", "").split(MULTI)[0], c.get("EMAIL", "").split(MULTI)[0]) for c in cards]


@pytest.mark.parametrize(
    ("name", "phone", "email"),
    [
        # Outlook lists TEL;WORK;FAX after TEL;WORK;VOICE: the voice number is the one.
        ("ezvcard__outlook-2007.vcf", "(111) 555-1111", "mike.angstadt@gmail.com"),
        # Gmail: the work number, never a fax or the pager; the work email.
        ("ezvcard__gmail-single2.vcf", "5555551113", "workemail@example.com"),
        # RFC 6350's example: the PREF=1 number, with its extension kept.
        (
            "ezvcard__rfc6350-example.vcf",
            "+1-418-656-9254 ext. 102",
            "simon.perreault@viagenie.ca",
        ),
        # eM Client: TYPE=PREF marks the business email.
        ("tine20__emclient_addressbook.vcf", "+49 BUSINESS", "business@email.de"),
    ],
)
def test_the_number_to_call_and_the_email_to_write_to(name: str, phone: str, email: str) -> None:
    assert first_values(name)[0] == (phone, email)


def test_a_fax_is_never_the_number_to_call_in_any_of_the_vcards() -> None:
    for path in sorted(FOLDER.glob("*.vcf")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        if "FAX" not in text.upper():
            continue
        columns, rows = read_vcard(text)
        for _, row in rows:
            card = dict(zip(columns, row, strict=True))
            numbers = [n for n in card.get("TEL", "").split(MULTI) if n]
            faxes = {
                line.rsplit(":", 1)[-1].strip()
                for line in text.splitlines()
                if line.upper().startswith("TEL") and "FAX" in line.upper().split(":", 1)[0]
            }
            if numbers and len(set(numbers) - faxes) > 0:
                assert numbers[0] not in faxes, (path.name, numbers)


def test_one_unreadable_number_no_longer_drops_the_person(store) -> None:  # type: ignore[no-untyped-def]
    """Roundcube's `johndoe.vcf` (`+123456789`): the contact comes in with its name,
    outlet and email, flagged to fix, the number kept in its notes."""
    from relance_tui.core.media.importers import apply_import, plan_import_bytes

    data = (FOLDER / "roundcube__johndoe.vcf").read_bytes()
    plan = plan_import_bytes(data, "roundcube__johndoe.vcf", store, {})
    assert plan.problems == [] and [f.row for f in plan.flagged] == [1]
    apply_import(store, plan)
    [john] = store.contacts()
    assert john.to_fix and "+123456789" in john.notes and john.email
