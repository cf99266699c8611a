"""What every command of the command line shares (`cli`, `cli_team`): exit codes,
opening the data file, saying an error, and running the app."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import click

from relance_tui import cli_words, i18n
from relance_tui.core.errors import RelanceError, StoreLocked
from relance_tui.locations import data_dir, default_db_path

EXIT_PROBLEM, EXIT_USAGE = 1, 2  # 0: done

# The stores a command opened, when the installed command runs it: `launch.entry`
# sets a list and ends the process with `os._exit`, which lets go of them at once.
# Freed as the command returns, a closed store's tables went object by object: 60 ms
# after an import into a 5,000-contact file, more on quitting a large one.
kept_until_exit: list[object] | None = None


def kept(store: Any) -> Any:
    if kept_until_exit is not None:
        kept_until_exit.append(store)
    return store


def fail(error: RelanceError) -> None:
    cli_words.echo(str(error), err=True)
    sys.exit(EXIT_USAGE if isinstance(error, StoreLocked) else EXIT_PROBLEM)


def run_app(
    db: Path, lang_arg: str | None, *, screen: str | None, demo: bool = False, text: bool = False
) -> None:
    from relance_tui.core.dates import system_clock
    from relance_tui.core.script.render_process import default_renderer
    from relance_tui.core.store.store import Store
    from relance_tui.ui.app import make_app
    from relance_tui.ui.modes import start_mode

    default_renderer().start()  # a Python process starting on the other core meanwhile
    try:
        store = kept(Store.open(db))
    except RelanceError as error:
        return fail(error)
    try:
        if demo:
            from relance_tui.core.station import demo as demo_data

            demo_data.load_demo(store, data_dir(), system_clock())
        settings = store.settings()
        lang = i18n.detect_language(lang_arg, stored=settings.language or None)
        mode = start_mode(screen or settings.start_screen, store.current_event(), system_clock())
        gc.freeze()  # the data file lives as long as the app: no collection walks it
        gc.enable()  # (the installed command starts without, `launch.entry`)
        if text:  # for screen readers: lines, no Textual (`text_mode`)
            from relance_tui import text_mode

            i18n.set_language(lang)
            with text_mode.TerminalKeys() as keys:
                text_mode.run(store, system_clock, lang, keys.key, keys.line, print)
            return
        make_app(store=store, clock=system_clock, lang=lang, start_mode=mode, demo=demo).run()
    finally:
        if sys.stderr.isatty() and store.is_open and store.path.stat().st_size > 2_000_000:
            # A large file takes a moment to fold its journal in: said, not a frozen prompt.
            cli_words.echo(i18n.t("cli.closing", path=str(store.path)), err=True)
        gc.disable()  # leaving: no collection through millions of objects while folding
        store.close()
        if store.custody.lost is not None:  # said again where the prompt comes back
            cli_words.echo(str(store.custody.lost), err=True)


def newer_schema(path: Path) -> RelanceError | None:
    """The refusal to open a file written by a newer relance, if it is one (its schema
    read from the meta at its end: the file is read whole once, after)."""
    from relance_tui.core.errors import NewerSchema
    from relance_tui.core.store.migrations import SCHEMA_VERSION
    from relance_tui.core.store.snapshot import sealed_meta

    sealed = sealed_meta(path)
    version = sealed[1].get("1", {}).get("schema_version") if sealed is not None else None
    if isinstance(version, int) and version > SCHEMA_VERSION:
        return NewerSchema(path=str(path), found=version, supported=SCHEMA_VERSION)
    return None


def db_path(ctx: click.Context, db: Path | None) -> Path:
    """The data file a command works on: --db, the app's --db, or the default."""
    return Path(db or ctx.obj["db"] or default_db_path()).expanduser().resolve()


def open_store(ctx: click.Context, db: Path | None, *, read_only: bool = False):  # type: ignore[no-untyped-def]
    """The data file, locked for writing; for a command that only reads, as it is now
    (no lock: it works beside the open app and on a full disk)."""
    from relance_tui.core.store.store import Store

    path = db_path(ctx, db)
    try:
        return kept(Store.open_read_only(path) if read_only else Store.open(path))
    except RelanceError as error:
        fail(error)
