"""Talking points and reminder email: rendered per contact, errors readable, sandboxed."""

from __future__ import annotations

import pytest

from relance_tui.core.demo import default_templates
from relance_tui.core.models import Contact, Event, Language, Outlet, Settings, Show
from relance_tui.core.store import Store
from relance_tui.core.templates import (
    TemplateProblem,
    render,
    render_event,
    template_context,
)
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
    assert "interdite" in str(problem.value) or "inconnue" in str(problem.value)
