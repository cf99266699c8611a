"""`relance web`: the app in a browser tab on this computer (relance_tui/web.py)."""

from __future__ import annotations

import shlex
import subprocess
import sys
import webbrowser
from pathlib import Path

import click

from relance_tui import cli_words, i18n
from relance_tui.core.models import START_SCREENS


def served_command(path: Path, lang: str, screen: str | None = None) -> str:
    """The command each tab's app runs: this Python, this file, this language."""
    words = [sys.executable, "-m", "relance_tui", "--lang", lang, "--db", str(path)]
    words += ["--screen", screen] if screen else []
    return subprocess.list2cmdline(words) if sys.platform == "win32" else shlex.join(words)


@click.command()
@click.option("--db", "web_db", type=click.Path(path_type=Path))
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1024, 65535))
@click.option("--no-open", is_flag=True, help="Print the address, open no browser.")
@click.option("--screen", type=click.Choice(START_SCREENS), help="Open on / écran au démarrage.")
@click.pass_context
def web(
    ctx: click.Context, web_db: Path | None, port: int, no_open: bool, screen: str | None
) -> None:
    """relance in a browser tab on this computer / relance dans un onglet du navigateur."""
    from relance_tui.cli_base import EXIT_PROBLEM, db_path, fail
    from relance_tui.core.errors import RelanceError
    from relance_tui.core.store.files import take_lock

    try:
        from relance_tui.web import RelanceServer
    except ImportError:
        cli_words.echo(i18n.t("web.not_installed"), err=True)
        sys.exit(EXIT_PROBLEM)
    path = db_path(ctx, web_db)
    if path.exists():
        try:  # open in another window: said here, not in the tab
            take_lock(path).release()
        except RelanceError as error:
            fail(error)

    def ready() -> None:
        cli_words.echo(i18n.t("web.serving", address=server.address))
        sys.stdout.flush()  # read at once by whoever started relance web
        if not no_open:
            webbrowser.open(server.address)

    command = served_command(path, i18n.current_language(), screen)
    server = RelanceServer(command, port, ready=ready)
    try:
        server.serve()
    except OSError as problem:  # the port is taken
        cli_words.echo(i18n.t("web.port_taken", port=port, detail=str(problem)), err=True)
        sys.exit(EXIT_PROBLEM)
