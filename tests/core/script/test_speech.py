"""Word counts and spoken time (French and English)."""

from __future__ import annotations

from datetime import datetime

import pytest

from relance_tui.core.calls.timing import DEFAULT_TZ
from relance_tui.core.models import RehearsalTake
from relance_tui.core.script.speech import count_spoken_words, estimate, speaking_rate

SENTENCES = [
    ("Bonjour", 1),
    ("l'événement", 1),
    ("aujourd’hui, l’équipe", 2),
    ("C'est à 14h30", 5),  # c'est, à, quatorze heures trente
    ("rendez-vous à 14 h", 4),  # rendez-vous, à, quatorze heures
    ("Appelez le 514-555-0199", 12),  # appelez, le, ten digits
    ("en 2026", 5),  # en, deux mille vingt six
    ("Bonjour [pause] Marie", 2),
    ("50 nouvelles ruelles", 3),
    ("It starts at 2:30 pm", 7),  # it, starts, at, two (hours) thirty pm
    ("We'll be there at 10am", 6),
    ("Call 514 555 0199 ext. 221", 16),  # call, ten digits, ext, two hundred twenty one
    ("", 0),
    ("[pause] [respirez]", 0),
]


@pytest.mark.parametrize(("text", "words"), SENTENCES, ids=[s[0] or "empty" for s in SENTENCES])
def test_spoken_words(text: str, words: int) -> None:
    assert count_spoken_words(text) == words


def test_estimate_against_the_target_at_the_default_pace() -> None:
    text = " ".join(["mot"] * 75)
    fr = estimate(text, "fr")
    assert (fr.words, fr.wpm, fr.measured) == (75, 150, False)
    assert fr.seconds == pytest.approx(30.0)
    assert fr.fits and fr.words_over == 0
    en = estimate(" ".join(["word"] * 93), "en")
    assert en.wpm == 155
    assert not en.fits and en.words_over == 93 - 77


def test_the_callers_own_pace_replaces_the_default() -> None:
    at = datetime(2026, 11, 26, 9, 0, tzinfo=DEFAULT_TZ)
    takes = [
        RehearsalTake(event_id=1, at=at.replace(minute=m), duration_s=30, words=w, wpm=w * 2)
        for m, w in ((1, 60), (2, 70), (3, 80))
    ]
    assert speaking_rate(takes, "fr") == (140, True)
    length = estimate(" ".join(["mot"] * 70), "fr", takes)
    assert length.measured and length.seconds == pytest.approx(30.0)
