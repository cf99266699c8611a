"""Two Syncthing daemons on the loopback, sharing one folder: a LAN with no internet.

Each has its own home and ports; discovery, relays, NAT and usage reports are off, so
they find each other only by the addresses written here. Ready when each sees the
other connected (REST API), as the team's two laptops would at the venue.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

FOLDER_ID = "relance-equipe"


_HANDED: set[int] = set()


def free_port() -> int:
    """A port free now and not handed out before in this run: the kernel may give the
    same one twice in a row once the probe is closed, and two daemons on one port never
    meet."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if port not in _HANDED:
            _HANDED.add(port)
            return port


class Daemon:
    def __init__(self, program: str, home: Path, folder: Path, name: str) -> None:
        self.program, self.home, self.folder, self.name = program, home, folder, name
        self.listen, self.gui = free_port(), free_port()
        self.apikey = secrets.token_hex(16)
        self.process: subprocess.Popen[bytes] | None = None
        subprocess.run(
            [program, "generate", f"--home={home}", "--no-default-folder", "--skip-port-probing"],
            check=True,
            capture_output=True,
        )
        self.device_id = subprocess.run(
            [program, "serve", f"--home={home}", "--device-id"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".stfolder").mkdir(exist_ok=True)  # Syncthing's marker of a folder

    def configure(self, peer: Daemon) -> None:
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        options = root.find("options")
        assert options is not None
        settings = {
            "listenAddress": f"tcp://127.0.0.1:{self.listen}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "urAccepted": "-1",
            "startBrowser": "false",
            "autoUpgradeIntervalH": "0",
            "crashReportingEnabled": "false",
            "reconnectionIntervalS": "1",
        }
        for key, value in settings.items():
            element = options.find(key)
            if element is None:
                element = ET.SubElement(options, key)
            element.text = value
        gui = root.find("gui")
        assert gui is not None
        gui.find("address").text = f"127.0.0.1:{self.gui}"  # type: ignore[union-attr]
        gui.find("apikey").text = self.apikey  # type: ignore[union-attr]
        device = ET.SubElement(
            root, "device", id=peer.device_id, name=peer.name, compression="metadata"
        )
        ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{peer.listen}"
        ET.SubElement(device, "autoAcceptFolders").text = "false"
        folder = ET.SubElement(
            root,
            "folder",
            id=FOLDER_ID,
            label=FOLDER_ID,
            path=str(self.folder),
            type="sendreceive",
            rescanIntervalS="3",
            fsWatcherEnabled="true",
            fsWatcherDelayS="1",
        )
        for member in (self.device_id, peer.device_id):
            ET.SubElement(folder, "device", id=member)
        tree.write(path)

    def start(self) -> None:
        # STMONITORED: run as the one process (no monitor forking a child that outlives it).
        env = {**os.environ, "STNODEFAULTFOLDER": "1", "STNOUPGRADE": "1", "STMONITORED": "1"}
        log = (self.home / "log.txt").open("ab")
        self.process = subprocess.Popen(
            [
                self.program,
                "serve",
                f"--home={self.home}",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def rest(self, path: str) -> object:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui}{path}", headers={"X-API-Key": self.apikey}
        )
        with urllib.request.urlopen(request, timeout=2) as answer:
            return json.load(answer)

    def answers(self) -> bool:
        """Whether the daemon is up (its API answers)."""
        try:
            self.rest("/rest/system/ping")
        except OSError:
            return False
        return True

    def connected_to(self, peer: Daemon) -> bool:
        try:
            connections = self.rest("/rest/system/connections")
        except OSError:
            return False
        found = connections.get("connections", {}).get(peer.device_id, {})  # type: ignore[union-attr]
        return bool(found.get("connected"))

    def log(self) -> str:
        path = self.home / "log.txt"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def wait_until(condition, timeout: float, what: str, poll: float = 0.2) -> float:  # type: ignore[no-untyped-def]
    """Seconds until `condition()` held; AssertionError naming `what` after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(poll)
    raise AssertionError(f"{what}: not after {timeout} s")


def pair(program: str, root: Path) -> tuple[Daemon, Daemon]:
    a = Daemon(program, root / "home-a", root / "folder-a", "portable-a")
    b = Daemon(program, root / "home-b", root / "folder-b", "portable-b")
    a.configure(b)
    b.configure(a)
    return a, b
