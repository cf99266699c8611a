"""The Textual application: five peer screens (MODES) over one Store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, Any, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.screen import Screen

from relance_tui import i18n
from relance_tui.core.dates import Clock, system_clock
from relance_tui.core.errors import RelanceError
from relance_tui.core.script.render_process import default_renderer
from relance_tui.core.store.store import Store
from relance_tui.core.workdays import holidays_of
from relance_tui.locations import config_file, styles_dir
from relance_tui.ui import css_once
from relance_tui.ui.commands import ModeCommands, translated
from relance_tui.ui.keymap import LoadedKeymap, binding_ids, load_keymap
from relance_tui.ui.modes import MODE_ORDER
from relance_tui.ui.wrapping import keep_no_break_spaces

if TYPE_CHECKING:
    from relance_tui.core.station.procedure import ScriptTiming


HOLIDAYS_AFTER = 1.5  # seconds after the start: not under the first card's first key

# Each mode's screen: its module and class, imported the first time the mode opens,
# so that the first screen is drawn without importing the five others.
SCREEN_CLASSES = {
    "lists": ("lists", "ListsScreen"),
    "script": ("script", "ScriptScreen"),
    "rehearsal": ("rehearsal", "RehearsalScreen"),
    "calls": ("calls", "CallsScreen"),
    "report": ("report", "ReportScreen"),
    "door": ("door", "DoorScreen"),
}


def screen_class(mode: str) -> type[Screen[None]]:
    module, name = SCREEN_CLASSES[mode]
    found: type[Screen[None]] = getattr(import_module(f"relance_tui.ui.screens.{module}"), name)
    return found


def _built_when_opened(mode: str) -> Callable[[], Screen[None]]:
    return lambda: screen_class(mode)()


class RelanceApp(App[None]):
    """relance. Build it with `make_app()`."""

    CSS_PATH = [styles_dir() / "relance.tcss"]
    TITLE = "relance"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ModeCommands}
    MODES = {mode: _built_when_opened(mode) for mode in SCREEN_CLASSES}
    # The mode keys are shown by the mode bar at the top of every screen, which
    # leaves the footer to the keys of the screen itself.
    BINDINGS = [
        *(
            Binding(
                mode.key,
                f"switch_mode('{mode.name}')",
                mode.title_key,
                id=mode.binding_id,
                show=False,
            )
            for mode in MODE_ORDER
        ),
        Binding("question_mark", "help", "key.help", id="help"),
        Binding("f1", "help", "key.help", id="help.f1", show=False),  # Script keeps its own
        Binding("ctrl+g", "settings", "key.settings", id="settings"),
        Binding("q", "quit", "key.quit", id="quit"),
        # Focus moves as soon as the app receives tab. As a plain binding, tab ran
        # only once it had bubbled back up from the focused widget, and the keys
        # typed right after it were already on their way to the field being left
        # (typed fast after tab, "demain 10 h" landed in the title).
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store,
        clock: Clock,
        lang: str,
        start_mode: str = "lists",
        keymap: LoadedKeymap | None = None,
        demo: bool = False,
    ) -> None:
        self.demo = demo
        self.store = store
        self.clock = clock
        self.script_timings: dict[tuple[str, int, str], ScriptTiming | None] = {}
        self.steps_seen: tuple[tuple[int, int, str], dict[str, tuple[str, str]]] | None = None
        self.lang = lang
        self._start_mode = start_mode
        self._keymap_problems = keymap.problems if keymap else []
        self.user_keymap: dict[str, str] = dict(keymap.keymap) if keymap else {}
        self._clashes_said: set[str] = set()
        # Textual opens its default mode first: the first screen is built there, not a
        # blank screen then a switch (two style passes, two resizes, two resumes).
        self.DEFAULT_MODE = start_mode  # type: ignore[misc]
        super().__init__()
        if keymap is not None and keymap.keymap:
            self.set_keymap(keymap.keymap)

    def on_mount(self) -> None:
        # The render process starts once the first screen is up, so the first card's
        # talking points do not wait for it.
        self.call_after_refresh(self.run_worker, default_renderer().start, thread=True)
        self.call_after_refresh(self.run_worker, self.store.count_ids_ahead, thread=True)
        # Québec's holidays (the `holidays` package: ~0.1 s to import) are read once the
        # app is up, not under the first key that places a retry.
        self.set_timer(HOLIDAYS_AFTER, partial(self.run_worker, self._read_holidays, thread=True))
        if self.demo:  # a first-time user: what this is, and where the procedure starts
            self.call_after_refresh(self._say_demo)
        for problem in self._keymap_problems:
            self.notify(problem, severity="warning", timeout=15)

    def _say_demo(self) -> None:
        # On the first screen's status line: a toast would cover the card's ask.
        screen = self.screen
        if getattr(screen, "MODE", "") in ("calls", "report"):  # the screens with one
            screen.on_copied(i18n.t("demo.welcome"))  # type: ignore[attr-defined]
        else:
            self.notify(i18n.t("demo.welcome"), timeout=15)

    def _read_holidays(self) -> None:
        year = self.clock().year
        for lang in ("fr", "en"):
            holidays_of(year, lang)
            holidays_of(year + 1, lang)

    def key_for(self, binding_id: str, default: str) -> str:
        """The key bound to `binding_id` now, as the user's keymap has it."""
        keys = self.user_keymap.get(binding_id)
        return self.get_key_display(Binding(keys.split(",")[0], "")) if keys else default

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """A remapped key that another binding of the screen already uses: say so once."""
        for binding in clashed_bindings:
            if binding.id and binding.id not in self._clashes_said:
                self._clashes_said.add(binding.id)
                self.notify(
                    i18n.t("keymap.clash", binding_id=binding.id, key=binding.key),
                    severity="warning",
                    timeout=15,
                )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return translated(super().get_system_commands(screen))

    def action_command_palette(self) -> None:
        """The palette, its prompt in the user's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            placeholder = i18n.t("palette.placeholder")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def action_help(self) -> None:
        """One screen of help for the screen on view (`?`, F1, or "aide" in the palette)."""
        from relance_tui.ui.dialogs.help import HelpDialog, keys_by_task
        from relance_tui.ui.help_groups import HELP_GROUPS

        screen = self.screen
        mode = getattr(screen, "MODE", "")
        if not mode:
            return  # a dialog is open: its own keys are on it
        groups = keys_by_task(screen, HELP_GROUPS.get(mode, ()))
        self.push_screen(HelpDialog(mode, groups))

    def action_settings(self) -> None:
        """The settings form; saved whole or not at all."""
        from relance_tui.core.models import Settings
        from relance_tui.ui.dialogs.settings_form import SettingsForm

        before = self.store.settings()

        def saved(settings: Settings | None) -> None:
            if settings is not None:
                self.store.save(settings)
                message = i18n.t("settings.saved")
                if settings.language and settings.language != i18n.current_language():
                    message += " " + i18n.t("settings.language_next_start")
                self.notify(message)
                screen = self.screen
                if hasattr(screen, "reload"):
                    screen.reload()

        def guarded(settings: Settings | None) -> None:
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
    keymap: LoadedKeymap | None = None,
    demo: bool = False,
) -> RelanceApp:
    """The one way to build the app: the CLI and every UI test go through here."""
    i18n.set_language(lang)
    keep_no_break_spaces()
    css_once.install()  # the stylesheet parsed once, not once per `Stylesheet` Textual makes
    if keymap is None:  # every binding id (every screen imported) only for a keymap to read
        path = config_file()
        keymap = load_keymap(path, all_binding_ids()) if path.exists() else LoadedKeymap()
    loaded = keymap
    return RelanceApp(
        store=store, clock=clock, lang=lang, start_mode=start_mode, keymap=loaded, demo=demo
    )


def all_binding_ids() -> set[str]:
    """Every binding id a keymap may name: the app's, the screens' and the dialogs'."""
    from relance_tui.ui.dialogs.base import Dialog, FormDialog
    from relance_tui.ui.dialogs.confirm import ConfirmDialog
    from relance_tui.ui.dialogs.events import EventsDialog

    classes: list[type[DOMNode]] = [RelanceApp, *(screen_class(mode) for mode in SCREEN_CLASSES)]
    classes += [Dialog, FormDialog, ConfirmDialog, EventsDialog]
    return binding_ids(cls.BINDINGS for cls in classes)
