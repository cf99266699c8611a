"""The installed command leaves through `os._exit` as the last exit handler
(`launch.leave_after_exit_handlers`): what it printed arrives whole, even piped."""

from __future__ import annotations

import subprocess
from pathlib import Path

from relance_tui.core.models import Contact, Outlet, OutletKind, Role
from relance_tui.core.store.store import Store
from tests.e2e.test_tmux import installed_relance

PEOPLE = 3000  # a few hundred kilobytes: more than a pipe holds


def test_a_long_export_piped_arrives_whole_with_its_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "relance.json"
    with Store.open(db) as store:
        outlet_id = store.save(Outlet(name="CIBL", kind=OutletKind.RADIO))
        store.save_many(
            [
                Contact(outlet_id=outlet_id, name=f"Personne {n:04d}", role=Role.JOURNALIST)
                for n in range(PEOPLE)
            ]
        )
    done = subprocess.run(
        [installed_relance(), "export", "--db", str(db), "--format", "csv", "--lang", "fr"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    rows = [row for row in done.stdout.decode("utf-8-sig").splitlines() if "Personne" in row]
    assert len(rows) == PEOPLE
    assert "Personne 2999" in rows[-1]


def test_a_refused_command_says_why_and_leaves_with_its_code(tmp_path: Path) -> None:
    done = subprocess.run(
        [installed_relance(), "export", "--db", str(tmp_path / "absent" / "x.json"), "--zzz"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "--zzz" in done.stderr.decode()
