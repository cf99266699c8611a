"""The floor of any start: a bare Textual app that draws one line and waits.

`terminal.py` spawns it in the same pseudo-terminal as relance and times spawn ->
"prêt" on screen, so each start of relance is read against what Textual alone costs
on the same machine in the same minutes (the ratio it prints)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    BINDINGS = [("q", "quit", "quit")]

    def compose(self) -> ComposeResult:
        yield Static("prêt")


if __name__ == "__main__":
    Bare().run()
