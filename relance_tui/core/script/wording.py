"""Words that depend on the name they go with, and on what the call gave: "quelqu'un
du 15-18", « a title with its own colon », the email's first sentence by situation.

French contracts "de" with a name's article ("du Devoir", "des Ondes", "d'ICI
Première"); a title already in guillemets is not quoted again.
"""

from __future__ import annotations

from relance_tui import i18n
from relance_tui.core.models import Outcome

_VOWELS = set("aeiouyhAEIOUYHàâäéèêëîïôöùûüÀÂÄÉÈÊËÎÏÔÖÙÛÜ")


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def of_name(name: str) -> str:
    """ "de" and a name, as French says it: "du 15-18" (Le 15-18), "du Retour" (Le
    retour), "des Francs-tireurs", "de La Presse", "d'ICI Première", "de CIBL"."""
    name = name.strip()
    lower = name.lower()
    if lower.startswith("le "):
        return "du " + _capitalised(name[3:].strip())
    if lower.startswith("les "):
        return "des " + _capitalised(name[4:].strip())
    if name[:1] in _VOWELS and not name[:1].isdigit():
        return "d'" + name
    return "de " + name


def whose_callback(promised: tuple[str, bool] | None, me: str, team: bool) -> str:
    """ "votre rappel", "rappel d'Alex", "rappel pour l'équipe (promis par Sam)"."""
    if promised is None:
        return ""
    by, anyone = promised
    if team and anyone:
        return i18n.t("callback.for_team", by=by) if by else i18n.t("callback.for_team_plain")
    if not by or by == me:
        return i18n.t("callback.yours")
    return i18n.t("callback.of", of=of_name(by) if i18n.current_language() == "fr" else by)


def someone_from(outlet: str, show: str, lang: str) -> str:
    """Who the ask is for: "quelqu'un du 15-18" / "someone from Le 15-18"; the show's
    team when there is a show, else the outlet's, else "your newsroom"."""
    name = show or outlet
    if lang == "fr":
        return "quelqu'un " + of_name(name) if name else "quelqu'un de votre équipe"
    return f"someone from {name}" if name else "someone from your newsroom"


def quoted(title: str, lang: str) -> str:
    """The title in quotation marks, unless it carries its own: « Conférence de
    presse : loyers » / “Press conference: rents”."""
    title = title.strip()
    if not title or any(mark in title for mark in '«»“”"'):
        return title
    return f"« {title} »" if lang == "fr" else f"“{title}”"


SITUATIONS = {
    None: "before",
    Outcome.CONFIRMED: "confirmed",
    Outcome.INTERESTED: "interested",
    Outcome.RESEND: "resend",
    Outcome.VOICEMAIL: "voicemail",
}


def situation_of(last: Outcome | None) -> str:
    """What the reminder email follows: before any call, a confirmation, an interest,
    a request to resend, a message left; "called" for anything else."""
    return SITUATIONS.get(last, "called")


def opening(situation: str, title: str, press_conference: bool, lang: str) -> str:
    """The email's first sentence for `situation` (after the greeting)."""
    kind = i18n.t("wording.press_conference" if press_conference else "wording.event", lang)
    return i18n.t(f"wording.opening.{situation}", lang, kind=kind, title=quoted(title, lang))


def subject_prefix(situation: str, lang: str) -> str:
    """One prefix for the subject: "Suite à mon message : " after a message left,
    "Rappel : " otherwise."""
    key = "wording.subject.voicemail" if situation == "voicemail" else "wording.subject.reminder"
    return i18n.t(key, lang)
