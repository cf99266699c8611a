"""User-facing messages in French (Québec, the default) and English.

Every message exists in both languages; `tests/core/test_i18n.py` fails when
one is missing or when the two disagree on their placeholders.
"""

from __future__ import annotations

import os
from typing import Any

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_current = DEFAULT_LANGUAGE


def detect_language(explicit: str | None = None) -> str:
    """`--lang`, then `RELANCE_LANG`, then `LANG`; French when none says otherwise."""
    for candidate in (explicit, os.environ.get("RELANCE_LANG"), os.environ.get("LANG")):
        if not candidate:
            continue
        code = candidate.strip().lower()[:2]
        if code in LANGUAGES:
            return code
        if candidate is explicit:
            raise ValueError(candidate)
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def current_language() -> str:
    return _current


def t(key: str, lang: str | None = None, **params: Any) -> str:
    """The message `key` in `lang` (default: the current language)."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry[lang or _current]
    return text.format(**params) if params else text


MESSAGES: dict[str, dict[str, str]] = {
    # --- errors -----------------------------------------------------------
    "error.generic": {"fr": "Une erreur est survenue.", "en": "Something went wrong."},
    "store.error": {
        "fr": "Problème avec le fichier de données {path} : {detail}",
        "en": "Problem with the data file {path}: {detail}",
    },
    "store.locked": {
        "fr": "Le fichier de données {path} est déjà ouvert par un autre relance. "
        "Fermez l'autre fenêtre, puis réessayez.",
        "en": "The data file {path} is already open in another relance. "
        "Close the other window, then try again.",
    },
    "store.corrupt": {
        "fr": "Le fichier de données {path} est illisible ({detail}). Il n'a pas été modifié. "
        "{backup}",
        "en": "The data file {path} cannot be read ({detail}). It was left untouched. {backup}",
    },
    "store.corrupt.backup": {
        "fr": "Dernière sauvegarde : {backup}. "
        "Pour restaurer : relance check --restore --db {path}",
        "en": "Last backup: {backup}. To restore it: relance check --restore --db {path}",
    },
    "store.corrupt.no_backup": {
        "fr": "Aucune sauvegarde trouvée à côté du fichier.",
        "en": "No backup was found beside the file.",
    },
    "store.newer_schema": {
        "fr": "Le fichier {path} vient d'une version plus récente de relance (schéma {found}, "
        "celle-ci lit jusqu'au schéma {supported}). Mettez relance à jour ; rien n'a été modifié.",
        "en": "The file {path} comes from a newer relance (schema {found}, this one reads up to "
        "schema {supported}). Update relance; nothing was changed.",
    },
    "store.write_failed": {
        "fr": "Écriture impossible dans {path} : {detail}. Les données précédentes sont intactes.",
        "en": "Could not write to {path}: {detail}. The previous data is intact.",
    },
    "store.detail.not_json": {
        "fr": "JSON invalide à la ligne {line}, colonne {column}",
        "en": "invalid JSON at line {line}, column {column}",
    },
    "store.detail.empty": {"fr": "fichier vide", "en": "empty file"},
    "store.detail.shape": {"fr": "structure inattendue : {what}", "en": "unexpected shape: {what}"},
    "store.detail.journal": {
        "fr": "journal endommagé à la ligne {line}",
        "en": "journal damaged at line {line}",
    },
    "store.detail.encoding": {"fr": "pas du texte UTF-8", "en": "not UTF-8 text"},
    "demo.exists": {
        "fr": "{path} existe déjà ; relance demo --db n'écrase jamais un fichier. "
        "Pour le rouvrir : relance --db {path}",
        "en": "{path} already exists; relance demo --db never overwrites a file. "
        "To reopen it: relance --db {path}",
    },
    # --- command line -----------------------------------------------------
    "cli.bad_lang": {
        "fr": "Langue inconnue : {value} (fr ou en).",
        "en": "Unknown language: {value} (fr or en).",
    },
    "cli.check.ok": {
        "fr": "{path} : fichier valide (schéma {schema}). {outlets} médias, {contacts} contacts, "
        "{events} événements, {attempts} appels.",
        "en": "{path}: valid file (schema {schema}). {outlets} outlets, {contacts} contacts, "
        "{events} events, {attempts} calls.",
    },
    "cli.check.missing": {
        "fr": "{path} n'existe pas encore ; il sera créé au premier lancement.",
        "en": "{path} does not exist yet; it will be created on first start.",
    },
    "cli.check.problem": {"fr": "Problème : {problem}", "en": "Problem: {problem}"},
    "cli.check.restored": {
        "fr": "Restauré depuis {backup}. Le fichier illisible a été mis de côté : {aside}",
        "en": "Restored from {backup}. The unreadable file was set aside: {aside}",
    },
    "cli.check.nothing_to_restore": {
        "fr": "Le fichier est lisible ; rien à restaurer.",
        "en": "The file is readable; nothing to restore.",
    },
    "cli.demo.kept": {
        "fr": "Démo enregistrée dans {path}.",
        "en": "Demo saved to {path}.",
    },
    # --- app shell --------------------------------------------------------
    "app.title": {"fr": "relance", "en": "relance"},
    "mode.lists": {"fr": "Listes", "en": "Lists"},
    "mode.script": {"fr": "Script", "en": "Script"},
    "mode.rehearsal": {"fr": "Répétition", "en": "Rehearsal"},
    "mode.calls": {"fr": "Appels", "en": "Calls"},
    "mode.report": {"fr": "Bilan", "en": "Report"},
    "mode.help": {
        "fr": "Aller à l'écran {name}",
        "en": "Go to the {name} screen",
    },
    "key.quit": {"fr": "Quitter", "en": "Quit"},
    "key.palette": {"fr": "Commandes", "en": "Commands"},
    "banner.no_event": {
        "fr": "Aucun événement. Créez-en un dans Script.",
        "en": "No event yet. Create one in Script.",
    },
    "banner.event": {"fr": "{title} · {when}", "en": "{title} · {when}"},
    "window.label": {
        "fr": "Fenêtre de relance : {opens} – {closes}",
        "en": "Follow-up window: {opens} – {closes}",
    },
    "window.status.before": {"fr": "pas encore ouverte", "en": "not open yet"},
    "window.status.open": {"fr": "ouverte", "en": "open"},
    "window.status.ideal": {"fr": "jour idéal", "en": "ideal day"},
    "window.status.closed": {"fr": "fermée", "en": "closed"},
    "pending.screen": {
        "fr": "Cet écran est en lecture seule pour l'instant.",
        "en": "This screen is read-only for now.",
    },
    # --- domain words -----------------------------------------------------
    "role.assignment": {"fr": "affectateur·trice", "en": "assignment editor"},
    "role.desk": {"fr": "chef de pupitre", "en": "desk chief"},
    "role.researcher": {"fr": "recherchiste", "en": "researcher"},
    "role.journalist": {"fr": "journaliste", "en": "journalist"},
    "role.producer": {"fr": "réalisateur·trice", "en": "producer"},
    "role.newsroom": {"fr": "salle de nouvelles", "en": "newsroom"},
    "kind.radio": {"fr": "radio", "en": "radio"},
    "kind.tv": {"fr": "télé", "en": "TV"},
    "kind.print": {"fr": "presse écrite", "en": "print"},
    "kind.web": {"fr": "web", "en": "web"},
    "kind.wire": {"fr": "agence de presse", "en": "wire service"},
    "kind.community": {"fr": "communautaire", "en": "community"},
    "kind.campus": {"fr": "universitaire", "en": "campus"},
    "eventkind.event": {"fr": "événement", "en": "event"},
    "eventkind.press_conference": {"fr": "conférence de presse", "en": "press conference"},
    "outcome.confirmed": {"fr": "présence confirmée", "en": "confirmed"},
    "outcome.interested": {"fr": "intéressé, à confirmer", "en": "interested, to confirm"},
    "outcome.resend": {"fr": "renvoyer le communiqué", "en": "resend the release"},
    "outcome.voicemail": {"fr": "message laissé", "en": "voicemail left"},
    "outcome.no_answer": {"fr": "pas de réponse, occupé", "en": "no answer, busy"},
    "outcome.callback": {"fr": "rappeler à…", "en": "call back at…"},
    "outcome.declined": {"fr": "pas intéressé", "en": "declined"},
    "outcome.wrong_number": {
        "fr": "mauvais numéro, n'est plus là",
        "en": "wrong number, contact left",
    },
    "outcome.do_not_call": {"fr": "ne plus appeler", "en": "do not call"},
    "outcome.skipped": {"fr": "passé", "en": "skipped"},
    "outcome.undo": {"fr": "annulé", "en": "undone"},
    # --- screens (read-only views of the foundation) -----------------------
    "lists.outlets": {"fr": "Médias ({count})", "en": "Outlets ({count})"},
    "lists.contacts": {"fr": "Contacts ({count})", "en": "Contacts ({count})"},
    "col.outlet": {"fr": "Média", "en": "Outlet"},
    "col.kind": {"fr": "Type", "en": "Kind"},
    "col.language": {"fr": "Langue", "en": "Language"},
    "col.warmth": {"fr": "Sympathie", "en": "Warmth"},
    "col.phone": {"fr": "Téléphone", "en": "Phone"},
    "col.name": {"fr": "Nom", "en": "Name"},
    "col.role": {"fr": "Rôle", "en": "Role"},
    "col.show": {"fr": "Émission", "en": "Show"},
    "col.email": {"fr": "Courriel", "en": "Email"},
    "col.position": {"fr": "#", "en": "#"},
    "col.state": {"fr": "État", "en": "State"},
    "col.outcome": {"fr": "Résultat", "en": "Outcome"},
    "col.count": {"fr": "Nombre", "en": "Count"},
    "script.event": {"fr": "Événement", "en": "Event"},
    "script.talking_points": {"fr": "Lignes de communication", "en": "Talking points"},
    "script.email_subject": {"fr": "Objet du courriel", "en": "Email subject"},
    "script.email_body": {"fr": "Courriel de relance", "en": "Reminder email"},
    "script.press_release": {"fr": "Communiqué", "en": "Press release"},
    "event.kind": {"fr": "Type : {kind}", "en": "Kind: {kind}"},
    "event.when": {"fr": "Date : {when}", "en": "When: {when}"},
    "event.venue": {"fr": "Lieu : {venue}, {address}", "en": "Venue: {venue}, {address}"},
    "event.spokespeople": {"fr": "Porte-parole : {names}", "en": "Spokespeople: {names}"},
    "event.visuals": {"fr": "Visuels : {visuals}", "en": "Visuals: {visuals}"},
    "rehearsal.takes": {"fr": "Prises enregistrées : {count}", "en": "Takes recorded: {count}"},
    "calls.list": {"fr": "Liste d'appels ({count})", "en": "Call list ({count})"},
    "state.new": {"fr": "jamais appelé", "en": "never called"},
    "report.by_outcome": {"fr": "Résultats des appels", "en": "Call outcomes"},
    "report.none": {"fr": "Aucun appel enregistré.", "en": "No call recorded yet."},
    "warmth.0": {"fr": "froid", "en": "cold"},
    "warmth.1": {"fr": "neutre", "en": "neutral"},
    "warmth.2": {"fr": "sympathique", "en": "friendly"},
    "warmth.3": {"fr": "très sympathique", "en": "very friendly"},
}
