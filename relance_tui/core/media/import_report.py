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
    if plan.independents:
        yield i18n.t("import.independents", count=plan.independents)
    yield from plan.notices
    for problem in plan.problems:
        yield i18n.t("import.row.problem", row=problem.row, reason=problem.reason)
    for flagged in plan.flagged:
        yield i18n.t("import.row.flagged", row=flagged.row, reason=flagged.reason)
    for duplicate in plan.duplicates:
        yield i18n.t("import.row.problem", row=duplicate.row, reason=duplicate.reason)
    for name, outlet in plan.near_matches.items():
        key = "import.near.used" if plan.accept_near else "import.near.suggested"
        yield i18n.t(key, name=name, known=outlet.name)
    ignored = [column for column in plan.columns if column not in plan.mapping]
    if ignored:  # said, so a column the user cares about is not lost without a word
        yield i18n.t("import.ignored_columns", columns=", ".join(ignored))
