"""The media list's filters."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, Select

from relance_tui import i18n
from relance_tui.core.media.search import Filters
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.dialogs.record_form import kind_options, language_options, role_options


class FiltersDialog(Dialog[Filters]):
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
            (
                "to_fix",
                (every, (i18n.t("filters.to_fix.only"), "1")),
                "1" if current.to_fix else "",
            ),
            (
                "stale",
                (every, (i18n.t("filters.stale.only"), "1")),
                "1" if current.stale_only else "",
            ),
        ]
        with VerticalScroll(classes="dialog form", id="filters-dialog"):
            yield Label(i18n.t("filters.title"), classes="dialog-title")
            for name, options, value in choices:
                with Horizontal(classes="field-row"):
                    yield Label(i18n.t(f"filters.{name}"), classes="field-label")
                    yield Select(
                        list(options),
                        value=value if value in {v for _, v in options} else "",
                        allow_blank=False,
                        id=f"filter-{name}",
                        compact=True,
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
                to_fix=self._value("to_fix") == "1",
                stale_only=self._value("stale") == "1",
            )
        )

    @on(Button.Pressed, "#filters-clear")
    def _clear(self) -> None:
        self.dismiss(Filters())
