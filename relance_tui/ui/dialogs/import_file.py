"""Import a media list: choose a file, see what would change, apply."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Static

from relance_tui import i18n
from relance_tui.core.errors import RelanceError
from relance_tui.core.media.import_report import report_lines
from relance_tui.core.media.importers import ImportPlan, plan_import
from relance_tui.core.store.store import Store
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.widgets.editing import TextInput


class ImportDialog(Dialog[ImportPlan]):
    """Choose a file, see its first rows, the column mapping and the report, then import."""

    def __init__(self, store: Store, start_dir: Path) -> None:
        super().__init__()
        self._store = store
        self._start_dir = start_dir
        self._plan: ImportPlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Label(i18n.t("import.dialog.title"), classes="dialog-title")
            yield TextInput(
                placeholder=i18n.t("import.dialog.path"),
                id="import-path",
                value=str(self._start_dir) + "/",
            )
            yield Label(i18n.t("import.dialog.hint"), classes="dialog-hint")
            yield TextInput(placeholder=i18n.t("import.dialog.outlet_for_all"), id="import-outlet")
            yield ProgressBar(id="import-progress", show_eta=True)
            yield Static("", id="import-mapping", markup=False)
            yield DataTable(id="import-preview", cursor_type="none", zebra_stripes=True)
            yield Static("", id="import-report", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("import.dialog.import"), id="import-go", variant="primary")
                yield Button(
                    i18n.t("import.dialog.import_valid"), id="import-valid", variant="warning"
                )
                yield Button(i18n.t("import.dialog.accept_near"), id="import-near")
                yield Button(i18n.t("import.dialog.take_file"), id="import-take")
                yield Button(i18n.t("form.cancel"), id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-go", Button).display = False
        self.query_one("#import-valid", Button).display = False
        self.query_one("#import-near", Button).display = False
        self.query_one("#import-take", Button).display = False
        self.query_one("#import-preview", DataTable).display = False
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#import-outlet", Input).display = False
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    def _preview(self) -> None:
        self._read(accept_near=False)

    @on(Button.Pressed, "#import-take")
    def _take_file(self) -> None:
        """Read again, the file's numbers and emails taking the place of the list's."""
        self._read(accept_near=self._plan is not None and self._plan.accept_near, take_file=True)

    @on(Input.Submitted, "#import-outlet")
    def _with_outlet(self) -> None:
        """The file read again, its people without an outlet given the one typed."""
        self._read(accept_near=self._plan is not None and self._plan.accept_near)

    @on(Button.Pressed, "#import-near")
    def _accept_near(self) -> None:
        """The file read again, its rows filed under the known outlets it nearly names."""
        self._read(accept_near=True)

    def _read(self, accept_near: bool, take_file: bool = False) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True  # a long file shows it is being read
        path = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        outlet = self.query_one("#import-outlet", Input).value
        self._plan_worker(path, accept_near, outlet, take_file)

    def _advance(self, done: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=done)

    @work(thread=True, exclusive=True, group="import")
    def _plan_worker(
        self, path: Path, accept_near: bool, outlet_for_all: str, take_file: bool
    ) -> None:
        def advance(done: int, total: int) -> None:
            self.app.call_from_thread(self._advance, done, total)

        try:
            plan: ImportPlan | RelanceError = plan_import(
                path,
                self._store,
                progress=advance,
                accept_near=accept_near,
                outlet_for_all=outlet_for_all,
                take_file=take_file,
            )
        except RelanceError as problem:
            plan = problem
        self.app.call_from_thread(self._show_plan, plan)

    def _show_plan(self, plan: ImportPlan | RelanceError) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        report = self.query_one("#import-report", Static)
        table = self.query_one("#import-preview", DataTable)
        go = self.query_one("#import-go", Button)
        valid = self.query_one("#import-valid", Button)
        if isinstance(plan, RelanceError):
            self._plan = None
            report.update(str(plan))
            self.query_one("#import-mapping", Static).update("")
            table.display = go.display = valid.display = False
            self.query_one("#import-near", Button).display = False
            self.query_one("#import-take", Button).display = False
            return
        self._plan = plan
        self.query_one("#import-mapping", Static).update(
            i18n.t("import.dialog.mapping")
            + "  ".join(
                f"{column} → {i18n.t('import.field.' + field)}"
                for column, field in plan.mapping.items()
                if i18n.has(f"import.field.{field}")
            )
        )
        table.clear(columns=True)
        for column in plan.columns:
            table.add_column(column[:20])
        for cells in plan.preview:
            table.add_row(
                *[c[:30] for c in cells[: len(plan.columns)]],
                *[""] * max(0, len(plan.columns) - len(cells)),
            )
        table.display = True
        lines = list(report_lines(plan))
        report.update("\n".join(lines[:12]) + ("\n…" if len(lines) > 12 else ""))
        go.display = not plan.problems
        valid.display = bool(plan.problems) and plan.valid_rows > 0
        near = self.query_one("#import-near", Button)
        near.display = bool(plan.near_matches) and not plan.accept_near
        take = self.query_one("#import-take", Button)
        take.display = bool(plan.conflicts) and not plan.take_file
        # People the file gives no outlet: one outlet for them all can be typed here.
        outlet = self.query_one("#import-outlet", Input)
        outlet.display = bool(plan.independents or plan.notices or plan.outlet_for_all)

    @on(Button.Pressed, "#import-go")
    @on(Button.Pressed, "#import-valid")
    def _import(self) -> None:
        if self._plan is not None:
            self.dismiss(self._plan)

    @on(Button.Pressed, "#import-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
