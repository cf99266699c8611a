"""Talking points, reminder email and voicemail: rendered per contact, in both
languages, with French names, errors said in French with the fix, sandboxed."""

from __future__ import annotations

import dataclasses

import pytest

from relance_tui.core.models import (
    Contact,
    Event,
    EventKind,
    Outcome,
    Outlet,
    Settings,
    Show,
    Target,
)
from relance_tui.core.script import book
from relance_tui.core.script.speech import estimate
from relance_tui.core.script.templates import (
    TemplateProblem,
    render,
    render_checked,
    render_event,
    render_script,
    template_context,
)
from relance_tui.core.script.typography import NBSP
from relance_tui.core.script.variables import CATALOGUE
from relance_tui.core.script.wording import of_name
from relance_tui.core.store.store import Store
from relance_tui.core.who import Directory, Who
from tests.conftest import FIXED_NOW

SETTINGS = Settings(caller_name="Sam Gagnon", organisation="Verdir", caller_phone="514-555-0199")


def whos(store: Store) -> list[Who]:
    """Everyone in the media list, as the queue would resolve them."""
    directory = Directory.of(store)
    return [
        directory.who(Target(event_id=1, position=i, contact_id=c.id))
        for i, c in enumerate(store.contacts())
    ]


def new_event(**fields: object) -> Event:
    base: dict[str, object] = {"title": "Portes ouvertes", "kind": EventKind.EVENT}
    event = Event(start=FIXED_NOW, **{**base, **fields})  # type: ignore[arg-type]
    for lang in book.LANGUAGES:
        event = book.with_defaults(event, lang)
    return event


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_shipped_templates_render_for_every_demo_contact(demo_store: Store, lang: str) -> None:
    event = demo_store.current_event()
    for who in whos(demo_store):
        rendered = render_event(event, who, SETTINGS, lang)
        first = who.contact.first_name
        assert first in rendered.talking_points and first in rendered.email_body
        assert event.title in rendered.email_subject.replace(NBSP, " ")
        assert "{{" not in rendered.email_body
        voicemail = render_script(event, "voicemail", who, SETTINGS, lang)
        assert voicemail.problem is None and "514, 555, 01, 99" in voicemail.text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_default_templates_carry_no_demo_pitch(demo_store: Store, lang: str) -> None:
    event = new_event(venue="Centre Saint-Pierre", address="1212, rue Panet")
    who = whos(demo_store)[0]
    text = render_event(event, who, SETTINGS, lang).talking_points
    for demo_words in ("Plantation", "planting", "belles images", "good pictures"):
        assert demo_words not in text
    assert "à la Centre" not in text
    assert "Centre Saint-Pierre" in text
    assert "1212, rue Panet" not in text  # the address is for the email, not the call
    email = render_event(event, who, SETTINGS, lang).email_body
    assert "Centre Saint-Pierre, 1212, rue Panet" in email
    # No visuals, no spokespeople: their sentences are left out.
    assert "images" not in text.lower() and "porte-parole" not in text.lower()
    assert "spokespeople" not in text.lower()


def test_default_talking_points_name_the_spokespeople_and_leave_visuals_to_the_email(
    demo_store: Store,
) -> None:
    event = new_event(venue="Parc Jarry", visuals="Plantation en direct", spokespeople=["A", "B"])
    rendered = render_event(event, whos(demo_store)[0], SETTINGS, "fr")
    text = rendered.talking_points.replace(NBSP, " ")
    assert "Nos porte-parole seront là pour des entrevues." in text
    assert "Plantation" not in text  # the visuals are in the email: the call stays short
    email = rendered.email_body.replace(NBSP, " ")
    assert "Visuels : Plantation en direct" in email
    assert "Porte-parole disponibles pour des entrevues : A et B" in email


def test_the_demo_event_keeps_its_own_pitch_and_reset_gives_generic_text(
    demo_store: Store,
) -> None:
    event = demo_store.current_event()
    assert "Plantation en direct" in book.draft(event, "fr", "talking_points")
    assert "A live planting" in book.draft(event, "en", "talking_points")
    reset = book.with_defaults(event, "fr")
    assert "Plantation" not in book.draft(reset, "fr", "talking_points")
    assert book.is_default(reset, "fr") and not book.is_default(reset, "en")


