"""The number to call among all those a file gives, the others kept in one place, and
files told by their content (small files written here; issue 44)."""

from __future__ import annotations

import pytest

from relance_tui import i18n
from relance_tui.core.media.importers import apply_import, plan_import_bytes
from relance_tui.core.media.reach import (
    BadReach,
    describe_all,
    parse_others,
    phone_kind,
    rank,
)
from relance_tui.core.media.readers import decode, is_vcard, read_vcard
from relance_tui.core.media.records import MediaInvalid, build_contact
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.phones import format_phone, parse_phone
from relance_tui.core.station.exports import MEDIA_COLUMNS, media_list_rows, to_csv
from relance_tui.core.store.store import Store


def one_contact(store: Store, text: str | bytes, name: str = "carnet.vcf") -> Contact:
    data = text.encode("utf-8") if isinstance(text, str) else text
    plan = plan_import_bytes(data, name, store, {})
    assert plan.problems == [], plan.problems
    apply_import(store, plan)
    [contact] = store.contacts()
    return contact


# --- the phone-choice rule -------------------------------------------------------------


@pytest.mark.parametrize(
    ("types", "kind"),
    [
        (["WORK", "VOICE"], "work"),
        (["work", "fax"], "fax"),
        (["Home Fax"], "fax"),
        (["PAGER"], "pager"),
        (["cell", "voice"], "cell"),
        (["Mobile Phone"], "cell"),
        (["Company Main Phone"], "main"),
        (["Business Phone 2"], "work"),
        (["Téléphone bureau"], "work"),
        (["Cellulaire"], "cell"),
        (["x-custom"], "phone"),
        ([], "phone"),
    ],
)
def test_a_numbers_kind_from_the_words_of_its_file(types: list[str], kind: str) -> None:
    assert phone_kind(types) == kind


def test_the_order_a_caller_tries_numbers_in() -> None:
    kinds = ["pager", "home", "fax", "main", "cell", "work"]
    ordered = sorted(kinds, key=rank)
    assert ordered[:4] == ["work", "cell", "main", "home"]
    assert set(ordered[4:]) == {"fax", "pager"}
    # The preferred one first, but a preferred fax still never before a voice line.
    assert rank("home", preferred=True) < rank("work")
    assert rank("fax", preferred=True) > rank("other")


def test_vcard_pref_then_work_then_cell_never_the_fax(store: Store) -> None:
    contact = one_contact(
        store,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Élise Côté\nORG:CIBL 101,5\n"
        "TEL;TYPE=WORK,FAX:514-555-0100\nTEL;TYPE=HOME:514-555-0101\n"
        "TEL;TYPE=CELL:514-555-0102\nTEL;TYPE=WORK:514 555-0103 poste 221\n"
        "EMAIL;TYPE=HOME:elise@perso.example\nEMAIL;TYPE=WORK:elise@cibl.example\n"
        "END:VCARD\n",
    )
    assert (contact.phone, contact.extension, contact.email) == (
        "514-555-0103",
        "221",
        "elise@cibl.example",
    )
    assert contact.others == [
        "cell:514-555-0102",
        "home:514-555-0101",
        "fax:514-555-0100",
        "email:elise@perso.example",
    ]


def test_a_preferred_home_number_is_the_number_to_call(store: Store) -> None:
    contact = one_contact(
        store,
        "BEGIN:VCARD\nVERSION:4.0\nFN:Jérôme Lavoie\nORG:CISM\n"
        "TEL;TYPE=work:514-555-0110\nTEL;TYPE=home;PREF=1:514-555-0111\nEND:VCARD\n",
    )
    assert contact.phone == "514-555-0111" and contact.others == ["work:514-555-0110"]


def test_only_a_fax_means_no_number_to_call(store: Store) -> None:
    contact = one_contact(
        store,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Ouellet\nORG:CIBL\n"
        "TEL;TYPE=FAX:514-555-0120\nEMAIL:sam@cibl.example\nEND:VCARD\n",
    )
    assert contact.phone == "" and contact.others == ["fax:514-555-0120"]


