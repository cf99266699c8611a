"""The command line (PRODUCT §7). Every path builds the app through `make_app()`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from relance_tui import cli_words, i18n
from relance_tui.cli_base import (
    EXIT_PROBLEM,
    EXIT_USAGE,
    db_path,
    fail,
    newer_schema,
    open_store,
    run_app,
)
from relance_tui.core.errors import RelanceError, os_words
from relance_tui.core.models import START_SCREENS
from relance_tui.core.text import without_controls
from relance_tui.locations import default_db_path


def _set_lang(lang: str | None) -> str:
    try:
        code = i18n.detect_language(lang)
    except ValueError:
        i18n.set_language(i18n.detect_language(None))
        raise click.UsageError(i18n.t("cli.bad_lang", value=lang)) from None
    i18n.set_language(code)
    return code


class _NoTraceback(click.Group):
    """Every error ends as a message and an exit code, never a traceback: 1 for a
    problem with the data or the disk, 2 for a wrong use."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        arguments = cli_words.lang_first(list(sys.argv[1:] if args is None else args))
        asked = arguments[1] if arguments[:1] == ["--lang"] else None
        asked = arguments[0][7:] if arguments[:1] and arguments[0][:7] == "--lang=" else asked
        try:  # Click's own messages (usage errors) in the user's language too
            i18n.set_language(i18n.detect_language(asked))
        except ValueError:
            i18n.set_language(i18n.detect_language(None))
        cli_words.install()
        return super().main(arguments, *rest, **options)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            sys.exit(130)
        except RelanceError as error:
            fail(error)
        except OSError as error:
            where = error.filename or ""
            cli_words.echo(
                i18n.t("cli.os_error", path=where, detail=os_words(error)).strip(), err=True
            )
            sys.exit(EXIT_PROBLEM)
        except Exception as error:  # a bug: say so plainly, the data is untouched
            cli_words.echo(i18n.t("cli.unexpected", kind=type(error).__name__), err=True)
            sys.exit(EXIT_PROBLEM)
        return None


@click.group(cls=_NoTraceback, invoke_without_command=True)
@click.option("--db", type=click.Path(path_type=Path), help="Data file / fichier de données.")
@click.option("--lang", help="fr | en")
@click.option("--screen", type=click.Choice(START_SCREENS), help="Open on / écran au démarrage.")
@click.option(
    "--texte",
    "--text",
    "text",
    is_flag=True,
    help="Plain-text calls, for screen readers / appels en texte simple, pour lecteur d'écran.",
)
@click.version_option(package_name="relance", prog_name="relance")
@click.pass_context
def main(
    ctx: click.Context, db: Path | None, lang: str | None, screen: str | None, text: bool
) -> None:
    """relance: relance média au clavier / media follow-up calls from the keyboard."""
    ctx.ensure_object(dict)
    ctx.obj.update(db=db, lang=_set_lang(lang), lang_arg=lang, screen=screen, text=text)
    if ctx.invoked_subcommand is None:
        run_app(db or default_db_path(), lang, screen=screen, text=text)


@main.command()
@click.option("--db", "demo_db", type=click.Path(path_type=Path), help="Keep the demo at PATH.")
@click.pass_context
def demo(ctx: click.Context, demo_db: Path | None) -> None:
    """The app on a fresh copy of the demo data / l'app sur une copie fraîche de la démo."""
    from relance_tui.core.errors import DemoTargetExists

    target = demo_db or ctx.obj["db"]
    if target is not None:
        target = Path(target).expanduser().absolute()
        if target.exists():
            fail(DemoTargetExists(path=str(target)))
        path = target
    else:
        import tempfile  # a fresh copy every time: the user's own file is never touched

        path = Path(tempfile.mkdtemp(prefix="relance-demo-")) / "relance-demo.json"
    run_app(path, ctx.obj["lang_arg"], screen=ctx.obj["screen"], demo=True, text=ctx.obj["text"])
    if target is not None:
        cli_words.echo(i18n.t("cli.demo.kept", path=str(path)))


