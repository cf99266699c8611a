"""At the door: a walk-in (outlet and name), and a crew with its interview."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Label

from relance_tui import i18n
from relance_tui.core.errors import FieldsInvalid
from relance_tui.core.models import Crew
from relance_tui.ui.dialogs.base import Dialog, FormDialog, form_field
from relance_tui.ui.widgets.editing import TextInput


@dataclass(frozen=True)
class WalkIn:
    outlet: str
    name: str


class WalkInForm(FormDialog[WalkIn]):
    """Someone not on the list: their outlet (required) and name."""

    FIELDS = ("outlet", "name")

    def __init__(self, outlet: str = "") -> None:
        super().__init__()
        self._outlet = outlet

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form", id="walk-in-form"):
            yield Label(i18n.t("door.walk_in.title"), classes="dialog-title")
            # The search typed so far is a suggestion: selected, the first key replaces it.
            outlet = TextInput(self._outlet, id="field-outlet", select_on_focus=True)
            yield from form_field("door.walk_in.outlet", outlet, "outlet")
            yield from form_field("door.walk_in.name", TextInput(id="field-name"), "name")
            yield from self._buttons()

    def build(self, values: dict[str, str]) -> WalkIn:
        if not values["outlet"].strip():
            raise FieldsInvalid({"outlet": i18n.t("door.walk_in.outlet_missing")})
        return WalkIn(values["outlet"], values["name"])


@dataclass(frozen=True)
class CrewChoice:
    crew: list[Crew]
    interview: str


class CrewForm(Dialog[CrewChoice]):
    """Who came (journalist, camera, photographer) and whether an interview was done."""

    BINDINGS = [Binding("ctrl+s", "save", "key.save", id="crew.save", priority=True)]

    def __init__(self, who: str, crew: list[str], interview: str, spokespeople: list[str]) -> None:
        super().__init__()
        self._who = who
        self._crew = crew
        self._interview = interview
        self._spokespeople = spokespeople

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form", id="crew-form"):
            yield Label(i18n.t("door.crew.title", who=self._who), classes="dialog-title")
            for member in Crew:
                yield Checkbox(
                    i18n.t(f"crew.{member.value}"),
                    member.value in self._crew,
                    id=f"crew-{member.value}",
                )
            yield Label(i18n.t("door.crew.interview"), classes="field-label")
            # The placeholder says the field is empty: spokespeople's names written there
            # read as an interview already noted.
            placeholder = i18n.t("door.crew.no_interview")
            yield TextInput(self._interview, placeholder=placeholder, id="crew-interview")
            if self._spokespeople:
                spokespeople = ", ".join(self._spokespeople)
                yield Label(
                    i18n.t("door.crew.spokespeople", names=spokespeople), classes="dialog-hint"
                )
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("form.save"), id="form-save", variant="primary")
                yield Button(i18n.t("form.cancel"), id="form-cancel")

    def on_mount(self) -> None:
        self.query_one(f"#crew-{Crew.JOURNALIST.value}", Checkbox).focus()

    def action_save(self) -> None:
        crew = [m for m in Crew if self.query_one(f"#crew-{m.value}", Checkbox).value]
        self.dismiss(CrewChoice(crew, self.query_one("#crew-interview", TextInput).value))

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)
