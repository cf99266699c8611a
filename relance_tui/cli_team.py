"""`relance team`: calling as a team, live, through a folder a sync engine carries
(docs/team.md). `create` writes the event into the folder, `join` links a caller's own
data file to it and opens the calls, `collect` brings the team's calls back into the
organiser's file. Without a shared folder: `relance split` writes one file per caller,
`relance merge` brings their calls back."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from relance_tui import cli_words, i18n
from relance_tui.core.errors import RelanceError
from relance_tui.locations import user_data_dir


def _now() -> datetime:
    from relance_tui.core.dates import system_clock

    return system_clock()


@click.group()
def team() -> None:
    """Call as a team through a synced folder / appeler en équipe par un dossier synchronisé."""


@team.command()
@click.argument("event_id", metavar="EVENT")
@click.argument("folder", type=click.Path(path_type=Path, dir_okay=True, file_okay=False))
@click.option("--db", "team_db", type=click.Path(path_type=Path))
@click.pass_context
def create(ctx: click.Context, event_id: str, folder: Path, team_db: Path | None) -> None:
    """Put EVENT's call list in FOLDER / mettre la liste d'appels dans FOLDER."""
    from relance_tui.cli_base import fail, open_store
    from relance_tui.core.team.organiser import create_team

    store = open_store(ctx, team_db)
    folder = folder.expanduser().absolute()
    try:
        event = cli_words.event_or_exit(store, event_id)
        create_team(store, event, folder, _now())
    except RelanceError as error:
        store.close()
        fail(error)
        return
    store.close()
    cli_words.echo(i18n.t("cli.team.created", folder=str(folder)))


def _default_local(folder: Path, name: str) -> Path:
    from relance_tui.core.team.folder import read_base
    from relance_tui.core.team.live import slug

    team_id = read_base(folder)["meta"]["1"]["team"]["team_id"]
    return user_data_dir() / "equipes" / f"{slug(name)}-{team_id[:8]}.json"


@team.command()
@click.argument("folder", type=click.Path(path_type=Path, dir_okay=True, file_okay=False))
@click.option("--name", required=True, help="Your name in the team / votre nom dans l'équipe.")
@click.option("--phone", default="", help="Your phone, for voicemails / votre téléphone.")
@click.option("--no-phone", is_flag=True, help="Call without leaving a number.")
@click.option("--db", "team_db", type=click.Path(path_type=Path))
@click.option("--no-open", is_flag=True, help="Join without opening the app.")
@click.pass_context
def join(
    ctx: click.Context,
    folder: Path,
    name: str,
    phone: str,
    no_phone: bool,
    team_db: Path | None,
    no_open: bool,
) -> None:
    """Join the team of FOLDER, then call / rejoindre l'équipe, puis appeler."""
    from relance_tui.cli_base import fail, run_app
    from relance_tui.core.phones import BadPhone, parse_phone
    from relance_tui.core.team.live import join_team

    name = name.strip()
    if not name:
        raise click.UsageError(i18n.t("cli.team.need_name"))
    if not phone and not no_phone and sys.stdin.isatty():  # a person at the keyboard: ask
        cli_words.echo(i18n.t("cli.team.phone_why"), err=True)
        phone = click.prompt(i18n.t("cli.team.phone_prompt"), default="", show_default=False)
    if phone.strip():
        try:
            number, extension = parse_phone(phone)
        except BadPhone as error:
            raise click.UsageError(str(error)) from None
        phone = f"{number} {i18n.t('calls.extension', ext=extension)}" if extension else number
    folder = folder.expanduser().absolute()
    try:
        local = Path(team_db or ctx.obj["db"] or _default_local(folder, name)).expanduser()
        first = not local.exists()
        local = join_team(folder, name, local.absolute(), _now(), phone.strip(), no_phone)
    except RelanceError as error:
        fail(error)
        return
    cli_words.echo(i18n.t("cli.team.joined", name=name, path=str(local)), err=not no_open)
    if not phone.strip() and not no_phone:
        cli_words.echo(i18n.t("cli.team.phone_later"), err=True)
    if not no_open:
        # A volunteer's first session opens on the script to rehearse; then on the calls.
        run_app(local, ctx.obj["lang_arg"], screen=ctx.obj["screen"] or first_screen(first))


def first_screen(first: bool) -> str:
    return "rehearsal" if first else "calls"