@main.command()
@click.option("--db", "check_db", type=click.Path(path_type=Path))
@click.option("--restore", is_flag=True, help="Rebuild an unreadable file from its backup.")
@click.option("--accept", is_flag=True, help="Seal again a file you changed by hand.")
@click.pass_context
def check(ctx: click.Context, check_db: Path | None, restore: bool, accept: bool) -> None:
    """Validate the data file / valider le fichier de données."""
    from relance_tui.core.store import recovery
    from relance_tui.core.store.reading import load_tables

    path = Path(check_db or ctx.obj["db"] or default_db_path()).expanduser().resolve()
    if not path.exists():
        cli_words.echo(i18n.t("cli.check.missing", path=str(path)))
        return
    newer = newer_schema(path)
    if newer is not None:  # written by a newer relance: restoring or accepting would undo it
        fail(newer)
        return
    if accept:
        try:
            recovery.accept_changes(path)
        except RelanceError as error:
            fail(error)
            return
        cli_words.echo(i18n.t("cli.check.accepted", path=str(path)))
    snapshot_counts: dict[str, int] = {}
    try:
        tables = load_tables(path, snapshot_counts)
    except RelanceError as error:
        _problem_found(path, error, restore)
        return
    if restore:
        cli_words.echo(i18n.t("cli.check.nothing_to_restore"))
    counts = recovery.describe(tables)
    del tables  # TinyDB's own reading of the file comes next: one copy at a time
    if not recovery.readable_by_tinydb(path, snapshot_counts):
        cli_words.echo(i18n.t("cli.check.not_tinydb", path=str(path)), err=True)
        sys.exit(EXIT_PROBLEM)
    from relance_tui.core.store.snapshot import untrusted_cache

    if (cache := untrusted_cache(path)) is not None:  # never a thing to --accept
        cli_words.echo(i18n.t("cli.check.untrusted_cache", cache=str(cache)), err=True)
    if (torn := recovery.torn_journal(path)) is not None:
        cli_words.echo(i18n.t("cli.check.torn_journal", journal=str(torn)), err=True)
    for damaged in recovery.damaged_backups(path):  # the file is sound; its way back is not
        cli_words.echo(i18n.t("cli.check.backup_damaged", backup=str(damaged)), err=True)
    cli_words.echo(
        i18n.t(
            "cli.check.ok",
            path=str(path),
            schema=counts["schema"],
            outlets=i18n.t("count.outlets", count=counts["outlets"]),
            contacts=i18n.t("count.contacts", count=counts["contacts"]),
            events=i18n.t("count.events", count=counts["events"]),
            attempts=i18n.t("count.calls", count=counts["attempts"]),
        )
    )


def _problem_found(path: Path, error: RelanceError, restore: bool) -> None:
    """What `check` does with a file that does not check out: say so (and where a sound
    copy is), or, asked to `--restore`, rebuild it from the backup and journal."""
    from relance_tui.core.errors import CorruptDataFile
    from relance_tui.core.store import recovery
    from relance_tui.core.store.files import backup_path

    if not restore:
        if isinstance(error, CorruptDataFile) and error.backup is None:
            # Say how to repair it whenever something sound is there to repair from.
            if recovery.recover_tables(path) is not None:
                error.backup = str(backup_path(path))
        cli_words.echo(i18n.t("cli.check.problem", problem=str(error)), err=True)
        sys.exit(EXIT_PROBLEM)
    try:
        backup, aside, left_out = recovery.restore(path)
    except RelanceError as restore_error:
        fail(restore_error)
        return
    cli_words.echo(i18n.t("cli.check.restored", backup=str(backup), aside=str(aside)))
    if left_out:  # named, so the caller can record them again
        cli_words.echo(i18n.t("cli.check.left_out", count=len(left_out)))
        for line in left_out:
            cli_words.echo(f"  - {recovery.describe_damaged(line)}")


