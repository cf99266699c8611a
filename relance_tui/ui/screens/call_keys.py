"""The keys of the Appels screen: one per outcome, the card's hand-offs and views.
Each binding's description is a message id (translated where it is drawn) and its
id is what a keymap names (`ui.keymap`)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from relance_tui.core.models import Outcome

OUTCOME_KEYS: dict[str, Outcome] = {
    "c": Outcome.CONFIRMED,
    "i": Outcome.INTERESTED,
    "r": Outcome.RESEND,
    "v": Outcome.VOICEMAIL,
    "n": Outcome.NO_ANSWER,
    "d": Outcome.DECLINED,
    "w": Outcome.WRONG_NUMBER,
    "x": Outcome.DO_NOT_CALL,
}
# The actions offered only while a card is on screen.
NEEDS_CARD = set(
    "outcome callback skip copy_email note dial qr do_not_call voicemail_script"
    " switch_language start_call".split()
)
NARROW = 100  # below this width the side lists fold away (`l` shows them)

# The keys of a call's outcome are priority bindings: read as the app gets the key,
# not after it went through the focused widget and each parent (a millisecond of
# every key). Nothing focusable here takes letters (the card, the side's lists).
CALL_BINDINGS: list[BindingType] = [
    Binding("c", "outcome('c')", "key.confirmed", id="calls.confirmed", priority=True),
    Binding("i", "outcome('i')", "key.interested", id="calls.interested", priority=True),
    Binding("r", "outcome('r')", "key.resend", id="calls.resend", priority=True),
    Binding("v", "outcome('v')", "key.voicemail", id="calls.voicemail", priority=True),
    Binding("n", "outcome('n')", "key.no_answer", id="calls.no_answer", priority=True),
    Binding("b", "callback", "key.callback", id="calls.callback"),
    Binding("d", "outcome('d')", "key.declined", id="calls.declined", priority=True),
    Binding("w", "outcome('w')", "key.wrong_number", id="calls.wrong_number", priority=True),
    Binding("x", "do_not_call", "key.do_not_call_ask", id="calls.do_not_call"),
    Binding("s", "skip", "key.skip", id="calls.skip", priority=True),
    Binding("u", "undo", "key.undo", id="calls.undo", priority=True),
    Binding("e", "copy_email", "key.copy_email", id="calls.copy_email"),
    Binding("o", "note", "key.note", id="calls.note"),
    Binding("p", "dial", "key.dial", id="calls.dial"),
    Binding("P", "qr", "key.qr", id="calls.qr", show=False),
    Binding("f", "follow_up", "key.follow_up", id="calls.follow_up", show=False),
    Binding("K", "calendar", "key.calendar", id="calls.calendar", show=False),
    Binding("space", "start_call", "key.start_call", id="calls.start_call"),
    Binding("E", "show_copied", "key.show_copied", id="calls.show_copied", show=False),
    Binding("l", "toggle_side", "key.toggle_side", id="calls.toggle_side"),
    # Shown in the script box's title rather than the footer (already full at 80 columns).
    Binding(
        "m", "voicemail_script", "key.voicemail_script", id="calls.voicemail_script", show=False
    ),
    Binding("t", "switch_language", "key.switch_language", id="calls.switch_language", show=False),
]
