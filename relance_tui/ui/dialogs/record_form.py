"""A form over an outlet, a show or a contact."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select

from relance_tui import i18n
from relance_tui.core.models import Language, OutletKind, Record, Role
from relance_tui.ui.dialogs.base import FormDialog, form_field
from relance_tui.ui.widgets.editing import TextInput


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_key: str
    value: str = ""
    options: tuple[tuple[str, str], ...] = ()  # a Select when given


class RecordForm(FormDialog[Record]):
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
                    widget = TextInput(spec.value, id=f"field-{spec.name}")
                yield from form_field(spec.label_key, widget, spec.name)
            yield from self._buttons()

    def build(self, values: dict[str, str]) -> Record:
        return self._build(values)


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
