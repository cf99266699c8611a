"""The media list out to an address book and back (issue 40): vCard 3.0 that another
reader (vobject) reads too, one .vcf per contact for a vdir folder, and an import
of either that gives the same contacts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import vobject

from relance_tui.core.media.importers import apply_import, plan_import, plan_import_bytes
from relance_tui.core.models import Contact, Outlet, Role
from relance_tui.core.station.demo import load_demo
from relance_tui.core.station.vcards import media_list_vcards, write_vdir
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir

Person = tuple[str, str, str, str, str, str, str, list[str]]


def people(store: Store) -> list[Person]:
    outlets = {o.id: o.name for o in store.outlets()}
    return sorted(
        (
            c.name,
            outlets[c.outlet_id],
            c.role.value,
            c.phone,
            c.extension,
            c.email,
            c.notes,
            c.others,
        )
        for c in store.contacts()
        if not c.deleted
    )


def a_list(store: Store, now: datetime) -> None:
    load_demo(store, data_dir(), now)
    outlet_id = store.save(Outlet(name="Radio Centre-Ville 102,3"))
    store.save(
        Contact(
            outlet_id=outlet_id,
            name="Siobhan O'Reilly-Côté",
            role=Role.RESEARCHER,
            phone="514-555-0190",
            extension="221",
            email="siobhan@rcv.example",
            notes="Appeler avant 11 h; pas le vendredi\nLigne directe, \\ poste",
            others=["cell:438-555-0199", "fax:514-555-0100", "email:s.oreilly@perso.example"],
        )
    )


def test_a_vcard_file_round_trips_every_contact(store: Store, tmp_path: Path, now) -> None:
    a_list(store, now)
    data = media_list_vcards(store)
    assert data.count(b"BEGIN:VCARD") == len([c for c in store.contacts() if not c.deleted])
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    with Store.open(tmp_path / "fresh.json") as fresh:
        plan = plan_import_bytes(data, "relance.vcf", fresh, {})
        assert plan.problems == [] and plan.flagged == []
        apply_import(fresh, plan)
        assert people(fresh) == people(store)


def test_another_reader_reads_the_cards(store: Store, now) -> None:
    a_list(store, now)
    cards = list(vobject.readComponents(media_list_vcards(store).decode("utf-8")))
    siobhan = next(c for c in cards if c.fn.value == "Siobhan O'Reilly-Côté")
    assert siobhan.org.value == ["Radio Centre-Ville 102,3"]
    assert siobhan.title.value == "recherchiste"
    phones = {(tuple(t.params["TYPE"]), t.value) for t in siobhan.contents["tel"]}
    assert (("WORK", "VOICE", "PREF"), "514-555-0190 x221") in phones
    assert (("WORK", "FAX"), "514-555-0100") in phones
    assert [e.value for e in siobhan.contents["email"]] == [
        "siobhan@rcv.example",
        "s.oreilly@perso.example",
    ]
    assert siobhan.note.value == "Appeler avant 11 h; pas le vendredi\nLigne directe, \\ poste"


def test_a_vdir_folder_round_trips_and_keeps_what_is_not_ours(
    store: Store, tmp_path: Path, now
) -> None:
    a_list(store, now)
    folder = tmp_path / "carnet" / "medias"
    folder.mkdir(parents=True)
    (folder / "someone-else.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Roy\r\nORG:CISM 89,3\r\n"
        "EMAIL:lea@cism.example\r\nEND:VCARD\r\n",
        "utf-8",
    )
    count = write_vdir(store, folder)
    assert count == len([c for c in store.contacts() if not c.deleted])
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in folder.glob("relance-*.vcf"))
    gone = store.contacts()[0]
    store.delete(Contact, gone.id or 0)
    write_vdir(store, folder)  # a contact deleted: its card goes, the other file stays
    assert not (folder / f"relance-contact-{gone.id}.vcf").exists()
    assert (folder / "someone-else.vcf").exists()
    with Store.open(tmp_path / "fresh.json") as fresh:
        apply_import(fresh, plan_import(folder, fresh))
        lea: Person = ("Léa Roy", "CISM 89,3", "journalist", "", "", "lea@cism.example", "", [])
        assert people(fresh) == sorted([*people(store), lea])
