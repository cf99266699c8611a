"""What an import would do, or did, in words: for the command line and the dialog."""

from __future__ import annotations

from collections.abc import Iterable

from relance_tui import i18n
from relance_tui.core.media.importers import ImportPlan


def done_message(outlets: int, contacts: int, merged: int) -> str:
    """What an applied import did, in words."""
    return i18n.t(
        "cli.import.done",
        outlets=i18n.t("count.outlets", count=outlets),
        contacts=i18n.t("count.contacts", count=contacts),
        merged=i18n.t("count.completed", count=merged),
    )


def report_lines(plan: ImportPlan) -> Iterable[str]:
    """The plan in words, for the command line and the import dialog."""
    yield i18n.t(
        "import.summary",
        source=plan.source,
        format=plan.format,
        encoding=plan.encoding,
        rows=i18n.t("count.rows", count=plan.rows_total),
        outlets=i18n.t("count.new_outlets", count=len(plan.new_outlets)),
        contacts=i18n.t("count.new_contacts", count=len(plan.new_contacts)),
        merged=i18n.t("count.merged", count=len(plan.duplicates)),
    )
    if plan.new_outlets:  # with the language each will be called in: to correct here
        yield i18n.t(
            "import.new_outlets",
            outlets=", ".join(
                f"{o.name} ({i18n.t('language.' + o.language.value)})"
                for o in plan.new_outlets[:12]
                if o.kind.value != "freelance"
            )
            + (" …" if len(plan.new_outlets) > 12 else ""),
        )
    for name, changes in plan.outlet_changes.items():
        yield i18n.t("import.outlet_changes", outlet=name, changes=" ; ".join(changes))
    if plan.conflicts:  # the choice is the officer's: said once, with the key
        key = "import.conflicts.taken" if plan.take_file else "import.conflicts.kept"
        yield i18n.t(key, count=plan.conflicts)
    if plan.independents:
        yield i18n.t("import.independents", count=plan.independents)
    yield from plan.notices
    # Row by row in the file's order, whatever was found: refused, flagged, merged.
    said = [(p.row, 0, "import.row.problem", p.reason) for p in plan.problems]
    said += [(f.row, 1, "import.row.flagged", f.reason) for f in plan.flagged]
    said += [(d.row, 2, "import.row.problem", d.reason) for d in plan.duplicates]
    for row, _, key, reason in sorted(said, key=lambda line: line[:2]):
        yield i18n.t(key, row=row, reason=reason)
    for name, outlet in plan.near_matches.items():
        key = "import.near.used" if plan.accept_near else "import.near.suggested"
        yield i18n.t(key, name=name, known=outlet.name)
    read = set(plan.mapping) | set(plan.reach_columns)
    ignored = [column for column in plan.columns if column not in read]
    if ignored:  # said, so a column the user cares about is not lost without a word
        yield i18n.t("import.ignored_columns", columns=", ".join(ignored))
