"""What the card says: rendered off the UI thread, in the outlet's language, the last
good version while a draft is broken, the voicemail script on `m`."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from relance_tui.core.calls.queue import load_queue
from relance_tui.core.calls.timing import fixed_clock
from relance_tui.core.models import Language, Outcome, Outlet
from relance_tui.core.script import book
from relance_tui.core.script.render_process import default_renderer
from relance_tui.core.store.store import Store
from relance_tui.ui.app import make_app
from relance_tui.ui.widgets.queue_lists import QueueLists
from relance_tui.ui.widgets.script_box import ScriptBox
from tests.ui.waiting import wait_until

HOSTILE = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def box(app) -> ScriptBox:
    return app.screen.query_one("#card-script", ScriptBox)


def box_text(app) -> str:
    shown = box(app)
    return f"{shown.border_title}\n{shown.render()}".replace("\xa0", " ")


async def open_card(pilot) -> None:
    await pilot.press("4")
    await wait_until(pilot, lambda: box(pilot.app).shown is not None)


async def test_the_card_answers_keys_while_a_hostile_template_renders(
    demo_store: Store, now: datetime
) -> None:
    event = demo_store.current_event()
    hostile = book.with_drafts(event, "fr", {"talking_points": HOSTILE}, {"talking_points"})
    demo_store.save(hostile)
    first = load_queue(demo_store, hostile, now).current
    renderer = default_renderer()
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        # The card is up, its talking points still rendering in the render process.
        for _ in range(200):
            await pilot.pause()
            if renderer.busy:
                break
        assert renderer.busy
        assert "Préparation" in box_text(app)
        await pilot.press("n")
        for _ in range(200):  # the store, not a timer: wait for the write
            if demo_store.attempts(demo_store.current_event().id):
                break
            await pilot.pause()
        [attempt] = demo_store.attempts(demo_store.current_event().id)
        # The key was answered while the template was still rendering.
        assert renderer.busy
        assert attempt.target_id == first.target.id and attempt.outcome is Outcome.NO_ANSWER
        await pilot.press("q")


async def test_a_broken_draft_leaves_the_last_good_version_on_the_card(
    demo_store: Store, now: datetime
) -> None:
    event = demo_store.current_event()
    demo_store.save(book.with_drafts(event, "fr", {"talking_points": "{% if x %}"}, set()))
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_card(pilot)
        text = box_text(app)
        assert "modèle en erreur — version précédente utilisée" in text
        assert "Plantation en direct" in text  # the demo's last good talking points
        assert "erreur de syntaxe" not in text and "Jinja" not in text


async def test_an_english_outlet_gets_the_english_script_and_t_switches(
    demo_store: Store, now: datetime
) -> None:
    first = load_queue(demo_store, demo_store.current_event(), now).current
    outlet = demo_store.get(Outlet, first.outlet.id)
    demo_store.save(dataclasses.replace(outlet, language=Language.EN))
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_card(pilot)
        assert "[EN]" in str(app.screen.query_one("#card-contact").render())
        text = box_text(app)
        assert "(EN)" in text and f"Hi {first.contact.first_name}, this is Sam Gagnon" in text
        await pilot.press("t")
        await wait_until(pilot, lambda: "(FR)" in box_text(app) and box(app).shown is not None)
        assert f"Bonjour {first.contact.first_name}, ici Sam Gagnon" in box_text(app)
        await pilot.press("m")
        await wait_until(pilot, lambda: "Message vocal" in box_text(app))
        await wait_until(pilot, lambda: box(app).shown is not None)
        assert "514, 555, 01, 99" in box_text(app)  # the callback number, in groups


async def test_r_whose_email_cannot_be_built_says_so_and_copies_nothing(
    demo_store: Store, now: datetime, monkeypatch
) -> None:
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    event = demo_store.current_event()
    # A good version that fails for this contact (no show), as an old file could hold.
    broken = dataclasses.replace(
        event,
        templates={**event.templates, "fr": {**event.templates["fr"], "email_body": "{{ x.y }}"}},
        good_templates={},
    )
    demo_store.save(broken)
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_card(pilot)
        await pilot.press("r")
        status = app.screen.query_one("#call-status")
        await wait_until(pilot, lambda: "rien n'a été copié" in str(status.render()))
        said = str(status.render()).replace("\xa0", " ")
        assert "Courriel de relance" in said  # names the template that failed
        assert "renvoyer le communiqué" in said.lower() or "Enregistré" in said
    assert copied == []
    assert [a.outcome for a in demo_store.attempts(demo_store.current_event().id)] == [
        Outcome.RESEND
    ]


async def test_at_80x24_every_demo_card_shows_its_whole_talking_points(
    demo_store: Store, now: datetime
) -> None:
    event = demo_store.current_event()
    targets = [t.id for t in demo_store.targets(event.id)]
    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_card(pilot)
        screen = app.screen
        cut = []
        side = screen.query_one(QueueLists)
        for target_id in targets:
            side.post_message(QueueLists.Picked(target_id))  # picked from the side list
            await wait_until(pilot, lambda t=target_id: screen.current.target.id == t)
            await wait_until(pilot, lambda: box(app).shown is not None)
            await pilot.pause()
            card = screen.current
            scroll = screen.query_one("#card")
            script = box(app)
            bottom = script.region.y + script.region.height
            visible = scroll.region.y + scroll.region.height
            if scroll.scroll_y != 0 or bottom > visible or box(app).shown.problem:
                cut.append((card.label, scroll.scroll_y, bottom, visible))
        assert cut == []


async def test_a_key_faster_than_the_next_card_s_render_never_leaves_preparing(
    demo_store: Store, now: datetime, monkeypatch
) -> None:
    """The interleaving seen in `make bench`: card A (its script cached) asks for card
    B's script a moment after it is drawn; the key for B comes first, and B's own
    render starts; then A's late request comes. B must still be painted."""
    from relance_tui.core.station.scripts import ScriptCache

    app = make_app(store=demo_store, clock=fixed_clock(now))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_card(pilot)
        session = app.screen.session
        first, second, third = session.queue.ready[:3]
        job_a, job_b, job_c = (
            session.script_job(state, "talking_points") for state in (first, second, third)
        )
        cache = ScriptCache()
        cache.put(job_a.key, session.scripts.run(job_a))  # A cached, B and C not
        shown = box(app)
        asked: list = []
        monkeypatch.setattr(shown, "call_after_refresh", lambda *call: asked.append(call))
        shown.show_job(job_a, cache, job_b)  # A at once; B's render asked for, later
        shown.show_job(job_b, cache, job_c)  # the key for B, before that moment
        assert "Préparation" in box_text(app)
        set_timer, _delay, later = asked[0]
        later()  # A's request arrives now, B's render not started yet
        await wait_until(pilot, lambda: shown.shown is not None)
        assert "Préparation" not in box_text(app)
        assert shown.shown is cache.get(job_b.key)