def test_a_newsroom_line_reads_without_a_hole(demo_store: Store) -> None:
    event = new_event(venue="Parc Jarry")
    outlet = demo_store.outlets()[0]
    who = Who(Target(event_id=1, position=1, outlet_id=outlet.id), None, outlet, None)
    text = render_event(event, who, SETTINGS, "fr").talking_points
    assert text.startswith("Bonjour, ici Sam Gagnon, Verdir.")
    assert f"Est-ce que quelqu'un {of_name(outlet.name)} pourrait être là" in text


@pytest.mark.parametrize("variable", CATALOGUE, ids=lambda v: f"{v.group}.{v.name}")
def test_every_variable_has_a_french_name_that_works_in_both_languages(
    demo_store: Store, variable: object
) -> None:
    assert isinstance(variable, type(CATALOGUE[0]))
    who = next(w for w in whos(demo_store) if w.show is not None)
    event = demo_store.current_event()
    for lang in ("fr", "en"):
        context = template_context(event, who.contact, who.outlet, who.show, SETTINGS, lang)
        english = render(f"{{{{ {variable.path('en')} }}}}", context, lang)
        french = render(f"{{{{ {variable.path('fr')} }}}}", context, lang)
        assert french == english


def test_accented_french_names_work_too(demo_store: Store) -> None:
    who = whos(demo_store)[0]
    event = demo_store.current_event()
    context = template_context(event, who.contact, who.outlet, who.show, SETTINGS)
    text = render("{{ contact.prénom }} / {{ événement.lieu }}", context)
    assert text == f"{who.contact.first_name} / {event.venue}"


def demo_context(store: Store) -> dict[str, object]:
    who = whos(store)[0]
    return template_context(store.current_event(), who.contact, who.outlet, None, SETTINGS)


# source, line, the French message expected
SAID_IN_FRENCH = [
    (
        "Bonjour\n{% if contact.prenom %}{{ contact.prenom }}",
        2,
        "un « {% if %} » n'est pas fermé : ajoutez « {% endif %} »",
    ),
    (
        "{% for p in evenement.porte_parole %}{{ p }}",
        1,
        "un « {% for %} » n'est pas fermé : ajoutez « {% endfor %} »",
    ),
    ("a\nb\n{% endif %}", 3, "« {% endif %} » sans « {% if %} » avant"),
    ("{% else %}", 1, "« {% else %} » sans « {% if %} » avant"),
    (
        "{% for x in evenement.porte_parole %}{% endif %}{% endfor %}",
        1,
        "« {% endif %} » arrive avant la fermeture du « {% for %} »",
    ),
    ("Bonjour {{ contact.prenom", 1, "un « {{ » n'est pas fermé"),
    ("Bonjour {{ contact.prenom }", 1, "un « {{ » n'est pas fermé"),
    ("a\nBonjour contact.prenom }}", 2, "« }} » sans « {{ » avant"),
    ("Bonjour {{ contact.prenom | majuscules }}", 1, "filtre inconnu « majuscules »"),
    ("a\n{% sinon %}", 2, "instruction inconnue « {% sinon %} »"),
    ("{# note", 1, "un commentaire « {# » n'est pas fermé"),
    ("{{ contact.prenon }}", 1, "vouliez-vous dire contact.prenom ?"),
    ("a\n\n{{ evenement.leiu }}", 3, "vouliez-vous dire evenement.lieu ?"),
    ("{{ evenemnt.titre }}", 1, "vouliez-vous dire evenement ?"),
    ("{{ appelant.nom_complet }}", 1, "variable inconnue : appelant.nom_complet"),
    ("a\nb\n{{ emission.nom }}", 3, "ce contact n'a pas d'émission"),
]


