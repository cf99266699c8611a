"""The card's script box: talking points or voicemail, rendered off the UI thread.

The box shows a cached script at once; otherwise it says it is preparing and a
worker renders it (in the render process, up to its deadline), then renders the
next card's talking points ahead, so the next outcome key finds them ready.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import work

from relance_tui import i18n
from relance_tui.core.script.templates import Script
from relance_tui.core.station.scripts import ScriptCache, ScriptJob
from relance_tui.ui.widgets.changed import repaint
from relance_tui.ui.widgets.lines import Lines

# The next card's talking points are started this long (seconds) after this card is
# drawn: the thread that writes the frame to the terminal waited behind their start
# for the interpreter (0.6 ms of the median key). They are ready long before the
# caller's next key.
AHEAD_AFTER = 0.003


def script_hint(voicemail_key: str, language_key: str, showing: str, lang: str) -> str:
    """The keys that change the box, for its title: "m message vocal · t EN"."""
    other = "talking_points" if showing == "voicemail" else "voicemail"
    return (
        f"{voicemail_key} {i18n.t(f'calls.script.{other}')} · "
        f"{language_key} {'EN' if lang == 'fr' else 'FR'}"
    )


class ScriptBox(Lines):
    """What to say on this call; `shown` is the script on screen (None while preparing)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)
        self._wanted: tuple[int, str, str] | None = None
        self._jobs = 0  # cards shown so far: a next card's render asked for an older one waits
        self.shown: Script | None = None
        self.hint = ""  # the keys that change the box, in its title
        self._title_shown = ""
        # Where the talking points' last line (the ask) goes: below the card's scrolling
        # part, so that it is on screen whatever the card's height.
        self.show_ask: Callable[[str], None] = lambda ask: None

    def clear(self) -> None:
        self._wanted = None
        self.shown = None
        self.update("")
        self._titled("")
        self.show_ask("")

    def show_job(self, job: ScriptJob, cache: ScriptCache, ahead: ScriptJob | None) -> None:
        """Show `job`'s script (now if cached, else when rendered); render `ahead` next."""
        self._wanted = (job.target_id, job.name, job.lang)
        self._jobs += 1
        self._titled(self._title(job.name, job.lang, stale=False))
        cached = cache.get(job.key)
        if cached is not None:
            self._paint(job, cached)
            if ahead is not None:  # once this card is drawn and written out
                later = partial(self._ahead_if_still, self._jobs, ahead, cache)
                self.call_after_refresh(self.set_timer, AHEAD_AFTER, later)
            return
        self.shown = None
        repaint(self, i18n.t("calls.script_preparing"))
        self.show_ask("")
        self._render_scripts(job, ahead, cache)

    def _ahead_if_still(self, shown: int, ahead: ScriptJob, cache: ScriptCache) -> None:
        """The next card's render, if no other card came since this one asked for it:
        then that card's own render has it in hand (a key faster than the timer)."""
        if shown == self._jobs:
            self._render_ahead(ahead, cache)

    @work(thread=True, exclusive=True, group="script")
    def _render_scripts(self, job: ScriptJob, ahead: ScriptJob | None, cache: ScriptCache) -> None:
        script = cache.run(job)
        self.app.call_from_thread(self._ready, job, script)
        if ahead is not None:
            self._ahead(ahead, cache)

    # A group of its own: a next card's render never cancels the render of the card on
    # screen (which would then stay on "Préparation…").
    @work(thread=True, exclusive=True, group="script-ahead")
    def _render_ahead(self, ahead: ScriptJob, cache: ScriptCache) -> None:
        self._ahead(ahead, cache)

    def _ahead(self, ahead: ScriptJob, cache: ScriptCache) -> None:
        """The next card's script, and its rows wrapped while this call goes on."""
        body, _ = self._parts(ahead.name, cache.run(ahead))
        self.app.call_from_thread(self.prepare, body)

    def _ready(self, job: ScriptJob, script: Script) -> None:
        # Shown already (a second look at the card found it in the cache): no redraw.
        if self._wanted == (job.target_id, job.name, job.lang) and self.shown is not script:
            self._paint(job, script)

    def _titled(self, title: str) -> None:
        # A title set draws the whole box again, even the same one: the next card's
        # talking points (same title) redraw only their rows that change.
        if title != self._title_shown:
            self._title_shown = title
            self.border_title = title

    def _title(self, name: str, lang: str, stale: bool) -> str:
        title = i18n.t(f"calls.script.{name}") + f" ({lang.upper()})"
        if stale:
            title += " · ⚠ " + i18n.t("calls.script.stale")
        return f"{title} · {self.hint}" if self.hint else title

    def _paint(self, job: ScriptJob, script: Script) -> None:
        self.shown = script
        self._titled(self._title(job.name, job.lang, script.stale))
        body, ask = self._parts(job.name, script)
        repaint(self, body)
        self.show_ask(ask)

    @classmethod
    def _parts(cls, name: str, script: Script) -> tuple[str, str]:
        """What the box shows and the ask pinned below it (talking points only)."""
        if name != "talking_points" or script.problem is not None:
            return cls._text_of(script), ""
        body, ask = split_ask(script.text)
        return cls._text_of(script, body), ask

    @staticmethod
    def _text_of(script: Script, body: str | None = None) -> str:
        if script.problem is not None:
            return i18n.t("calls.template_problem", problem=str(script.problem))
        text = script.text if body is None else body
        return text + "".join(f"\n⚠ {warning}" for warning in script.warnings)


def split_ask(text: str) -> tuple[str, str]:
    """The talking points without their last line, and that line (the ask: "Est-ce
    que … pourrait être là ?"); the whole text and no ask when it is one line."""
    lines = text.rstrip().splitlines()
    if len(lines) < 2:
        return text, ""
    return "\n".join(lines[:-1]).rstrip(), lines[-1].strip()
