"""The command line's helpers: Click's own words (usage errors, help headings) in the
user's language, `--lang` before or after the subcommand, progress bars, and the
event a command is about.

Click asks `gettext` for each of its messages at the moment it shows one (its
modules call `_()` and `ngettext()`, the standard library's); `install()` binds
the text domain to Click's catalogue (`click.po`, msgids as Click writes them). A
message Click adds or rewords in a later release stays in English: nothing breaks,
one line is untranslated.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import sys
from collections.abc import Callable, Iterator

import click

from relance_tui import i18n
from relance_tui.core.text import escaped_controls, fold

GROUP_OPTIONS = ("--lang", "--screen")  # in this order in front
GROUP_FLAGS = ("--texte", "--text")  # flags of the group, moved in front too


def lang_first(args: list[str]) -> list[str]:
    """`--lang` and `--screen` work before or after the subcommand: moved in front,
    where the group reads them (`relance demo --lang en` = `relance --lang en demo`),
    `--lang` first."""
    front: dict[str, list[str]] = {name: [] for name in GROUP_OPTIONS}
    flags: list[str] = []
    rest: list[str] = []
    items = iter(args)
    for arg in items:
        name = arg.split("=", 1)[0]
        if arg == "--":
            rest += [arg, *items]
        elif arg in GROUP_FLAGS:
            flags.append(arg)
        elif arg in GROUP_OPTIONS:
            front[arg] += [arg, next(items, "")]
        elif name in GROUP_OPTIONS:
            front[name].append(arg)
        else:
            rest.append(arg)
    return [arg for name in GROUP_OPTIONS for arg in front[name]] + flags + rest


CLICK_DOMAIN = "click"  # locale/<lang>/LC_MESSAGES/click.po: msgids are Click's own


def install() -> None:
    """Make Click speak the current language (`i18n.set_language`), through the
    standard library's hooks: Click's modules call `gettext.gettext` and
    `gettext.ngettext`, which read the process's text domain (here Click's catalogue,
    keyed by Click's own English messages) in the language `LANGUAGE` names."""
    gettext.bindtextdomain(CLICK_DOMAIN, str(i18n.LOCALE_DIR))
    gettext.textdomain(CLICK_DOMAIN)
    os.environ["LANGUAGE"] = i18n.current_language()


@contextlib.contextmanager
def progress(description: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on the terminal (counts and time left) for work that takes a
    while; nothing when the output is not a terminal (a script, a pipe, CI)."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,  # gone once done: the report that follows stays readable
    )
    task = bar.add_task(description, total=None)
    with bar:
        yield lambda done, total: bar.update(task, completed=done, total=total)


def event_or_exit(store, which: str | None):  # type: ignore[no-untyped-def]
    """The event a command is about: its number, a fragment of its title, or (none
    given) the current event."""
    from relance_tui.core.models import Event

    if which is None or not which.strip():
        event = store.current_event()
        problem = None if event is not None else i18n.t("cli.no_current_event")
    elif which.strip().isdigit():
        event = store.get(Event, int(which))
        problem = None if event is not None else i18n.t("cli.no_such_event", id=which.strip())
    else:
        wanted = fold(which)
        found = [e for e in store.events(include_archived=True) if wanted in fold(e.title)]
        event = found[0] if len(found) == 1 else None
        if not found:
            problem = i18n.t("cli.no_event_named", text=which)
        elif len(found) > 1:
            problem = i18n.t("cli.event_ambiguous", text=which) + "".join(
                f"\n  {e.id}  {e.title}" for e in found
            )
    if event is None:
        store.close()
        click.echo(problem, err=True)
        sys.exit(2)  # a wrong use
    return event


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """`click.echo` for every line the commands print: a name or a note from an imported
    file may hold terminal escapes (ESC, BEL, C1...); they are written out, never sent."""
    click.echo(escaped_controls(message), err=err, nl=nl)