@team.command()
@click.argument("folder", type=click.Path(path_type=Path, dir_okay=True, file_okay=False))
@click.option("--db", "team_db", type=click.Path(path_type=Path))
@click.pass_context
def collect(ctx: click.Context, folder: Path, team_db: Path | None) -> None:
    """Bring the team's calls into this file / ramener les appels de l'équipe."""
    from relance_tui.cli_base import EXIT_PROBLEM, open_store
    from relance_tui.core.team.organiser import collect_calls

    store = open_store(ctx, team_db)
    try:
        done = collect_calls(store, folder.expanduser().absolute())
    except RelanceError as error:
        cli_words.echo(str(error), err=True)
        sys.exit(EXIT_PROBLEM)
    finally:
        if store.is_open:
            store.close()
    for who, line in sorted(done.waiting.items()):
        cli_words.echo(i18n.t("team.waiting", name=who, line=line), err=True)
    for file, why in sorted(done.refused.items()):
        cli_words.echo(i18n.t(f"team.refused.{why}", file=file), err=True)
    for who, count in sorted(done.by_caller.items(), key=lambda item: item[0].casefold()):
        cli_words.echo(
            i18n.t("cli.collect.caller", name=who, calls=i18n.t("count.calls", count=count))
        )
    cli_words.echo(i18n.t("cli.merge.done", count=done.added))
    if done.proposals:
        cli_words.echo(i18n.t("cli.collect.proposals", count=done.proposals))


# One file per caller, then their calls back: the team without a shared folder.
@click.command()
@click.argument("event_id", metavar="[EVENT]", required=False)
@click.option("--callers", type=click.IntRange(1, 20))
@click.option("--names", help='"A,B,C": one name per caller.')
@click.option("--output", type=click.Path(path_type=Path, file_okay=False), required=True)
@click.option("--db", "split_db", type=click.Path(path_type=Path))
@click.pass_context
def split(
    ctx: click.Context,
    event_id: str | None,
    callers: int | None,
    names: str | None,
    output: Path,
    split_db: Path | None,
) -> None:
    """One data file per caller / un fichier par personne qui appelle."""
    from relance_tui.cli_base import fail, open_store
    from relance_tui.core.team.shares import split as split_call_list

    if callers is None and not names:
        raise click.UsageError(i18n.t("cli.split.need_callers"))
    caller_names = (
        [n.strip() for n in names.split(",")]
        if names
        else [i18n.t("team.caller", number=n) for n in range(1, (callers or 0) + 1)]
    )
    callers = callers or len(caller_names)
    if len(caller_names) != callers or not all(caller_names):
        raise click.UsageError(i18n.t("cli.split.names", callers=callers))
    from relance_tui.core.dates import system_clock

    store = open_store(ctx, split_db)
    try:
        event = cli_words.event_or_exit(store, event_id)
        done = split_call_list(
            store, event, caller_names, output.expanduser().absolute(), system_clock()
        )
    except RelanceError as error:
        store.close()
        fail(error)
        return
    store.close()
    for name, path, dealt in zip(caller_names, done.paths, done.dealt, strict=True):
        cli_words.echo(
            i18n.t("cli.split.written", name=name, path=str(path))
            + " · "
            + i18n.t("count.targets", count=dealt)
        )
    cli_words.echo(i18n.t("cli.split.left_out", count=done.left_out))


@click.command()
@click.argument("files", type=click.Path(path_type=Path, dir_okay=False), nargs=-1, required=True)
@click.option("--db", "merge_db", type=click.Path(path_type=Path))
@click.pass_context
def merge(ctx: click.Context, files: tuple[Path, ...], merge_db: Path | None) -> None:
    """Bring the callers' calls back / ramener les appels de chacun."""
    from relance_tui.cli_base import EXIT_PROBLEM, open_store
    from relance_tui.core.team.shares import apply_merge, plan_merge

    store = open_store(ctx, merge_db)
    try:
        plans = []
        with cli_words.progress(i18n.t("cli.merge.reading")) as advance:
            for done, path in enumerate(files):
                advance(done, len(files))
                try:
                    plans.append(plan_merge(store, path.expanduser().absolute()))
                except RelanceError as error:
                    said = str(error)
                    cli_words.echo(said, err=True)
                    if i18n.t("cli.merge.nothing") not in said:  # said once, not twice
                        cli_words.echo(i18n.t("cli.merge.nothing"), err=True)
                    sys.exit(EXIT_PROBLEM)
        added = apply_merge(store, plans)
        for plan in plans:
            cli_words.echo(
                i18n.t(
                    "cli.merge.file",
                    path=str(plan.path),
                    caller=plan.caller,
                    new=i18n.t("count.new_calls", count=len(plan.attempts)),
                    already=i18n.t("count.already_there", count=plan.already),
                )
            )
            if plan.far:
                cli_words.echo(i18n.t("cli.merge.far", count=plan.far, path=str(plan.path)))
        cli_words.echo(i18n.t("cli.merge.done", count=added))
    finally:
        if store.is_open:
            store.close()
