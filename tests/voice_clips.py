"""Spoken clips for the voice tests: espeak-ng reads a text into a WAV file; silence
and noise (or a second voice) are mixed in at a chosen signal-to-noise ratio; the
truth (where the speech starts and ends) is measured on the clean speech."""

from __future__ import annotations

import array
import math
import random
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import require_program


@dataclass(frozen=True)
class Clip:
    path: Path
    start_s: float  # where the speech truly starts and ends in the clip
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


def spoken(
    text: str, path: Path, voice: str = "fr", speed: int = 160
) -> tuple[array.array[int], int]:
    """espeak-ng reading `text`: its samples and rate."""
    espeak = require_program("espeak-ng")
    subprocess.run([espeak, "-v", voice, "-s", str(speed), "-w", str(path), text], check=True)
    with wave.open(str(path), "rb") as source:
        rate = source.getframerate()
        samples = array.array("h", source.readframes(source.getnframes()))
    return samples, rate


def _rms(samples: array.array[int] | list[float]) -> float:
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def _voiced_bounds(samples: array.array[int], rate: int) -> tuple[int, int]:
    """First and last sample of the speech: 10 ms windows louder than 3 % of the peak."""
    window = rate // 100
    levels = [_rms(samples[i : i + window]) for i in range(0, len(samples), window)]
    peak = max(levels)
    loud = [i for i, level in enumerate(levels) if level > 0.03 * peak]
    return loud[0] * window, min(len(samples), (loud[-1] + 1) * window)


def clip(
    text: str,
    folder: Path,
    *,
    before_s: float = 1.6,
    after_s: float = 2.0,
    snr_db: float | None = None,
    other_voice: str | None = None,
    seed: int = 1126,
) -> Clip:
    """Silence, the reading, silence; white noise at `snr_db` below the speech, or a
    second voice reading `other_voice` at the same loudness all along."""
    samples, rate = spoken(text, folder / "clean.wav")
    first, last = _voiced_bounds(samples, rate)
    speech = list(samples[first:last])
    lead, tail = int(before_s * rate), int(after_s * rate)
    mixed = [0.0] * lead + [float(s) for s in speech] + [0.0] * tail
    level = _rms(speech)
    rng = random.Random(seed)
    if snr_db is not None:
        sigma = level / (10 ** (snr_db / 20))
        mixed = [s + rng.gauss(0, sigma) for s in mixed]
    if other_voice is not None:
        other, _ = spoken(other_voice, folder / "other.wav", voice="fr+m3", speed=180)
        gain = level / max(1.0, _rms(other))
        for index in range(len(mixed)):
            mixed[index] += other[index % len(other)] * gain
    out = array.array("h", (max(-32768, min(32767, int(s))) for s in mixed))
    path = folder / f"clip-{snr_db}-{bool(other_voice)}.wav"
    with wave.open(str(path), "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(2)
        target.setframerate(rate)
        target.writeframes(out.tobytes())
    return Clip(path, lead / rate, (lead + len(speech)) / rate)
