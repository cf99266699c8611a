"""The installed command: `relance_tui.cli.main`, then out at once.

Once the data file is closed (folded and fsync'd) nothing is left to save, and the
interpreter's own teardown would free every object one at a time before the prompt
came back: 0.4 s after quitting a 20,000-contact file. Exit handlers still run (the
template renderer's process is stopped), and what was printed is flushed.
Tests call `main` itself (Click's runner), never this.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys


def entry() -> None:
    from relance_tui.cli import main

    code: int | str | None = 0
    try:
        main()
    except SystemExit as leaving:
        code = leaving.code
    finally:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
    if isinstance(code, str):  # sys.exit("message"): said as Python would say it
        sys.stderr.write(code + "\n")
        sys.stderr.flush()
        code = 1
    os._exit(code or 0)
