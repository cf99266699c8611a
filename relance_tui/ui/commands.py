"""Command palette providers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

from relance_tui import i18n
from relance_tui.ui.host import Host
from relance_tui.ui.modes import MODE_ORDER


class ModeCommands(Provider):
    """Go to any of the six screens by name; the settings; the help of this screen."""

    def _commands(self) -> list[tuple[str, str, str, Callable[[], object]]]:
        """(title, help, words it is also found by, what it runs)."""
        app = self.app
        commands: list[tuple[str, str, str, Callable[[], object]]] = [
            (
                i18n.t(mode.title_key),
                i18n.t("mode.help", name=i18n.t(mode.title_key)),
                "",
                partial(app.switch_mode, mode.name),
            )
            for mode in MODE_ORDER
        ]
        host = cast(Host, app)
        commands.append(
            (i18n.t("form.settings"), i18n.t("settings.help"), "", host.action_settings)
        )
        commands.append(
            (i18n.t("help.command"), i18n.t("help.command.help"), "aide help ?", host.action_help)
        )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, _, run in self._commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        # Found by their title (and a few words), not by their help text: a fuzzy match
        # of "quit" or "aide" in a sentence is a hit nobody meant.
        matcher = self.matcher(query)
        for title, help_text, words, run in self._commands():
            score = max([matcher.match(title), *(matcher.match(w) for w in words.split())])
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)


# Textual's own palette commands, by their English title: our message ids.
SYSTEM_COMMANDS = {
    "Theme": "palette.theme",
    "Quit": "palette.quit",
    "Keys": "palette.keys",
    "Maximize": "palette.maximize",
    "Minimize": "palette.minimize",
    "Screenshot": "palette.screenshot",
}


def translated(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands in the user's language (an unknown one as it is)."""
    for command in commands:
        key = SYSTEM_COMMANDS.get(command.title)
        if key is None:
            yield command
        else:
            yield command._replace(title=i18n.t(key), help=i18n.t(f"{key}.help"))