@pytest.mark.parametrize(
    ("source", "line", "words"), SAID_IN_FRENCH, ids=[s[2][:30] for s in SAID_IN_FRENCH]
)
def test_common_mistakes_are_said_in_french_with_the_fix_and_line(
    demo_store: Store, source: str, line: int, words: str
) -> None:
    with pytest.raises(TemplateProblem) as problem:
        render(source, demo_context(demo_store))
    message = str(problem.value).replace(NBSP, " ")
    assert words in message
    assert message.endswith(f"ligne {line}")
    for english in ("Jinja", "Unexpected", "Encountered", "undefined", "expected", "named"):
        assert english not in message


def test_unknown_test_and_other_errors_stay_french(demo_store: Store) -> None:
    for source in ("{% if x is rouge %}{% endif %}", "{{ 1 / 0 }}", "{% set a = %}", "{{ }}"):
        with pytest.raises(TemplateProblem) as problem:
            render(source, demo_context(demo_store))
        for english in ("Jinja", "Unexpected", "expected", "division", "named", "undefined"):
            assert english not in str(problem.value), source


def test_english_screens_get_english_messages(demo_store: Store) -> None:
    from relance_tui import i18n

    i18n.set_language("en")
    try:
        with pytest.raises(TemplateProblem) as problem:
            render("{% if x %}", demo_context(demo_store))
        assert "an “{% if %}” is not closed" in str(problem.value) or "is not closed" in str(
            problem.value
        )
    finally:
        i18n.set_language("fr")


def test_an_empty_caller_name_is_flagged_with_its_line(demo_store: Store) -> None:
    who = whos(demo_store)[0]
    event = new_event(venue="Parc Jarry")
    context = template_context(event, who.contact, who.outlet, None, Settings())
    checked = render_checked(book.draft(event, "fr", "talking_points"), context, "fr", "", "ctrl+g")
    assert "ligne 1 : le nom de l'appelant est vide — Paramètres (ctrl+g)" in [
        w.replace(NBSP, " ") for w in checked.warnings
    ]
    assert checked.text.startswith(f"Bonjour {who.contact.first_name}, ici,")  # what it reads
    # A variable tested by {% if %} first is not flagged; a contact's is never.
    guarded = render_checked("{% if appelant.nom %}{{ appelant.nom }}{% endif %}", context, "fr")
    assert guarded.warnings == []
    full = template_context(event, who.contact, who.outlet, None, SETTINGS)
    assert render_checked(book.draft(event, "fr", "talking_points"), full, "fr").warnings == []


def test_french_typography_keeps_signs_and_times_together(demo_store: Store) -> None:
    context = demo_context(demo_store)
    text = render("Là ? Oui : « {{ evenement.heure }} » ; ok !", context, "fr")
    assert text == f"Là{NBSP}? Oui{NBSP}: «{NBSP}10{NBSP}h{NBSP}30{NBSP}»{NBSP}; ok{NBSP}!"
    assert render("There ? Yes : ok", context, "en") == "There ? Yes : ok"
    first = dataclasses.replace(
        demo_store.current_event(), start=FIXED_NOW.replace(day=1, month=12)
    )
    who = whos(demo_store)[0]
    context = template_context(first, who.contact, who.outlet, None, SETTINGS)
    assert render("{{ evenement.quand }}", context) == f"mardi 1er décembre, 9{NBSP}h{NBSP}15"


def test_last_good_version_is_kept_while_a_draft_is_broken(demo_store: Store) -> None:
    event = demo_store.current_event()
    good_text = book.draft(event, "fr", "talking_points")
    broken = book.with_drafts(event, "fr", {"talking_points": "{% if x %}"}, rendered=set())
    assert book.draft(broken, "fr", "talking_points") == "{% if x %}"
    assert book.good(broken, "fr", "talking_points") == good_text
    assert book.is_broken(broken, "fr", "talking_points")
    who = whos(demo_store)[0]
    script = render_script(broken, "talking_points", who, SETTINGS, "fr")
    assert script.stale and script.problem is None and "Plantation" in script.text
    fixed = book.with_drafts(broken, "fr", {"talking_points": "Salut"}, rendered={"talking_points"})
    assert not book.is_broken(fixed, "fr", "talking_points")
    assert render_script(fixed, "talking_points", who, SETTINGS, "fr").text == "Salut"


