"""Command palette providers."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from relance_tui import i18n

if TYPE_CHECKING:
    from relance_tui.ui.app import RelanceApp


class ModeCommands(Provider):
    """Go to any of the five screens by name."""

    def _commands(self) -> list[tuple[str, str, str]]:
        from relance_tui.ui.app import MODE_ORDER

        return [
            (
                i18n.t(title_key),
                i18n.t("mode.help", name=i18n.t(title_key)),
                mode,
            )
            for mode, title_key, _key in MODE_ORDER
        ]

    async def discover(self) -> Hits:
        app: RelanceApp = self.app  # type: ignore[assignment]
        for title, help_text, mode in self._commands():
            yield DiscoveryHit(title, partial(app.switch_mode, mode), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app: RelanceApp = self.app  # type: ignore[assignment]
        for title, help_text, mode in self._commands():
            score = max(matcher.match(title), matcher.match(help_text))
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(app.switch_mode, mode), help=help_text
                )