def test_outlook_csv_business_phone_over_the_fax_before_it_the_mobile_kept(
    store: Store,
) -> None:
    contact = one_contact(
        store,
        "First Name,Last Name,Company,Business Fax,Business Phone,Mobile Phone,"
        "E-mail Address,E-mail 2 Address\n"
        "Élise,Côté,CIBL,514-555-0100,514 555-0142 x221,514-555-0199,"
        "elise@cibl.example,elise@perso.example\n",
        "outlook.csv",
    )
    assert (contact.phone, contact.extension) == ("514-555-0142", "221")
    assert contact.others == [
        "cell:514-555-0199",
        "fax:514-555-0100",
        "email:elise@perso.example",
    ]


def test_google_csv_typed_phones_a_pager_first_is_not_called(store: Store) -> None:
    contact = one_contact(
        store,
        "Name,Organization 1 - Name,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,"
        "E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,"
        "Phone 3 - Type,Phone 3 - Value\n"
        "Élise Côté,CIBL,Home,elise@perso.example,* Work,elise@cibl.example,"
        "Pager,514-555-0150,Mobile,514-555-0199,Work,514-555-0142\n",
        "google.csv",
    )
    assert (contact.phone, contact.email) == ("514-555-0142", "elise@cibl.example")
    assert contact.others == [
        "cell:514-555-0199",
        "pager:514-555-0150",
        "email:elise@perso.example",
    ]


def test_thunderbird_primary_email_is_read(store: Store) -> None:
    contact = one_contact(
        store,
        "First Name,Last Name,Display Name,Primary Email,Secondary Email,Work Phone,"
        "Organization\nÉlise,Côté,Élise Côté,elise@cibl.example,elise@perso.example,"
        "514-555-0142,CIBL\n",
        "thunderbird.csv",
    )
    assert contact.email == "elise@cibl.example"
    assert contact.others == ["email:elise@perso.example"]


def test_a_column_mapped_by_the_user_comes_first(store: Store) -> None:
    plan = plan_import_bytes(
        b"Company,Name,Business Phone,Mobile Phone\nCIBL,Elise,514-555-0142,514-555-0199\n",
        "outlook.csv",
        store,
        {"Mobile Phone": "phone"},
    )
    apply_import(store, plan)
    [contact] = store.contacts()
    assert contact.phone == "514-555-0199" and contact.others == ["work:514-555-0142"]


# --- numbers abroad ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored", "shown_fr"),
    [
        ("+34 93 325 0914", "+34 933 25 09 14", "+34 933 25 09 14"),
        ("+33 1 42 68 53 00", "+33 1 42 68 53 00", "+33 1 42 68 53 00"),
        ("+1 514 555 0142", "514-555-0142", "514 555-0142"),
        ("514.555.0142 poste 221", "514-555-0142", "514 555-0142, poste 221"),
    ],
)
def test_numbers_keep_their_country(typed: str, stored: str, shown_fr: str) -> None:
    phone, extension = parse_phone(typed)
    assert phone == stored
    assert format_phone(phone, extension, "fr") == shown_fr


# --- the others, typed and shown --------------------------------------------------------


def test_others_are_shown_and_typed_back_in_both_languages() -> None:
    stored = ["cell:514-555-0199", "work:514-555-0100;221", "email:elise@perso.example"]
    french = describe_all(stored, "fr")
    assert french == (
        "cellulaire 514 555-0199 ; bureau 514 555-0100, poste 221 ; courriel elise@perso.example"
    )
    assert parse_others(french) == stored
    assert parse_others(describe_all(stored, "en")) == stored
    assert parse_others("438 555-0101\nfax: +34 93 289 0729") == [
        "phone:438-555-0101",
        "fax:+34 932 89 07 29",
    ]


def test_a_typed_entry_that_is_neither_is_refused_by_the_form(store: Store) -> None:
    with pytest.raises(BadReach):
        parse_others("cellulaire pas un numéro")
    outlet_id = store.save(Outlet(name="CIBL"))
    values = {"name": "Élise", "outlet_id": str(outlet_id), "others": "courriel pas-un@"}
    with pytest.raises(MediaInvalid) as refused:
        build_contact(values)
    assert "n'est ni un numéro ni un courriel" in refused.value.errors["others"]