def test_the_email_names_the_template_that_failed(demo_store: Store) -> None:
    event = demo_store.current_event()
    event = dataclasses.replace(
        event, templates={"fr": {"email_body": "{{ emission.nom }}"}}, good_templates={}
    )
    who = next(w for w in whos(demo_store) if w.show is None)
    with pytest.raises(TemplateProblem) as problem:
        render_event(event, who, SETTINGS, "fr")
    assert problem.value.template == "email_body"


def test_language_follows_contact_then_outlet_then_event(demo_store: Store) -> None:
    event = demo_store.current_event()
    outlet_fr = Outlet(name="A", language="fr")  # type: ignore[arg-type]
    outlet_en = dataclasses.replace(outlet_fr, language=type(event.language)("en"))
    outlet_both = dataclasses.replace(outlet_fr, language=type(event.language)("both"))
    target = Target(event_id=1, position=1)
    person = Contact(outlet_id=1, name="Léa Roy")
    assert book.script_language(Who(target, person, outlet_en, None), event) == "en"
    assert book.script_language(Who(target, person, outlet_both, None), event) == "fr"
    english_person = dataclasses.replace(person, language="en")
    assert book.script_language(Who(target, english_person, outlet_fr, None), event) == "en"
    assert book.script_language(Who(target, person, outlet_en, None), event, "fr") == "fr"
    assert book.spoken_languages(Who(target, person, outlet_both, None)) == "FR·EN"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_voicemail_script_fits_in_twenty_seconds(demo_store: Store, lang: str) -> None:
    event = demo_store.current_event()
    script = render_script(event, "voicemail", whos(demo_store)[0], SETTINGS, lang)
    length = estimate(script.text, lang, target_s=20)
    assert length.fits, (length.seconds, script.text)
    assert 25 < length.words < 55


def test_date_filters_in_both_languages(demo_store: Store) -> None:
    text = render(
        "{{ event.start | date_fr }} / {{ event.start | heure_fr }} / "
        "{{ event.start | date_en }} / {{ event.start | time_en }}",
        demo_context(demo_store),
        "en",
    )
    assert text == "vendredi 27 novembre / 10 h 30 / Friday, November 27 / 10:30 AM"


def test_a_show_context_exposes_air_time(demo_store: Store) -> None:
    show = Show(outlet_id=1, name="Le 15-18", air_time="15 h – 18 h")
    context = template_context(demo_store.current_event(), None, None, show, SETTINGS)
    assert render("{{ emission.en_ondes }}", context, "en") == "15 h – 18 h"