@main.command()
@click.option("--db", "doctor_db", type=click.Path(path_type=Path))
@click.pass_context
def doctor(ctx: click.Context, doctor_db: Path | None) -> None:
    """What works on this machine, and what to do / ce qui fonctionne ici, et quoi faire."""
    from relance_tui.core.station.doctor import can_run, examine

    path = Path(doctor_db or ctx.obj["db"] or default_db_path()).expanduser().resolve()
    checks = examine(path)
    cli_words.echo(i18n.t("doctor.title"))
    width = max(len(i18n.t(check.item)) for check in checks)
    for check in checks:
        mark = "✓" if check.ok else "✗"
        cli_words.echo(f"{mark} {i18n.t(check.item).ljust(width)}  {check.said}")
    fine = can_run(checks)
    cli_words.echo(i18n.t("doctor.verdict.ok" if fine else "doctor.verdict.no"))
    if not fine:
        sys.exit(EXIT_PROBLEM)


@main.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--db", "import_db", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report without writing / rapport sans écrire.")
@click.option("--map", "mappings", multiple=True, metavar='"Colonne=champ"')
@click.option(
    "--accept-valid", is_flag=True, help="Import the valid rows even if some are refused."
)
@click.option(
    "--accept-near", is_flag=True, help="File rows under known outlets of nearly the same name."
)
@click.option(
    "--take-file",
    is_flag=True,
    help="A number or email that differs: the file's, the list's kept beside it.",
)
@click.option(
    "--outlet",
    "outlet_for_all",
    default="",
    metavar="NOM",
    help="Outlet of the people the file gives none / média des personnes sans média.",
)
@click.pass_context
def import_command(
    ctx: click.Context,
    file: Path,
    import_db: Path | None,
    dry_run: bool,
    mappings: tuple[str, ...],
    accept_valid: bool,
    accept_near: bool,
    take_file: bool,
    outlet_for_all: str,
) -> None:
    """Import a media list (CSV, Google, Outlook, vCard) / importer une liste de médias."""
    from relance_tui.core.media.import_report import done_message, report_lines
    from relance_tui.core.media.importers import apply_import, plan_import
    from relance_tui.core.media.readers import BadImportFile

    overrides: dict[str, str] = {}
    for mapping in mappings:
        column, sep, field_name = mapping.partition("=")
        if not sep or not column.strip() or not field_name.strip():
            raise click.UsageError(i18n.t("cli.import.bad_map", value=mapping))
        overrides[column.strip()] = field_name.strip()
    # A dry run writes nothing: it reads the file as export does, the app may be open
    # (a list not made yet is made, as before).
    store = open_store(ctx, import_db, read_only=dry_run and db_path(ctx, import_db).exists())
    try:
        try:
            with cli_words.progress(i18n.t("cli.import.reading")) as advance:
                plan = plan_import(
                    file,
                    store,
                    overrides,
                    progress=advance,
                    accept_near=accept_near,
                    outlet_for_all=outlet_for_all,
                    take_file=take_file,
                )
        except BadImportFile as problem:
            cli_words.echo(str(problem), err=True)
            sys.exit(EXIT_USAGE if problem.key.startswith("import.map_") else EXIT_PROBLEM)
        for line in report_lines(plan):
            cli_words.echo(line)
        if plan.problems and not accept_valid:
            cli_words.echo(i18n.t("cli.import.rejected", count=len(plan.problems)), err=True)
            sys.exit(EXIT_PROBLEM)
        if dry_run:
            cli_words.echo(i18n.t("cli.import.dry_run"))
            return
        cli_words.echo(done_message(*apply_import(store, plan)))
    finally:
        store.close()


def _export_folder(store: Any, fmt: str, event_id: str | None, folder: Path) -> None:
    """vdir: one .vcf per contact; mailmerge: the call list's reminder emails."""
    from relance_tui.core.dates import system_clock
    from relance_tui.core.station.mailmerge import write_mailmerge
    from relance_tui.core.station.vcards import write_vdir

    try:
        if fmt == "vdir":
            count = write_vdir(store, folder)
            cli_words.echo(i18n.t("cli.export.vdir_done", count=count, path=str(folder)))
        else:
            event = cli_words.event_or_exit(store, event_id)
            count = write_mailmerge(store, event, system_clock(), folder)
            cli_words.echo(i18n.t("cli.export.mailmerge_done", count=count, path=str(folder)))
    except OSError as problem:
        cli_words.echo(
            i18n.t("cli.export.failed", path=str(folder), detail=os_words(problem)), err=True
        )
        sys.exit(EXIT_PROBLEM)


