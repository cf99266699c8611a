"""Contact files written by other tools (../shared/fixtures/external, read from there,
never copied here; provenance and licences in its PROVENANCE.md), each imported as a
press officer would, and the people that come in asserted after reading the file by
eye: names with their accents, the number to call (never a fax or a pager), its
extension, the email, the other numbers and emails kept, the outlet or a freelance
journalist's own, and what is flagged or refused, with its reason."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from relance_tui.core.media.importers import ImportPlan, apply_import, plan_import
from relance_tui.core.media.readers import MULTI, read_vcard
from relance_tui.core.models import OutletKind
from relance_tui.core.store.store import Store

FOLDER = Path(
    os.environ.get("RELANCE_EXTERNAL_FIXTURES")
    or Path(__file__).resolve().parents[3].parent / "shared" / "fixtures" / "external"
)
pytestmark = pytest.mark.skipif(
    not FOLDER.is_dir(), reason=f"the external contact files are not beside this clone ({FOLDER})"
)

# file -> [(name, outlet or None for a freelance journalist, phone, extension, email,
# others)], as read by eye. The fake numbers of some files ("+49 BUSINESS") are flagged.
# Where a file names a real person, "<PROPERTY>" (or "<Column>") stands for that
# property's value as the file writes it (`as_written`), not repeated here.
PEOPLE: dict[str, list[tuple[str, str | None, str, str, str, list[str]]]] = {
    # Outlook 2007 lists TEL;WORK;FAX after TEL;WORK;VOICE: the voice number is the one.
    "ezvcard__outlook-2007.vcf": [
        (
            "<FN>",
            "TheCompany",
            "1115551111",
            "",
            "<EMAIL;PREF;INTERNET>",
            ["cell:1115554444", "home:1115552222", "fax:1115553333"],
        )
    ],
    # Gmail: the work number (never a fax or the pager), the work email; 10 more kept.
    "ezvcard__gmail-single2.vcf": [
        (
            "VCard Test",
            "TheCompany",
            "555-555-1113",
            "",
            "workemail@example.com",
            [
                "cell:555-555-1115",
                "phone:555-555-1111",
                "phone:555-555-1114",
                "main:555-555-1116",
                "phone:555-555-1119",
                "phone:555-555-1121",
                "home:555-555-1112",
                "fax:555-555-1117",
                "fax:555-555-1118",
                "pager:555-555-1120",
                "email:email@example.com",
                "email:otheremail@example.com",
                "email:customcategory@example.com",
                "email:homeemail@example.com",
            ],
        )
    ],
    # RFC 6350: the PREF=1 number with its extension, the cell kept.
    "ezvcard__rfc6350-example.vcf": [
        (
            "<FN>",
            "Viagenie",
            "418-656-9254",
            "102",
            "<EMAIL;TYPE=work>",
            ["cell:418-262-6501"],
        )
    ],
    # Outlook 2000 CSV: Business Phone over the Business Fax listed before it; Spanish
    # numbers keep their country; the mobile given twice (Home and Mobile) kept once.
    "projectopen__outlook2000_contacts.csv": [
        (
            "<First Name> <Last Name>",
            "Project/Open",
            "+34 933 25 09 14",
            "",
            "<E-mail Address>",
            ["cell:+34 609 95 37 51", "fax:+34 932 89 07 29"],
        )
    ],
    # Legacy Google CSV: Phone 1 is a pager; its values are words, not numbers (flagged).
    # "* Home" marks the primary email.
    "roundcube__gmail.csv": [
        (
            "Prefix Firstname Middle Lastname Suffix",
            "company",
            "",
            "",
            "home@aaa.pl",
            [
                "pager:pager",
                "fax:homefax",
                "fax:workfax",
                "email:work@email.pl",
                "email:unknown@email.com",
                "email:other@email.com",
            ],
        )
    ],
    # vCard 2.1 in Windows-1252 (Doë); TYPE=pref on the home email; the work number is
    # not one (+123456789: flagged, kept in the notes), the cell is called.
    "roundcube__johndoe.vcf": [
        (
            "John Doë",
            "roundcube.net",
            "+98 7654321",
            "",
            "roundcube@gmail.com",
            ["email:inbox@roundcube.net"],
        )
    ],
    # The Bat!: quoted-printable with no CHARSET, not UTF-8: the legacy encoding
    # (Windows-1252) reads =F1 as ñ (the Polish ń of ISO-8859-2 cannot be told apart);
    # no ORG: a freelance journalist.
    "roundcube__thebat.vcf": [
        ("Piotr Iksiñski", None, "", "", "piotr.iksinski@somedomain.com", []),
    ],
    # CR CR LF line ends, lower-case type=: no ORG, a freelance journalist.
    "thunderbird__dos_vcard_addressbook.vcf": [
        ("Name Surname", None, "", "", "example@gmail.com", []),
    ],
    # eM Client: PREF on WORK,VOICE and on the second email; the numbers are words
    # ("+49 BUSINESS": flagged), the faxes kept as written.
    "tine20__emclient_addressbook.vcf": [
        (
            "Prefix Vor Nach Suffix",
            "Firma",
            "",
            "",
            "business@email.de",
            ["fax:+49 FAX", "fax:+49 PRIVATFAX", "email:privat@email.de"],
        )
    ],
    # An Excel list in Windows-1252 with semicolons and no outlet column.
    "tine20__importtest_win1252.csv": [
        ("Peter Pan", None, "", "", "peter.pan@ecologic.eu", []),
        ("Maja Biene", None, "", "", "maja.biene@bienenstock.de", []),
        ("ÖzdemirÖ Üglü", None, "", "", "oezdemir@ueglue.tu", []),
        ("Weiss Cornelius", None, "", "", "c.weiss@metaways.de", []),
    ],
    # Five KDE cards: one ORG alone (an outlet, no person), four people with no outlet
    # and no number or email: refused, with the reason.
    "kcontacts__vcard10.vcf": [],
    # Apple's UTF-16BE without BOM: one person, no outlet, no number or email: refused.
    "roundcube__utf-16_sample.vcf": [],
    # Thunderbird CSV: Primary Email read, but "contact1@invalid" is not an email and
    # there is no outlet nor number: both refused, each with the reason.
    "thunderbird__export.csv": [],
}

FLAGGED = {
    "roundcube__gmail.csv": 4,  # workphone, mobile, mainphone, homephone
    "roundcube__johndoe.vcf": 1,  # +123456789
    "tine20__emclient_addressbook.vcf": 4,  # +49 BUSINESS, MOBIL, PRIVAT, MOBIL2
}
REFUSED = {
    "kcontacts__vcard10.vcf": [
        "Field after Address broken",
        "Field after Address not broken",
        "Dr. med. Surname Name",
        "Second Doctor",
    ],
    "roundcube__utf-16_sample.vcf": ["Ǽgean ĽdaMonté"],
    "thunderbird__export.csv": ["contact number one", "contact number two"],
}


def as_written(name: str, expected: str) -> str:
    """`expected` with each "<PROPERTY>" of a vCard line (or "<Column>" of a CSV's
    first row) replaced by its text in the file, read plainly, not by relance."""
    path = FOLDER / name
    if "<" not in expected:
        return expected
    if name.endswith(".csv"):
        text = path.read_bytes().decode("cp1252")
        row = next(csv.DictReader(io.StringIO(text)))
        return re.sub(r"<([^>]+)>", lambda m: row[m[1]], expected)
    lines = path.read_text("utf-8").splitlines()
    values = {line.split(":", 1)[0]: line.split(":", 1)[1] for line in lines if ":" in line}
    return re.sub(r"<([^>]+)>", lambda m: values[m[1]], expected)


def imported(store: Store, name: str, outlet_for_all: str = "") -> ImportPlan:
    plan = plan_import(FOLDER / name, store, outlet_for_all=outlet_for_all)
    apply_import(store, plan)
    return plan


def test_every_shared_file_is_named_here() -> None:
    files = {p.name for p in FOLDER.iterdir() if p.suffix in (".vcf", ".csv")}
    assert files == set(PEOPLE)


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_the_people_of_each_file(store: Store, name: str) -> None:
    plan = imported(store, name)
    outlets = {o.id: o for o in store.outlets()}
    people = []
    for contact in store.contacts():
        outlet = outlets[contact.outlet_id]
        freelance = outlet.kind is OutletKind.FREELANCE and outlet.name == contact.name
        people.append(
            (
                contact.name,
                None if freelance else outlet.name,
                contact.phone,
                contact.extension,
                contact.email,
                contact.others,
            )
        )
    assert people == [
        (as_written(name, who), outlet, phone, extension, as_written(name, email), others)
        for who, outlet, phone, extension, email, others in PEOPLE[name]
    ]
    assert len(plan.flagged) == FLAGGED.get(name, 0)
    assert {c.to_fix for c in store.contacts()} <= {name in FLAGGED}
    refused = [problem.reason.split(" : ")[0] for problem in plan.problems]
    assert refused == REFUSED.get(name, [])
    assert all("ni numéro ni courriel" in p.reason for p in plan.problems)
    assert plan.independents == sum(1 for person in PEOPLE[name] if person[1] is None)


def test_an_unreadable_number_is_kept_in_the_notes_and_said(store: Store) -> None:
    imported(store, "roundcube__johndoe.vcf")
    [john] = store.contacts()
    assert john.to_fix and "+123456789" in john.notes


def test_a_file_without_any_outlet_says_so_once(store: Store) -> None:
    plan = imported(store, "tine20__importtest_win1252.csv")
    assert len(plan.notices) == 1 and "Aucun média dans ce fichier" in plan.notices[0]
    assert [o.kind for o in store.outlets()] == [OutletKind.FREELANCE] * 4


def test_one_outlet_for_the_people_of_a_personal_address_book(store: Store) -> None:
    """Apple's UTF-16 card comes in with the outlet the officer gives (--outlet)."""
    plan = imported(store, "roundcube__utf-16_sample.vcf", outlet_for_all="Le Devoir")
    assert plan.problems == [] and plan.notices == [] and plan.independents == 0
    [person] = store.contacts()
    [outlet] = store.outlets()
    assert (person.name, outlet.name) == ("Ǽgean ĽdaMonté", "Le Devoir")