FULL_PRESS_CONFERENCE = dict(
    kind=EventKind.PRESS_CONFERENCE,
    title="Conférence de presse : les loyers à Montréal, un an après la crise",
    venue="Centre communautaire Saint-Jean-Baptiste, grande salle du deuxième étage",
    address="4321, boulevard Saint-Laurent, Montréal (Québec) H2W 1Z1",
    visuals="Une banderole de vingt mètres, des locataires et leurs enfants devant l'immeuble",
    spokespeople=["Marie-Hélène Tremblay-Lavoie, présidente", "Jean-François Côté, porte-parole"],
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_default_talking_points_fit_30_seconds_even_with_every_field_filled(
    demo_store: Store, lang: str
) -> None:
    """≤ 75 spoken words (30 s at 150 words a minute): on the demo event with the default
    templates, and on a press conference with every field filled; the ask is the last
    line."""
    from relance_tui.core.script.speech import count_spoken_words

    long_settings = Settings(
        caller_name="Marie-Ève Beauchemin-Gagnon",
        organisation="Regroupement des comités logement de Montréal-Nord",
        caller_phone="514-555-0199",
    )
    demo = book.with_defaults(demo_store.current_event(), lang)
    for event in (demo, new_event(**FULL_PRESS_CONFERENCE)):
        for who in whos(demo_store):
            text = render_event(event, who, long_settings, lang).talking_points
            assert count_spoken_words(text) <= 75, text
            ask = text.strip().splitlines()[-1]
            assert ask.startswith("Est-ce que" if lang == "fr" else "Could"), ask


@pytest.mark.parametrize(
    ("show", "outlet", "expected"),
    [
        ("Le retour", "ICI Première", "Est-ce que quelqu'un du Retour pourrait être là"),
        ("Le 15-18", "ICI Première", "Est-ce que quelqu'un du 15-18 pourrait être là"),
        ("", "Le Devoir", "Est-ce que quelqu'un du Devoir pourrait être là"),
        ("", "ICI Première", "Est-ce que quelqu'un d'ICI Première pourrait être là"),
        ("", "La Presse", "Est-ce que quelqu'un de La Presse pourrait être là"),
        ("", "", "Est-ce que quelqu'un de votre équipe pourrait être là"),
    ],
)
def test_the_ask_reads_as_french_with_a_shows_article_or_no_one(
    show: str, outlet: str, expected: str
) -> None:
    event = new_event(venue="Parc Jarry")
    the_outlet = Outlet(name=outlet, id=1) if outlet else None
    the_show = Show(outlet_id=1, name=show, id=1) if show else None
    context = template_context(event, None, the_outlet, the_show, SETTINGS, "fr")
    text = render(book.defaults("fr")["talking_points"], context, "fr").replace(NBSP, " ")
    assert expected in text
    assert "Bonjour, ici Sam Gagnon" in text  # no contact: no hole in the greeting


def test_a_title_with_its_own_colon_is_quoted_not_stacked() -> None:
    event = new_event(venue="Parc Jarry", title="Conférence de presse : loyers")
    context = template_context(event, None, None, None, SETTINGS, "fr")
    text = render(book.defaults("fr")["talking_points"], context, "fr").replace(NBSP, " ")
    assert "notre événement, « Conférence de presse : loyers »." in text
    assert "communiqué : Conférence" not in text
    english = template_context(event, None, None, None, SETTINGS, "en")
    assert "“Conférence de presse : loyers”" in render(
        book.defaults("en")["talking_points"], english, "en"
    )


@pytest.mark.parametrize(
    ("last", "fr_first", "en_first"),
    [
        (None, "Je vous écris au sujet de notre", "I am writing about our"),
        (Outcome.CONFIRMED, "Comme convenu, voici notre communiqué", "As agreed, here is"),
        (Outcome.VOICEMAIL, "Je viens de vous laisser un message", "I just left you a message"),
        (Outcome.RESEND, "Voici de nouveau", "Here, as you asked, is our release again"),
        (Outcome.INTERESTED, "Merci de votre intérêt", "Thank you for your interest"),
    ],
)
def test_the_reminder_opens_by_what_the_call_gave(
    demo_store: Store, last: Outcome | None, fr_first: str, en_first: str
) -> None:
    """The greeting first, then one sentence for the situation; one subject prefix."""
    from relance_tui.core.script.wording import situation_of

    event = new_event(venue="Parc Jarry", title="Portes ouvertes")
    who = whos(demo_store)[0]
    for lang, first in (("fr", fr_first), ("en", en_first)):
        rendered = render_event(event, who, SETTINGS, lang, situation_of(last))
        lines = [line for line in rendered.email_body.splitlines() if line.strip()]
        assert lines[0].startswith("Bonjour" if lang == "fr" else "Hello"), lines[0]
        assert lines[1].replace(NBSP, " ").startswith(first), lines[1]
        subject = rendered.email_subject.replace(NBSP, " ")
        prefixes = ("Rappel :", "Suite à mon message :", "Reminder:", "Following my message:")
        assert sum(subject.count(p) for p in prefixes) == 1, subject
        if last is Outcome.VOICEMAIL:
            assert subject.startswith(("Suite à mon message : ", "Following my message: "))


def test_an_english_text_keeps_a_french_titles_guillemets_with_its_words() -> None:
    from relance_tui.core.script.typography import finish

    text = finish("I'm calling about « Ruelles vertes pour tous », on Friday.", "en")
    assert f"«{NBSP}Ruelles" in text and f"tous{NBSP}»" in text
    assert "on Friday" in text  # the rest as written
