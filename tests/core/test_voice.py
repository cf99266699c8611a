"""Timing a take from the voice: spoken clips (espeak-ng) in silence, in noise at 10, 20
and 30 dB, and with a second voice in the room."""

from __future__ import annotations

import builtins
import sys
from pathlib import Path

import pytest

from relance_tui.core.script.voice import (
    Heard,
    SpeechDetector,
    VoiceEvent,
    VoiceTimer,
    VoiceUnavailable,
    listen,
    wav_frames,
)
from tests.voice_clips import Clip, clip

TEXT = (
    "Bonjour Amélie, ici Sam Gagnon, du Regroupement des ruelles vertes. Je vous appelle "
    "au sujet de notre communiqué : le lancement de la campagne Ruelles vertes pour tous, "
    "vendredi à dix heures trente, à la Maison de la culture du Plateau. Plantation en "
    "direct, de belles images, des porte-parole pour des entrevues. Est-ce que Radio-Canada "
    "pourrait être là ?"
)
WORDS = 60  # about; the pace compared is the same count over two durations


def heard(path: Path) -> list[VoiceEvent]:
    return [e for e, _ in listen(wav_frames(path), VoiceTimer(), SpeechDetector()) if e]


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Clip]:
    folder = tmp_path_factory.mktemp("voice")
    made = {}
    for name, snr in (("quiet", None), ("30 dB", 30.0), ("20 dB", 20.0), ("10 dB", 10.0)):
        (folder / name).mkdir()
        made[name] = clip(TEXT, folder / name, snr_db=snr)
    (folder / "two").mkdir()
    made["two voices"] = clip(
        TEXT,
        folder / "two",
        other_voice="Pendant ce temps, à côté, quelqu'un parle d'autre chose sans arrêt, "
        "de la météo, du match d'hier soir et de ses vacances.",
    )
    return made


@pytest.mark.parametrize("name", ["quiet", "30 dB", "20 dB", "10 dB"])
def test_start_stop_and_pace_from_the_voice(clips: dict[str, Clip], name: str) -> None:
    truth = clips[name]
    events = heard(truth.path)
    assert [e.heard for e in events] == [Heard.CALIBRATED, Heard.STARTED, Heard.STOPPED]
    take = events[-1]
    assert abs(take.start_s - truth.start_s) <= 0.25
    assert abs(take.at_s - truth.end_s) <= 0.25
    pace, true_pace = WORDS / take.duration_s * 60, WORDS / truth.duration_s * 60
    assert abs(pace - true_pace) / true_pace <= 0.03


def test_a_second_voice_in_the_room_says_too_noisy(clips: dict[str, Clip]) -> None:
    events = heard(clips["two voices"].path)
    assert events and all(e.heard is Heard.TOO_NOISY for e in events)  # never a false take


def test_a_pause_shorter_than_the_silence_does_not_end_the_take() -> None:
    timer = VoiceTimer(silence_s=1.2)
    frames = [(False, 0.0)] * 34 + [(True, 0.1)] * 30 + [(False, 0.0)] * 30 + [(True, 0.1)] * 30
    frames += [(False, 0.0)] * 50
    events = [e for e in (timer.feed(s, lvl) for s, lvl in frames) if e]
    assert [e.heard for e in events] == [Heard.CALIBRATED, Heard.STARTED, Heard.STOPPED]
    assert events[-1].duration_s == pytest.approx(90 * 0.03, abs=0.01)  # the pause inside


def test_without_the_extra_the_reason_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_webrtcvad(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "webrtcvad":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "webrtcvad", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_webrtcvad)
    with pytest.raises(VoiceUnavailable) as why:
        SpeechDetector()
    assert "pip install 'relance[voix]'" in str(why.value)


def test_a_file_that_is_not_audio_is_refused_with_its_name(tmp_path: Path) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("pas du son")
    with pytest.raises(VoiceUnavailable) as why:
        list(wav_frames(bad))
    assert "notes.wav" in str(why.value)


@pytest.mark.parametrize("rate", [0, 1, 400_000])
def test_a_wav_with_an_impossible_sample_rate_is_refused_at_once(tmp_path: Path, rate: int) -> None:
    import struct

    wav = tmp_path / "prise.wav"
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    data = b"\x00\x01" * 16_000
    wav.write_bytes(
        b"RIFF"
        + struct.pack("<I", 36 + len(data))
        + b"WAVEfmt "
        + struct.pack("<I", 16)
        + fmt
        + b"data"
        + struct.pack("<I", len(data))
        + data
    )
    with pytest.raises(VoiceUnavailable) as why:
        list(wav_frames(wav))
    assert "prise.wav" in str(why.value) and f"{rate} Hz" in str(why.value)
