"""A teammate's file can only write as its caller, and a file made for others carries
what it needs, never a path read on the other computer (issue 41, items 4, 5, 7)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from relance_tui.core.handoff.mail import release_of
from relance_tui.core.models import Event, EventKind
from relance_tui.core.store.store import Store
from relance_tui.core.team.shares import split
from tests.core.team.test_team import T0, world


def test_a_share_carries_the_communique_and_names_no_path_of_the_organiser(
    tmp_path: Path,
) -> None:
    communique = tmp_path / "organisation" / "communiqué-lancement.pdf"
    communique.parent.mkdir()
    communique.write_bytes(b"%PDF-1.4 le communique")
    with Store.open(tmp_path / "main.json") as main:
        event = world(main, 4)
        event = dataclasses.replace(event, release_file=str(communique))
        main.save(event)
        [path] = split(main, event, ["Sam"], tmp_path / "partage", T0).paths
    communique.unlink()  # the caller's computer has no such file
    with Store.open(path) as share:
        shared = share.current_event()
        assert shared is not None and shared.release_file == "communiqué-lancement.pdf"
        attached, said = release_of(shared, share.meta(), share.path)
    assert said == "" and attached is not None
    assert attached.read_bytes() == b"%PDF-1.4 le communique"
    assert attached.parent == path.parent / "communiques"
    assert oct(attached.stat().st_mode & 0o777) == "0o600"


def test_a_path_in_a_shared_event_is_never_read_on_the_caller_s_computer(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "home" / ".ssh" / "id_rsa"
    secret.parent.mkdir(parents=True)
    secret.write_text("PRIVATE KEY")
    event = Event(title="Lancement", kind=EventKind.EVENT, start=T0, release_file=str(secret))
    meta = {"split_of": {"file_id": "x", "event_id": 1, "caller": "Sam"}}
    attached, said = release_of(event, meta, tmp_path / "partage" / "sam.json")
    assert attached is None and "sans le fichier du communiqué" in said
    assert release_of(event)[0] == secret  # the organiser's own file: their own path
