"""Export the media list, the call list or the report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from relance_tui import i18n
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.widgets.editing import TextInput


@dataclass(frozen=True)
class ExportRequest:
    """What to export ("media", "calls", "bilan"), in which format, where."""

    what: str
    fmt: str
    path: Path


class ExportDialog(Dialog[ExportRequest]):
    """What to export, in which format, where."""

    def __init__(
        self,
        default_dir: Path,
        has_event: bool,
        what: list[tuple[str, str]] | None = None,
        default_format: str = "csv",
        calendar: bool = False,
    ) -> None:
        super().__init__()
        self._default_dir = default_dir
        self._has_event = has_event
        self._what = what
        self._default_format = default_format
        self._calendar = calendar  # offer the event and its callbacks as .ics

    def compose(self) -> ComposeResult:
        what = self._what or [(i18n.t("export.what.media"), "media")]
        if self._what is None and self._has_event:
            what.insert(0, (i18n.t("export.what.calls"), "calls"))
        formats = [("Markdown", "md"), ("CSV (Excel)", "csv"), ("JSON", "json")]
        if self._calendar:
            formats.append((i18n.t("export.format.ics"), "ics"))
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(i18n.t("export.dialog.title"), classes="dialog-title")
            yield Select(what, value=what[0][1], allow_blank=False, id="export-what")
            yield Select(formats, value=self._default_format, allow_blank=False, id="export-format")
            yield Label(i18n.t("export.dialog.path"), classes="field-label")
            yield TextInput(
                str(self._default_dir / f"relance-{what[0][1]}.{self._default_format}"),
                id="export-path",
                select_on_focus=True,  # a suggested path: typing replaces it
            )
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("export.dialog.go"), id="export-go", variant="primary")
                yield Button(i18n.t("form.cancel"), id="export-cancel")

    @on(Select.Changed, "#export-format")
    def _format_changed(self, message: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        path.value = str(Path(path.value).with_suffix(f".{message.value}"))

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def _go(self) -> None:
        self.dismiss(
            ExportRequest(
                what=str(self.query_one("#export-what", Select).value),
                fmt=str(self.query_one("#export-format", Select).value),
                path=Path(self.query_one("#export-path", Input).value.strip()).expanduser(),
            )
        )

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
