"""The installed command: `relance_tui.cli.main`, then out at once.

Once the data file is closed (folded and fsync'd) nothing is left to save, and the
interpreter's own teardown would free every object one at a time before the prompt
came back: 0.4 s after quitting a 20,000-contact file. Exit handlers still run (the
template renderer's process is stopped), and what was printed is flushed. The
tables written beside a closed file for the next start (`tables_cache`) are written
by a child process, as the prompt comes back.
Tests call `main` itself (Click's runner), never this.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys

# Textual draws at most this many frames a second (60 by default). A keystroke in
# the search box is drawn in two frames (the field, then the table its message
# changed), so at 60 the second waited up to 17 ms for its turn: 47 -> 27 ms from
# a search key to the table shown (docs/performance.md). Frames are drawn only when
# something changed, so an idle app costs nothing more. Set before Textual loads.
FRAMES_PER_SECOND = "240"
SWITCH_INTERVAL = 0.001  # seconds


def entry() -> None:
    _register_last_step()  # before anything else registers: run after all of them
    # No cyclic collection while the data file is read and a command works on it: the
    # collector walked the tables of 50,000 calls again and again (65 ms of a 1 s
    # import). A command lives a second; the app turns it back on once the file is
    # read, frozen out of its walks (`cli.run_app`).
    gc.disable()
    # A thread waiting for the interpreter gets it within this (5 ms by default): the
    # thread that writes a frame to the terminal waited behind the one rendering the
    # next card's talking points ahead (0.7 ms of the median key).
    sys.setswitchinterval(SWITCH_INTERVAL)
    os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)
    from relance_tui import cli, cli_base
    from relance_tui.core.store.tables_cache import write_in_a_child_from_now

    cli_base.kept_until_exit = []  # closed stores left to `os._exit` below (`cli_base`)

    write_in_a_child_from_now()  # the tables for the next start: the prompt does not wait

    code: int | str | None = 0
    try:
        cli.main()
    except SystemExit as leaving:
        code = leaving.code
    if isinstance(code, str):  # sys.exit("message"): said as Python would say it
        sys.stderr.write(code + "\n")
        code = 1
    leave_after_exit_handlers(code or 0)


def leave_after_exit_handlers(code: int) -> None:
    """Leave with `code` once every exit handler has run (the template renderer's
    process stopped), the output flushed, without the interpreter's teardown.

    `atexit` runs its handlers last registered first: the one registered here, after
    every module the command imported registered its own, would run first. So the
    interpreter's exit is asked for (`sys.exit`), and `os._exit` is registered from
    the start as the first handler (`_register_last_step`), the last to run."""
    _exit_code[0] = code
    sys.exit(code)


_exit_code = [0]


def _last_step() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(_exit_code[0])


def _register_last_step() -> None:
    """`os._exit` as the first exit handler registered: the last to run."""
    atexit.register(_last_step)
