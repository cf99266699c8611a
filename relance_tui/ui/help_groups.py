"""Each screen's keys by task, for its help (`?`): binding ids grouped under the i18n
key of the task they serve. Keys of a screen named in no group are listed last."""

from __future__ import annotations

from relance_tui.ui.dialogs.help import HelpGroups

HELP_GROUPS: dict[str, HelpGroups] = {
    "lists": (
        (
            "help.group.find",
            ("lists.search", "lists.table", "lists.filters", "lists.only_call_list"),
        ),
        (
            "help.group.call_list",
            ("lists.toggle", "lists.add_filtered", "lists.friendliest", "lists.up", "lists.down"),
        ),
        (
            "help.group.edit",
            (
                "lists.new_contact",
                "lists.new_outlet",
                "lists.new_show",
                "lists.edit",
                "lists.delete",
                "lists.to_verify",
            ),
        ),
        ("help.group.files", ("lists.import", "lists.export", "lists.proposals")),
    ),
    "script": (
        (
            "help.group.write",
            ("script.variables", "script.language", "script.save", "script.leave", "script.reset"),
        ),
        ("help.group.event", ("script.edit_event", "script.events", "script.new_event")),
        ("help.group.email", ("script.copy_email",)),
    ),
    "rehearsal": (
        ("help.group.take", ("rehearsal.start_stop", "rehearsal.lap", "rehearsal.voice")),
        ("help.group.settings", ("rehearsal.countdown", "rehearsal.target")),
        ("help.group.takes", ("rehearsal.delete",)),
    ),
    "calls": (
        (
            "help.group.outcome",
            (
                "calls.confirmed",
                "calls.interested",
                "calls.resend",
                "calls.voicemail",
                "calls.no_answer",
                "calls.callback",
                "calls.declined",
                "calls.wrong_number",
                "calls.do_not_call",
            ),
        ),
        (
            "help.group.during",
            (
                "calls.start_call",
                "calls.dial",
                "calls.qr",
                "calls.voicemail_script",
                "calls.switch_language",
                "calls.note",
                "calls.copy_email",
            ),
        ),
        ("help.group.after", ("calls.follow_up", "calls.show_copied", "calls.calendar")),
        ("help.group.queue", ("calls.skip", "calls.undo", "calls.toggle_side")),
    ),
    "report": (
        ("help.group.tabs", ("report.previous", "report.next")),
        ("help.group.send", ("report.copy_email", "report.resend_all", "report.material")),
        ("help.group.files", ("report.export",)),
        ("help.group.team", ("report.split", "report.merge")),
    ),
    "door": (
        ("help.group.door", ("door.check_in", "door.crew", "door.walk_in", "door.undo")),
        ("help.group.find", ("door.clear",)),
    ),
}
