"""A second file about the same people loses nothing and overwrites nothing, and says
contact by contact what it changes (issue 40)."""

from __future__ import annotations

from relance_tui.core.media.import_report import report_lines
from relance_tui.core.media.importers import apply_import, plan_import_bytes
from relance_tui.core.media.merging import language_from_name
from relance_tui.core.models import Language, Outlet
from relance_tui.core.store.store import Store

EXCEL = (
    "Média;Nom;Rôle;Téléphone;Courriel;Notes\n"
    "CIBL 101,5;Geneviève Côté;recherchiste;514 555-0136;gcote@cibl.example;Préfère le courriel\n"
    "CISM 89,3;David Archambault;journaliste;514 555-0139;;\n"
).encode("cp1252")
OUTLOOK = (
    "First Name,Last Name,Company,Business Phone,Mobile Phone,E-mail Address,"
    "Business City,Categories,Notes\n"
    'Geneviève,Côté,"CIBL 101,5",514 555-0136,438 555-0199,gcote@cibl.example,Montréal,'
    '"Médias;Montréal","Ligne directe / Appeler avant 11 h"\n'
    'David,Archambault,"CISM 89,3",514 555-0100,,david@cism.example,Montréal,Médias,\n'
    "Jessica,Smith,CBC Montreal,514 555-0117,,jsmith@cbc.example,Montréal,Médias,\n"
).encode()


def test_a_second_file_fills_joins_and_keeps_never_overwrites(store: Store) -> None:
    apply_import(store, plan_import_bytes(EXCEL, "liste-medias-excel-fr.csv", store, {}))
    plan = plan_import_bytes(OUTLOOK, "outlook.csv", store, {})
    said = "\n".join(report_lines(plan))
    assert "doublon de Geneviève Côté, fusionné : note ajoutée ; 1 autre numéro ou courriel" in said
    assert "CIBL 101,5 : région ← Montréal ; étiquettes + Médias, Montréal" in said
    # David: the email filled; the file's other number kept beside the one on the list.
    assert (
        "doublon de David Archambault, fusionné : téléphone 514 555-0100 gardé à côté de "
        "celui de la liste ; courriel ← david@cism.example" in said
    )
    assert (
        "Nouveaux médias (langue pour les appeler ; à changer dans Listes) : CBC Montreal (anglais)"
        in said
    )
    apply_import(store, plan)
    people = {c.name: c for c in store.contacts()}
    genevieve = people["Geneviève Côté"]
    assert genevieve.notes == (
        "Préfère le courriel\n— importé de outlook.csv : Ligne directe / Appeler avant 11 h"
    )
    assert genevieve.others == ["cell:438-555-0199"]
    david = people["David Archambault"]
    assert (david.phone, david.email) == ("514-555-0139", "david@cism.example")
    assert david.others == ["work:514-555-0100"]
    outlets = {o.name: o for o in store.outlets()}
    assert (outlets["CIBL 101,5"].region, outlets["CIBL 101,5"].tags) == (
        "Montréal",
        ["Médias", "Montréal"],
    )
    assert outlets["CBC Montreal"].language is Language.EN
    # The same file again: nothing new to say, nothing changed.
    again = plan_import_bytes(OUTLOOK, "outlook.csv", store, {})
    assert again.updated_contacts == [] and again.updated_outlets == {}
    assert again.outlet_changes == {}


def test_an_outlets_language_from_its_name_and_the_list() -> None:
    known = [Outlet(name="CBC Montreal", language=Language.EN), Outlet(name="Radio-Canada")]
    assert language_from_name("CBC Radio One", known) is Language.EN
    assert language_from_name("CTV News Montreal", []) is Language.EN
    assert language_from_name("The Suburban", []) is Language.EN
    assert language_from_name("Montreal Gazette", []) is Language.EN
    assert language_from_name("Le Devoir", []) is Language.FR
    assert language_from_name("Radio Centre-Ville", known) is Language.FR
    assert language_from_name("Télé-Québec Montréal", []) is Language.FR


def test_the_officer_chooses_the_files_numbers_and_nothing_is_lost(store: Store) -> None:
    apply_import(store, plan_import_bytes(EXCEL, "liste-medias-excel-fr.csv", store, {}))
    kept = plan_import_bytes(OUTLOOK, "outlook.csv", store, {})
    said = "\n".join(report_lines(kept))
    assert kept.conflicts == 1 and "1 contact a un numéro ou courriel autre" in said
    taken = plan_import_bytes(OUTLOOK, "outlook.csv", store, {}, take_file=True)
    said = "\n".join(report_lines(taken))
    assert "téléphone ← 514 555-0100 (celui de la liste gardé à côté)" in said
    assert "1 contact prend le numéro ou courriel du fichier" in said
    apply_import(store, taken)
    david = next(c for c in store.contacts() if c.name == "David Archambault")
    assert (david.phone, david.others) == ("514-555-0100", ["work:514-555-0139"])
