"""Bilan: what the calls gave for one event — the counts, the door list, the rest.

Everything is derived from the queue (targets folded from their attempts), so a
merged file, an undo or a restart all give the same summary.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from relance_tui import i18n
from relance_tui.core.calls.queue import Status, TargetState, load_queue
from relance_tui.core.calls.states import callback_promised
from relance_tui.core.dates import Clock, format_short_when, format_when
from relance_tui.core.door.door import DoorReport, door_fields, door_report
from relance_tui.core.models import Event, Outcome
from relance_tui.core.phones import format_phone
from relance_tui.core.station.exports import neutralise
from relance_tui.core.store.store import Store
from relance_tui.core.text import markdown_cell

NEVER_CALLED = "never_called"
NEVER_REACHED = "never_reached"
UNREACHED_OUTCOMES = frozenset({Outcome.VOICEMAIL, Outcome.NO_ANSWER})


@dataclass
class Summary:
    event: Event
    total: int
    by_outcome: Counter[str] = field(default_factory=Counter)
    confirmed_by_kind: Counter[str] = field(default_factory=Counter)
    confirmed_by_role: Counter[str] = field(default_factory=Counter)
    calls_by_caller: Counter[str] = field(default_factory=Counter)
    confirmed: list[TargetState] = field(default_factory=list)
    resend: list[TargetState] = field(default_factory=list)
    never_reached: list[TargetState] = field(default_factory=list)
    callbacks: list[TargetState] = field(default_factory=list)
    to_fix: list[TargetState] = field(default_factory=list)  # wrong number, left...
    outlets_confirmed: int = 0  # newsrooms, not people: one yes per outlet counts once
    calls: int = 0
    seconds_calling: float = 0.0
    calls_per_hour: float | None = None  # over the time on the phone; None when too little
    door: DoorReport | None = None  # once someone kept the door of the event
    after_event: bool = False  # the event has started: callbacks left are not made

    def title_key(self, attribute: str, key: str) -> str:
        """A section's title: after the event, callbacks still pending were not made."""
        if attribute == "callbacks" and self.after_event:
            return "report.not_called_back"
        return key


def outcome_key(state: TargetState) -> str:
    """Where a target stands, as one word: its last outcome, or never called."""
    if state.last is None:
        return NEVER_CALLED
    return state.last.outcome.value


def summarise(store: Store, event: Event, clock: Clock) -> Summary:
    """The Bilan of `event` from what the store holds now."""
    queue = load_queue(store, event, clock())
    states = sorted(
        (s for s in queue.all if s.status is not Status.BLOCKED or s.last is not None),
        key=lambda s: s.target.position,
    )
    now = clock()
    summary = Summary(event=event, total=len(states), after_event=now >= event.start)
    started = 0  # calls whose time on the phone was measured (the call was started)
    for state in states:
        key = outcome_key(state)
        summary.by_outcome[key] += 1
        for attempt in state.history:
            summary.calls += 1
            summary.seconds_calling += attempt.duration_s
            started += attempt.duration_s > 0
            summary.calls_by_caller[attempt.caller or "—"] += 1
        last = state.last
        if state.contact is not None and state.contact.to_fix:
            summary.to_fix.append(state)
        if last is not None and last.outcome is Outcome.CONFIRMED:
            summary.confirmed.append(state)
            summary.confirmed_by_kind[state.outlet.kind.value if state.outlet else "—"] += 1
            role = state.contact.role.value if state.contact else "newsroom"
            summary.confirmed_by_role[role] += 1
        elif last is not None and last.outcome is Outcome.RESEND:
            summary.resend.append(state)
        elif last is not None and last.outcome is Outcome.CALLBACK:
            summary.callbacks.append(state)
        settled = state.status is Status.SET_ASIDE  # its newsroom answered through another
        if not settled and (
            state.status is Status.EXHAUSTED
            or (last is not None and last.outcome in UNREACHED_OUTCOMES)
        ):
            summary.never_reached.append(state)
    summary.callbacks.sort(key=lambda s: s.next_at.timestamp() if s.next_at else 0.0)
    summary.outlets_confirmed = len({s.outlet.id for s in summary.confirmed if s.outlet})
    if event.id is not None and store.arrivals(event.id):
        summary.door = door_report(store, event, now)
    # The pace over the time actually spent on the phone (calls that were started), not
    # from the first call to the last: calls spread over three days are not 12 an hour.
    hours = summary.seconds_calling / 3600
    if started >= 5 and hours >= 1 / 6:  # a pace means nothing over two calls
        summary.calls_per_hour = round(started / hours, 1)
    return summary


# --- text, Markdown, CSV, JSON ---------------------------------------------------------


