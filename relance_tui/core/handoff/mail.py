"""The reminder email as a draft for the officer's own mail program.

An `.eml` file (standard library `email`) with `X-Unsent: 1`, which Thunderbird,
Outlook, Apple Mail and Evolution open as a message ready to send: To, Subject, the
body in the contact's language and an invitation to the event (`.ics`) attached.
Nothing is sent by relance. Where no program opens it, a `mailto:` link carries
the same subject and body.
"""

from __future__ import annotations

import mimetypes
import re
import shutil
import subprocess
from collections.abc import Mapping
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any
from urllib.parse import quote

from relance_tui import i18n
from relance_tui.core.handoff.desktop import open_with_desktop
from relance_tui.core.models import Event
from relance_tui.core.store.files import private_dirs, write_atomically_bytes
from relance_tui.core.team import release


def draft(
    to: str,
    subject: str,
    body: str,
    ics: bytes | None = None,
    release: Path | None = None,
    bcc: str = "",
) -> EmailMessage:
    """The draft; `release` is the communiqué's file, attached with its own type (the
    caller checks it exists). `bcc`: everyone, unseen by each other, for one message."""
    message = EmailMessage(policy=SMTP)
    if to:
        message["To"] = to
    if bcc:
        message["Bcc"] = bcc
    message["Subject"] = subject
    message["X-Unsent"] = "1"  # opened as a draft, not as a message received
    message.set_content(body)
    if ics is not None:
        invitation = ics.decode("utf-8")  # text, so « » and accents arrive as written
        message.add_attachment(invitation, subtype="calendar", filename="invitation.ics")
    if release is not None:
        kind = mimetypes.guess_type(release.name)[0] or "application/octet-stream"
        maintype, subtype = kind.split("/", 1)
        data = release.read_bytes()
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=release.name)
    return message


def write_draft(folder: Path, name: str, message: EmailMessage) -> Path:
    """The draft saved as `<name>.eml` in `folder` (private, like every file of ours)."""
    slug = re.sub(r"[^\w-]+", "-", name).strip("-")[:60] or "courriel"
    path = folder / f"{slug}.eml"
    private_dirs(folder.parent)  # "brouillons/": private too
    folder.mkdir(exist_ok=True, mode=0o700)
    write_atomically_bytes(path, message.as_bytes())
    return path


def mailto(to: str, subject: str, body: str) -> str:
    return f"mailto:{quote(to)}?subject={quote(subject)}&body={quote(body)}"


def mail_program() -> str:
    """The name of the desktop's mail program, when it says ("Thunderbird"), else ""."""
    mime = shutil.which("xdg-mime")
    if mime is None:
        return ""
    try:
        done = subprocess.run(
            [mime, "query", "default", "message/rfc822"], capture_output=True, text=True, timeout=3
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    desktop = done.stdout.strip().removesuffix(".desktop").split(".")[-1]
    return desktop.replace("-", " ").title() if desktop else ""


def release_of(
    event: Event, meta: Mapping[str, Any] | None = None, data_file: Path | None = None
) -> tuple[Path | None, str]:
    """The communiqué's file if the event names one that exists, and what to say if
    it names one that does not (the draft is made all the same). In a file made by
    someone else (`meta`, `data_file`: the open data file's), the communiqué it carries,
    never a path read on this computer (`release`)."""
    if not event.release_file:
        return None, ""
    if meta is not None and data_file is not None and release.is_shared(meta):
        carried = release.unpacked(meta, data_file)
        if carried is not None:
            return carried, ""
        return None, i18n.t("handoff.mail.release_not_carried", name=event.release_file)
    path = Path(event.release_file).expanduser()
    if path.is_file():
        return path, ""
    return None, i18n.t("handoff.mail.no_release", path=str(path))


def hand_over(
    folder: Path,
    name: str,
    message: EmailMessage,
    open_it: bool = True,
) -> str:
    """Write the draft, open it in the mail program (or, failing that, a `mailto:` with
    its subject and body); what happened, in plain words."""
    try:
        path = write_draft(folder, name, message)
    except OSError:
        return ""
    if open_it and open_with_desktop(str(path)):
        program = mail_program()
        if program:
            return i18n.t("handoff.mail.opened", program=program)
        return i18n.t("handoff.mail.opened_default")
    if open_it:
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        link = mailto(str(message["To"] or ""), str(message["Subject"] or ""), text)
        if open_with_desktop(link):
            return i18n.t("handoff.mail.link")
    return i18n.t("handoff.mail.saved", path=str(path))
