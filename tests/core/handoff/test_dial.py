"""Dialing on the officer's phone: fake dialers on PATH record what they were given."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from relance_tui.core.handoff.dial import Dialer, chosen, detect, dial, tel_uri
from relance_tui.core.phones import dial_string
from tests.conftest import fake_program, require_program


def recorder(folder: Path, name: str, log: Path, output: str = "") -> None:
    """A program that appends its arguments to `log` and prints `output`."""
    fake_program(folder, name, f'echo "$0 $*" >> "{log}"\nprintf "{output}"')


@pytest.fixture
def every_dialer(tmp_path: Path) -> tuple[Path, Path]:
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    recorder(bin_dir, "kdeconnect-cli", log, "1a2b3c4d\\n")
    recorder(bin_dir, "gsconnect", log, "9f8e7d6c\\n")
    recorder(bin_dir, "adb", log, "List of devices attached\\nR58M123\\tdevice\\n")
    recorder(bin_dir, "linphone", log)
    recorder(bin_dir, "xdg-open", log)
    recorder(bin_dir, "xdg-mime", log, "org.gnome.Calls.desktop\\n")
    recorder(bin_dir, "open", log)
    return bin_dir, log


def only(bin_dir: Path):  # type: ignore[no-untyped-def]
    return lambda name: shutil.which(name, path=str(bin_dir))


def test_the_extension_is_a_pause_in_the_tel_uri() -> None:
    assert tel_uri(dial_string("514 555-0136", "221")) == "tel:+15145550136,221"


def test_detection_order_on_linux_and_on_macos(every_dialer: tuple[Path, Path]) -> None:
    bin_dir, _ = every_dialer
    linux = detect(which=only(bin_dir), platform="linux")
    assert [d.key for d in linux] == ["kdeconnect", "gsconnect", "adb", "linphone", "xdg"]
    assert (linux[0].device, linux[1].device) == ("1a2b3c4d", "9f8e7d6c")  # paired phones
    mac = detect(which=only(bin_dir), platform="darwin")
    assert [d.key for d in mac] == ["kdeconnect", "gsconnect", "adb", "macos", "linphone"]


def test_a_program_without_a_phone_behind_it_is_not_offered(tmp_path: Path) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "log"
    recorder(bin_dir, "kdeconnect-cli", log)  # no paired device
    recorder(bin_dir, "gsconnect", log)  # no connected, paired device
    recorder(bin_dir, "adb", log, "List of devices attached\\n")  # nothing plugged in
    recorder(bin_dir, "xdg-open", log)
    recorder(bin_dir, "xdg-mime", log)  # no tel: handler
    assert detect(which=only(bin_dir), platform="linux") == []


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("kdeconnect", "kdeconnect-cli --device 1a2b3c4d --share tel:+15145550136,221"),
        ("gsconnect", "gsconnect --device 9f8e7d6c --share-link tel:+15145550136,221"),
        ("adb", "adb shell am start -a android.intent.action.DIAL -d tel:+15145550136,221"),
        ("linphone", "linphone --call tel:+15145550136,221"),
        ("xdg", "xdg-open tel:+15145550136,221"),
    ],
)
def test_each_dialer_gets_the_exact_arguments(
    every_dialer: tuple[Path, Path], key: str, expected: str
) -> None:
    bin_dir, log = every_dialer
    found = {d.key: d for d in detect(which=only(bin_dir), platform="linux")}
    log.write_text("")
    assert dial(found[key], "tel:+15145550136,221").ok
    [line] = log.read_text().splitlines()
    program, _, args = line.partition(" ")
    assert f"{Path(program).name} {args}" == expected


def test_a_custom_command_takes_the_number_or_the_uri(tmp_path: Path) -> None:
    dialer = Dialer("custom", "", command="softphone --dial {number} --label 'Relance'")
    assert dialer.argv("tel:+15145550136,221") == [
        "softphone",
        "--dial",
        "+15145550136,221",
        "--label",
        "Relance",
    ]
    assert Dialer("custom", "", command="mydialer").argv("tel:+1514") == ["mydialer", "tel:+1514"]


def test_a_dialer_that_hangs_or_fails_says_so_in_time(tmp_path: Path) -> None:
    sleep = require_program("sleep")
    hanging = Dialer("custom", "", command=f"{sleep} 30")
    started = time.monotonic()
    result = dial(hanging, "tel:+15145550136", timeout=1)
    assert not result.ok and time.monotonic() - started < 5
    failing = fake_program(tmp_path, "broken", 'echo "no device" >&2; exit 2')
    assert dial(Dialer("custom", "", command=str(failing)), "tel:+1").detail == "no device"


def test_the_settings_choose(every_dialer: tuple[Path, Path]) -> None:
    bin_dir, _ = every_dialer
    found = detect(which=only(bin_dir), platform="linux")
    assert chosen("auto", "", found).key == "kdeconnect"  # type: ignore[union-attr]
    assert chosen("adb", "", found).key == "adb"  # type: ignore[union-attr]
    assert chosen("qr", "", found) is None
    assert chosen("auto", "", []) is None  # nothing here: the QR code
    assert chosen("custom", "softphone {number}", found).key == "custom"  # type: ignore[union-attr]


def test_the_qr_code_reads_back_as_the_tel_uri(tmp_path: Path) -> None:
    from relance_tui.core.handoff.qr import qr_matrix

    zbarimg = require_program("zbarimg")
    uri = "tel:+15145550136,221"
    matrix = qr_matrix(uri)
    scale = 6  # the same matrix, drawn as an image a camera would see
    rows = [
        " ".join("1" if dark else "0" for dark in row for _ in range(scale))
        for row in matrix
        for _ in range(scale)
    ]
    image = tmp_path / "qr.pbm"
    image.write_text(f"P1\n{len(matrix[0]) * scale} {len(matrix) * scale}\n" + "\n".join(rows))
    done = subprocess.run([zbarimg, "--raw", "-q", str(image)], capture_output=True, text=True)
    assert done.stdout.strip() == uri


def test_the_qr_code_fits_beside_the_number_at_80x24() -> None:
    from relance_tui.core.handoff.qr import qr_halves, qr_matrix

    lines = qr_halves(qr_matrix("tel:+15145550136,221"))
    assert len(lines) <= 17 and len(lines[0]) <= 40


def test_gsconnect_is_found_in_the_extensions_folder(tmp_path: Path, monkeypatch) -> None:
    """GSConnect's script is on PATH only when linked there: its extension folder too."""
    log = tmp_path / "log"
    extension = tmp_path / "data" / "gnome-shell/extensions/gsconnect@andyholmes.github.io"
    recorder(extension, "gsconnect.sh", log, "phone42\\n")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    [found] = detect(which=only(tmp_path / "empty"), platform="linux")
    assert (found.key, found.device) == ("gsconnect", "phone42")
    assert found.program.endswith("gsconnect.sh")
