"""The team in words: each caller's progress (in name order, not a ranking), who is on
the phone with whom, files still syncing, targets two callers brought to an end."""

from __future__ import annotations

from datetime import datetime

from relance_tui import i18n
from relance_tui.core.models import Attempt
from relance_tui.core.store.store import Store
from relance_tui.core.team.leases import called_twice, team_progress
from relance_tui.core.team.live import TeamLink
from relance_tui.core.who import Directory


def team_text(store: Store, link: TeamLink, event_id: int, now: datetime) -> str:
    attempts: list[Attempt] = store.attempts(event_id)
    directory = Directory.of(store)
    targets = {t.id: t for t in store.targets(event_id)}

    def label(target_id: int) -> str:
        target = targets.get(target_id)
        return directory.who(target).label if target is not None else str(target_id)

    lines = [i18n.t("team.title")]
    for caller in team_progress(attempts, link.view, now):
        line = "  " + i18n.t(
            "team.line", name=caller.name, called=caller.called, confirmed=caller.confirmed
        )
        if caller.on_the_phone is not None:
            line += " · " + i18n.t("team.on_phone", who=label(caller.on_the_phone))
        lines.append(line)
    for name, line_number in sorted(link.view.waiting.items()):
        lines.append("  " + i18n.t("team.waiting", name=name, line=line_number))
    for target_id, names in sorted(called_twice(attempts).items()):
        lines.append("⚠ " + i18n.t("team.twice", who=label(target_id), names=", ".join(names)))
    return "\n".join(lines)
