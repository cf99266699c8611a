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


def detect_language(explicit: str | None = None, stored: str | None = None) -> str:
    """`--lang`, then `RELANCE_LANG`, then the language saved in the settings, then
    `LANG`; French when none says otherwise."""
    for candidate in (explicit, os.environ.get("RELANCE_LANG"), stored, os.environ.get("LANG")):
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
        "fr": "Dernière sauvegarde : {backup}. Pour restaurer (sans perdre d'appel) : "
        "relance check --restore --db {path} — si vous avez modifié le fichier vous-même : "
        "relance check --accept --db {path}",
        "en": "Last backup: {backup}. To restore it (losing no call): relance check --restore "
        "--db {path} — if you changed the file yourself: relance check --accept --db {path}",
    },
    "cli.check.not_tinydb": {
        "fr": "Le fichier {path} ne se lit plus tel quel avec TinyDB : "
        "relance check --accept le réécrit dans le bon format.",
        "en": "The file {path} no longer reads as is with TinyDB: "
        "relance check --accept writes it again in the right format.",
    },
    "keymap.unreadable": {
        "fr": "Raccourcis non appliqués : le fichier {path} est illisible ({detail}).",
        "en": "Keys not remapped: the file {path} cannot be read ({detail}).",
    },
    "keymap.not_table": {
        "fr": "Raccourcis non appliqués : dans {path}, [keymap] doit être une table.",
        "en": "Keys not remapped: in {path}, [keymap] must be a table.",
    },
    "keymap.unknown_id": {
        "fr": "Raccourci ignoré : aucune action ne s'appelle « {binding_id} ».",
        "en": 'Key ignored: no action is called "{binding_id}".',
    },
    "keymap.bad_key": {
        "fr": "Raccourci ignoré pour « {binding_id} » : « {keys} » n'est pas une touche.",
        "en": 'Key ignored for "{binding_id}": "{keys}" is not a key.',
    },
    "keymap.clash": {
        "fr": "Raccourci « {binding_id} » : la touche {key} sert déjà à autre chose ici.",
        "en": 'Key for "{binding_id}": {key} is already used for something else here.',
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
    "store.detail.checksum": {
        "fr": "le contenu ne correspond plus à son sceau : fichier endommagé ou modifié hors de "
        "relance",
        "en": "the content no longer matches its seal: the file was damaged or changed outside "
        "relance",
    },
    "store.detail.encoding": {"fr": "pas du texte UTF-8", "en": "not UTF-8 text"},
    "demo.exists": {
        "fr": "{path} existe déjà ; relance demo --db n'écrase jamais un fichier. "
        "Pour le rouvrir : relance --db {path}",
        "en": "{path} already exists; relance demo --db never overwrites a file. "
        "To reopen it: relance --db {path}",
    },
    "time.unparsed": {
        "fr": "« {text} » n'est pas une heure reconnue. Exemples : 14h, 14 h 30, demain 9h, "
        "jeudi 10:00, +2h, dans 45 min.",
        "en": "“{text}” is not a time relance understands. Examples: 2:30 pm, tomorrow 9am, "
        "thursday 10am, +2h, in 45 min.",
    },
    "time.past": {
        "fr": "« {text} » est déjà passé. Donnez une heure à venir.",
        "en": "“{text}” has already passed. Give a time to come.",
    },
    "template.problem": {
        "fr": "{detail}, ligne {line}",
        "en": "{detail}, line {line}",
    },
    "template.unknown_attr": {
        "fr": "variable inconnue : {name}",
        "en": "unknown variable: {name}",
    },
    "template.unknown_name": {
        "fr": "variable inconnue : {name}",
        "en": "unknown variable: {name}",
    },
    "template.unsafe": {
        "fr": "opération interdite dans un modèle",
        "en": "operation not allowed in a template",
    },
    "template.too_slow": {
        "fr": "le modèle a pris plus de {seconds} s et a été arrêté (boucle trop longue ?)",
        "en": "the template took more than {seconds} s and was stopped (a loop too long?)",
    },
    "template.too_big": {
        "fr": "le modèle produit un texte trop long",
        "en": "the template output is too long",
    },
    "template.syntax": {"fr": "erreur de syntaxe ({detail})", "en": "syntax error ({detail})"},
    "calls.callback_time_needed": {
        "fr": "Un rappel demande une heure à venir.",
        "en": "A callback needs a time to come.",
    },
    "warn.window_before": {
        "fr": "La fenêtre de relance n'est pas encore ouverte : c'est tôt pour appeler.",
        "en": "The follow-up window is not open yet: it is early to call.",
    },
    "warn.window_closed": {
        "fr": "La fenêtre de relance est fermée : l'événement est imminent ou passé.",
        "en": "The follow-up window has closed: the event is imminent or over.",
    },
    "warn.newsroom_hours": {
        "fr": "Hors des heures de salle de nouvelles (9 h – 14 h est le mieux).",
        "en": "Outside newsroom hours (9 AM – 2 PM is best).",
    },
    "warn.air_time": {
        "fr": "L'émission est en ondes à {at} : évitez d'appeler dans la demi-heure avant.",
        "en": "The show goes on air at {at}: avoid calling in the half hour before.",
    },
    "copy.clipboard": {"fr": "copié dans le presse-papiers", "en": "copied to the clipboard"},
    "copy.osc52": {
        "fr": "envoyé au terminal (OSC 52), non vérifiable",
        "en": "sent to the terminal (OSC 52), cannot be checked",
    },
    "copy.file": {
        "fr": "aucun presse-papiers : sélectionnez le texte ci-dessous",
        "en": "no clipboard: select the text below",
    },
    "copy.saved": {"fr": "{how} ; enregistré dans {path}", "en": "{how}; saved to {path}"},
    "key.cancel": {"fr": "Annuler", "en": "Cancel"},
    "dialog.close_hint": {
        "fr": "Échap pour fermer. Sélectionnez le texte à la souris ou avec Maj+flèches.",
        "en": "Esc to close. Select the text with the mouse or Shift+arrows.",
    },
    "dialog.note.title": {"fr": "Note sur cet appel", "en": "Note on this call"},
    "dialog.note.hint": {
        "fr": "Entrée : garder la note (enregistrée avec le résultat). Échap : annuler.",
        "en": "Enter: keep the note (saved with the outcome). Esc: cancel.",
    },
    "dialog.callback.title": {"fr": "Rappeler à quelle heure ?", "en": "Call back when?"},
    "dialog.callback.placeholder": {
        "fr": "14h, 14 h 30, demain 9h, jeudi 10:00, +2h, dans 45 min",
        "en": "2:30 pm, tomorrow 9am, thursday 10am, +2h, in 45 min",
    },
    "dialog.callback.echo": {"fr": "Rappel : {when}", "en": "Callback: {when}"},
    "dialog.callback.hint": {
        "fr": "Entrée : enregistrer le rappel. Échap : annuler, rien n'est enregistré.",
        "en": "Enter: save the callback. Esc: cancel, nothing is saved.",
    },
    "key.confirmed": {"fr": "confirmé", "en": "confirmed"},
    "key.interested": {"fr": "intéressé", "en": "interested"},
    "key.resend": {"fr": "renvoyer", "en": "resend"},
    "key.voicemail": {"fr": "message", "en": "voicemail"},
    "key.no_answer": {"fr": "sans réponse", "en": "no answer"},
    "key.callback": {"fr": "rappeler à…", "en": "call back…"},
    "key.declined": {"fr": "refus", "en": "declined"},
    "key.wrong_number": {"fr": "mauvais no", "en": "wrong no."},
    "key.do_not_call": {"fr": "ne plus appeler", "en": "do not call"},
    "key.skip": {"fr": "passer", "en": "skip"},
    "key.undo": {"fr": "annuler", "en": "undo"},
    "key.copy_email": {"fr": "courriel", "en": "email"},
    "key.note": {"fr": "note", "en": "note"},
    "key.dial": {"fr": "composer", "en": "dial"},
    "calls.talking_points": {"fr": "Quoi dire", "en": "What to say"},
    "calls.history": {"fr": "Appels précédents", "en": "Previous calls"},
    "calls.callbacks": {"fr": "Rappels", "en": "Callbacks"},
    "calls.later": {"fr": "Plus tard", "en": "Later"},
    "calls.none": {"fr": "aucun", "en": "none"},
    "calls.empty": {
        "fr": "Personne à appeler pour l'instant. Voyez « Plus tard » à droite.",
        "en": "Nobody to call right now. See “Later” on the right.",
    },
    "calls.extension": {"fr": "poste {ext}", "en": "ext. {ext}"},
    "calls.no_email": {"fr": "pas de courriel", "en": "no email"},
    "calls.flag.do_not_call": {"fr": "⛔ ne plus appeler", "en": "⛔ do not call"},
    "calls.flag.to_fix": {"fr": "⚠ coordonnées à corriger", "en": "⚠ details to fix"},
    "calls.attempts": {"fr": "appels : {count}", "en": "calls: {count}"},
    "calls.pending_note": {"fr": "Note : {note}", "en": "Note: {note}"},
    "calls.never_called": {"fr": "Jamais appelé.", "en": "Never called."},
    "calls.template_problem": {
        "fr": "Les lignes de communication ne s'affichent pas : {problem}. "
        "Corrigez-les dans Script.",
        "en": "The talking points cannot be shown: {problem}. Fix them in Script.",
    },
    "calls.progress": {
        "fr": "Appelés : {called} / {total}\nConfirmés : {confirmed}\nÀ faire : {left}"
        "\nPlus tard : {later}",
        "en": "Called: {called} / {total}\nConfirmed: {confirmed}\nLeft: {left}\nLater: {later}",
    },
    "calls.timer": {"fr": "Appel : {time}", "en": "Call: {time}"},
    "calls.recorded": {
        "fr": "Enregistré : {outcome} — {who}. (u pour annuler)",
        "en": "Saved: {outcome} — {who}. (u to undo)",
    },
    "calls.skipped": {
        "fr": "Passé : {who}, remis en fin de file.",
        "en": "Skipped: {who}, sent to the end.",
    },
    "calls.undone": {
        "fr": "Annulé : {outcome}. Retour à {who}.",
        "en": "Undone: {outcome}. Back to {who}.",
    },
    "calls.nothing_to_undo": {"fr": "Rien à annuler.", "en": "Nothing to undo."},
    "calls.email_title": {"fr": "Courriel de relance", "en": "Reminder email"},
    "calls.email_to": {"fr": "À : {to}", "en": "To: {to}"},
    "calls.email_subject": {"fr": "Objet : {subject}", "en": "Subject: {subject}"},
    "calls.dialed": {"fr": "Composition lancée : {number}", "en": "Dialling: {number}"},
    "calls.dial_failed": {
        "fr": "La commande de composition a échoué : {problem}",
        "en": "The dial command failed: {problem}",
    },
    "calls.dial_bad_number": {
        "fr": "Numéro impossible à composer : {phone}",
        "en": "Cannot dial this number: {phone}",
    },
    "event.invalid": {
        "fr": "L'événement n'est pas enregistré : {count} champ(s) à corriger.",
        "en": "The event was not saved: {count} field(s) to fix.",
    },
    "event.error.title_missing": {
        "fr": "Le titre est obligatoire.",
        "en": "The title is required.",
    },
    "event.error.too_long": {
        "fr": "Trop long ({limit} caractères au plus).",
        "en": "Too long ({limit} characters at most).",
    },
    "event.error.kind": {"fr": "Type d'événement inconnu.", "en": "Unknown kind of event."},
    "event.error.language": {"fr": "Langue inconnue.", "en": "Unknown language."},
    "event.error.start_missing": {
        "fr": "La date et l'heure sont obligatoires (ex. : samedi 10 h 30, 2026-11-28 10:30).",
        "en": "The date and time are required (e.g. saturday 10:30am, 2026-11-28 10:30).",
    },
    "event.copy_title": {"fr": "{title} (copie)", "en": "{title} (copy)"},
    "settings.invalid": {
        "fr": "Paramètres non enregistrés : {count} champ(s) à corriger.",
        "en": "Settings not saved: {count} field(s) to fix.",
    },
    "settings.error.phone": {
        "fr": "Numéro de téléphone invalide (ex. : 514 555-0199).",
        "en": "Invalid phone number (e.g. 514-555-0199).",
    },
    "settings.error.dial": {
        "fr": "Commande illisible (guillemets non fermés ?).",
        "en": "Unreadable command (unclosed quotes?).",
    },
    "settings.error.number": {
        "fr": "Un nombre entier entre {low} et {high}.",
        "en": "A whole number between {low} and {high}.",
    },
    "form.fix_fields": {
        "fr": "Rien n'est enregistré : {count} champ(s) à corriger.",
        "en": "Nothing was saved: {count} field(s) to fix.",
    },
    "form.save": {"fr": "Enregistrer (ctrl+s)", "en": "Save (ctrl+s)"},
    "form.cancel": {"fr": "Annuler (Échap)", "en": "Cancel (Esc)"},
    "form.event.new": {"fr": "Nouvel événement", "en": "New event"},
    "form.event.edit": {"fr": "Modifier l'événement", "en": "Edit the event"},
    "form.settings": {"fr": "Paramètres", "en": "Settings"},
    "form.events": {"fr": "Événements", "en": "Events"},
    "form.events.hint": {
        "fr": "Entrée : choisir · n : nouveau · e : modifier · d : dupliquer · "
        "a : archiver/désarchiver · Échap : fermer",
        "en": "Enter: choose · n: new · e: edit · d: duplicate · a: archive/unarchive · Esc: close",
    },
    "field.title": {"fr": "Titre", "en": "Title"},
    "field.kind": {"fr": "Type", "en": "Kind"},
    "field.start": {"fr": "Date et heure", "en": "Date and time"},
    "field.start.placeholder": {
        "fr": "samedi 10 h 30, 2026-11-28 10:30, 28 novembre 10h30",
        "en": "saturday 10:30am, 2026-11-28 10:30, November 28 10:30am",
    },
    "field.venue": {"fr": "Lieu", "en": "Venue"},
    "field.address": {"fr": "Adresse", "en": "Address"},
    "field.spokespeople": {
        "fr": "Porte-parole disponibles pour des entrevues",
        "en": "Spokespeople available for interviews",
    },
    "field.spokespeople.placeholder": {
        "fr": "séparés par des points-virgules",
        "en": "separated by semicolons",
    },
    "field.visuals": {"fr": "Visuels (photo, images)", "en": "Visuals (photo op)"},
    "field.language": {"fr": "Langue de l'événement", "en": "Language of the event"},
    "field.press_release": {"fr": "Communiqué", "en": "Press release"},
    "field.caller_name": {"fr": "Votre nom", "en": "Your name"},
    "field.organisation": {"fr": "Organisme", "en": "Organisation"},
    "field.caller_phone": {"fr": "Votre téléphone", "en": "Your phone"},
    "field.ui_language": {
        "fr": "Langue de l'interface (au prochain démarrage)",
        "en": "Interface language (at next start)",
    },
    "field.retry_voicemail_min": {
        "fr": "Rappeler après un message laissé (minutes)",
        "en": "Call again after a voicemail (minutes)",
    },
    "field.retry_no_answer_min": {
        "fr": "Rappeler après une absence de réponse (minutes)",
        "en": "Call again after no answer (minutes)",
    },
    "field.retry_resend_min": {
        "fr": "Rappeler après un renvoi du communiqué (minutes)",
        "en": "Call again after resending the release (minutes)",
    },
    "field.attempts_cap": {
        "fr": "Nombre maximal de tentatives sans réponse",
        "en": "Most attempts without an answer",
    },
    "field.dial_command": {"fr": "Commande de composition", "en": "Dial command"},
    "field.dial_command.help": {
        "fr": "Lancée par la touche p dans Appels, avec le numéro à la place de {number} "
        "(sinon ajouté en tel:+1…). Laissez vide pour ne pas l'offrir.",
        "en": "Run by the p key in Calls, with the number in place of {number} "
        "(otherwise added as tel:+1…). Leave empty not to offer it.",
    },
    "language.fr": {"fr": "français", "en": "French"},
    "language.en": {"fr": "anglais", "en": "English"},
    "language.both": {"fr": "les deux", "en": "both"},
    "key.save": {"fr": "enregistrer", "en": "save"},
    "key.yes": {"fr": "oui", "en": "yes"},
    "key.no": {"fr": "non", "en": "no"},
    "confirm.yes": {"fr": "Oui", "en": "Yes"},
    "confirm.no": {"fr": "Non", "en": "No"},
    "key.choose": {"fr": "choisir", "en": "choose"},
    "key.new": {"fr": "nouveau", "en": "new"},
    "key.edit": {"fr": "modifier", "en": "edit"},
    "key.duplicate": {"fr": "dupliquer", "en": "duplicate"},
    "key.archive": {"fr": "archiver", "en": "archive"},
    "col.event": {"fr": "Événement", "en": "Event"},
    "col.when": {"fr": "Quand", "en": "When"},
    "event.archived": {"fr": "archivé", "en": "archived"},
    "key.leave_editor": {"fr": "sortir", "en": "leave"},
    "key.variables": {"fr": "variables", "en": "variables"},
    "key.edit_event": {"fr": "modifier l'événement", "en": "edit the event"},
    "key.events": {"fr": "événements", "en": "events"},
    "key.new_event": {"fr": "nouvel événement", "en": "new event"},
    "key.reset_templates": {"fr": "modèles par défaut", "en": "default templates"},
    "key.settings": {"fr": "paramètres", "en": "settings"},
    "script.preview_for": {"fr": "Aperçu pour…", "en": "Preview for…"},
    "script.no_event": {
        "fr": "Aucun événement : ctrl+n pour en créer un.",
        "en": "No event: ctrl+n to create one.",
    },
    "script.saved": {"fr": "Modèles enregistrés.", "en": "Templates saved."},
    "script.event_created": {"fr": "Événement créé : {title}", "en": "Event created: {title}"},
    "script.event_saved": {"fr": "Événement enregistré : {title}", "en": "Event saved: {title}"},
    "script.reset_done": {
        "fr": "Modèles remis par défaut.",
        "en": "Templates set back to the defaults.",
    },
    "script.reset_question": {
        "fr": "Remplacer les trois modèles par ceux par défaut ({language}) ? "
        "Votre texte actuel sera perdu.",
        "en": "Replace the three templates with the defaults ({language})? "
        "Your current text will be lost.",
    },
    "script.length": {
        "fr": "{words} mots · ≈ {seconds} s à {wpm} mots/min ({pace}) · cible {target} s",
        "en": "{words} words · ≈ {seconds} s at {wpm} wpm ({pace}) · target {target} s",
    },
    "script.pace.default": {"fr": "rythme par défaut", "en": "default pace"},
    "script.pace.measured": {"fr": "votre rythme", "en": "your pace"},
    "script.words_over": {
        "fr": "{count} mots de trop",
        "en": "{count} words too many",
    },
    "script.variables.short": {
        "fr": "Tab : écrire · Échap : sortir · F1 : variables ({{ contact.first_name }}, "
        "{{ event.when }}…)",
        "en": "Tab: write · Esc: leave · F1: variables ({{ contact.first_name }}, "
        "{{ event.when }}…)",
    },
    "script.variables.title": {"fr": "Variables des modèles", "en": "Template variables"},
    "script.variables.list": {
        "fr": "contact.name          nom complet du contact\n"
        "contact.first_name    prénom (vide pour une salle de nouvelles)\n"
        "contact.role          rôle en mots (recherchiste, affectateur·trice…)\n"
        "contact.phone         téléphone et poste\n"
        "contact.email         courriel\n"
        "outlet.name           nom du média\n"
        "outlet.kind           type de média (radio, télé…)\n"
        "show.name             émission (show est vide s'il n'y en a pas :\n"
        "                      {% if show %}{{ show.name }}{% endif %})\n"
        "show.air_time         heures de diffusion\n"
        "event.title           titre de l'événement\n"
        "event.when            date et heure en mots (jeudi 26 novembre, 14 h 30)\n"
        "event.date            la date seule · event.time : l'heure seule\n"
        "event.venue           lieu · event.address : adresse\n"
        "event.spokespeople    porte-parole, « A, B et C »\n"
        "event.visuals         visuels\n"
        "event.press_release   le communiqué\n"
        "caller.name           votre nom · caller.organisation · caller.phone\n\n"
        "Filtres de date (sur event.start) : date_fr, heure_fr, quand_fr, date_en, time_en, "
        "when_en — ex. {{ event.start | date_en }}\n"
        "Syntaxe Jinja2 : {{ variable }}, {% if … %}…{% endif %}. "
        "Une variable inconnue est signalée avec sa ligne.",
        "en": "contact.name          the contact's full name\n"
        "contact.first_name    first name (empty for a newsroom line)\n"
        "contact.role          role in words (researcher, assignment editor…)\n"
        "contact.phone         phone and extension\n"
        "contact.email         email\n"
        "outlet.name           the outlet's name\n"
        "outlet.kind           kind of outlet (radio, TV…)\n"
        "show.name             the show (show is empty when there is none:\n"
        "                      {% if show %}{{ show.name }}{% endif %})\n"
        "show.air_time         air time\n"
        "event.title           the event's title\n"
        "event.when            date and time in words (Thursday, November 26, 2:30 PM)\n"
        "event.date            the date alone · event.time: the time alone\n"
        "event.venue           venue · event.address: address\n"
        "event.spokespeople    spokespeople, “A, B and C”\n"
        "event.visuals         visuals\n"
        "event.press_release   the press release\n"
        "caller.name           your name · caller.organisation · caller.phone\n\n"
        "Date filters (on event.start): date_fr, heure_fr, quand_fr, date_en, time_en, "
        "when_en — e.g. {{ event.start | date_fr }}\n"
        "Jinja2 syntax: {{ variable }}, {% if … %}…{% endif %}. "
        "An unknown variable is reported with its line.",
    },
    "settings.saved": {"fr": "Paramètres enregistrés.", "en": "Settings saved."},
    "settings.language_next_start": {
        "fr": "La langue changera au prochain démarrage.",
        "en": "The language will change at the next start.",
    },
    "settings.help": {
        "fr": "Votre nom, organisme, téléphone, langue, délais de rappel, composition",
        "en": "Your name, organisation, phone, language, retry delays, dialling",
    },
    "phone.invalid": {
        "fr": "« {phone} » n'est pas un numéro de téléphone valide.",
        "en": "“{phone}” is not a valid phone number.",
    },
    "media.invalid": {
        "fr": "Rien n'est enregistré : {count} champ(s) à corriger.",
        "en": "Nothing was saved: {count} field(s) to fix.",
    },
    "media.not_allowed": {"fr": "Opération refusée.", "en": "Not allowed."},
    "media.error.name_missing": {"fr": "Le nom est obligatoire.", "en": "The name is required."},
    "media.error.outlet_missing": {"fr": "Choisissez le média.", "en": "Choose the outlet."},
    "media.error.role": {"fr": "Rôle inconnu.", "en": "Unknown role."},
    "media.error.email": {
        "fr": "« {email} » n'a pas la forme d'un courriel (nom@domaine.ca).",
        "en": "“{email}” does not look like an email (name@domain.com).",
    },
    "media.error.extension_without_phone": {
        "fr": "Un poste sans numéro de téléphone.",
        "en": "An extension without a phone number.",
    },
    "media.refused.do_not_call": {
        "fr": "{name} est marqué « ne plus appeler » : "
        "impossible de l'ajouter à la liste d'appels.",
        "en": "{name} is marked “do not call”: it cannot be added to the call list.",
    },
    "media.refused.has_calls": {
        "fr": "Des appels sont déjà enregistrés pour cette cible : elle reste dans la liste.",
        "en": "Calls are already on record for this target: it stays in the list.",
    },
    "import.bad_file": {"fr": "Fichier illisible.", "en": "Unreadable file."},
    "import.bad_encoding": {
        "fr": "Le fichier n'est pas du texte lisible (ni UTF-8, ni Windows-1252, ni Mac Roman). "
        "Rien n'a été importé.",
        "en": "The file is not readable text (not UTF-8, Windows-1252 or Mac Roman). "
        "Nothing was imported.",
    },
    "import.bad_csv": {
        "fr": "CSV illisible : {detail}. Rien n'a été importé.",
        "en": "Unreadable CSV: {detail}. Nothing was imported.",
    },
    "import.empty": {"fr": "Le fichier est vide.", "en": "The file is empty."},
    "import.too_big": {
        "fr": "Fichier trop gros ({size} Mo) pour une liste de médias.",
        "en": "File too big ({size} MB) for a media list.",
    },
    "import.unreadable": {
        "fr": "Impossible de lire le fichier : {detail}",
        "en": "Cannot read the file: {detail}",
    },
    "import.no_columns": {
        "fr": "Aucune colonne de nom et de téléphone ou de courriel reconnue "
        "(colonnes : {columns}). "
        'Indiquez-les avec --map "Colonne=champ". Rien n\'a été importé.',
        "en": "No name and phone or email column recognised (columns: {columns}). "
        'Name them with --map "Column=field". Nothing was imported.',
    },
    "import.map_unknown_column": {
        "fr": "--map : aucune colonne « {column} » dans le fichier.",
        "en": "--map: no column “{column}” in the file.",
    },
    "import.map_unknown_field": {
        "fr": "--map : champ inconnu « {field} ».",
        "en": "--map: unknown field “{field}”.",
    },
    "import.row.no_name": {"fr": "ni nom ni média", "en": "no name and no outlet"},
    "import.row.no_outlet": {
        "fr": "{name} : aucun média (organisme) indiqué",
        "en": "{name}: no outlet (organisation) given",
    },
    "import.row.duplicate": {
        "fr": "doublon de {name}, fusionné",
        "en": "duplicate of {name}, merged",
    },
    "import.row.problem": {"fr": "ligne {row} : {reason}", "en": "row {row}: {reason}"},
    "import.other_phones": {"fr": "Autres numéros : {phones}", "en": "Other numbers: {phones}"},
    "import.other_emails": {
        "fr": "Autres courriels : {emails}",
        "en": "Other emails: {emails}",
    },
    "import.title_kept": {"fr": "Titre : {title}", "en": "Title: {title}"},
    "import.summary": {
        "fr": "{source} ({format}, {encoding}) : {rows} lignes, {outlets} nouveaux médias, "
        "{contacts} nouveaux contacts, {merged} doublons fusionnés.",
        "en": "{source} ({format}, {encoding}): {rows} rows, {outlets} new outlets, "
        "{contacts} new contacts, {merged} duplicates merged.",
    },
    "export.col.position": {"fr": "Position", "en": "Position"},
    "export.col.outlet": {"fr": "Média", "en": "Outlet"},
    "export.col.kind": {"fr": "Type", "en": "Kind"},
    "export.col.language": {"fr": "Langue", "en": "Language"},
    "export.col.region": {"fr": "Région", "en": "Region"},
    "export.col.warmth": {"fr": "Sympathie", "en": "Warmth"},
    "export.col.tags": {"fr": "Étiquettes", "en": "Tags"},
    "export.col.name": {"fr": "Nom", "en": "Name"},
    "export.col.role": {"fr": "Rôle", "en": "Role"},
    "export.col.show": {"fr": "Émission", "en": "Show"},
    "export.col.phone": {"fr": "Téléphone", "en": "Phone"},
    "export.col.extension": {"fr": "Poste", "en": "Extension"},
    "export.col.email": {"fr": "Courriel", "en": "Email"},
    "export.col.notes": {"fr": "Notes", "en": "Notes"},
    "export.col.do_not_call": {"fr": "Ne plus appeler", "en": "Do not call"},
    "export.col.outcome": {"fr": "Résultat", "en": "Outcome"},
    "export.col.attempts": {"fr": "Tentatives", "en": "Attempts"},
    "export.col.last_call": {"fr": "Dernier appel", "en": "Last call"},
    "export.col.callback": {"fr": "Rappel", "en": "Callback"},
    "export.col.call_notes": {"fr": "Notes d'appel", "en": "Call notes"},
    "import.field.outlet": {"fr": "média", "en": "outlet"},
    "import.field.name": {"fr": "nom", "en": "name"},
    "import.field.first_name": {"fr": "prénom", "en": "first name"},
    "import.field.last_name": {"fr": "nom de famille", "en": "last name"},
    "import.field.role": {"fr": "rôle", "en": "role"},
    "import.field.phone": {"fr": "téléphone", "en": "phone"},
    "import.field.extension": {"fr": "poste", "en": "extension"},
    "import.field.email": {"fr": "courriel", "en": "email"},
    "import.field.show": {"fr": "émission", "en": "show"},
    "import.field.notes": {"fr": "notes", "en": "notes"},
    "import.field.kind": {"fr": "type", "en": "kind"},
    "import.field.language": {"fr": "langue", "en": "language"},
    "import.field.region": {"fr": "région", "en": "region"},
    "import.field.tags": {"fr": "étiquettes", "en": "tags"},
    "import.field.warmth": {"fr": "sympathie", "en": "warmth"},
    "import.field.do_not_call": {"fr": "ne plus appeler", "en": "do not call"},
    "import.field.name_from_n": {"fr": "nom (N)", "en": "name (N)"},
    "import.field.role_extra": {"fr": "rôle (ROLE)", "en": "role (ROLE)"},
    "key.search": {"fr": "chercher", "en": "search"},
    "key.toggle": {"fr": "liste d'appels", "en": "call list"},
    "key.filters": {"fr": "filtres", "en": "filters"},
    "key.only_call_list": {"fr": "voir la liste", "en": "see the list"},
    "key.new_contact": {"fr": "+contact", "en": "+contact"},
    "key.new_outlet": {"fr": "+média", "en": "+outlet"},
    "key.new_show": {"fr": "+émission", "en": "+show"},
    "key.delete": {"fr": "supprimer", "en": "delete"},
    "key.add_filtered": {"fr": "tout ajouter", "en": "add all"},
    "key.friendliest_first": {"fr": "sympas d'abord", "en": "friendly first"},
    "key.move_up": {"fr": "monter", "en": "move up"},
    "key.move_down": {"fr": "descendre", "en": "move down"},
    "key.import": {"fr": "importer", "en": "import"},
    "key.export": {"fr": "exporter", "en": "export"},
    "col.in_list": {"fr": "✓", "en": "✓"},
    "lists.search_placeholder": {
        "fr": "Chercher (/) : nom, média, émission, étiquette, note — sans égard aux accents",
        "en": "Search (/): name, outlet, show, tag, note — accents ignored",
    },
    "lists.shown": {
        "fr": "{shown} affichés sur {found} trouvés ({total} au total)",
        "en": "{shown} shown of {found} found ({total} in all)",
    },
    "lists.call_list": {
        "fr": "Liste d'appels : {count} · {kinds} · {roles}",
        "en": "Call list: {count} · {kinds} · {roles}",
    },
    "lists.filtered": {"fr": "Filtres actifs (f pour changer)", "en": "Filters on (f to change)"},
    "lists.only_call_list": {
        "fr": "Liste d'appels seulement, dans l'ordre ([ et ] pour déplacer ; l pour tout voir)",
        "en": "Call list only, in order ([ and ] to move; l to see all)",
    },
    "lists.no_event": {
        "fr": "Aucun événement choisi : créez-en un dans Script (ctrl+n).",
        "en": "No event chosen: create one in Script (ctrl+n).",
    },
    "lists.added": {
        "fr": "Ajouté à la liste d'appels : {name}",
        "en": "Added to the call list: {name}",
    },
    "lists.removed": {
        "fr": "Retiré de la liste d'appels : {name}",
        "en": "Removed from the call list: {name}",
    },
    "lists.bulk_added": {
        "fr": "{added} ajoutés à la liste d'appels ; {refused} refusés (ne plus appeler).",
        "en": "{added} added to the call list; {refused} refused (do not call).",
    },
    "lists.sorted": {
        "fr": "Liste d'appels triée : les plus sympathiques d'abord.",
        "en": "Call list sorted: friendliest first.",
    },
    "lists.need_outlet": {"fr": "Créez d'abord un média (m).", "en": "Create an outlet first (m)."},
    "lists.saved": {"fr": "Enregistré : {name}", "en": "Saved: {name}"},
    "lists.deleted": {"fr": "Supprimé : {name}", "en": "Deleted: {name}"},
    "lists.delete_contact": {"fr": "Supprimer {name} ?", "en": "Delete {name}?"},
    "lists.delete_outlet": {
        "fr": "Supprimer le média {name}, ses émissions et ses contacts ?",
        "en": "Delete the outlet {name}, its shows and its contacts?",
    },
    "lists.delete_history": {
        "fr": "Des appels sont enregistrés : la fiche sera masquée, l'historique restera lisible.",
        "en": "Calls are on record: the record will be hidden, the history stays readable.",
    },
    "form.contact.new": {"fr": "Nouveau contact", "en": "New contact"},
    "form.contact.edit": {"fr": "Modifier le contact", "en": "Edit the contact"},
    "form.outlet.new": {"fr": "Nouveau média", "en": "New outlet"},
    "form.outlet.edit": {"fr": "Modifier le média", "en": "Edit the outlet"},
    "form.show.new": {"fr": "Nouvelle émission de {outlet}", "en": "New show of {outlet}"},
    "field.extension": {"fr": "Poste", "en": "Extension"},
    "field.pronunciation": {"fr": "Prononciation", "en": "Pronunciation"},
    "field.notes": {"fr": "Notes", "en": "Notes"},
    "field.do_not_call": {"fr": "Ne plus appeler", "en": "Do not call"},
    "field.region": {"fr": "Région", "en": "Region"},
    "field.newsroom_phone": {"fr": "Téléphone de la salle de nouvelles", "en": "Newsroom phone"},
    "field.newsroom_email": {"fr": "Courriel de la salle de nouvelles", "en": "Newsroom email"},
    "field.website": {"fr": "Site web", "en": "Website"},
    "field.tags": {"fr": "Étiquettes (séparées par des virgules)", "en": "Tags (comma-separated)"},
    "field.air_time": {
        "fr": "Heures de diffusion (ex. : lun.-ven. 15:00-18:00)",
        "en": "Air time (e.g. Mon-Fri 15:00-18:00)",
    },
    "filters.title": {"fr": "Filtres", "en": "Filters"},
    "filters.all": {"fr": "tous", "en": "all"},
    "filters.kind": {"fr": "Type de média", "en": "Kind of outlet"},
    "filters.region": {"fr": "Région", "en": "Region"},
    "filters.language": {"fr": "Langue", "en": "Language"},
    "filters.tag": {"fr": "Étiquette", "en": "Tag"},
    "filters.min_warmth": {"fr": "Sympathie au moins", "en": "Warmth at least"},
    "filters.role": {"fr": "Rôle", "en": "Role"},
    "filters.warmth.0": {"fr": "toutes", "en": "any"},
    "filters.warmth.1": {"fr": "★ et plus", "en": "★ and up"},
    "filters.warmth.2": {"fr": "★★ et plus", "en": "★★ and up"},
    "filters.warmth.3": {"fr": "★★★", "en": "★★★"},
    "filters.apply": {"fr": "Appliquer", "en": "Apply"},
    "filters.clear": {"fr": "Tout effacer", "en": "Clear all"},
    "import.dialog.title": {"fr": "Importer une liste de médias", "en": "Import a media list"},
    "import.dialog.path": {"fr": "Chemin du fichier", "en": "Path of the file"},
    "import.dialog.hint": {
        "fr": "CSV (Excel, Google Contacts, Outlook) ou vCard. Entrée : aperçu, sans rien écrire.",
        "en": "CSV (Excel, Google Contacts, Outlook) or vCard. Enter: preview, nothing written.",
    },
    "import.dialog.mapping": {"fr": "Colonnes : ", "en": "Columns: "},
    "import.dialog.import": {"fr": "Importer", "en": "Import"},
    "import.dialog.import_valid": {
        "fr": "Importer les lignes valides seulement",
        "en": "Import the valid rows only",
    },
    "export.dialog.title": {"fr": "Exporter", "en": "Export"},
    "export.dialog.path": {"fr": "Fichier", "en": "File"},
    "export.dialog.go": {"fr": "Exporter", "en": "Export"},
    "export.what.media": {"fr": "La liste des médias", "en": "The media list"},
    "export.what.calls": {
        "fr": "La liste d'appels de l'événement, avec les résultats",
        "en": "The event's call list, with outcomes",
    },
    "key.start_stop": {"fr": "départ/arrêt", "en": "start/stop"},
    "key.lap": {"fr": "fin de section", "en": "section end"},
    "key.countdown": {"fr": "décompte 3-2-1", "en": "3-2-1 countdown"},
    "key.target": {"fr": "cible", "en": "target"},
    "col.take": {"fr": "Prise", "en": "Take"},
    "col.duration": {"fr": "Durée", "en": "Length"},
    "col.words": {"fr": "Mots", "en": "Words"},
    "col.wpm": {"fr": "Mots/min", "en": "WPM"},
    "col.change": {"fr": "Écart", "en": "Change"},
    "rehearsal.nudge": {
        "fr": "Répétez au moins trois fois avant le premier appel ({count}/3).",
        "en": "Rehearse at least three times before the first call ({count}/3).",
    },
    "rehearsal.enough": {
        "fr": "{count} prises : le texte est à vous.",
        "en": "{count} takes: the text is yours.",
    },
    "rehearsal.pace": {
        "fr": "Votre rythme : {wpm} mots/min ({low}–{high} sur les {takes} dernières prises)",
        "en": "Your pace: {wpm} wpm ({low}–{high} over the last {takes} takes)",
    },
    "rehearsal.pace_default": {
        "fr": "Rythme par défaut : {wpm} mots/min (le vôtre après une prise)",
        "en": "Default pace: {wpm} wpm (yours after one take)",
    },
    "rehearsal.fits": {
        "fr": "Prêt : ≈ {seconds} s à ce rythme, sous la cible de {target} s ✓",
        "en": "Ready: ≈ {seconds} s at this pace, under the {target} s target ✓",
    },
    "rehearsal.too_long": {
        "fr": "Trop long : ≈ {seconds} s pour {target} s. Coupez environ {words} mots.",
        "en": "Too long: ≈ {seconds} s for {target} s. Cut about {words} words.",
    },
    "rehearsal.get_ready": {"fr": "Préparez-vous…", "en": "Get ready…"},
    "rehearsal.idle": {
        "fr": "Espace pour commencer · cible {target} s",
        "en": "Space to start · target {target} s",
    },
    "rehearsal.left": {"fr": "reste {seconds} s", "en": "{seconds} s left"},
    "rehearsal.over": {"fr": "dépassé de {seconds} s", "en": "{seconds} s over"},
    "rehearsal.laps": {"fr": "Sections : {laps}", "en": "Sections: {laps}"},
    "rehearsal.cancelled": {"fr": "Décompte annulé.", "en": "Countdown cancelled."},
    "rehearsal.discarded": {
        "fr": "Prise de {seconds} s ignorée (trop courte, sans doute une fausse touche).",
        "en": "{seconds} s take ignored (too short, a mis-key most likely).",
    },
    "rehearsal.saved": {
        "fr": "Prise enregistrée : {seconds} s, {wpm} mots/min.",
        "en": "Take saved: {seconds} s, {wpm} wpm.",
    },
    "rehearsal.countdown_on": {"fr": "Décompte 3-2-1 activé.", "en": "3-2-1 countdown on."},
    "rehearsal.countdown_off": {"fr": "Décompte désactivé.", "en": "Countdown off."},
    "rehearsal.target_set": {"fr": "Cible : {target} s.", "en": "Target: {target} s."},
    "report.door_list": {
        "fr": "Confirmés — la liste pour l'accueil",
        "en": "Confirmed — the door list",
    },
    "report.resend": {"fr": "Veulent le communiqué de nouveau", "en": "Want the release again"},
    "report.never_reached": {"fr": "Jamais joints", "en": "Never reached"},
    "report.callbacks": {"fr": "Rappels à faire", "en": "Callbacks pending"},
    "report.nobody": {"fr": "Personne.", "en": "Nobody."},
    "report.totals": {
        "fr": "{calls} appels pour {targets} cibles · {confirmed} confirmés · {time} au téléphone",
        "en": "{calls} calls for {targets} targets · {confirmed} confirmed · {time} on the phone",
    },
    "report.pace": {"fr": "{pace} appels à l'heure", "en": "{pace} calls an hour"},
    "report.by_caller": {
        "fr": "Appels par personne : {callers}",
        "en": "Calls by caller: {callers}",
    },
    "report.by_kind": {"fr": "Confirmés par type de média", "en": "Confirmed by kind of outlet"},
    "report.by_role": {"fr": "Confirmés par rôle", "en": "Confirmed by role"},
    "team.foreign": {
        "fr": "{path} n'est pas une part de la liste d'appels de ce fichier (autre fichier ou "
        "autre événement). Rien n'a été fusionné.",
        "en": "{path} is not a share of this file's call list (another file or another "
        "event). Nothing was merged.",
    },
    "team.exists": {
        "fr": "{path} existe déjà ; relance split n'écrase jamais un fichier.",
        "en": "{path} already exists; relance split never overwrites a file.",
    },
    "key.tab_previous": {"fr": "onglet préc.", "en": "prev. tab"},
    "key.tab_next": {"fr": "onglet suiv.", "en": "next tab"},
    "key.export_report": {"fr": "exporter le bilan", "en": "export the report"},
    "key.split": {"fr": "partager la liste", "en": "split the list"},
    "key.merge": {"fr": "fusionner", "en": "merge"},
    "report.pick_someone": {
        "fr": "Choisissez une ligne dans « Veulent le communiqué de nouveau ».",
        "en": "Pick a row in “Want the release again”.",
    },
    "report.export_what": {"fr": "Le bilan de l'événement", "en": "The event's report"},
    "team.split.title": {
        "fr": "Partager la liste d'appels entre plusieurs personnes",
        "en": "Share the call list among several callers",
    },
    "team.split.names": {
        "fr": "Noms, séparés par des virgules (2 à 20)",
        "en": "Names, separated by commas (2 to 20)",
    },
    "team.split.hint": {
        "fr": "Un fichier par personne : ouvrez-le avec relance --db FICHIER, appelez, "
        "puis rapportez-le ici (m) pour fusionner.",
        "en": "One file per caller: open it with relance --db FILE, call, then bring it "
        "back here (m) to merge.",
    },
    "team.split.go": {"fr": "Partager", "en": "Split"},
    "team.split.need_names": {
        "fr": "Donnez de 2 à 20 noms, séparés par des virgules.",
        "en": "Give 2 to 20 names, separated by commas.",
    },
    "team.split.done": {
        "fr": "{count} fichiers écrits dans {folder}.",
        "en": "{count} files written to {folder}.",
    },
    "team.merge.title": {
        "fr": "Fusionner les appels des autres",
        "en": "Merge the others' calls",
    },
    "team.merge.hint": {
        "fr": "Un dossier (tous ses .json) ou des fichiers séparés par des points-virgules. "
        "Fusionner deux fois le même fichier ne change rien.",
        "en": "A folder (all its .json) or files separated by semicolons. "
        "Merging the same file twice changes nothing.",
    },
    "team.merge.go": {"fr": "Fusionner", "en": "Merge"},
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
    "cli.check.accepted": {
        "fr": "{path} scellé de nouveau (copie d'avant : {path}.before-accept).",
        "en": "{path} sealed again (the copy before: {path}.before-accept).",
    },
    "cli.check.nothing_to_restore": {
        "fr": "Le fichier est lisible ; rien à restaurer.",
        "en": "The file is readable; nothing to restore.",
    },
    "cli.import.bad_map": {
        "fr": '--map attend "Colonne=champ", pas « {value} ».',
        "en": '--map expects "Column=field", not “{value}”.',
    },
    "cli.import.rejected": {
        "fr": "Import refusé : {count} ligne(s) invalide(s). Rien n'a été écrit. "
        "Corrigez le fichier, ou ajoutez --accept-valid pour importer les lignes valides.",
        "en": "Import refused: {count} invalid row(s). Nothing was written. "
        "Fix the file, or add --accept-valid to import the valid rows.",
    },
    "cli.import.dry_run": {
        "fr": "Essai seulement (--dry-run) : rien n'a été écrit.",
        "en": "Dry run (--dry-run): nothing was written.",
    },
    "cli.import.done": {
        "fr": "Importé : {outlets} médias, {contacts} contacts ; {merged} contacts complétés.",
        "en": "Imported: {outlets} outlets, {contacts} contacts; {merged} contacts completed.",
    },
    "cli.no_such_event": {"fr": "Aucun événement n° {id}.", "en": "No event number {id}."},
    "cli.export.done": {"fr": "Exporté dans {path}", "en": "Exported to {path}"},
    "cli.export.failed": {
        "fr": "Impossible d'écrire {path} : {detail}",
        "en": "Cannot write {path}: {detail}",
    },
    "team.caller": {"fr": "Appelant {number}", "en": "Caller {number}"},
    "cli.split.names": {
        "fr": "--names doit donner {callers} noms, séparés par des virgules.",
        "en": "--names must give {callers} names, separated by commas.",
    },
    "cli.split.written": {"fr": "{name} : {path}", "en": "{name}: {path}"},
    "cli.merge.nothing": {"fr": "Rien n'a été fusionné.", "en": "Nothing was merged."},
    "cli.merge.file": {
        "fr": "{path} ({caller}) : {new} nouveaux appels, {already} déjà présents.",
        "en": "{path} ({caller}): {new} new calls, {already} already there.",
    },
    "cli.merge.done": {
        "fr": "Fusion : {added} appels ajoutés.",
        "en": "Merged: {added} calls added.",
    },
    "cli.demo.kept": {
        "fr": "Démo enregistrée dans {path}.",
        "en": "Demo saved to {path}.",
    },
    # --- app shell --------------------------------------------------------
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
    "col.outlet": {"fr": "Média", "en": "Outlet"},
    "col.kind": {"fr": "Type", "en": "Kind"},
    "col.language": {"fr": "Langue", "en": "Language"},
    "col.warmth": {"fr": "Sympathie", "en": "Warmth"},
    "col.phone": {"fr": "Téléphone", "en": "Phone"},
    "col.name": {"fr": "Nom", "en": "Name"},
    "col.role": {"fr": "Rôle", "en": "Role"},
    "col.show": {"fr": "Émission", "en": "Show"},
    "col.email": {"fr": "Courriel", "en": "Email"},
    "col.state": {"fr": "État", "en": "State"},
    "col.outcome": {"fr": "Résultat", "en": "Outcome"},
    "script.talking_points": {"fr": "Lignes de communication", "en": "Talking points"},
    "script.email_subject": {"fr": "Objet du courriel", "en": "Email subject"},
    "script.email_body": {"fr": "Courriel de relance", "en": "Reminder email"},
    "state.new": {"fr": "jamais appelé", "en": "never called"},
    "report.by_outcome": {"fr": "Résultats des appels", "en": "Call outcomes"},
    "report.none": {"fr": "Aucun appel enregistré.", "en": "No call recorded yet."},
    "warmth.0": {"fr": "froid", "en": "cold"},
    "warmth.1": {"fr": "neutre", "en": "neutral"},
    "warmth.2": {"fr": "sympathique", "en": "friendly"},
    "warmth.3": {"fr": "très sympathique", "en": "very friendly"},
}
