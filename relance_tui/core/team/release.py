"""The communiqué attached to reminder drafts, and how it travels to teammates.

An event names its communiqué by a path on the organiser's computer. On a teammate's
computer that path means nothing, or something else: `~/.ssh/id_rsa` named there
would be read on each caller's machine and attached to every draft. So a file made
for others (a team's base, a caller's share) carries the communiqué's bytes and bare
name, packed by the organiser (`pack`), and its event names no path; the caller's
relance writes those bytes into a folder beside its own data file (`communiques/`,
0700, the file 0600) and attaches that. A path is only ever read on the computer
where it was typed.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from relance_tui.core.models import Event
from relance_tui.core.store.files import write_atomically_bytes
from relance_tui.core.text import without_controls

MAX_BYTES = 20 * 1024 * 1024  # a communiqué with photos; more is not a mail attachment
FOLDER = "communiques"


def pack(event: Event) -> dict[str, str] | None:
    """The event's communiqué as a file made for others carries it: bare name and bytes
    (None when it names no readable file, or one too big to mail)."""
    if not event.release_file:
        return None
    path = Path(event.release_file).expanduser()
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return {"name": path.name, "data": base64.b64encode(data).decode("ascii")}


def shared_event_doc(doc: Mapping[str, Any]) -> dict[str, Any]:
    """An event's document as a file made for others holds it: its communiqué by bare
    name only."""
    named = doc.get("release_file")
    bare = Path(named).name if isinstance(named, str) and named else ""
    return {**doc, "release_file": bare}


def is_shared(meta: Mapping[str, Any]) -> bool:
    """A file made by someone else for this computer: a share, a team's file."""
    return "split_of" in meta or isinstance(meta.get("team"), dict)


def safe_name(name: str) -> str:
    """A bare file name, harmless in any folder: no folders, no leading dot."""
    bare = without_controls(name.replace("\\", "/"), keep="").split("/")[-1].strip()
    bare = bare.lstrip(".").strip()[:120]
    return bare or "communique"


def unpacked(meta: Mapping[str, Any], data_file: Path) -> Path | None:
    """The communiqué a shared file carries, written beside it (once); None if none."""
    packed = meta.get("release")
    if not isinstance(packed, dict):
        return None
    name, encoded = packed.get("name"), packed.get("data")
    if not isinstance(name, str) or not isinstance(encoded, str):
        return None
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None
    target = data_file.parent / FOLDER / safe_name(name)
    with contextlib.suppress(OSError):
        if target.is_file() and target.read_bytes() == data:
            return target
    try:
        target.parent.mkdir(mode=0o700, exist_ok=True)
        write_atomically_bytes(target, data)
    except OSError:
        return None
    return target
