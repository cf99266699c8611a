"""The same 20 people as four address books write them (issue 40): Android's vCard
2.1 in quoted-printable with a dialling pause before the extension, Apple Contacts'
vCard 3.0, Outlook's CSV in Windows-1252 with the fax column first, Google Contacts'
CSV with labels. Each imports exactly, and goes back out as vCard and in again the
same (fixtures written for this test: tests/fixtures/*-contacts*)."""

from __future__ import annotations

from pathlib import Path

import pytest

from relance_tui.core.media.importers import apply_import, plan_import, plan_import_bytes
from relance_tui.core.station.vcards import media_list_vcards
from relance_tui.core.store.store import Store

FIXTURES = Path(__file__).parents[2] / "fixtures"
PEOPLE = [  # first, last, outlet, role (fr, en, code), phone, extension, email
    (
        "Élise",
        "Côté",
        "CIBL 101,5",
        "Recherchiste",
        "Researcher",
        "researcher",
        "514-555-0142",
        "221",
        "elise.cote@cibl.example",
    ),
    (
        "Jérôme",
        "Lavoie",
        "CIBL 101,5",
        "Affectation",
        "Assignment Editor",
        "assignment",
        "514-555-0143",
        "",
        "jerome.lavoie@cibl.example",
    ),
    (
        "Anaïs",
        "Bélanger",
        "Radio-Canada",
        "Réalisatrice",
        "Producer",
        "producer",
        "514-555-0144",
        "3301",
        "anais.belanger@radio-canada.example",
    ),
    (
        "François",
        "Œuvrard",
        "Le Devoir",
        "Journaliste",
        "Reporter",
        "journalist",
        "514-555-0145",
        "",
        "f.oeuvrard@ledevoir.example",
    ),
    (
        "Chloé",
        "Gagné",
        "98,5 FM",
        "Chef de pupitre",
        "Desk Editor",
        "desk",
        "514-555-0146",
        "12",
        "chloe.gagne@985fm.example",
    ),
    (
        "Noël",
        "Després",
        "CISM 89,3",
        "Journaliste",
        "Reporter",
        "journalist",
        "514-555-0147",
        "",
        "noel.despres@cism.example",
    ),
    (
        "Hélène",
        "Müller-Dubé",
        "La Presse",
        "Recherchiste",
        "Researcher",
        "researcher",
        "514-555-0148",
        "",
        "helene.muller@lapresse.example",
    ),
    (
        "Maëlle",
        "Saint-Pierre",
        "Télé-Québec",
        "Réalisatrice",
        "Producer",
        "producer",
        "514-555-0149",
        "45",
        "maelle.sp@telequebec.example",
    ),
    (
        "Loïc",
        "Bérubé",
        "CHOQ.ca",
        "Journaliste",
        "Reporter",
        "journalist",
        "514-555-0150",
        "",
        "loic.berube@choq.example",
    ),
    (
        "Zoé",
        "Lévesque",
        "Métro Montréal",
        "Affectation",
        "Assignment Editor",
        "assignment",
        "514-555-0151",
        "",
        "zoe.levesque@metro.example",
    ),
    (
        "Raphaël",
        "N'Guyen",
        "TVA Nouvelles",
        "Recherchiste",
        "Researcher",
        "researcher",
        "514-555-0152",
        "208",
        "raphael.nguyen@tva.example",
    ),
    (
        "Béatrice",
        "Thibault",
        "Radio Centre-Ville 102,3",
        "Affectation",
        "Assignment Editor",
        "assignment",
        "514-555-0153",
        "",
        "beatrice@rcv.example",
    ),
    (
        "Siobhan",
        "O'Reilly",
        "CBC Montreal",
        "Réalisatrice",
        "Producer",
        "producer",
        "514-555-0154",
        "",
        "siobhan.oreilly@cbc.example",
    ),
    (
        "Ève",
        "Caron",
        "Le Journal de Montréal",
        "Journaliste",
        "Reporter",
        "journalist",
        "514-555-0155",
        "",
        "eve.caron@jdm.example",
    ),
    (
        "Mathéo",
        "Gélinas",
        "Global News Montreal",
        "Recherchiste",
        "Researcher",
        "researcher",
        "514-555-0156",
        "77",
        "matheo.gelinas@global.example",
    ),
    (
        "Inès",
        "Benoît",
        "Radio-Canada",
        "Journaliste",
        "Reporter",
        "journalist",
        "514-555-0157",
        "",
        "ines.benoit@radio-canada.example",
    ),
    (
        "Gaëtan",
        "Frève",
        "CJLO 1690",
        "Chef de pupitre",
        "Desk Editor",
        "desk",
        "514-555-0158",
        "",
        "gaetan.freve@cjlo.example",
    ),
    (
        "Léa",
        "Roy",
        "Pivot",
        "Journaliste",
        "Reporter",
        "journalist",
        "514-555-0159",
        "",
        "lea.roy@pivot.example",
    ),
    (
        "Ophélie",
        "Dupré",
        "Le Devoir",
        "Réalisatrice",
        "Producer",
        "producer",
        "514-555-0160",
        "",
        "ophelie.dupre@ledevoir.example",
    ),
    (
        "Cédric",
        "Hébert",
        "CTV News Montreal",
        "Recherchiste",
        "Researcher",
        "researcher",
        "514-555-0161",
        "5",
        "cedric.hebert@ctv.example",
    ),
]

FILES = (
    "android-contacts-21.vcf",
    "apple-contacts-30.vcf",
    "outlook-contacts.csv",
    "google-contacts-20.csv",
)
EXPECTED = sorted(
    (f"{first} {last}", outlet, code, phone, ext, email)
    for first, last, outlet, _, _, code, phone, ext, email in PEOPLE
)


def people(store: Store) -> list[tuple[str, str, str, str, str, str]]:
    outlets = {o.id: o.name for o in store.outlets()}
    return sorted(
        (c.name, outlets[c.outlet_id], c.role.value, c.phone, c.extension, c.email)
        for c in store.contacts()
    )


@pytest.mark.parametrize("name", FILES)
def test_twenty_people_come_in_exactly(store: Store, name: str) -> None:
    plan = plan_import(FIXTURES / name, store)
    assert plan.problems == [] and plan.flagged == [], (plan.problems, plan.flagged)
    apply_import(store, plan)
    assert people(store) == EXPECTED
    # The fax each file gives is kept, never the number to call.
    assert all(c.phone != "514-555-0100" for c in store.contacts())


@pytest.mark.parametrize("name", FILES)
def test_and_go_back_out_and_in_the_same(store: Store, tmp_path: Path, name: str) -> None:
    apply_import(store, plan_import(FIXTURES / name, store))
    with Store.open(tmp_path / "again.json") as again:
        apply_import(again, plan_import_bytes(media_list_vcards(store), "out.vcf", again, {}))
        assert people(again) == EXPECTED
        assert sorted(c.others for c in again.contacts()) == sorted(
            c.others for c in store.contacts()
        )