def history_text(state: TargetState, lang: str, last: int = 5) -> str:
    """The target's last calls, one a line: when, outcome, callback time, note."""
    if not state.history:
        return i18n.t("calls.never_called")
    lines = []
    for attempt in state.history[-last:]:
        line = f"{format_when(attempt.at, lang)} — {i18n.t('outcome.' + attempt.outcome.value)}"
        if attempt.callback_at:
            line += f" ({format_when(attempt.callback_at, lang)})"
        if attempt.note:
            line += f" : {attempt.note}"
        lines.append(line)
    return "\n".join(lines)


def who_fields(state: TargetState) -> dict[str, str]:
    phone, extension = state.phone
    last = state.last
    return {
        "outlet": state.outlet.name if state.outlet else "",
        "show": state.show.name if state.show else "",
        "name": state.name,
        "role": i18n.t(f"role.{state.who.role.value}"),
        "phone": format_phone(phone, extension, i18n.current_language()) if phone else "",
        "email": state.email,
        "attempts": str(state.calls),  # a number: a spreadsheet can add them up
        "callback": format_short_when(state.next_at, i18n.current_language())
        if last is not None and last.outcome is Outcome.CALLBACK and state.next_at
        else "",
        "notes": " / ".join(a.note for a in state.history if a.note),
        "caller": _whose(state),
    }


def _whose(state: TargetState) -> str:
    """Who promised the callback (the Bilan is read by the whole team)."""
    promised = callback_promised(state)
    return promised[0] if promised is not None else ""


SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("confirmed", "report.door_list", ("name", "outlet", "show", "role", "phone", "notes")),
    ("resend", "report.resend", ("name", "outlet", "email", "notes")),
    ("never_reached", "report.never_reached", ("name", "outlet", "phone", "attempts")),
    ("callbacks", "report.callbacks", ("callback", "name", "outlet", "phone", "caller")),
    ("to_fix", "report.to_fix", ("name", "outlet", "phone", "notes")),
)


# After the event, from the door: (attribute of DoorReport, title, columns).
DOOR_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("present", "report.present", ("arrived", "outlet", "name", "crew", "interview")),
    ("confirmed_absent", "report.confirmed_absent", ("outlet", "name")),
    ("came_unconfirmed", "report.came_unconfirmed", ("arrived", "outlet", "name", "said")),
)


def door_sections(summary: Summary) -> list[tuple[str, str, tuple[str, ...], list[dict[str, str]]]]:
    """The door's sections with their rows (none before anyone kept the door)."""
    if summary.door is None:
        return []
    lang = i18n.current_language()
    return [
        (
            attribute,
            title_key,
            columns,
            [door_fields(e, lang) for e in getattr(summary.door, attribute)],
        )
        for attribute, title_key, columns in DOOR_SECTIONS
    ]


def all_sections(summary: Summary) -> list[tuple[str, tuple[str, ...], list[dict[str, str]]]]:
    """Every list of the Bilan as (title, columns, rows): the calls', then the door's."""
    sections = [
        (
            summary.title_key(attribute, title_key),
            columns,
            [who_fields(s) for s in getattr(summary, attribute)],
        )
        for attribute, title_key, columns in SECTIONS
    ]
    return sections + [(title, cols, rows) for _, title, cols, rows in door_sections(summary)]


def outcome_rows(summary: Summary) -> list[tuple[str, int]]:
    order = [o.value for o in Outcome if o not in (Outcome.UNDO, Outcome.SKIPPED)]
    order.append(NEVER_CALLED)
    return [(key, summary.by_outcome[key]) for key in order if summary.by_outcome[key]]


def outcome_label(key: str, *, short: bool = False) -> str:
    """An outcome in words; `short` where space is short ("renvoyer", not "renvoyer le
    communiqué")."""
    if short:
        return i18n.t(f"outcome_short.{'new' if key == NEVER_CALLED else key}")
    return i18n.t("state.new") if key == NEVER_CALLED else i18n.t(f"outcome.{key}")