@main.command(name="export")
@click.option("--db", "export_db", type=click.Path(path_type=Path))
@click.option("--event", "event_id", help="Event (number or title words): its call list.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "md", "ics", "vcf", "vdir", "mailmerge"]),
    default="csv",
    help="vcf: vCard 3.0 for an address book; vdir: one .vcf per contact in --output DIR;"
    " mailmerge: the reminder email of the call list for a mail-merge tool, in --output DIR.",
)
@click.option("--ics", is_flag=True, help="The event and its callbacks, for a calendar.")
@click.option("--output", type=click.Path(path_type=Path))
@click.pass_context
def export_command(
    ctx: click.Context,
    export_db: Path | None,
    event_id: str | None,
    fmt: str,
    ics: bool,
    output: Path | None,
) -> None:
    """Export the media list, an event's call list, or its calendar / exporter."""
    from relance_tui.core.dates import system_clock
    from relance_tui.core.handoff.calendar import callbacks_ics
    from relance_tui.core.station.exports import export
    from relance_tui.core.station.vcards import media_list_vcards
    from relance_tui.core.store.files import write_atomically_bytes

    if fmt in ("vdir", "mailmerge") and output is None:
        raise click.UsageError(i18n.t("cli.export.vdir_needs_output"))
    store = open_store(ctx, export_db, read_only=True)
    try:
        if fmt in ("vdir", "mailmerge"):  # a folder of files
            assert output is not None
            _export_folder(store, fmt, event_id, output.expanduser().absolute())
            return
        if fmt == "vcf":
            data = media_list_vcards(store)
        elif ics or fmt == "ics":  # the event (the current one by default) and its callbacks
            data = callbacks_ics(store, cli_words.event_or_exit(store, event_id), system_clock())
        else:
            event = cli_words.event_or_exit(store, event_id) if event_id is not None else None
            data = export(store, fmt, event, system_clock)
    finally:
        store.close()
    if output is None:  # to a terminal, maybe: no control character but line ends
        text = data.decode("utf-8")
        sys.stdout.buffer.write(without_controls(text, keep="\r\n\t").encode("utf-8"))
        return
    try:
        write_atomically_bytes(output.expanduser().absolute(), data)
    except OSError as problem:
        cli_words.echo(
            i18n.t("cli.export.failed", path=str(output), detail=os_words(problem)), err=True
        )
        sys.exit(EXIT_PROBLEM)
    cli_words.echo(i18n.t("cli.export.done", path=str(output)))


@main.command()
@click.argument("event_id", metavar="[EVENT]", required=False)
@click.option("--db", "report_db", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "json"]))
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def report(
    ctx: click.Context,
    event_id: str | None,
    report_db: Path | None,
    fmt: str | None,
    output: Path | None,
) -> None:
    """The Bilan of an event (number, words of its title; the current one by default)."""
    from relance_tui.core.dates import system_clock
    from relance_tui.core.station.report import RENDERERS, as_text, summarise
    from relance_tui.core.store.files import write_atomically

    store = open_store(ctx, report_db, read_only=True)
    try:
        event = cli_words.event_or_exit(store, event_id)
        summary = summarise(store, event, system_clock)
        text = RENDERERS[fmt](summary) if fmt else as_text(summary)
    finally:
        if store.is_open:
            store.close()
    if output is None:
        # To a terminal: no control character from an imported file reaches it.
        cli_words.echo(without_controls(text), nl=False)
        return
    try:
        write_atomically(output.expanduser().absolute(), text)
    except OSError as problem:
        cli_words.echo(
            i18n.t("cli.export.failed", path=str(output), detail=os_words(problem)), err=True
        )
        sys.exit(EXIT_PROBLEM)
    cli_words.echo(i18n.t("cli.export.done", path=str(output)))


from relance_tui.cli_team import merge, split, team  # noqa: E402  (they read helpers late)
from relance_tui.cli_web import web  # noqa: E402

for command in (split, merge, team, web):
    main.add_command(command)
