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

    def label(target_id: int, *, outlet_only: bool = False) -> str:
        target = targets.get(target_id)
        if target is None:
            return str(target_id)
        who = directory.who(target)
        return who.outlet.name if outlet_only and who.outlet is not None else who.label

    lines = [i18n.t("team.title")]
    for caller in team_progress(attempts, link.view, now):
        name = " " + caller.name
        if caller.on_the_phone is not None:  # "☎": on the phone with that outlet now
            name += " ☎ " + label(caller.on_the_phone, outlet_only=True)
        lines.append(name)
        counts = i18n.t("count.calls", count=caller.called)
        counts += ", " + i18n.t("count.confirmed", count=caller.confirmed)
        lines.append("   " + counts)
    for name, line_number in sorted(link.view.waiting.items()):
        lines.append("  " + i18n.t("team.waiting", name=name, line=line_number))
    for target_id, names in sorted(called_twice(attempts).items()):
        lines.append("⚠ " + i18n.t("team.twice", who=label(target_id), names=", ".join(names)))
    return "\n".join(lines)
