"""Talking points and reminder email: rendered per contact, errors readable, sandboxed."""

from __future__ import annotations

import pytest

from relance_tui.core.demo import default_templates
from relance_tui.core.models import Contact, Event, Language, Outlet, Settings, Show
from relance_tui.core.script.templates import (
    TemplateProblem,
    render,
    render_event,
    template_context,
)
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir


def demo_context(store: Store, contact: Contact | None, outlet: Outlet | None = None):
    event = store.current_event()
    outlet = outlet or store.get(Outlet, contact.outlet_id)
    show = store.get(Show, contact.show_id) if contact and contact.show_id else None
    return event, template_context(event, contact, outlet, show, store.settings())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_shipped_templates_render_for_every_demo_contact(demo_store: Store, lang: str) -> None:
    event = demo_store.current_event()
    for name, text in default_templates(data_dir(), lang).items():
        setattr(event, name, text)
    event.language = Language(lang)
    for contact in demo_store.contacts():
        _, context = demo_context(demo_store, contact)
        rendered = render_event(event, context)
        assert contact.first_name in rendered.talking_points
        assert contact.first_name in rendered.email_body
        assert event.title in rendered.email_subject
        assert "{{" not in rendered.email_body


def test_newsroom_line_and_missing_optional_fields_render(demo_store: Store) -> None:
    event = demo_store.current_event()
    outlet = demo_store.outlets()[0]
    bare = Event(
        title="Bare",
        kind=event.kind,
        start=event.start,
        talking_points=event.talking_points,
        email_subject=event.email_subject,
        email_body=event.email_body,
    )
    context = template_context(bare, None, outlet, None, Settings())
    rendered = render_event(bare, context)
    assert rendered.talking_points.startswith("Bonjour, ici")
    assert outlet.name in rendered.talking_points


def test_unknown_variable_names_the_path_and_line() -> None:
    with pytest.raises(TemplateProblem) as problem:
        render("Bonjour\n\n{{ contact.prenom }}", {"contact": {"name": "Léa"}})
    assert str(problem.value) == "variable inconnue : contact.prenom, ligne 3"
    assert problem.value.line == 3


def test_syntax_error_has_its_line() -> None:
    with pytest.raises(TemplateProblem) as problem:
        render("un\ndeux {% if %}", {})
    assert problem.value.line == 2
    assert "syntaxe" in str(problem.value)


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ contact.__class__.__init__.__globals__ }}",
        "{{ ().__class__.__bases__[0].__subclasses__() }}",
        "{{ '{0.__class__}'.format(contact) }}",
    ],
)
def test_sandbox_refuses_escapes(payload: str) -> None:
    with pytest.raises(TemplateProblem) as problem:
        render(payload, {"contact": {"name": "x"}})
    assert "opération interdite" in str(problem.value)


BROKEN = [
    ("{{ contact.prenom }}", 1, "variable inconnue : contact.prenom"),
    ("ligne un\n{{ contact.prenom }}", 2, "contact.prenom"),
    ("a\nb\n{{ evenement.titre }}", 3, "variable inconnue : evenement"),
    ("a\nb\nc\n{{ event.titre }}", 4, "event.titre"),
    ("{{ event.title", 1, "syntaxe"),
    ("a\n{{ event.title", 2, "syntaxe"),
    ("a\nb\n{% if show %}oui", 3, "syntaxe"),
    ("{% if %}", 1, "syntaxe"),
    ("a\n{% for x in %}{% endfor %}", 2, "syntaxe"),
    ("a\nb\nc\nd\n{% endif %}", 5, "syntaxe"),
    ("{{ }}", 1, "syntaxe"),
    ("a\n{{ contact.name | filtreinconnu }}", 2, "syntaxe"),
    ("a\nb\n{% bloc %}", 3, "syntaxe"),
    ("{{ 1 / 0 }}", 1, "division"),
    ("a\n\n{{ caller.nom }}", 3, "caller.nom"),
    ("a\n{{ outlet.nom }}\nb", 2, "outlet.nom"),
    ("{% for x in contact.liste %}{% endfor %}", 1, "contact.liste"),
    ("a\nb\n{{ show.name }}", 3, "show.name"),  # show is none for this contact
    ("{{ contact.name.upper( }}", 1, "syntaxe"),
    ("x\ny\nz\n{{ contact['prenom'] }}", 4, "prenom"),
    ("{% set a = %}", 1, "syntaxe"),
    ("a\n{{ event.when | truncate(-1, 'x', 'y', 'z') }}", 2, ""),
]


@pytest.mark.parametrize(("source", "line", "words"), BROKEN, ids=[b[0][:20] for b in BROKEN])
def test_broken_template_reports_its_line(
    demo_store: Store, source: str, line: int, words: str
) -> None:
    event = demo_store.current_event()
    context = template_context(event, None, demo_store.outlets()[0], None, Settings())
    with pytest.raises(TemplateProblem) as problem:
        render(source, context)
    assert problem.value.line == line
    assert words in str(problem.value)
    assert f"ligne {line}" in str(problem.value)


def test_a_runaway_template_is_stopped_within_three_seconds() -> None:
    import time

    source = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(TemplateProblem) as problem:
        render(source, {})
    assert time.monotonic() - started < 3
    assert "arrêté" in str(problem.value)


def test_huge_output_is_refused() -> None:
    with pytest.raises(TemplateProblem):
        render("{{ 'x' * 10**9 }}", {})
    with pytest.raises(TemplateProblem):
        render("{{ [1] * 10**8 }}", {})


def test_every_demo_contact_renders_with_optional_fields_missing(demo_store: Store) -> None:
    event = demo_store.current_event()
    for contact in demo_store.contacts():
        bare = Contact(outlet_id=contact.outlet_id, name=contact.name)
        outlet = Outlet(name=demo_store.get(Outlet, contact.outlet_id).name)
        context = template_context(event, bare, outlet, None, Settings())
        rendered = render_event(event, context)
        assert bare.first_name in rendered.talking_points


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os }}",
        "{{ self.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ ''.__class__.__base__.__subclasses__() }}",
        "{{ '%s' % ''.__class__ }}",
        "{{ '{0.__class__.__mro__}'.format('') }}",
        "{{ ''.format_map.__self__.__class__ }}",
    ],
)
def test_more_escape_payloads_never_run(payload: str) -> None:
    with pytest.raises(TemplateProblem):
        render(payload, {})


def test_date_filters_in_both_languages(demo_store: Store) -> None:
    event, context = demo_context(demo_store, demo_store.contacts()[0])
    text = render(
        "{{ event.start | date_fr }} / {{ event.start | heure_fr }} / "
        "{{ event.start | date_en }} / {{ event.start | time_en }}",
        context,
    )
    assert text == "samedi 28 novembre / 10 h 30 / Saturday, November 28 / 10:30 AM"
