"""Templates render in a separate process, so no template can hang or bloat the app.

A template is code the user (or a colleague's shared file) wrote. Inside one
process, nothing stops a single C-level operation — a huge power of a number, a
list turned into a 10 GB string — and a thread that renders holds the
interpreter while it runs. So rendering happens in a child process with a
memory limit, killed at the deadline and started again on the next render.

The parent sends one JSON line per render and reads one back. The child starts
in the background when the app starts; a render waits for it only the first
time. Measured with benchmarks/templates.py (2 cores): the child is ready
133 ms after it is spawned, and the demo's talking points render in it in
about 1 ms more than in process.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import subprocess
import sys
import threading
import time
from datetime import datetime
from typing import IO, Any

from relance_tui.core.script.results import Fault, Printed

TIME_LIMIT_S = 1.8  # with a fresh process to start after a kill, stopped within 2 s
START_LIMIT_S = 20.0  # a loaded machine may take long to start Python once
MEMORY_LIMIT = 256 * 1024 * 1024  # bytes of address space the child may use

Result = tuple[str, list[Printed]] | Fault


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    raise TypeError(type(value).__name__)


def _decode(doc: dict[str, Any]) -> Any:
    if set(doc) == {"$datetime"}:
        return datetime.fromisoformat(doc["$datetime"])
    return doc


class Renderer:
    """One render process, used by one thread at a time, restarted when it fails."""

    def __init__(self, time_limit: float = TIME_LIMIT_S) -> None:
        self.time_limit = time_limit
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._replies: queue.Queue[str | None] = queue.Queue()
        self._ready = False
        self.busy = False  # a render is under way (tests watch it)
        self.restarts = 0

    # the child --------------------------------------------------------------------
    def start(self) -> None:
        """Start the child now (in the background) so the first render does not wait."""
        with self._lock:
            self._spawn()

    def _spawn(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        self._replies = queue.Queue()
        self._ready = False
        self._process = subprocess.Popen(
            [sys.executable, "-m", "relance_tui.core.script.render_process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # never onto the app's screen
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        assert self._process.stdout is not None
        threading.Thread(
            target=_read_lines, args=(self._process.stdout, self._replies), daemon=True
        ).start()

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
            self.restarts += 1

    def close(self) -> None:
        with self._lock:
            process, self._process = self._process, None
            if process is not None:
                process.kill()
                process.wait()

    def _wait_reply(self, timeout: float) -> str | None:
        try:
            return self._replies.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            return None

    # rendering --------------------------------------------------------------------
    def render(self, source: str, context: dict[str, Any], lang: str) -> Result:
        """Render one template; a Fault when it fails, is too slow or too big."""
        with self._lock:
            self.busy = True
            try:
                return self._render(source, context, lang)
            finally:
                self.busy = False

    def _render(self, source: str, context: dict[str, Any], lang: str) -> Result:
        try:
            self._spawn()
        except OSError:  # no way to start a process: render here, with the sandbox's limits
            from relance_tui.core.script.sandbox import render_here

            return render_here(source, context, lang)
        if not self._ready:
            if self._wait_reply(START_LIMIT_S) is None:
                self._kill()
                return Fault("too_slow", "", None)
            self._ready = True
        assert self._process is not None and self._process.stdin is not None
        request = json.dumps({"source": source, "context": context, "lang": lang}, default=_encode)
        try:
            self._process.stdin.write(request + "\n")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError):
            self._kill()
            return Fault("too_big", "", None)
        deadline = time.monotonic() + self.time_limit
        reply = self._wait_reply(deadline - time.monotonic())
        if reply is None:  # stuck, or the child died (its memory limit)
            died = self._process.poll() is not None
            self._kill()
            return Fault("too_big" if died else "too_slow", "", None)
        doc = json.loads(reply)
        if "fault" in doc:
            fault = Fault(**doc["fault"])
            if fault.kind == "too_big":
                self._kill()  # a child that ran out of memory is not trusted again
            return fault
        return doc["text"], [Printed(line, path) for line, path in doc["printed"]]


def _read_lines(stream: IO[str], replies: queue.Queue[str | None]) -> None:
    for line in stream:
        replies.put(line)
    replies.put(None)


_DEFAULT: Renderer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_renderer() -> Renderer:
    """The process-wide renderer, closed when the program ends."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Renderer()
            atexit.register(_DEFAULT.close)
        return _DEFAULT


# the child ----------------------------------------------------------------------------
def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the deadline still applies
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):  # macOS refuses RLIMIT_AS below the current size
        pass


def _reply(doc: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(doc) + "\n")
    sys.stdout.flush()


def main() -> None:
    """Render requests from stdin until it closes (the app has quit or died)."""
    from relance_tui.core.script.sandbox import render_here  # Jinja, here only

    _limit_memory()
    if hasattr(os, "nice"):
        os.nice(5)  # the app's own work comes first
    _reply({"ready": True})
    for line in sys.stdin:
        request = json.loads(line, object_hook=_decode)
        result = render_here(request["source"], request["context"], request["lang"])
        if isinstance(result, Fault):
            _reply({"fault": {"kind": result.kind, "message": result.message, "line": result.line}})
            if result.kind == "too_big":
                return
        else:
            text, printed = result
            _reply({"text": text, "printed": [[p.line, p.path] for p in printed]})


if __name__ == "__main__":
    main()
