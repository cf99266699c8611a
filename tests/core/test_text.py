from hypothesis import given
from hypothesis import strategies as st

from relance_tui.core.text import fold


def test_markdown_cells_survive_outlook_notes_pipes_backslashes_and_escapes() -> None:
    from relance_tui.core.text import markdown_cell

    note = "Ligne 1\r\nLigne 2 | a\\b \x1b[31mrouge\x07"
    assert markdown_cell(note) == "Ligne 1<br>Ligne 2 \\| a\\\\b [31mrouge"


def test_the_report_in_markdown_keeps_its_table_whole(store) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from relance_tui.core.calls.queue import load_queue, record_outcome
    from relance_tui.core.calls.timing import DEFAULT_TZ, fixed_clock
    from relance_tui.core.models import Contact, Event, EventKind, Outcome, Outlet, Target
    from relance_tui.core.station.report import as_markdown, summarise

    now = datetime(2026, 11, 26, 10, 0, tzinfo=DEFAULT_TZ)
    event = Event(title="T", kind=EventKind.EVENT, start=now.replace(day=28))
    store.save(event)
    outlet = Outlet(name="Pipe | Média")
    store.save(outlet)
    contact = Contact(outlet_id=outlet.id, name="Léa\\Roy", phone="514-555-0100")
    store.save(contact)
    store.save(Target(event_id=event.id, position=1, contact_id=contact.id))
    state = load_queue(store, event, now).current
    record_outcome(store, state, Outcome.CONFIRMED, now, note="appelez\r\nle matin\x1b[2J")
    table = [
        line
        for line in as_markdown(summarise(store, event, fixed_clock(now))).splitlines()
        if "Léa" in line
    ]
    [row] = table
    assert row.count(" | ") == 5 and "\x1b" not in row and "\r" not in row
    assert "Léa\\\\Roy" in row and "Pipe \\| Média" in row


@given(st.text())
def test_fold_takes_its_short_cuts_without_changing_a_result(text: str) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    expected = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert fold(text) == expected