def test_the_form_keeps_an_unreadable_fax_it_was_not_asked_to_change(store: Store) -> None:
    outlet_id = store.save(Outlet(name="CIBL"))
    base = Contact(outlet_id=outlet_id, name="Élise", others=["fax:+49 FAX"])
    values = {"name": "Élise", "outlet_id": str(outlet_id), "others": describe_all(base.others)}
    assert build_contact(values, base).others == ["fax:+49 FAX"]


def test_others_go_out_in_the_export_and_come_back_in(store: Store) -> None:
    one_contact(
        store,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Élise Côté\nORG:CIBL\nTEL;TYPE=WORK:514-555-0142\n"
        "TEL;TYPE=CELL:514-555-0199\nEMAIL:elise@cibl.example\nEMAIL:e@perso.example\n"
        "END:VCARD\n",
    )
    exported = to_csv(media_list_rows(store), MEDIA_COLUMNS)
    assert "cellulaire 514 555-0199 ; courriel e@perso.example" in exported.decode("utf-8-sig")
    for contact in store.contacts():
        store.delete(Contact, contact.id or 0)
    for outlet in store.outlets():
        store.delete(Outlet, outlet.id or 0)
    again = one_contact(store, exported, "export.csv")
    assert again.others == ["cell:514-555-0199", "email:e@perso.example"]


# --- files told by their content ----------------------------------------------------------

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Élise Côté\r\nORG:CIBL\r\n"
    "EMAIL:e@cibl.example\r\nEND:VCARD\r\n"
)


def test_a_vcard_after_a_stray_line_or_in_lower_case_is_a_vcard(store: Store) -> None:
    assert is_vcard("Exported from my phone\r\n" + CARD)
    assert is_vcard(CARD.lower().replace("élise", "Élise"))
    assert not is_vcard("Nom,Courriel\nÉlise,e@cibl.example\n")
    contact = one_contact(store, "Exported from my phone\r\n" + CARD)
    assert contact.name == "Élise Côté"


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
def test_utf16_without_a_byte_order_mark(encoding: str) -> None:
    text, found = decode(CARD.encode(encoding))
    assert (text, found) == (CARD, "utf-16")


def test_binary_is_still_refused() -> None:
    from relance_tui.core.media.readers import BadImportFile

    with pytest.raises(BadImportFile):
        decode(bytes(range(256)) * 4)


@pytest.mark.parametrize(
    ("head", "encoded", "legacy"),
    [
        ("N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE", "C=C3=B4t=C3=A9;=C3=89lise", "cp1252"),
        ("N;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1", "C=F4t=E9;=C9lise", "mac_roman"),
        ("N;ENCODING=QUOTED-PRINTABLE", "C=C3=B4t=C3=A9;=C3=89lise", "cp1252"),  # UTF-8
        ("N;QUOTED-PRINTABLE", "C=F4t=E9;=C9lise", "cp1252"),  # no charset, not UTF-8
        ("N;CHARSET=x-unknown;ENCODING=QUOTED-PRINTABLE", "C=C3=B4t=C3=A9;=C3=89lise", "cp1252"),
    ],
)
def test_quoted_printable_in_its_charset_else_utf8_else_the_files(
    head: str, encoded: str, legacy: str
) -> None:
    text = f"BEGIN:VCARD\r\nVERSION:2.1\r\n{head}:{encoded}\r\nEND:VCARD\r\n"
    columns, rows = read_vcard(text, legacy)
    card = dict(zip(columns, rows[0][1], strict=True))
    assert card["N"] == "Élise Côté"


def test_soft_line_breaks_are_joined() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Élise\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Appeler avant 11 h=0D=0A=\r\n"
        "Ligne directe, pos=\r\nte 221\r\nTITLE:Recherchiste\r\nEND:VCARD\r\n"
    )
    columns, rows = read_vcard(text)
    card = dict(zip(columns, rows[0][1], strict=True))
    assert card["NOTE"] == "Appeler avant 11 h\nLigne directe, poste 221"
    assert card["TITLE"] == "Recherchiste"


def test_labels_are_in_both_catalogues() -> None:
    for kind in ("work", "cell", "main", "phone", "home", "other", "fax", "pager", "email"):
        assert i18n.t(f"reach.{kind}", "fr") != i18n.t(f"reach.{kind}", "en") or kind == "fax"
