"""Command palette providers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from relance_tui import i18n

if TYPE_CHECKING:
    from relance_tui.ui.app import RelanceApp


class ModeCommands(Provider):
    """Go to any of the five screens by name."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from relance_tui.ui.app import MODE_ORDER

        app: RelanceApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (
                i18n.t(title_key),
                i18n.t("mode.help", name=i18n.t(title_key)),
                partial(app.switch_mode, mode),
            )
            for mode, title_key, _key in MODE_ORDER
        ]
        commands.append((i18n.t("form.settings"), i18n.t("settings.help"), app.action_settings))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score = max(matcher.match(title), matcher.match(help_text))
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
