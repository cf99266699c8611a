"""The team's proposed changes to the media list, accepted or declined in one screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, SelectionList

from relance_tui import i18n
from relance_tui.core.team.proposals import Proposal
from relance_tui.ui.dialogs.base import Dialog

Answer = tuple[list[Proposal], list[Proposal]]  # accepted, declined


class ProposalsDialog(Dialog[Answer]):
    """Each proposal on a line, ticked: space unticks one, ctrl+s keeps the ticked ones
    (the others are declined), escape answers nothing for now."""

    BINDINGS = [Binding("ctrl+s", "accept", "team.proposals.accept", id="proposals.accept")]

    def __init__(self, proposals: list[Proposal], labels: dict[int, str]) -> None:
        super().__init__()
        self._proposals = proposals
        self._labels = labels  # contact id -> "Name (Outlet)"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="proposals-dialog"):
            yield Label(i18n.t("team.proposals.title"), classes="dialog-title")
            yield SelectionList[int](
                *(
                    (self._line(proposal), number, True)
                    for number, proposal in enumerate(self._proposals)
                ),
                id="proposals-list",
            )
            yield Label(i18n.t("team.proposals.hint"), classes="dialog-hint")
            with Horizontal(classes="form-buttons"):
                yield Button(i18n.t("team.proposals.accept"), id="proposals-go", variant="primary")
                yield Button(i18n.t("team.proposals.later"), id="proposals-later")

    def _line(self, proposal: Proposal) -> str:
        who = self._labels.get(proposal.contact_id, "?")
        what = i18n.t(f"team.proposals.{proposal.flag}")
        return i18n.t("team.proposals.line", who=who, what=what, caller=proposal.caller)

    @on(Button.Pressed, "#proposals-go")
    def action_accept(self) -> None:
        ticked = set(self.query_one("#proposals-list", SelectionList).selected)
        accepted = [p for n, p in enumerate(self._proposals) if n in ticked]
        declined = [p for n, p in enumerate(self._proposals) if n not in ticked]
        self.dismiss((accepted, declined))

    @on(Button.Pressed, "#proposals-later")
    def _later(self) -> None:
        self.dismiss(None)
