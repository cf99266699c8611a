"""Every entry point that takes user text, tried with empty, huge, binary, malformed and
hostile values: a message (one of our errors), never a crash, and nothing changed."""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relance_tui.core.calls.timing import DEFAULT_TZ, parse_when
from relance_tui.core.errors import RelanceError
from relance_tui.core.media.importers import plan_import_bytes
from relance_tui.core.media.records import build_contact, build_outlet
from relance_tui.core.models import Outlet, Settings
from relance_tui.core.script.events import EventDraft, build_event
from relance_tui.core.script.templates import render
from relance_tui.core.settings import SettingsDraft, build_settings
from relance_tui.core.store.store import Store

NOW = datetime(2026, 11, 26, 9, 15, tzinfo=DEFAULT_TZ)
HUGE = "é" * 1_000_000
HOSTILE = [
    "",
    " ",
    HUGE,
    "\x00\x01\x02",
    "\ud800 lone surrogate",
    '=HYPERLINK("x")',
    "{{ 7*7 }}",
    "'; DROP TABLE contacts; --",
    "../../etc/passwd",
    "\u202eénalf",
    "🙂" * 50,
    "\r\n\t",
]
ANY_TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(blacklist_categories=()), max_size=200),
)
SLOW = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SLOW
@given(ANY_TEXT)
def test_typed_times(text: str) -> None:
    try:
        moment = parse_when(text, NOW)
    except RelanceError as problem:
        assert str(problem)
    else:
        assert moment > NOW and moment.tzinfo is not None


@SLOW
@given(
    st.builds(
        EventDraft,
        title=ANY_TEXT,
        kind=ANY_TEXT,
        start=ANY_TEXT,
        venue=ANY_TEXT,
        spokespeople=ANY_TEXT,
        language=ANY_TEXT,
        press_release=ANY_TEXT,
    )
)
def test_event_form(draft: EventDraft) -> None:
    try:
        event = build_event(draft, NOW)
    except RelanceError as problem:
        assert problem.errors  # type: ignore[attr-defined]
    else:
        assert event.title.strip() and len(event.title) <= 200


@SLOW
@given(
    st.builds(
        SettingsDraft,
        caller_name=ANY_TEXT,
        caller_phone=ANY_TEXT,
        language=ANY_TEXT,
        retry_voicemail_min=ANY_TEXT,
        attempts_cap=ANY_TEXT,
        dial_command=ANY_TEXT,
    )
)
def test_settings_form(draft: SettingsDraft) -> None:
    try:
        result = build_settings(draft, Settings(id=1))
    except RelanceError as problem:
        assert str(problem)
    else:
        assert 1 <= result.attempts_cap <= 20


@SLOW
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "name",
                "phone",
                "extension",
                "email",
                "kind",
                "warmth",
                "outlet_id",
                "role",
                "tags",
                "notes",
            ]
        ),
        ANY_TEXT,
    )
)
def test_media_forms(values: dict[str, str]) -> None:
    for build in (build_outlet, build_contact):
        try:
            record = build(values)
        except RelanceError as problem:
            assert str(problem)
        else:
            assert record.name.strip()


@settings(max_examples=60, deadline=None)
@given(ANY_TEXT)
def test_templates(source: str) -> None:
    try:
        render(source[:2000], {"contact": {"name": "Léa"}})
    except RelanceError as problem:
        assert str(problem)


@SLOW
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.sampled_from(
            [b"", HUGE.encode(), b"\xff" * 5000, "Média,Nom,Téléphone\n".encode() + b"\x00" * 100]
        ),
    )
)
def test_import_files(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("imp") / "relance.json"
    with Store.open(path) as store:
        store.save(Outlet(name="CIBL"))
        before = (store.count(Outlet), len(store.contacts()))
        try:
            plan = plan_import_bytes(data, "x.csv", store, {})
        except RelanceError as problem:
            assert str(problem)
        else:
            assert plan.rows_total >= 0
        assert (store.count(Outlet), len(store.contacts())) == before


def test_malformed_unicode_is_refused_by_the_store_not_written(store: Store) -> None:
    store.save(Outlet(name="Avant"))
    try:
        store.save(Outlet(name="\ud800"))
    except RelanceError as problem:
        assert "surrogate" in str(problem)
    else:
        raise AssertionError("a lone surrogate was written")
    assert [o.name for o in store.outlets()] == ["Avant"]
