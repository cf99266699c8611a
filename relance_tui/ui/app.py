"""The Textual application: five peer screens (MODES) over one Store."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from relance_tui import i18n
from relance_tui.core.calls.timing import Clock, system_clock
from relance_tui.core.errors import RelanceError
from relance_tui.core.store.store import Store
from relance_tui.locations import styles_dir
from relance_tui.ui.bindings import translate_bindings
from relance_tui.ui.commands import ModeCommands
from relance_tui.ui.screens.calls import CallsScreen
from relance_tui.ui.screens.lists import ListsScreen
from relance_tui.ui.screens.rehearsal import RehearsalScreen
from relance_tui.ui.screens.report import ReportScreen
from relance_tui.ui.screens.script import ScriptScreen

# (mode name, i18n key of its title, key)
MODE_ORDER: tuple[tuple[str, str, str], ...] = (
    ("lists", "mode.lists", "1"),
    ("script", "mode.script", "2"),
    ("rehearsal", "mode.rehearsal", "3"),
    ("calls", "mode.calls", "4"),
    ("report", "mode.report", "5"),
)


class RelanceApp(App[None]):
    """relance. Build it with `make_app()`."""

    CSS_PATH = [styles_dir() / "relance.tcss"]
    TITLE = "relance"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ModeCommands}
    MODES = {
        "lists": ListsScreen,
        "script": ScriptScreen,
        "rehearsal": RehearsalScreen,
        "calls": CallsScreen,
        "report": ReportScreen,
    }
    # The mode keys are shown by the mode bar at the top of every screen, which
    # leaves the footer to the keys of the screen itself.
    BINDINGS = [
        Binding("1", "switch_mode('lists')", "mode.lists", id="mode.lists", show=False),
        Binding("2", "switch_mode('script')", "mode.script", id="mode.script", show=False),
        Binding("3", "switch_mode('rehearsal')", "mode.rehearsal", id="mode.rehearsal", show=False),
        Binding("4", "switch_mode('calls')", "mode.calls", id="mode.calls", show=False),
        Binding("5", "switch_mode('report')", "mode.report", id="mode.report", show=False),
        Binding("ctrl+g", "settings", "key.settings", id="settings"),
        Binding("q", "quit", "key.quit", id="quit"),
    ]

    def __init__(self, store: Store, clock: Clock, lang: str, start_mode: str = "lists") -> None:
        self.store = store
        self.clock = clock
        self.lang = lang
        self._start_mode = start_mode
        super().__init__()
        translate_bindings(self)

    def on_mount(self) -> None:
        self.switch_mode(self._start_mode)

    def action_settings(self) -> None:
        """The settings form; saved whole or not at all."""
        from relance_tui.core.models import Settings
        from relance_tui.ui.forms import SettingsForm

        before = self.store.settings()

        def saved(settings: object) -> None:
            if isinstance(settings, Settings):
                self.store.save(settings)
                message = i18n.t("settings.saved")
                if settings.language and settings.language != i18n.current_language():
                    message += " " + i18n.t("settings.language_next_start")
                self.notify(message)
                screen = self.screen
                if hasattr(screen, "reload"):
                    screen.reload()

        def guarded(settings: object) -> None:
            try:
                saved(settings)
            except RelanceError as problem:  # a full disk: say so, keep going
                self.notify(str(problem), severity="error", timeout=10)

        self.push_screen(SettingsForm(before), guarded)


def make_app(
    store: Store,
    clock: Clock = system_clock,
    lang: str = "fr",
    start_mode: str = "lists",
) -> RelanceApp:
    """The one way to build the app: the CLI and every UI test go through here."""
    i18n.set_language(lang)
    return RelanceApp(store=store, clock=clock, lang=lang, start_mode=start_mode)
