"""The stylesheet is parsed once per text and theme (`ui.css_once`), not once per
`Stylesheet` Textual makes while the app starts."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.css import stylesheet as textual_stylesheet
from textual.css.stylesheet import Stylesheet

from relance_tui.ui import css_once
from relance_tui.ui.app import make_app

CSS = "Label { color: $primary; }"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The CSS texts Textual's parser is given (the parses done)."""
    done: list[str] = []
    original = textual_stylesheet.parse

    def counted(scope, css, *args, **kwargs):  # type: ignore[no-untyped-def]
        done.append(css)
        return original(scope, css, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counted)
    monkeypatch.setattr(css_once, "_PARSED", {})  # nothing parsed by an earlier test
    css_once.install()  # as `make_app` does
    return done


def _color_of(sheet: Stylesheet) -> object:
    [rule] = sheet.rules
    return rule.styles.color


def test_a_stylesheet_made_again_with_the_same_theme_is_not_parsed_again(parses) -> None:
    first = Stylesheet(variables={"primary": "#102030"})
    first.add_source(CSS, read_from=("test", "kept-once"))
    again = Stylesheet(variables={"primary": "#102030"})  # as `reparse` makes one
    again.add_source(CSS, read_from=("test", "kept-once"))
    assert _color_of(first) == _color_of(again)
    assert parses.count(CSS) == 1


def test_another_theme_is_parsed_for_its_own_colours(parses) -> None:
    blue = Stylesheet(variables={"primary": "#0000ff"})
    blue.add_source(CSS, read_from=("test", "themes"))
    red = Stylesheet(variables={"primary": "#ff0000"})
    red.add_source(CSS, read_from=("test", "themes"))
    assert str(_color_of(blue)) != str(_color_of(red))
    assert parses.count(CSS) == 2
    blue.set_variables({"primary": "#ff0000"})  # a theme changed in place: its colours
    blue.reparse()
    assert str(_color_of(blue)) == str(_color_of(red))


def test_broken_css_is_still_refused_every_time(parses) -> None:
    from textual.css.stylesheet import StylesheetParseError

    for _ in range(2):
        sheet = Stylesheet(variables={})
        sheet.add_source("Label { colour: red; }", read_from=("test", "broken"))
        with pytest.raises(StylesheetParseError):
            sheet.parse()


async def test_the_app_parses_its_own_stylesheet_once_as_it_starts(parses, demo_store, now) -> None:
    from relance_tui.core.calls.timing import fixed_clock
    from relance_tui.locations import styles_dir

    own = (styles_dir() / "relance.tcss").read_text("utf-8")
    app = make_app(store=demo_store, clock=fixed_clock(now), lang="fr")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.app.workers.wait_for_complete()
        assert any("call-status" in name for name in pilot.app.stylesheet.rules_map)
    assert parses.count(own) == 1  # Textual made three `Stylesheet`s of it


def test_the_private_names_the_wrapper_relies_on_mean_what_it_takes() -> None:
    """`Stylesheet._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)`
    parses one source under the sheet's `_variables`, which `set_variables` sets."""
    assert css_once.wraps_this_textual()
    sheet = Stylesheet(variables={"primary": "#102030"})
    sheet.set_variables({"primary": "#405060"})
    assert sheet._variables == {"primary": "#405060"}
    original = css_once._ORIGINAL
    assert original is not None
    [rule] = original(sheet, CSS, ("test", "pinned"), False, 0, "")
    assert rule.styles.color == Color.parse("#405060")


def test_importing_the_app_changes_nothing_in_textual() -> None:
    """The wrapper is installed by `make_app`, never by an import."""
    import subprocess
    import sys

    code = (
        "from textual.css.stylesheet import Stylesheet; before = Stylesheet._parse_rules; "
        "import relance_tui.ui.app; assert Stylesheet._parse_rules is before"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