def test_quoted_printable_with_soft_breaks_and_its_charset() -> None:
    """kcontacts' cards: UTF-8 quoted-printable split over lines with "=" soft breaks."""
    text = (FOLDER / "kcontacts__vcard10.vcf").read_bytes().decode("utf-8")
    columns, rows = read_vcard(text)
    cards = [dict(zip(columns, cells, strict=True)) for _, cells in rows]
    doctor = cards[3]
    assert doctor["TITLE"] == "Facharzt für Allgemeinmedizin"
    assert doctor["NOTE"].startswith("Sprechzeiten:\nMo   8–12, 15–18\nDi     8–12")
    assert cards[1]["URL"] == "http://some-webseite.com"  # the line after the soft break


def test_outlooks_quoted_printable_note_is_decoded_whole(store: Store) -> None:
    imported(store, "ezvcard__outlook-2007.vcf")
    [mike] = store.contacts()
    assert "This is the NOTE field" in mike.notes
    assert "It does not preserve the formatting" in mike.notes
    assert "=0D=0A" not in mike.notes


def test_a_fax_is_never_the_number_to_call_in_any_file(store: Store) -> None:
    for name in sorted(PEOPLE):
        with Store.open(store.path.with_name(name + ".json")) as fresh:
            imported(fresh, name)
            for contact in fresh.contacts():
                faxes = {o.split(":", 1)[1] for o in contact.others if o.startswith("fax:")}
                assert contact.phone not in faxes, name


def test_a_vcards_numbers_come_labelled_in_calling_order() -> None:
    text = (FOLDER / "ezvcard__outlook-2007.vcf").read_bytes().decode("utf-8")
    columns, rows = read_vcard(text)
    card = dict(zip(columns, rows[0][1], strict=True))
    assert card["TEL"].split(MULTI) == [
        "work: (111) 555-1111",
        "cell: (111) 555-4444",
        "home: (111) 555-2222",
        "fax: (111) 555-3333",
    ]
