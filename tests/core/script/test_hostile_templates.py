"""Hostile and careless templates: none escapes, none hangs, none bloats the app.

Each one is rendered through the render process the app uses. A render is
stopped by the process's deadline (2 s) or memory limit; the app's own memory
stays where it was.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from relance_tui.core.script.render_process import TIME_LIMIT_S, default_renderer
from relance_tui.core.script.templates import TemplateProblem, render

MARKER = Path("/tmp/relance-template-escape-marker")
CONTEXT = {"contact": {"name": "Léa Roy", "first_name": "Léa"}, "event": {"title": "T"}}

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ contact.__class__.__init__.__globals__ }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{{ '{0.__class__}'.format(contact) }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ lipsum.__globals__['os'].popen('touch /tmp/relance-template-escape-marker').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch /tmp/relance-template-escape-marker') }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ range.__self__ }}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
    "{{ '%s' % ''.__class__ }}",
    "{{ '{0.__class__.__mro__}'.format('') }}",
    "{{ ''.format_map.__self__.__class__ }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{{ dict.__base__ }}",
    "{{ contact.items.__self__.__class__ }}",
    "{{ (1).__class__.__subclasses__() }}",
    "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{{ c }}{% endfor %}",
    "{{ config }}",
    "{{ request.application }}",
    "{{ get_flashed_messages.__globals__ }}",
    "{{ url_for.__globals__ }}",
    "{% set x = ''.__class__ %}{{ x }}",
    "{{ ''['__class__'] }}",
    "{{ ''|attr('__class__') }}",
    "{{ (''|attr('__class__')|attr('__mro__'))[1] }}",
    "{% import 'os' as os %}",
    "{% include '/etc/passwd' %}",
    "{% extends '/etc/passwd' %}",
    "{% from 'x' import y %}",
]

HOGS = [
    "{{ ((((10**100)**100)**100)**100) > 1 }}",
    "{{ 9**9**9 }}",
    "{{ (10**4000) * (10**4000) }}",
    "{{ ([[0]*100000]*100000)|string|length }}",
    "{{ 'x'.center(10**9) }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ 'x'.rjust(10**9) }}",
    "{{ 'x'.zfill(10**9) }}",
    "{{ '\tx'.expandtabs(10**9) }}",
    "{{ '{:>1000000000}'.format(1) }}",
    "{{ '%1000000000s' % 'x' }}",
    "{{ '%1000000000s'|format('x') }}",
    "{{ 'x'|indent(10**9) }}",
    "{{ 'x'|center(10**9) }}",
    "{{ 'x' * 10**9 }}",
    "{{ [1] * 10**8 }}",
    "{{ 'ab' * 99999 * 99999 }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in range(10**9) %}{% endfor %}",
    "{% for i in range(100000) %}xxxxxxxxxxxxxxxxxxxx{% endfor %}",
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "{% macro f() %}{{ f() }}{{ f() }}{% endmacro %}{{ f() }}",
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set a = [1] %}{% for i in range(40) %}{% set a = a + a %}{% endfor %}{{ a|length }}",
    "{{ range(100000)|list|string * 1000 }}",
    "{{ (range(100000)|list) * 100000 }}",
    "{{ lipsum(10**6) }}",
    "{{ 'x'|wordwrap(10**9) }}",
    "{{ ('x' ~ 'y' * 99999) * 99999 }}",
    "{{ 'a'|replace('a', 'a' * 99999) * 9999 }}",
    "{{ ''.join(['x'] * 99999) * 99999 }}",
    "{% filter upper %}{% for i in range(10**7) %}x{% endfor %}{% endfilter %}",
]


def test_the_corpus_holds_sixty_templates() -> None:
    assert len(ESCAPES) + len(HOGS) >= 60


@pytest.mark.parametrize("source", ESCAPES)
def test_no_escape(source: str) -> None:
    MARKER.unlink(missing_ok=True)
    try:
        text = render(source, CONTEXT)
    except TemplateProblem:
        text = ""
    assert not MARKER.exists()
    for leaked in ("<class", "<built-in", "<module", "<function", "root:", "__builtins__"):
        assert leaked not in text


@pytest.mark.parametrize("source", HOGS)
def test_every_render_is_stopped_and_the_app_stays_small(source: str) -> None:
    renderer = default_renderer()
    renderer.start()
    started = time.monotonic()
    try:
        text = render(source, CONTEXT)
    except TemplateProblem as problem:
        text = ""
        assert str(problem)  # said in words, not a traceback
    elapsed = time.monotonic() - started
    # The deadline, plus a fresh render process to start when the last one was killed.
    assert elapsed < TIME_LIMIT_S + 3, elapsed
    assert len(text) <= 20_000
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert peak_kb < 300 * 1024, f"the app reached {peak_kb // 1024} MB"


def test_a_killed_render_process_is_replaced_for_the_next_template() -> None:
    with pytest.raises(TemplateProblem):
        render("{% for i in range(10**9) %}{% endfor %}", CONTEXT)
    assert render("Bonjour {{ contact.first_name }}", CONTEXT) == "Bonjour Léa"
