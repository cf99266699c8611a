"""`?`: one screen of help for the screen you are on — what it is for, the step of the
procedure it serves, its keys by task, and the next step. It fits 80×24."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from relance_tui import i18n
from relance_tui.ui.bindings import label
from relance_tui.ui.dialogs.base import Dialog
from relance_tui.ui.modes import MODE_ORDER

HelpGroups = tuple[tuple[str, tuple[str, ...]], ...]
"""A screen's keys by task: (i18n key of the task, binding ids)."""

EVERYWHERE = ("settings", "quit", "help", "help.f1")


@dataclass(frozen=True)
class KeyLine:
    key: str  # as the footer writes it ("c", "^g")
    description: str


def keys_by_task(screen: Screen[object], groups: HelpGroups) -> list[tuple[str, list[KeyLine]]]:
    """The screen's keys as they are bound now (a keymap included), grouped by task;
    keys of the screen that no group names come last, under "Other"."""
    by_id: dict[str, KeyLine] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id is None or binding.id in by_id or not binding.description:
            continue
        display = screen.app.get_key_display(binding)
        by_id[binding.id] = KeyLine(display, label(binding))
    named = {binding_id for _, ids in groups for binding_id in ids}
    found: list[tuple[str, list[KeyLine]]] = []
    for title, ids in groups:
        lines = [by_id[i] for i in ids if i in by_id]
        if lines:
            found.append((i18n.t(title), lines))
    modes = {mode.binding_id for mode in MODE_ORDER}
    rest = [
        line
        for binding_id, line in by_id.items()
        if binding_id not in named and binding_id not in modes and binding_id not in EVERYWHERE
    ]
    if rest:
        found.append((i18n.t("help.group.other"), rest))
    return found


def keys_table(groups: list[tuple[str, list[KeyLine]]], columns: int = 3) -> Table:
    """The groups in `columns` columns, each group going to the shortest so far (in
    order), so that the call queue's twenty keys fit 80×24."""
    table = Table.grid(padding=(0, 2), expand=True)
    for _ in range(columns):
        table.add_column(ratio=1)
    placed: list[list[RenderableType]] = [[] for _ in range(columns)]
    heights = [0] * columns
    for title, lines in groups:
        shortest = heights.index(min(heights))
        if placed[shortest]:
            placed[shortest].append(Text(""))
        placed[shortest].append(Text(title, style="bold"))
        placed[shortest].append(_keys(lines))
        heights[shortest] += len(lines) + 2
    table.add_row(*(Group(*column) for column in placed))
    return table


def _keys(lines: list[KeyLine]) -> Table:
    """A key and what it does a row; a long description wraps under itself."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row(Text(f" {line.key} ", style="bold reverse"), Text(line.description))
    return grid


class HelpDialog(Dialog[None]):
    """The help of one screen; Escape (or `?` again) closes it."""

    BINDINGS = [
        Binding("question_mark", "cancel", show=False),
        Binding("f1", "cancel", show=False),
    ]

    def __init__(self, mode: str, groups: list[tuple[str, list[KeyLine]]]) -> None:
        super().__init__()
        self._mode = mode
        self._groups = groups

    def compose(self) -> ComposeResult:
        mode = next((m for m in MODE_ORDER if m.name == self._mode), MODE_ORDER[0])
        everywhere = i18n.t("help.everywhere", modes=f"{MODE_ORDER[0].key}–{MODE_ORDER[-1].key}")
        with Vertical(classes="dialog", id="help-dialog"):
            title = i18n.t("help.title", screen=i18n.t(mode.title_key), key=mode.key)
            yield Label(
                f"{title} · {i18n.t(f'help.{mode.name}.step')}",
                classes="dialog-title",
            )
            yield Label(i18n.t(f"help.{mode.name}.purpose"), id="help-purpose")
            columns = 3 if self.app.size.width >= 78 else 2
            yield Static(keys_table(self._groups, columns), id="help-keys")
            yield Label(i18n.t(f"help.{mode.name}.next"), id="help-next", classes="help-next")
            yield Label(everywhere, classes="dialog-hint")
