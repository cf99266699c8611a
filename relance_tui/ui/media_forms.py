"""Forms and dialogs of the Listes screen: outlet, show, contact, filters, import, export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from relance_tui import i18n
from relance_tui.core.errors import FieldsInvalid, RelanceError
from relance_tui.core.media.importers import ImportPlan, plan_import, report_lines
from relance_tui.core.media.search import Filters
from relance_tui.core.models import Language, OutletKind, Record, Role
from relance_tui.core.store.store import Store
from relance_tui.ui.dialogs import _Dialog
from relance_tui.ui.forms import _field, _Form


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_key: str
    value: str = ""
    options: tuple[tuple[str, str], ...] = ()  # a Select when given


class RecordForm(_Form):
    """A form over `fields`; `build` turns the values into a valid record or raises
    MediaInvalid. Dismisses with the record (not yet saved)."""

    def __init__(
        self, title: str, fields: list[FieldSpec], build: Callable[[dict[str, str]], Record]
    ) -> None:
        super().__init__()
        self._title = title
        self._specs = fields
        self._build = build
        self.FIELDS = tuple(spec.name for spec in fields)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form", id="record-form"):
            yield Label(self._title, classes="dialog-title")
            for spec in self._specs:
                widget: Input | Select[str]
                if spec.options:
                    widget = Select(
                        list(spec.options),
                        value=spec.value or spec.options[0][1],
                        allow_blank=False,
                        id=f"field-{spec.name}",
                    )
                else:
                    widget = Input(spec.value, id=f"field-{spec.name}")
                yield from _field(spec.label_key, widget, spec.name)
            yield from self._buttons()

    def action_save(self) -> None:
        try:
            record = self._build(self._values())
        except FieldsInvalid as invalid:
            self._show_errors(invalid.errors)
            return
        self.dismiss(record)


def kind_options() -> tuple[tuple[str, str], ...]:
    return tuple((i18n.t(f"kind.{k.value}"), k.value) for k in OutletKind)


def language_options() -> tuple[tuple[str, str], ...]:
    return tuple((i18n.t(f"language.{lang.value}"), lang.value) for lang in Language)


def role_options(include_newsroom: bool = False) -> tuple[tuple[str, str], ...]:
    return tuple(
        (i18n.t(f"role.{r.value}"), r.value)
        for r in Role
        if include_newsroom or r is not Role.NEWSROOM
    )


def yes_no(value: bool) -> tuple[tuple[str, str], ...]:
    options = ((i18n.t("confirm.no"), ""), (i18n.t("confirm.yes"), "1"))
    return options if not value else options[::-1]


class FiltersDialog(_Dialog):
    """Filters of the media list: kind, region, language, tag, warmth, role."""

    def __init__(self, current: Filters, regions: list[str], tags: list[str]) -> None:
        super().__init__()
        self._current = current
        self._regions = regions
        self._tags = tags

    def compose(self) -> ComposeResult:
        every = (i18n.t("filters.all"), "")
        current = self._current
        choices: list[tuple[str, tuple[tuple[str, str], ...], str]] = [
            ("kind", (every, *kind_options()), current.kind),
            ("region", (every, *((r, r) for r in self._regions)), current.region),
            ("language", (every, *language_options()[:2]), current.language),
            ("tag", (every, *((t, t) for t in self._tags)), current.tag),
            (
                "min_warmth",
                tuple((i18n.t(f"filters.warmth.{n}"), str(n)) for n in range(4)),
                str(current.min_warmth),
            ),
            ("role", (every, *role_options(include_newsroom=True)), current.role),
        ]
        with VerticalScroll(classes="dialog form", id="filters-dialog"):
            yield Label(i18n.t("filters.title"), classes="dialog-title")
            for name, options, value in choices:
                yield Label(i18n.t(f"filters.{name}"), classes="field-label")
                yield Select(
                    list(options),
                    value=value if value in {v for _, v in options} else "",
                    allow_blank=False,
                    id=f"filter-{name}",
                )
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("filters.apply"), id="filters-apply", variant="primary")
                yield Button(i18n.t("filters.clear"), id="filters-clear")

    def _value(self, name: str) -> str:
        value = self.query_one(f"#filter-{name}", Select).value
        return "" if value is Select.BLANK else str(value)

    @on(Button.Pressed, "#filters-apply")
    def _apply(self) -> None:
        self.dismiss(
            Filters(
                kind=self._value("kind"),
                region=self._value("region"),
                language=self._value("language"),
                tag=self._value("tag"),
                min_warmth=int(self._value("min_warmth") or 0),
                role=self._value("role"),
            )
        )

    @on(Button.Pressed, "#filters-clear")
    def _clear(self) -> None:
        self.dismiss(Filters())


class ImportDialog(_Dialog):
    """Choose a file, see its first rows, the column mapping and the report, then import."""

    def __init__(self, store: Store, start_dir: Path) -> None:
        super().__init__()
        self._store = store
        self._start_dir = start_dir
        self._plan: ImportPlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Label(i18n.t("import.dialog.title"), classes="dialog-title")
            yield Input(
                placeholder=i18n.t("import.dialog.path"),
                id="import-path",
                value=str(self._start_dir) + "/",
            )
            yield Label(i18n.t("import.dialog.hint"), classes="dialog-hint")
            yield Static("", id="import-mapping", markup=False)
            yield DataTable(id="import-preview", cursor_type="none", zebra_stripes=True)
            yield Static("", id="import-report", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("import.dialog.import"), id="import-go", variant="primary")
                yield Button(
                    i18n.t("import.dialog.import_valid"), id="import-valid", variant="warning"
                )
                yield Button(i18n.t("form.cancel"), id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-go", Button).display = False
        self.query_one("#import-valid", Button).display = False
        self.query_one("#import-preview", DataTable).display = False
        self.query_one(Input).focus()

    @on(Input.Submitted, "#import-path")
    def _preview(self, message: Input.Submitted) -> None:
        self._plan_worker(Path(message.value.strip()).expanduser())

    @work(thread=True, exclusive=True, group="import")
    def _plan_worker(self, path: Path) -> None:
        try:
            plan: ImportPlan | RelanceError = plan_import(path, self._store)
        except RelanceError as problem:
            plan = problem
        self.app.call_from_thread(self._show_plan, plan)

    def _show_plan(self, plan: ImportPlan | RelanceError) -> None:
        report = self.query_one("#import-report", Static)
        table = self.query_one("#import-preview", DataTable)
        go = self.query_one("#import-go", Button)
        valid = self.query_one("#import-valid", Button)
        if isinstance(plan, RelanceError):
            self._plan = None
            report.update(str(plan))
            self.query_one("#import-mapping", Static).update("")
            table.display = go.display = valid.display = False
            return
        self._plan = plan
        self.query_one("#import-mapping", Static).update(
            i18n.t("import.dialog.mapping")
            + "  ".join(
                f"{column} → {i18n.t('import.field.' + field)}"
                for column, field in plan.mapping.items()
                if f"import.field.{field}" in i18n.MESSAGES
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

    @on(Button.Pressed, "#import-go")
    @on(Button.Pressed, "#import-valid")
    def _import(self) -> None:
        if self._plan is not None:
            self.dismiss(self._plan)

    @on(Button.Pressed, "#import-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ExportDialog(_Dialog):
    """What to export, in which format, where. Dismisses with (what, format, path)."""

    def __init__(
        self,
        default_dir: Path,
        has_event: bool,
        what: list[tuple[str, str]] | None = None,
        default_format: str = "csv",
    ) -> None:
        super().__init__()
        self._default_dir = default_dir
        self._has_event = has_event
        self._what = what
        self._default_format = default_format

    def compose(self) -> ComposeResult:
        what = self._what or [(i18n.t("export.what.media"), "media")]
        if self._what is None and self._has_event:
            what.insert(0, (i18n.t("export.what.calls"), "calls"))
        formats = [("Markdown", "md"), ("CSV (Excel)", "csv"), ("JSON", "json")]
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(i18n.t("export.dialog.title"), classes="dialog-title")
            yield Select(what, value=what[0][1], allow_blank=False, id="export-what")
            yield Select(formats, value=self._default_format, allow_blank=False, id="export-format")
            yield Label(i18n.t("export.dialog.path"), classes="field-label")
            yield Input(
                str(self._default_dir / f"relance-{what[0][1]}.{self._default_format}"),
                id="export-path",
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
            (
                str(self.query_one("#export-what", Select).value),
                str(self.query_one("#export-format", Select).value),
                Path(self.query_one("#export-path", Input).value.strip()).expanduser(),
            )
        )

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class SplitDialog(_Dialog):
    """How many callers, their names, and the folder for their files."""

    def __init__(self, default_dir: Path) -> None:
        super().__init__()
        self._default_dir = default_dir

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="split-dialog"):
            yield Label(i18n.t("team.split.title"), classes="dialog-title")
            yield Label(i18n.t("team.split.names"), classes="field-label")
            yield Input(placeholder="Sam, Alex, Noor", id="split-names")
            yield Label(i18n.t("export.dialog.path"), classes="field-label")
            yield Input(str(self._default_dir), id="split-folder")
            yield Label("", id="split-error", classes="field-error")
            yield Label(i18n.t("team.split.hint"), classes="dialog-hint")
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("team.split.go"), id="split-go", variant="primary")
                yield Button(i18n.t("form.cancel"), id="split-cancel")

    @on(Button.Pressed, "#split-go")
    @on(Input.Submitted)
    def _go(self) -> None:
        names = [n.strip() for n in self.query_one("#split-names", Input).value.split(",")]
        names = [n for n in names if n]
        if not 2 <= len(names) <= 20:
            self.query_one("#split-error", Label).update(i18n.t("team.split.need_names"))
            return
        folder = Path(self.query_one("#split-folder", Input).value.strip()).expanduser()
        self.dismiss((names, folder))

    @on(Button.Pressed, "#split-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class MergeDialog(_Dialog):
    """The callers' files (or the folder holding them) to bring back."""

    def __init__(self, default_dir: Path) -> None:
        super().__init__()
        self._default_dir = default_dir

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="merge-dialog"):
            yield Label(i18n.t("team.merge.title"), classes="dialog-title")
            yield Input(str(self._default_dir), id="merge-paths")
            yield Label(i18n.t("team.merge.hint"), classes="dialog-hint")
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("team.merge.go"), id="merge-go", variant="primary")
                yield Button(i18n.t("form.cancel"), id="merge-cancel")

    @on(Button.Pressed, "#merge-go")
    @on(Input.Submitted)
    def _go(self) -> None:
        paths: list[Path] = []
        for token in self.query_one("#merge-paths", Input).value.split(";"):
            path = Path(token.strip()).expanduser()
            if path.is_dir():
                paths += sorted(path.glob("*.json"))
            elif token.strip():
                paths.append(path)
        self.dismiss(paths)

    @on(Button.Pressed, "#merge-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
