"""Bilan: who is coming, who wants the release again, who was never reached."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Label, Static, TabbedContent, TabPane

from relance_tui import i18n
from relance_tui.core.calls.queue import TargetState
from relance_tui.core.door.door import DoorEntry
from relance_tui.core.door.turnout import expected_turnout
from relance_tui.core.errors import RelanceError, os_words
from relance_tui.core.handoff.batch import Batch, material_drafts, resend_drafts
from relance_tui.core.handoff.calendar import callbacks_ics
from relance_tui.core.handoff.desktop import open_with_desktop
from relance_tui.core.handoff.mail import release_of
from relance_tui.core.models import Contact, Event, Outlet, Settings
from relance_tui.core.script import book
from relance_tui.core.script.templates import TemplateProblem, render_event
from relance_tui.core.script.wording import situation_of
from relance_tui.core.station.report import (
    DOOR_SECTIONS,
    RENDERERS,
    SECTIONS,
    Summary,
    bar,
    door_sections,
    outcome_label,
    outcome_rows,
    summarise,
    totals_line,
    who_fields,
)
from relance_tui.core.store.files import write_atomically, write_atomically_bytes
from relance_tui.core.team.live import TeamLink
from relance_tui.core.team.shares import apply_merge, plan_merge, split
from relance_tui.ui.columns import MOVING_KEYS, fit_columns, fitted_column
from relance_tui.ui.dialogs.export import ExportDialog, ExportRequest
from relance_tui.ui.dialogs.merge import MergeDialog
from relance_tui.ui.dialogs.resend_all import ResendAllDialog
from relance_tui.ui.dialogs.split import SplitDialog, SplitRequest
from relance_tui.ui.handoff import drafts_dir
from relance_tui.ui.screens.base import RelanceScreen
from relance_tui.ui.widgets.changed import show_or_hide
from relance_tui.ui.widgets.team_panel import team_text

# Which columns give up width first when the list is narrow (higher: sooner).
ALL_SECTIONS = SECTIONS + DOOR_SECTIONS


class ReportScreen(RelanceScreen):
    MODE = "report"

    BINDINGS = [
        Binding("left_square_bracket", "tab(-1)", "key.tab_previous", id="report.previous"),
        Binding("right_square_bracket", "tab(1)", "key.tab_next", id="report.next"),
        Binding("e", "copy_email", "key.copy_email", id="report.copy_email"),
        Binding("E", "resend_all", "key.resend_all", id="report.resend_all"),
        Binding("a", "material", "key.material", id="report.material"),
        Binding("x", "export", "key.export_report", id="report.export"),
        Binding("s", "split", "key.split", id="report.split"),
        Binding("m", "merge", "key.merge", id="report.merge"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._summary: Summary | None = None
        self._rows: dict[str, list[tuple[str, dict[str, str]]]] = {}  # by section
        self._team: TeamLink | None = None
        self._moving = False  # the user moves a table's cursor (its row goes to the status)

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="report-body"):
            with VerticalScroll(id="report-left"):
                yield Label(i18n.t("report.by_outcome"), classes="section-title")
                yield Static("", id="outcome-bars")
                yield Static("", id="report-totals")
                yield Static("", id="report-team", markup=False)  # calling as a team
                yield Label(i18n.t("report.by_kind"), classes="section-title")
                yield Static("", id="by-kind")
                yield Label(i18n.t("report.by_role"), classes="section-title")
                yield Static("", id="by-role")
            with TabbedContent(id="report-tabs"):
                for attribute, title_key, _ in ALL_SECTIONS:
                    with TabPane(i18n.t(title_key), id=f"tab-{attribute}"):
                        yield DataTable(
                            id=f"list-{attribute}", cursor_type="row", zebra_stripes=True
                        )
        yield Label("", id="report-status")

    def on_mount(self) -> None:
        self.reload()
        self._team = TeamLink.of(self.store)
        if self._team is not None:  # teammates' calls come in while the Bilan is open
            self.set_interval(1.0, self._team_news)

    def _team_news(self) -> None:
        if self._team is None or not self.is_current:
            return
        try:
            changed = self._team.start(self.store, self.clock()).changed
        except RelanceError as problem:
            self._status(str(problem))
            return
        if changed:
            self.reload()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.reload()

    def reload(self) -> None:
        event = self.store.current_event()
        self._summary = summarise(self.store, event, self.clock) if event else None
        self.refresh_bindings()  # the press kit's key shows once someone stayed away
        self._show()
        team = TeamLink.of(self.store)
        text = ""
        if team is not None and event is not None and event.id is not None:
            text = team_text(self.store, team, event.id, self.clock())
        show_or_hide(self.query_one("#report-team", Static), text)

    def _show(self) -> None:
        summary = self._summary
        bars = self.query_one("#outcome-bars", Static)
        if summary is None:
            bars.update(i18n.t("empty.no_event"))
            return
        text = Text()
        for key, count in outcome_rows(summary):
            label = outcome_label(key, short=True)
            text.append(f"{label:<16} {count:>3} ", style="bold" if key == "confirmed" else "")
            text.append(
                bar(count, summary.total, 10 if self.app.size.width >= 100 else 5) + "\n",
                style="green" if key == "confirmed" else "cyan",
            )
        if not summary.calls:
            text.append("\n" + i18n.t("report.none"))
        bars.update(text)

        totals = totals_line(summary)
        estimate = expected_turnout(self.store, summary.event)
        if estimate.text():
            totals += "\n" + estimate.text() + " — " + estimate.explanation()
        if summary.calls_by_caller:
            callers = ", ".join(f"{n} {c}" for n, c in summary.calls_by_caller.most_common())
            totals += "\n" + i18n.t("report.by_caller", callers=callers)
        self.query_one("#report-totals", Static).update(totals)
        self.query_one("#by-kind", Static).update(
            ", ".join(f"{i18n.t('kind.' + k)} {n}" for k, n in summary.confirmed_by_kind.items())
            or "—"
        )
        self.query_one("#by-role", Static).update(
            ", ".join(f"{i18n.t('role.' + k)} {n}" for k, n in summary.confirmed_by_role.items())
            or "—"
        )

        self._rows = {}
        for attribute, _, _ in SECTIONS:
            states: list[TargetState] = getattr(summary, attribute)
            self._rows[attribute] = [(str(s.target.id), who_fields(s)) for s in states]
        door = {attribute: rows for attribute, _, _, rows in door_sections(summary)}
        for attribute, _, _ in DOOR_SECTIONS:  # after the event, from the door
            rows = door.get(attribute, [])
            self._rows[attribute] = [(f"{attribute}-{n}", row) for n, row in enumerate(rows)]
        tabs = self.query_one(TabbedContent)
        for attribute, _, _ in ALL_SECTIONS:  # short titles: every tab fits the strip
            tab_key = summary.title_key(attribute, f"report.tab.{attribute}")
            if tab_key != f"report.tab.{attribute}":
                tab_key = tab_key.replace("report.", "report.tab.")
            label = f"{i18n.t(tab_key)} ({len(self._rows[attribute])})"
            tab = tabs.get_tab(f"tab-{attribute}")
            tab.label = label
            # An empty list's tab steps aside (the door's tabs come in after the event,
            # on screen at 100 columns); the door list (the first) is always there.
            wanted = bool(self._rows[attribute]) or attribute == "confirmed"
            if tab.display != wanted:
                (tabs.show_tab if wanted else tabs.hide_tab)(f"tab-{attribute}")
        if tabs.active and not tabs.get_tab(tabs.active).display:
            tabs.active = "tab-confirmed"
        self._fill_tables()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill_tables)

    def _fill_tables(self) -> None:
        """Each list's columns share its width (whole cells when they fit), then its rows."""
        for attribute, _, columns in ALL_SECTIONS:
            table = self.query_one(f"#list-{attribute}", DataTable)
            rows = self._rows.get(attribute, [])
            headers = {c: i18n.t(f"export.col.{c}") for c in columns}
            fitted = [fitted_column(c, headers[c], [row[c] for _, row in rows]) for c in columns]
            # A hidden tab's table has no size yet: the tabs' width is its own.
            room = table.size.width or self.query_one(TabbedContent).size.width or 60
            fitted, widths = fit_columns(fitted, room)
            columns = tuple(c.key for c in fitted)
            table.clear(columns=True)
            for c in columns:
                table.add_column(
                    Text(headers[c], overflow="ellipsis", no_wrap=True), key=c, width=widths[c]
                )
            for key, row in rows:
                cells = (Text(row[c], overflow="ellipsis", no_wrap=True) for c in columns)
                table.add_row(*cells, key=key)

    def _status(self, text: str) -> None:
        self.query_one("#report-status", Label).update(text)

    def on_key(self, event: events.Key) -> None:
        self._moving = event.key in MOVING_KEYS and isinstance(self.focused, DataTable)

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        """The highlighted row whole on the status line: a cell cut in the table is
        read there."""
        if not self._moving:  # a table filled again moves its cursor too: not news
            return
        self._moving = False
        attribute = (message.data_table.id or "")[len("list-") :]
        columns = next((c for a, _, c in ALL_SECTIONS if a == attribute), ())
        key = message.row_key.value
        row = next((r for k, r in self._rows.get(attribute, []) if k == key), None)
        if row is not None:
            self._status(" · ".join(row[c] for c in columns if row.get(c)))

    # actions ----------------------------------------------------------------------------
    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        shown = [f"tab-{attribute}" for attribute, _, _ in ALL_SECTIONS]
        ids = [tab_id for tab_id in shown if tabs.get_tab(tab_id).display]  # not the empty
        current = ids.index(tabs.active) if tabs.active in ids else 0
        tabs.active = ids[(current + step) % len(ids)]
        self.set_focus(self.query_one(f"#list-{tabs.active[4:]}", DataTable))

    def _highlighted(self) -> TargetState | None:
        summary = self._summary
        if summary is None:
            return None
        attribute = self.query_one(TabbedContent).active[4:]
        if attribute not in {a for a, _, _ in SECTIONS}:
            return None  # the door's tabs: people at the event, no email to copy
        table = self.query_one(f"#list-{attribute}", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        states: list[TargetState] = getattr(summary, attribute)
        return next((s for s in states if str(s.target.id) == key), None)

    def action_copy_email(self) -> None:
        summary, state = self._summary, self._highlighted()
        if summary is None or state is None:
            self._status(i18n.t("report.pick_someone"))
            return
        if not state.email:
            self._status(i18n.t("report.no_email", name=state.name))
            return
        lang = book.script_language(state.who, summary.event)
        self._email_worker(summary.event, state, self.store.settings(), lang)

    @work(thread=True, exclusive=True, group="email")
    def _email_worker(
        self, event: Event, state: TargetState, settings: Settings, lang: str
    ) -> None:
        # Off the UI thread: a template renders in the render process, up to its deadline.
        try:
            last = state.last.outcome if state.last else None
            rendered = render_event(event, state.who, settings, lang, situation_of(last))
        except TemplateProblem as problem:
            message = i18n.t(
                "calls.email_problem",
                problem=str(problem),
                template=i18n.t(f"script.{problem.template}") if problem.template else "",
            )
            self.app.call_from_thread(self._status, message)
            return
        self.app.call_from_thread(
            self.copy_with_dialog,
            i18n.t("calls.email_title")
            + " — "
            + self.email_title(state.email, rendered.email_subject),
            self.email_text(state.email, rendered.email_subject, rendered.email_body),
            state.name or (state.outlet.name if state.outlet else ""),
        )

    def on_copied(self, message: str) -> None:
        self._status(message)

    def action_resend_all(self) -> None:
        """Drafts for everyone who asked for the release again, in a folder that opens."""
        summary = self._summary
        if summary is None or not summary.resend:
            self._status(i18n.t("handoff.resend_all.none"))
            return

        def chosen(bcc: bool | None) -> None:
            if bcc is not None and summary is not None:
                self._resend_worker(summary.event, list(summary.resend), bcc)

        self.app.push_screen(ResendAllDialog(len(summary.resend)), self.guarded(chosen))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "material":
            summary = self._summary
            return bool(summary and summary.door and summary.door.confirmed_absent)
        return super().check_action(action, parameters)

    def action_material(self) -> None:
        """After the event: the press kit to the outlets that confirmed and did not come."""
        summary = self._summary
        absent = summary.door.confirmed_absent if summary and summary.door else []
        if summary is None or not absent:
            self._status(i18n.t("handoff.material.none"))
            return
        outlets = len({e.outlet_id for e in absent})

        def chosen(bcc: bool | None) -> None:
            if bcc is not None and summary is not None:
                self._material_worker(summary.event, absent, bcc)

        dialog = ResendAllDialog(outlets, "handoff.material.question", "handoff.material.each")
        self.app.push_screen(dialog, self.guarded(chosen))

    @work(thread=True, exclusive=True, group="resend_all")
    def _material_worker(self, event: Event, absent: list[DoorEntry], bcc: bool) -> None:
        stamp = self.clock()
        folder = drafts_dir(self.store.path) / stamp.strftime("%Y%m%d-%H%M%S-materiel")
        outlets = {
            e.outlet_id: outlet
            for e in absent
            if e.outlet_id is not None
            and (outlet := self.store.get(Outlet, e.outlet_id)) is not None
        }
        contacts = {
            e.contact_id: contact
            for e in absent
            if e.contact_id is not None
            and (contact := self.store.get(Contact, e.contact_id)) is not None
        }
        settings = self.store.settings()
        release = release_of(event, self.store.meta(), self.store.path)[0]
        batch = material_drafts(
            event, absent, outlets, contacts, settings, folder, bcc=bcc, release=release
        )
        self._batch_done(batch, open_with_desktop(str(folder)))

    def _batch_done(self, batch: Batch, opened: bool) -> None:
        drafts = i18n.t("count.drafts", count=batch.drafts)
        said = [i18n.t("handoff.resend_all.done", drafts=drafts, folder=str(batch.folder))]
        if batch.left_out:
            said.append(i18n.t("handoff.resend_all.left_out", names=", ".join(batch.left_out)))
        if opened:
            said.insert(0, i18n.t("handoff.folder_opened"))
        self.app.call_from_thread(self._status, " · ".join(said))

    @work(thread=True, exclusive=True, group="resend_all")
    def _resend_worker(self, event: Event, states: list[TargetState], bcc: bool) -> None:
        stamp = self.clock()
        folder = drafts_dir(self.store.path) / stamp.strftime("%Y%m%d-%H%M%S")
        file_id = str(self.store.meta().get("file_id") or "main")
        settings = self.store.settings()
        release = release_of(event, self.store.meta(), self.store.path)[0]
        batch = resend_drafts(
            event, states, settings, folder, file_id, stamp, bcc=bcc, release=release
        )
        self._batch_done(batch, open_with_desktop(str(folder)))

    def action_export(self) -> None:
        summary = self._summary
        if summary is None:
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._write_report(summary, request.fmt, request.path)

        self.app.push_screen(
            ExportDialog(
                Path.home(), True, [(i18n.t("report.export_what"), "bilan")], "md", calendar=True
            ),
            self.guarded(chosen),
        )

    @work(thread=True, exclusive=True, group="report-export")
    def _write_report(self, summary: Summary, fmt: str, path: Path) -> None:
        try:
            if fmt == "ics":  # the event and its callbacks, for the calendar
                data = callbacks_ics(self.store, summary.event, self.clock())
                write_atomically_bytes(path.absolute(), data)
            else:
                write_atomically(path.absolute(), RENDERERS[fmt](summary))
            message = i18n.t("cli.export.done", path=str(path))
        except OSError as problem:
            message = i18n.t("cli.export.failed", path=str(path), detail=os_words(problem))
        self.app.call_from_thread(self._status, message)

    def action_split(self) -> None:
        summary = self._summary
        if summary is None:
            return

        def chosen(request: SplitRequest | None) -> None:
            if request is None:
                return
            folder = request.folder
            try:
                done = split(self.store, summary.event, request.names, folder, self.clock())
            except (RelanceError, OSError) as problem:
                self._status(str(problem))
                return
            dealt = ", ".join(
                f"{name} {count}" for name, count in zip(request.names, done.dealt, strict=True)
            )
            self._status(
                " · ".join(
                    [
                        i18n.t("team.split.done", count=len(done.paths), folder=str(folder)),
                        i18n.t("team.split.dealt", shares=dealt),
                        i18n.t("cli.split.left_out", count=done.left_out),
                    ]
                )
            )

        self.app.push_screen(SplitDialog(self.store.path.parent / "partage"), self.guarded(chosen))

    def action_merge(self) -> None:
        def chosen(paths: list[Path] | None) -> None:
            if not paths:
                return
            try:
                plans = [plan_merge(self.store, path) for path in paths]
                added = apply_merge(self.store, plans)
            except RelanceError as problem:
                said, nothing = str(problem), i18n.t("cli.merge.nothing")
                self._status(said if nothing in said else f"{said} {nothing}")
                return
            self._status(i18n.t("cli.merge.done", count=added))
            self.reload()

        self.app.push_screen(MergeDialog(self.store.path.parent / "partage"), self.guarded(chosen))
