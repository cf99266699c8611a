"""The command line's helpers: Click's own words (usage errors, help headings) in the
user's language, `--lang` before or after the subcommand, progress bars, and the
event a command is about.

Click asks `gettext` for each of its messages at the moment it shows one (its
modules call `_()` and `ngettext()`); `install()` points those names at relance's
catalogues. A message Click adds or rewords in a later release stays in English:
nothing breaks, one line is untranslated.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

import click

from relance_tui import i18n
from relance_tui.core.text import escaped_controls, fold

# Click's English text -> our message id (catalogues: `click.*`).
WORDS = {
    "Error: {message}": "click.error",
    "Usage:": "click.usage",
    "Try '{command} {option}' for help.": "click.try_help",
    "Missing argument": "click.missing_argument",
    "Missing option": "click.missing_option",
    "Missing parameter": "click.missing_parameter",
    "Missing command.": "click.missing_command",
    "No such option {name!r}.": "click.no_such_option",
    "No such command {name!r}.": "click.no_such_command",
    "Option {name!r} does not take a value.": "click.takes_no_value",
    "Invalid value for {param_hint}: {message}": "click.invalid_value_for",
    "Invalid value: {message}": "click.invalid_value",
    "{value!r} is not a valid {number_type}.": "click.not_a_number",
    "{value} is not in the range {range}.": "click.not_in_range",
    "Show this message and exit.": "click.help",
    "Show the version and exit.": "click.version_help",
    "%(prog)s, version %(version)s": "click.version",
    "Options": "click.options",
    "Commands": "click.commands",
    "Aborted!": "click.aborted",
    "file": "click.file",
    "directory": "click.directory",
    "path": "click.path",
    "{name} {filename!r} does not exist.": "click.does_not_exist",
    "{name} {filename!r} is a file.": "click.is_a_file",
    "{name} {filename!r} is a directory.": "click.is_a_directory",
    "{name} {filename!r} is not readable.": "click.not_readable",
    "{name} {filename!r} is not writable.": "click.not_writable",
}
# Counted messages, by their singular: (one, several).
PLURALS = {
    "Got unexpected extra argument ({args})": ("click.extra_argument", "click.extra_arguments"),
    "Option {name!r} requires an argument.": ("click.needs_value", "click.needs_values"),
    "{value!r} is not {choice}.": ("click.not_the_choice", "click.not_one_of"),
    "Did you mean {possibility}?": ("click.did_you_mean", "click.did_you_mean_one_of"),
}


def translate(message: str) -> str:
    key = WORDS.get(message)
    return i18n.t(key) if key is not None and i18n.has(key) else message


def translate_plural(singular: str, plural: str, count: int) -> str:
    keys = PLURALS.get(singular)
    if keys is None or not i18n.has(keys[0]):
        return singular if count == 1 else plural
    return i18n.t(keys[0] if count == 1 else keys[1])


GROUP_OPTIONS = ("--lang", "--screen")  # in this order in front


def lang_first(args: list[str]) -> list[str]:
    """`--lang` and `--screen` work before or after the subcommand: moved in front,
    where the group reads them (`relance demo --lang en` = `relance --lang en demo`),
    `--lang` first."""
    front: dict[str, list[str]] = {name: [] for name in GROUP_OPTIONS}
    rest: list[str] = []
    items = iter(args)
    for arg in items:
        name = arg.split("=", 1)[0]
        if arg == "--":
            rest += [arg, *items]
        elif arg in GROUP_OPTIONS:
            front[arg] += [arg, next(items, "")]
        elif name in GROUP_OPTIONS:
            front[name].append(arg)
        else:
            rest.append(arg)
    return [arg for name in GROUP_OPTIONS for arg in front[name]] + rest


def install() -> None:
    """Make Click speak the current language (`i18n.set_language`)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural  # type: ignore[attr-defined]


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
