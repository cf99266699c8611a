"""Importing media lists: every format and encoding, duplicates, bad files, phones."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from relance_tui.core.media.importers import apply_import, plan_import, plan_import_bytes
from relance_tui.core.media.readers import BadImportFile
from relance_tui.core.models import Contact, Outlet, Role, Show
from relance_tui.core.phones import BadPhone, parse_phone
from relance_tui.core.station.exports import export, neutralise
from relance_tui.core.store.store import Store

FIXTURES = Path(__file__).parents[2] / "fixtures"


def contacts_by_name(store: Store) -> dict[str, Contact]:
    return {c.name: c for c in store.contacts()}


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("spreadsheet-utf8-bom-comma.csv", "utf-8"),
        ("spreadsheet-utf8-semicolon.csv", "utf-8"),
        ("spreadsheet-cp1252-semicolon.csv", "cp1252"),
        ("spreadsheet-macroman-tab.csv", "mac_roman"),
    ],
)
def test_spreadsheet_csv_in_every_encoding_and_delimiter(store: Store, name, encoding) -> None:
    plan = plan_import(FIXTURES / name, store)
    assert plan.encoding == encoding
    assert plan.problems == []
    apply_import(store, plan)
    found = contacts_by_name(store)
    assert set(found) == {"Élise Côté", "François Œuvrard", "Geneviève Lévesque"}
    elise = found["Élise Côté"]
    assert (elise.phone, elise.extension, elise.role) == ("514-555-0142", "221", Role.RESEARCHER)
    assert "« très ouverte », préfère l’après-midi" in elise.notes
    assert found["Geneviève Lévesque"].extension == "12"
    assert found["Geneviève Lévesque"].role is Role.ASSIGNMENT
    assert "Notes\nsur deux lignes" in found["Geneviève Lévesque"].notes  # quoted newline
    assert "Cœur de l’actualité; œuvre" in found["François Œuvrard"].notes
    assert {o.name for o in store.outlets()} == {"CIBL 101,5", "Le Devoir", "Radio-Canada"}


def test_outlook_export(store: Store) -> None:
    plan = plan_import(FIXTURES / "outlook.csv", store)
    assert plan.format == "outlook" and plan.problems == []
    apply_import(store, plan)
    found = contacts_by_name(store)
    assert found["Élise Côté"].role is Role.RESEARCHER  # Job Title, not "Mme"
    assert found["Tom Becker"].role is Role.ASSIGNMENT
    assert found["Tom Becker"].phone == "514-555-0150"
    assert store.get(Outlet, found["Tom Becker"].outlet_id).name == "CBC Montreal"


@pytest.mark.parametrize("name", ["google-contacts.csv", "google-csv-old.csv"])
def test_google_exports_with_several_values_in_a_cell(store: Store, name: str) -> None:
    plan = plan_import(FIXTURES / name, store)
    assert plan.format == "google" and plan.problems == []
    apply_import(store, plan)
    found = contacts_by_name(store)
    elise = found["Élise Côté"]
    assert (elise.phone, elise.extension) == ("514-555-0142", "221")
    assert elise.email == "elise.cote@cibl.example"
    assert len(found) == 2
    # The second number and email are kept in one place, whatever the format (issue 44).
    if name == "google-contacts.csv":
        assert elise.others == ["work:514-555-0199", "email:elise@perso.example"]
        assert found["Jérôme Lavoie"].role is Role.PRODUCER
    else:
        assert found["Sam Ouellet"].others == ["email:s.ouellet@udem.example"]


@pytest.mark.parametrize("name", ["contacts-v3.vcf", "contacts-v4.vcf"])
def test_vcard_3_and_4(store: Store, name: str) -> None:
    plan = plan_import(FIXTURES / name, store)
    assert plan.format == "vcard" and plan.problems == []
    apply_import(store, plan)
    found = contacts_by_name(store)
    if name == "contacts-v3.vcf":
        elise = found["Élise Côté"]
        assert (elise.phone, elise.extension) == ("514-555-0142", "221")  # the WORK number
        assert "qui continue sur la ligne suivante" in elise.notes  # folded line
        assert "« très ouverte », préfère" in elise.notes
        assert store.get(Outlet, elise.outlet_id).name == "CIBL 101,5"
        assert found["Tom Becker"].role is Role.ASSIGNMENT
    else:
        genevieve = found["Geneviève Lévesque"]
        assert (genevieve.phone, genevieve.extension) == ("514-555-0144", "12")
        assert genevieve.role is Role.ASSIGNMENT


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_then_import_gives_the_same_records(
    demo_store: Store, tmp_path: Path, lang: str
) -> None:
    """Every field the export writes comes back: kind in words, group, pronunciation,
    do-not-call and to-fix included, in either language."""
    from dataclasses import replace

    from relance_tui import i18n

    first = demo_store.contacts()[0]
    demo_store.save(replace(first, to_fix=True, pronunciation="« Li-a »"))
    i18n.set_language(lang)
    data = export(demo_store, "csv")
    (tmp_path / "media.csv").write_bytes(data)
    fresh = Store.open(tmp_path / "fresh.json")
    try:
        apply_import(fresh, plan_import(tmp_path / "media.csv", fresh))

        def snapshot(store: Store):
            outlets = {o.id: o.name for o in store.outlets()}
            shows = {s.id: s.name for s in store.shows()}
            contacts = sorted(
                (
                    outlets[c.outlet_id],
                    c.name,
                    c.role,
                    c.phone,
                    c.extension,
                    c.email,
                    c.notes,
                    c.do_not_call,
                    c.to_fix,
                    c.pronunciation,
                    shows.get(c.show_id, ""),
                )
                for c in store.contacts()
            )
            media = sorted(
                (
                    o.name,
                    o.kind,
                    o.language,
                    o.region,
                    o.group,
                    o.warmth,
                    o.tags,
                    o.phone,
                    o.email,
                )
                for o in store.outlets()
            )
            return contacts, media

        assert snapshot(fresh) == snapshot(demo_store)
    finally:
        fresh.close()


def test_planted_duplicates_are_all_found_with_no_false_merge(store: Store) -> None:
    rng = random.Random(7)
    rows = ["Média,Nom,Téléphone,Courriel"]
    people = []
    for i in range(180):
        people.append(
            (
                f"Média {i % 30}",
                f"Personne {i}",
                f"514-555-{1000 + i:04d}",
                f"personne{i}@exemple.ca",
            )
        )
    rows += [",".join(p) for p in people]
    planted = rng.sample(range(180), 20)
    for n, i in enumerate(planted):
        outlet, name, phone, email = people[i]
        kind = n % 3
        if kind == 0:  # same email, other case, nothing else in common
            rows.append(f"Autre média,Quelqu'un {n},,{email.upper()}")
        elif kind == 1:  # same phone written otherwise, same outlet, name in capitals
            rows.append(f"{outlet},{name.upper()},({phone[:3]}) {phone[4:]},")
        else:  # same name at the same outlet, accents and case aside
            rows.append(f"{outlet.upper()},{name.replace('Personne', 'PERSONNÉ')},,")
    # Near misses that must not merge: same name at another outlet, same number other ext.
    rows.append("Média 99,Personne 1,514-555-9999,")
    rows.append("Média 98,Quelqu'un,514-555-1002 poste 5,")
    plan = plan_import_bytes("\n".join(rows).encode(), "dups.csv", store, {})
    # A phone shared by a newsroom (switchboard) is not a person: see the test below.
    # "PERSONNÉ" folds to "personne" only with accents ignored: all 20 found.
    assert len(plan.duplicates) == 20
    assert {d.row for d in plan.duplicates} == set(range(182, 202))
    assert len(plan.new_contacts) == 182
    apply_import(store, plan)
    assert len(store.contacts()) == 182


PHONES_OK = [
    ("514-555-0142", ("514-555-0142", "")),
    ("514 555 0142", ("514-555-0142", "")),
    ("(514) 555-0142", ("514-555-0142", "")),
    ("514.555.0142", ("514-555-0142", "")),
    ("5145550142", ("514-555-0142", "")),
    ("+1 514 555 0142", ("514-555-0142", "")),
    ("1-514-555-0142", ("514-555-0142", "")),
    ("+15145550142", ("514-555-0142", "")),
    ("514-555-0142 poste 221", ("514-555-0142", "221")),
    ("514-555-0142, poste 221", ("514-555-0142", "221")),
    ("514-555-0142 p. 221", ("514-555-0142", "221")),
    ("514-555-0142 p.221", ("514-555-0142", "221")),
    ("514-555-0142 ext. 12", ("514-555-0142", "12")),
    ("514-555-0142 ext 12", ("514-555-0142", "12")),
    ("514-555-0142 x12", ("514-555-0142", "12")),
    ("514-555-0142 X 12", ("514-555-0142", "12")),
    ("514-555-0142 #12", ("514-555-0142", "12")),
    ("514-555-0142 extension 4", ("514-555-0142", "4")),
    ("418-555-0199", ("418-555-0199", "")),
    ("819 555-0100", ("819-555-0100", "")),
    ("1 800 555-0199", ("800-555-0199", "")),
    ("+33 1 42 68 53 00", ("+33 1 42 68 53 00", "")),
    ("  514-555-0142  ", ("514-555-0142", "")),
    ("514/555-0142", ("514-555-0142", "")),
]
PHONES_BAD = [
    "555-0142",
    "0142",
    "abc",
    "514-555-01422",
    "514-555-014",
    "514-555-0142 poste",
    "514-555-0142 poste abc",
    "appelez-moi",
    "514-555-0142; 514-555-0143",
    "=1+1",
    "514-CALL-NOW",
    "+",
    "++1 514 555 0142",
    "514 555 0142 ext. 1234567",
    "☎ 514 555 0142",
    "",
]


@pytest.mark.parametrize(("text", "expected"), PHONES_OK, ids=[p[0] for p in PHONES_OK])
def test_phone_strings_parse(text: str, expected) -> None:
    assert parse_phone(text) == expected


@pytest.mark.parametrize("text", PHONES_BAD, ids=[p or "empty" for p in PHONES_BAD])
def test_phone_strings_are_flagged_not_changed(text: str) -> None:
    with pytest.raises(BadPhone):
        parse_phone(text)
    assert len(PHONES_OK) + len(PHONES_BAD) >= 40


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x00\x01\x02\x03binary", "pas du texte lisible"),
        (b"", "vide"),
        (b"Colonne A,Colonne B\n1,2\n", "Aucune colonne de nom"),
        ("Nom,Adresse\nÉlise,rue X\n".encode(), "Aucune colonne de nom"),
    ],
)
def test_bad_files_are_refused_with_a_message(store: Store, content: bytes, words: str) -> None:
    with pytest.raises(BadImportFile) as refused:
        plan_import_bytes(content, "bad.csv", store, {})
    assert words in str(refused.value)


def test_invalid_rows_are_reported_with_numbers_and_reasons(store: Store) -> None:
    content = (
        "Média,Nom,Téléphone,Courriel\n"
        "CIBL,Élise Côté,514-555-0142,elise@cibl.ca\n"
        "CIBL,Sans Numéro,555-0142,\n"
        ",,,\n"
        "CISM,Mauvais Courriel,,pas-un-courriel\n"
        ",Personne Seule,514-555-0150,\n"
        ",Personne Injoignable,,\n"
    ).encode()
    plan = plan_import_bytes(content, "rows.csv", store, {})
    assert [(p.row, p.reason) for p in plan.problems] == [
        (7, "Personne Injoignable : aucun média, ni numéro ni courriel pour la joindre"),
    ]
    # Someone with no outlet but a number: a freelance journalist, their own newsroom.
    assert plan.independents == 1
    assert [(o.name, o.kind.value) for o in plan.new_outlets][-1] == ("Personne Seule", "freelance")
    # An unreadable number or email keeps the person, flagged to fix (issue 44).
    assert [(p.row, p.reason) for p in plan.flagged] == [
        (3, "« 555-0142 » n'est pas un numéro de téléphone valide."),
        (5, "« pas-un-courriel » n'a pas la forme d'un courriel (nom@domaine.ca)."),
    ]
    assert len(plan.new_contacts) == 4


def test_map_overrides_headers(store: Store) -> None:
    content = "Station,Qui,Numéro principal\nCIBL,Élise,514-555-0142\n".encode()
    with pytest.raises(BadImportFile):
        plan_import_bytes(content, "x.csv", store, {})
    plan = plan_import_bytes(
        content, "x.csv", store, {"Station": "outlet", "Qui": "name", "Numéro principal": "phone"}
    )
    assert plan.problems == [] and len(plan.new_contacts) == 1


def test_fuzzed_exported_cells_never_start_a_formula(store: Store) -> None:
    rng = random.Random(11)
    alphabet = "=+-@\t\r'\"abc éà,;|\n0123456789"
    for _ in range(10_000):
        cell = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        safe = neutralise(cell)
        assert not safe or safe[0] not in "=+-@\t\r"
        assert safe == cell or safe == "'" + cell


def test_exported_csv_has_no_formula_cells(store: Store) -> None:
    import csv
    import io

    outlet = Outlet(name='=HYPERLINK("http://x")', notes="@SUM(A1)", phone="514-555-0142")
    store.save(outlet)
    store.save(Contact(outlet_id=outlet.id, name="+Quelqu'un", notes="-2+3", phone="514-555-0143"))
    store.save(Show(outlet_id=outlet.id, name="\tOnglet"))
    data = export(store, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", cell
    assert "514 555-0142" in data.decode("utf-8-sig")


def test_a_switchboard_number_does_not_merge_different_people(store: Store) -> None:
    rows = [
        "Média,Nom,Téléphone,Courriel",
        "La Presse,Alice Roy,514 555-0100,alice@lapresse.example",
        "La Presse,Bruno Roy,514 555-0100,bruno@lapresse.example",
        "Le Devoir,Carole Roy,514 555-0100,carole@ledevoir.example",
        "La Presse,ALICE ROY,514-555-0100,",  # the same Alice, again: merged
    ]
    plan = plan_import_bytes("\n".join(rows).encode(), "roy.csv", store, {})
    apply_import(store, plan)
    people = sorted((c.name, c.email) for c in store.contacts())
    assert people == [
        ("Alice Roy", "alice@lapresse.example"),
        ("Bruno Roy", "bruno@lapresse.example"),
        ("Carole Roy", "carole@ledevoir.example"),
    ]
    assert [d.row for d in plan.duplicates] == [5]


def test_planning_a_newsroom_line_changes_nothing_until_applied(store: Store) -> None:
    outlet = Outlet(name="CIBL 101,5")
    store.save(outlet)
    rows = ["Média,Nom,Téléphone", '"CIBL 101,5",,514 555-0135']
    plan = plan_import_bytes("\n".join(rows).encode(), "salle.csv", store, {})
    assert store.get(Outlet, outlet.id).phone == ""  # the dry run touched nothing
    assert all(o.phone == "" for o in store.outlets())
    apply_import(store, plan)
    assert store.get(Outlet, outlet.id).phone == "514-555-0135"


def test_one_stray_byte_in_a_utf8_file_is_refused_with_where_it_is(store: Store) -> None:
    from relance_tui.core.media.readers import BadImportFile

    text = "Média,Nom\nLe Devoir,Geneviève Côté\nCIBL,Hélène Lévesque\n".encode()
    broken = text.replace(b"L\xc3\xa9vesque", b"L\xe9vesque")  # one byte in Latin-1
    with pytest.raises(BadImportFile) as refused:
        plan_import_bytes(broken, "liste.csv", store, {})
    assert "ligne 3, position 14" in str(refused.value)  # in characters, as seen
    assert store.contacts() == []


def test_utf16_from_excel_is_read(store: Store) -> None:
    text = "Média\tNom\tTéléphone\r\nLe Devoir\tGeneviève Côté\t514 555-0142\r\n"
    plan = plan_import_bytes(text.encode("utf-16"), "unicode.txt", store, {})
    assert plan.encoding == "utf-16"
    assert [n.contact.name for n in plan.new_contacts] == ["Geneviève Côté"]


def test_windows_1252_stays_1252_unless_mac_roman_is_clear(store: Store) -> None:
    text = "Média,Nom,Tél\nLe Devoir,Geneviève Côté,514 555-0142\nCIBL,Hélène Lévesque,\n"
    assert plan_import_bytes(text.encode("cp1252"), "a.csv", store, {}).encoding == "cp1252"
    assert plan_import_bytes(text.encode("mac_roman"), "b.csv", store, {}).encoding == "mac_roman"


def test_an_unterminated_quote_is_refused_with_its_line(store: Store) -> None:
    from relance_tui.core.media.readers import BadImportFile

    rows = ["Média,Nom,Téléphone", "CIBL,Léa Roy,514 555-0101", '"Le Devoir,Zoé Côté,514 555-0102']
    rows += [f"Média {i},Personne {i},514 555-{i:04d}" for i in range(5)]
    with pytest.raises(BadImportFile) as refused:
        plan_import_bytes("\n".join(rows).encode(), "q.csv", store, {})
    assert "ligne 3" in str(refused.value)


def test_google_labels_outlook_city_and_ignored_columns(store: Store) -> None:
    from relance_tui.core.media.import_report import report_lines

    rows = [
        "Organization 1 - Name,Name,Phone 1 - Value,Labels,Business City,Anniversaire",
        '"CIBL 101,5",Léa Roy,514 555-0101,Médias ::: * myContacts,Montréal,12 mai',
    ]
    plan = plan_import_bytes("\n".join(rows).encode(), "google.csv", store, {})
    [outlet] = plan.new_outlets
    assert outlet.tags == ["Médias"] and outlet.region == "Montréal"
    assert any("Anniversaire" in line for line in report_lines(plan))  # said, not dropped


@pytest.mark.parametrize(
    ("cell", "warmth"),
    [("oui", 2), ("Non", 1), ("x", 2), ("", 1), ("très sympathique", 3), ("★★★", 3), ("0", 0)],
)
def test_a_sympathique_column_sets_the_outlets_warmth(store: Store, cell: str, warmth: int) -> None:
    from relance_tui.core.media.import_report import report_lines

    text = f"Média,Nom,Téléphone,Sympathique\nCIBL,Léa Roy,514 555-0101,{cell}\n"
    plan = plan_import_bytes(text.encode(), "liste.csv", store, {})
    assert plan.mapping["Sympathique"] == "warmth"
    assert [o.warmth for o in plan.new_outlets] == [warmth]
    assert not any("Sympathique" in line for line in report_lines(plan))


VCARD_WITH_EXTRAS = """BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//macOS 14//EN
FN:Léa Roy
ORG:CIBL 101,5
TEL;TYPE=WORK:514 555-0101
CATEGORIES:Médias,Culture
ADR;TYPE=WORK:;;1691 boul. Pie-IX;Montréal;QC;H1V 2C3;Canada
X-SYMPATHIE:3
END:VCARD
"""


def test_vcard_categories_and_city_are_read_and_other_properties_listed(store: Store) -> None:
    from relance_tui.core.media.import_report import report_lines

    plan = plan_import_bytes(VCARD_WITH_EXTRAS.encode(), "contacts.vcf", store, {})
    [outlet] = plan.new_outlets
    assert outlet.tags == ["Médias", "Culture"] and outlet.region == "Montréal"
    assert outlet.warmth == 1
    ignored = [line for line in report_lines(plan) if "X-SYMPATHIE" in line]
    assert ignored and "PRODID" not in ignored[0] and "VERSION" not in ignored[0]


def test_map_works_for_vcard(store: Store) -> None:
    plan = plan_import_bytes(
        VCARD_WITH_EXTRAS.encode(),
        "contacts.vcf",
        store,
        {"X-SYMPATHIE": "warmth", "CATEGORIES": "ignore"},
    )
    [outlet] = plan.new_outlets
    assert outlet.warmth == 3 and outlet.tags == []
    with pytest.raises(BadImportFile):
        plan_import_bytes(VCARD_WITH_EXTRAS.encode(), "c.vcf", store, {"X-AUTRE": "warmth"})


def test_reimporting_with_shows_links_the_known_contacts_to_them(store: Store) -> None:
    first = ["Média,Nom,Téléphone", "Radio-Canada,Léa Roy,514 555-0101"]
    apply_import(store, plan_import_bytes("\n".join(first).encode(), "a.csv", store, {}))
    again = ["Média,Nom,Téléphone,Émission", "Radio-Canada,Léa Roy,514 555-0101,Le 15-18"]
    apply_import(store, plan_import_bytes("\n".join(again).encode(), "b.csv", store, {}))
    [show] = store.shows()
    [contact] = store.contacts()
    assert show.name == "Le 15-18" and contact.show_id == show.id


def test_a_nearly_same_outlet_name_is_suggested_then_used_when_accepted(store: Store) -> None:
    from relance_tui.core.media.import_report import report_lines

    store.save(Outlet(name="Radio Centre-Ville 102,3", phone="514 555-0150"))
    text = (
        "Média,Nom,Téléphone\nradio centre ville,Léa Roy,514 555-0101\n"
        '"98,5 FM",Jo Roy,514 555-0102\n'
    )
    plan = plan_import_bytes(text.encode(), "liste.csv", store, {})
    assert [o.name for o in plan.new_outlets] == ["radio centre ville", "98,5 FM"]
    [suggestion] = [line for line in report_lines(plan) if "ressemble" in line]
    assert "« radio centre ville » ressemble à « Radio Centre-Ville 102,3 »" in suggestion
    accepted = plan_import_bytes(text.encode(), "liste.csv", store, {}, accept_near=True)
    assert [o.name for o in accepted.new_outlets] == ["98,5 FM"]  # a frequency alone: never loose
    apply_import(store, accepted)
    lea = next(c for c in store.contacts() if c.name == "Léa Roy")
    assert store.get(Outlet, lea.outlet_id).name == "Radio Centre-Ville 102,3"


def test_a_second_file_finds_the_people_already_in_the_store(store: Store) -> None:
    """The store's contacts are matched from their documents (records made only for
    those found): the same email, the same number at the same outlet, the same name
    at the same outlet; a deleted contact is not matched; a match fills what the stored
    contact was missing, and nothing else changes."""
    first = [
        "Média,Nom,Téléphone,Courriel",
        "CIBL,Anne Roy,514-555-0101,anne@cibl.example",
        "CIBL,Bruno Lake,514-555-0102,",
        "Le Devoir,Carole Dion,,",
        "Le Devoir,Denis Roy,514-555-0104,",
    ]
    apply_import(store, plan_import_bytes("\n".join(first).encode(), "a.csv", store, {}))
    denis = next(c for c in store.contacts() if c.name == "Denis Roy")
    store.save(dataclasses.replace(denis, deleted=True))
    second = [
        "Média,Nom,Téléphone,Courriel",
        "Autre média,Quelqu'un,,ANNE@CIBL.EXAMPLE",  # the same email
        "CIBL,BRUNO LAKE,(514) 555-0102,",  # the same number, same outlet and name
        "Le Devoir,Carole DION,514-555-0103,carole@ledevoir.example",  # the same name
        "Le Devoir,Denis Roy,514-555-0104,",  # deleted: a new contact
    ]
    plan = plan_import_bytes("\n".join(second).encode(), "b.csv", store, {})
    assert [d.row for d in plan.duplicates] == [2, 3, 4]
    assert [n.contact.name for n in plan.new_contacts] == ["Denis Roy"]
    apply_import(store, plan)
    carole = next(c for c in store.contacts() if c.name == "Carole Dion")
    assert (carole.phone, carole.email) == ("514-555-0103", "carole@ledevoir.example")
    anne = next(c for c in store.contacts() if c.name == "Anne Roy")
    assert anne.phone == "514-555-0101" and anne.outlet_id != carole.outlet_id
    assert sorted(c.name for c in store.contacts() if not c.deleted) == [
        "Anne Roy",
        "Bruno Lake",
        "Carole Dion",
        "Denis Roy",
    ]


def test_a_vcard_cut_before_its_end_keeps_its_last_card(store: Store) -> None:
    cut = "BEGIN:VCARD\nVERSION:3.0\nFN:Léa Roy\nORG:CIBL\nTEL:514-555-0101\n"
    plan = plan_import_bytes(cut.encode(), "contacts.vcf", store, {})
    assert [c.contact.name for c in plan.new_contacts] == ["Léa Roy"]


def test_a_stored_email_in_capitals_is_the_same_person_as_its_lower_case(store: Store) -> None:
    """Stored `Elise@CIBL.ca`, imported `elise@cibl.ca` (another outlet, another name
    spelling): one person, not two."""
    first = "Média,Nom,Courriel\nCIBL,Élise Côté,Elise@CIBL.ca\n"
    apply_import(store, plan_import_bytes(first.encode(), "a.csv", store, {}))
    second = "Média,Nom,Courriel,Téléphone\nCIBL 101.5,Elise Cote,elise@cibl.ca,514-555-0199\n"
    plan = plan_import_bytes(second.encode(), "b.csv", store, {})
    assert [d.row for d in plan.duplicates] == [2] and not plan.new_contacts
    apply_import(store, plan)
    [elise] = [c for c in store.contacts() if not c.deleted]
    assert (elise.email, elise.phone) == ("Elise@CIBL.ca", "514-555-0199")


def test_an_unreadable_number_flags_the_person_instead_of_dropping_them(store: Store) -> None:
    """Name, outlet and email kept; the number as it was written in the notes; the
    contact marked to fix (issue 44: `roundcube__johndoe.vcf`'s `+123456789`)."""
    content = "Média,Nom,Téléphone,Courriel\nCIBL,Élise Côté,555-0142,elise@cibl.ca\n".encode()
    apply_import(store, plan_import_bytes(content, "rows.csv", store, {}))
    [elise] = store.contacts()
    assert (elise.name, elise.email, elise.phone) == ("Élise Côté", "elise@cibl.ca", "")
    assert elise.to_fix and "555-0142" in elise.notes
