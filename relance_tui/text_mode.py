"""The plain-text call mode (`relance --texte`), for people who call with a screen
reader: the call card as plain lines (no box, no spinner, nothing redrawn in place),
the same keys as Appels, and every key answered with one sentence. Textual has no
screen-reader support; lines written one after the other are what a screen reader
reads best.

It runs on the core alone (`CallSession`), outside the Textual app.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from relance_tui import i18n
from relance_tui.core.calls.queue import TargetState
from relance_tui.core.dates import BadTime, Clock, format_when, parse_when
from relance_tui.core.errors import RelanceError
from relance_tui.core.models import Outcome
from relance_tui.core.station.session import CallSession
from relance_tui.core.store.store import Store
from relance_tui.ui.screens.call_keys import OUTCOME_KEYS
from relance_tui.ui.widgets.card_text import card_text

ReadKey = Callable[[], str]  # one key ("" at the end of the input)
ReadLine = Callable[[str], str]  # a line typed after a prompt
Write = Callable[[str], None]


class TerminalKeys:
    """The keyboard, one key at a time for the whole session (a key typed while a card
    is written waits for its turn: not echoed, not lost), and a line typed after a
    prompt when one is asked (`b`). Windows: msvcrt; elsewhere termios."""

    def __init__(self) -> None:
        self._saved: list[Any] | None = None

    def __enter__(self) -> TerminalKeys:
        if not sys.platform.startswith("win") and sys.stdin.isatty():
            import termios
            import tty

            self._saved = termios.tcgetattr(sys.stdin.fileno())
            tty.setcbreak(sys.stdin.fileno())
        return self

    def __exit__(self, *_: object) -> None:
        self._restore()

    def _restore(self) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, self._saved)

    def key(self) -> str:
        if sys.platform.startswith("win"):
            import msvcrt

            return str(msvcrt.getwch())  # type: ignore[attr-defined,unused-ignore]
        return sys.stdin.read(1)

    def line(self, prompt: str) -> str:
        """A line typed with the terminal's own editing, then keys again."""
        self._restore()
        try:
            return input(prompt)
        except EOFError:
            return ""
        finally:
            if self._saved is not None:
                import tty

                tty.setcbreak(sys.stdin.fileno())


def _say(write: Write, text: str) -> None:
    write(text.replace("\xa0", " ").replace("\u202f", " "))


def card_lines(session: CallSession, card: TargetState, now: datetime, lang: str) -> list[str]:
    """The card as lines to read: who, the number, the email, notes, then the talking
    points and the ask."""
    text = card_text(card, None, now, lang, session.outlet_said(card))
    meta = " ".join(text.meta.replace("★", "").split())  # the warmth in words only
    lines = [text.outlet, text.contact, i18n.t("text.phone", phone=text.phone), meta]
    lines += [line for line in (text.notes, text.answered) if line]
    if session.event is not None:
        script = session.script_job(card).run()
        if script.problem is not None:
            lines.append(i18n.t("calls.template_problem", problem=str(script.problem)))
        else:
            lines += [line for line in script.text.splitlines() if line.strip() != "[pause]"]
    return [line for line in lines if line.strip()]


def run(
    store: Store,
    clock: Clock,
    lang: str,
    read_key: ReadKey,
    read_line: ReadLine,
    write: Write,
) -> None:
    """Call, one card after the other, until `q` (or the end of the input)."""
    session = CallSession(store, clock)
    _say(write, i18n.t("text.intro"))
    card = session.card
    shown: int | None = None
    while True:
        if card is None:
            key, params = session.why_no_card()
            _say(write, i18n.t(key, **params))
            return
        if card.target.id != shown:
            for line in card_lines(session, card, clock(), lang):
                _say(write, line)
            shown = card.target.id
        key = read_key()
        if key in ("", "q", "\x03", "\x04"):
            _say(write, i18n.t("text.bye"))
            return
        said, card = _answer(session, card, key, clock, lang, read_line)
        _say(write, said)


def _answer(
    session: CallSession,
    card: TargetState,
    key: str,
    clock: Clock,
    lang: str,
    read_line: ReadLine,
) -> tuple[str, TargetState | None]:
    """What `key` does on `card`, in one sentence, and the card after it."""
    try:
        if key in OUTCOME_KEYS:
            outcome = OUTCOME_KEYS[key]
            recorded = session.record(outcome)
            if recorded is None:
                return i18n.t("text.nothing"), session.card
            said = i18n.t(
                "calls.recorded",
                outcome=i18n.t(f"outcome.{outcome.value}"),
                who=recorded.called.label,
            )
            return said, session.card
        if key == "b":
            return _callback(session, card, clock, lang, read_line)
        if key == "s":
            session.skip()
            return i18n.t("text.skipped", who=card.label), session.card
        if key == "u":
            undone = session.undo()
            said = i18n.t("text.undone") if undone is not None else i18n.t("text.nothing")
            return said, session.card
    except RelanceError as problem:
        return str(problem), session.card
    if key == "?":
        return i18n.t("text.keys"), card
    return i18n.t("text.unknown_key", key=key.strip() or "espace"), card


def _callback(
    session: CallSession, card: TargetState, clock: Clock, lang: str, read_line: ReadLine
) -> tuple[str, TargetState | None]:
    typed = read_line(i18n.t("callback.prompt"))
    if not typed.strip():
        return i18n.t("text.nothing"), card
    try:
        when = parse_when(typed, clock(), working_days=True)
    except BadTime as problem:
        return str(problem), card
    session.record(Outcome.CALLBACK, when)
    return i18n.t("text.callback", who=card.label, when=format_when(when, lang)), session.card
