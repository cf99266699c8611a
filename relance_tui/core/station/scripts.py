"""What to say on a card, prepared off the screen's thread and ahead of time.

Rendering a template may take up to the render process's deadline (a hostile
or careless template). So the Appels screen never renders: it asks for a
`ScriptJob` (built from the card, cheap), shows the cached `Script` when there
is one, and otherwise runs the job in a worker thread. While the caller is on
one card, the next card's talking points are rendered ahead.
"""

from __future__ import annotations

import json
import operator
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

from relance_tui.core.models import Event, Settings
from relance_tui.core.script import book
from relance_tui.core.script.templates import Script, render_script, who_context
from relance_tui.core.who import Who

CACHE_SIZE = 256
_KEYS: dict[tuple[object, ...], tuple[tuple[object, ...], str]] = {}  # `ScriptJob.key`
_KEYS_LOCK = threading.Lock()


@dataclass(frozen=True)
class ScriptJob:
    """One template for one target, with everything its text depends on."""

    target_id: int
    name: str  # talking_points, voicemail
    lang: str
    event: Event
    who: Who
    settings: Settings

    @cached_property  # asked for by the screen and by the cache: worked out once
    def key(self) -> str:
        # The same records (they are replaced, never changed, when written) give the
        # same key: a card's job is made again on every key (its key took 0.3 ms).
        who = self.who
        sources = (self.event, who.target, who.contact, who.outlet, who.show, self.settings)
        memo = (self.name, self.lang, *map(id, sources))
        with _KEYS_LOCK:
            known = _KEYS.get(memo)
        if known is not None and all(map(operator.is_, known[0], sources)):
            return known[1]
        key = self._key()
        with _KEYS_LOCK:
            _KEYS[memo] = (sources, key)  # the records kept: their ids are not reused
            while len(_KEYS) > CACHE_SIZE:
                _KEYS.pop(next(iter(_KEYS)))
        return key

    def _key(self) -> str:
        context = who_context(self.event, self.who, self.settings, self.lang)
        # The source and every variable: a change to either is a new text.
        return json.dumps(
            [
                self.name,
                self.lang,
                book.good(self.event, self.lang, self.name),
                book.is_broken(self.event, self.lang, self.name),
                context,
            ],
            default=str,
            sort_keys=True,
        )

    def run(self) -> Script:
        """Render (blocking, up to the render deadline): call from a worker thread."""
        return render_script(self.event, self.name, self.who, self.settings, self.lang)


class ScriptCache:
    """Rendered scripts by job key; safe to use from the screen and a worker at once."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[str, Script] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Script | None:
        with self._lock:
            script = self._items.get(key)
            if script is not None:
                self._items.move_to_end(key)
            return script

    def put(self, key: str, script: Script) -> None:
        with self._lock:
            self._items[key] = script
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def run(self, job: ScriptJob) -> Script:
        """The job's script, rendered now unless it is cached."""
        key = job.key
        cached = self.get(key)
        if cached is not None:
            return cached
        script = job.run()
        self.put(key, script)
        return script