def bar(count: int, total: int, width: int = 24) -> str:
    """A horizontal bar, eighths of a cell for precision."""
    if total <= 0 or count <= 0:
        return ""
    eighths = round(count / total * width * 8)
    return "█" * (eighths // 8) + " ▏▎▍▌▋▊▉"[eighths % 8].strip()


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    return f"{minutes // 60} h {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"


def as_text(summary: Summary, width: int = 80) -> str:
    """The Bilan for a terminal of `width` columns (80 by default)."""
    lines = textwrap.wrap(summary.event.title, width=width) + [
        format_when(summary.event.start, i18n.current_language())
    ]
    lines.append("")
    lines.append(i18n.t("report.by_outcome"))
    counted = outcome_rows(summary)
    label_width = max((len(outcome_label(key)) for key, _ in counted), default=10)
    for key, count in counted:
        label = outcome_label(key).ljust(label_width)
        lines.append(f"  {label} {count:>3}  {bar(count, summary.total, width - label_width - 10)}")
    lines.append("")
    lines += textwrap.wrap(totals_line(summary), width=width)
    if summary.calls_by_caller:
        callers = ", ".join(f"{name} {n}" for name, n in summary.calls_by_caller.most_common())
        lines += textwrap.wrap(i18n.t("report.by_caller", callers=callers), width=width)
    for title_key, columns, rows in all_sections(summary):
        lines += ["", f"{i18n.t(title_key)} ({len(rows)})"]
        for row in rows:
            # Wrapped, not cut: the door list is printed and read at the door; a phone
            # number is never split across lines, a count says what it counts.
            lines += textwrap.wrap(
                " · ".join(_said(c, row[c]) for c in columns if row[c]),
                width=width,
                initial_indent="  ",
                subsequent_indent="    ",
            )
    return "\n".join(lines) + "\n"


def _said(column: str, value: str) -> str:
    """A cell as the printed Bilan says it."""
    if column == "phone":
        return value.replace(" ", "\u00a0")
    if column == "attempts" and value.isdigit():
        return i18n.t("count.calls", count=int(value))
    return value


def totals_line(summary: Summary) -> str:
    pace = (
        i18n.t("report.pace", pace=round(summary.calls_per_hour))
        if summary.calls_per_hour is not None
        else ""
    )
    totals = i18n.t(
        "report.totals",
        calls=i18n.t("count.calls", count=summary.calls),
        targets=i18n.t("count.targets", count=summary.total),
        confirmed=i18n.t("count.confirmed", count=len(summary.confirmed))
        + " ("
        + i18n.t("count.outlets", count=summary.outlets_confirmed)
        + ")",
    )
    if summary.seconds_calling >= 60:  # no call was timed: no "0 min on the phone"
        totals += " · " + i18n.t("report.on_phone", time=_duration(summary.seconds_calling))
    return totals + (f" · {pace}" if pace else "")


def as_markdown(summary: Summary) -> str:
    lines = [
        f"# {summary.event.title}",
        "",
        format_when(summary.event.start, i18n.current_language()),
        "",
        f"## {i18n.t('report.by_outcome')}",
        "",
    ]
    lines += [
        f"- {outcome_label(key)} : {count}"
        if i18n.current_language() == "fr"
        else f"- {outcome_label(key)}: {count}"
        for key, count in outcome_rows(summary)
    ]
    lines += ["", totals_line(summary), ""]
    for title_key, columns, rows in all_sections(summary):
        lines += [f"## {i18n.t(title_key)} ({len(rows)})", ""]
        if not rows:
            lines += [i18n.t("report.nobody"), ""]
            continue
        lines.append("| " + " | ".join(i18n.t(f"export.col.{c}") for c in columns) + " |")
        lines.append("|" + "---|" * len(columns))
        lines += ["| " + " | ".join(markdown_cell(row[c]) for c in columns) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def as_csv(summary: Summary) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = ("outlet", "show", "name", "role", "phone", "email", "attempts", "callback", "notes")
    writer.writerow(
        [neutralise(i18n.t("export.col.outcome"))]
        + [neutralise(i18n.t(f"export.col.{c}")) for c in columns]
    )
    for attribute, title_key, _ in SECTIONS:
        title = i18n.t(summary.title_key(attribute, title_key))
        for state in getattr(summary, attribute):
            who = who_fields(state)
            writer.writerow([neutralise(title)] + [neutralise(who[c]) for c in columns])
    for _, title_key, _, rows in door_sections(summary):
        for row in rows:
            cells = {"outlet": row["outlet"], "name": row["name"], "notes": row["crew"]}
            writer.writerow(
                [neutralise(i18n.t(title_key))] + [neutralise(cells.get(c, "")) for c in columns]
            )
    return "\ufeff" + buffer.getvalue()


def as_json(summary: Summary) -> str:
    data: dict[str, Any] = {
        "event": {
            "id": summary.event.id,
            "title": summary.event.title,
            "start": summary.event.start.isoformat(),
        },
        "targets": summary.total,
        "by_outcome": dict(summary.by_outcome),
        "outlets_confirmed": summary.outlets_confirmed,
        "confirmed_by_kind": dict(summary.confirmed_by_kind),
        "confirmed_by_role": dict(summary.confirmed_by_role),
        "calls": summary.calls,
        "calls_by_caller": dict(summary.calls_by_caller),
        "seconds_calling": summary.seconds_calling,
        "calls_per_hour": summary.calls_per_hour,
    }
    for attribute, _, _ in SECTIONS:
        data[attribute] = [who_fields(state) for state in getattr(summary, attribute)]
    for attribute, _, _, rows in door_sections(summary):
        data[attribute] = rows
    return json.dumps(data, ensure_ascii=False, indent=2)


RENDERERS = {"md": as_markdown, "csv": as_csv, "json": as_json}
