"""One way to copy text (PRODUCT §8): pyperclip, else the terminal (OSC 52); the
text is always saved to a file in the data directory and shown in a dialog.

`copy_text` never raises. It blocks (pyperclip may call xclip), so screens run
it in a thread worker.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import pyperclip  # type: ignore[import-untyped]  # (no stubs published)

from relance_tui import i18n
from relance_tui.core.store.files import FILE_MODE, private_dirs

if TYPE_CHECKING:
    from textual.app import App

PYPERCLIP_TIMEOUT_S = 3.0


class CopyMethod(StrEnum):
    CLIPBOARD = "clipboard"
    OSC52 = "osc52"
    FILE = "file"


@dataclass(frozen=True)
class CopyResult:
    method: CopyMethod
    saved_to: Path | None

    def message(self) -> str:
        how = i18n.t(f"copy.{self.method.value}")
        if self.saved_to is None:
            return how
        return i18n.t("copy.saved", how=how, path=str(self.saved_to))


def save_copy(text: str, folder: Path, label: str, now: datetime) -> Path | None:
    """Write `text` to `folder/<time>-<label>.txt` (0600); None when it cannot."""
    slug = re.sub(r"[^\w-]+", "-", label, flags=re.UNICODE).strip("-")[:40] or "texte"
    path = folder / f"{now:%Y%m%d-%H%M%S}-{slug}.txt"
    try:
        private_dirs(folder)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        return None
    return path


def _pyperclip_copy(text: str, timeout: float) -> bool:
    """pyperclip.copy in a helper thread, so a hung xclip cannot hold us forever."""
    outcome: list[bool] = []

    def run() -> None:
        try:
            pyperclip.copy(text)
            outcome.append(True)
        except Exception:  # pyperclip raises its own and OS errors alike
            outcome.append(False)

    worker = threading.Thread(target=run, daemon=True, name="relance-clipboard")
    worker.start()
    worker.join(timeout)
    return bool(outcome and outcome[0])


def copy_text(
    text: str, folder: Path, label: str, now: datetime, app: App[object] | None = None
) -> CopyResult:
    """Copy `text` by the best way available and save it; say which way it went."""
    saved = save_copy(text, folder, label, now)
    if _pyperclip_copy(text, PYPERCLIP_TIMEOUT_S):
        return CopyResult(CopyMethod.CLIPBOARD, saved)
    if app is not None:
        try:
            if threading.current_thread() is threading.main_thread():
                app.copy_to_clipboard(text)
            else:
                app.call_from_thread(app.copy_to_clipboard, text)
            return CopyResult(CopyMethod.OSC52, saved)
        except Exception:  # the driver may be gone; the file and dialog remain
            pass
    return CopyResult(CopyMethod.FILE, saved)
