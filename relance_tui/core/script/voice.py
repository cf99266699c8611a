"""Rehearsal by voice: hear when the reading starts and ends, no speech recognition.

The script's words are known, so timing a take needs only where the speech starts
and where it ends (voice activity detection). Audio arrives as 30 ms frames of
16 kHz, 16-bit mono; each frame is speech or not (WebRTC's VAD, from the optional
`relance[voix]` extra) and has a loudness. The first second is the room's silence:
it sets how loud a frame must be to count (a voice in the next room, a fan, stay
under it), or says the room is too noisy. Times are audio time (frames counted),
so a WAV file is timed exactly as a microphone would be, only faster.

Sources: a WAV file (`RELANCE_VOICE_FILE`, for tests and for people who record
themselves) or the microphone (sounddevice). Nothing here touches the network.
"""

from __future__ import annotations

import array
import math
import os
import statistics
import sys
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from relance_tui.core.errors import RelanceError

RATE = 16_000
FRAME_MS = 30
FRAME_SAMPLES = RATE * FRAME_MS // 1000
FRAME_S = FRAME_MS / 1000
CALIBRATION_S = 1.0
SILENCE_S = 1.2  # a pause this long ends the take
ONSET_FRAMES = 3  # 90 ms of speech in a row start it (a cough or a click does not)
LOUDER_THAN_ROOM = 2.0  # a speech frame is at least this much above the room (6 dB)
QUIETEST = 0.002  # and above this, whatever the room (about -54 dBFS)
NOISY_ROOM = 0.05  # a room louder than this (about -26 dBFS) cannot be timed
SPEECH_IN_SILENCE = 0.3  # nor one where a third of the silence is someone speaking
VOICE_FILE_VARIABLE = "RELANCE_VOICE_FILE"


class VoiceUnavailable(RelanceError):
    """Why the voice mode cannot run here (the space bar still works)."""

    key = "voice.unavailable"


class Heard(StrEnum):
    CALIBRATED = "calibrated"
    TOO_NOISY = "too_noisy"
    STARTED = "started"
    STOPPED = "stopped"


@dataclass(frozen=True)
class VoiceEvent:
    heard: Heard
    at_s: float  # audio time
    start_s: float = 0.0  # for STOPPED: the take, start to end
    level: float = 0.0  # the room's, for CALIBRATED and TOO_NOISY

    @property
    def duration_s(self) -> float:
        return round(self.at_s - self.start_s, 2)


@dataclass
class VoiceTimer:
    """Frames in, events out: the room calibrated, a reading started, a reading ended."""

    silence_s: float = SILENCE_S
    calibration_s: float = CALIBRATION_S
    frames: int = 0
    threshold: float | None = None  # set by the calibration
    _room: list[tuple[bool, float]] = field(default_factory=list)  # frames of the calibration
    _run: int = 0  # speech frames in a row
    _started_s: float | None = None
    _last_speech_end_s: float = 0.0

    @property
    def listening(self) -> bool:
        return self.threshold is not None

    @property
    def speaking(self) -> bool:
        return self._started_s is not None

    def feed(self, speech: bool, level: float) -> VoiceEvent | None:
        """One frame: whether the VAD hears speech in it, and its loudness (RMS, 0–1)."""
        at = self.frames * FRAME_S
        self.frames += 1
        if self.threshold is None:
            return self._calibrate(speech, level, at)
        voiced = speech and level >= self.threshold
        self._run = self._run + 1 if voiced else 0
        if voiced:
            self._last_speech_end_s = at + FRAME_S
        if self._started_s is None:
            if self._run >= ONSET_FRAMES:
                self._started_s = at - (ONSET_FRAMES - 1) * FRAME_S
                return VoiceEvent(Heard.STARTED, round(self._started_s, 2))
            return None
        if at + FRAME_S - self._last_speech_end_s >= self.silence_s:
            start, self._started_s = self._started_s, None
            return VoiceEvent(Heard.STOPPED, round(self._last_speech_end_s, 2), round(start, 2))
        return None

    def reset(self) -> None:
        """Forget the reading under way (the space bar took over)."""
        self._started_s = None
        self._run = 0

    def _calibrate(self, speech: bool, level: float, at: float) -> VoiceEvent | None:
        self._room.append((speech, level))
        if len(self._room) * FRAME_S < self.calibration_s - FRAME_S / 2:
            return None
        levels = sorted(lvl for _, lvl in self._room)
        room = levels[int(len(levels) * 0.9) - 1] if levels else 0.0
        talking = sum(1 for s, _ in self._room if s) / len(self._room)
        if room > NOISY_ROOM or talking > SPEECH_IN_SILENCE:
            self._room = []  # listen to the room again: the next second may be quieter
            return VoiceEvent(Heard.TOO_NOISY, round(at + FRAME_S, 2), level=room)
        self.threshold = max(room * LOUDER_THAN_ROOM, QUIETEST)
        return VoiceEvent(Heard.CALIBRATED, round(at + FRAME_S, 2), level=room)


def loudness(frame: bytes) -> float:
    """The RMS of a 16-bit frame, 0–1."""
    samples = array.array("h", frame)
    if sys.byteorder == "big":
        samples.byteswap()
    if not samples:
        return 0.0
    return math.sqrt(statistics.fmean(s * s for s in samples)) / 32768


class SpeechDetector:
    """WebRTC's VAD (aggressive mode), from the `relance[voix]` extra."""

    def __init__(self, mode: int = 3) -> None:
        try:
            import webrtcvad  # type: ignore[import-untyped,import-not-found,unused-ignore]
        except ImportError:
            raise VoiceUnavailable("voice.no_extra") from None
        self._vad = webrtcvad.Vad(mode)

    def __call__(self, frame: bytes) -> bool:
        return bool(self._vad.is_speech(frame, RATE))


MIN_RATE, MAX_RATE = 8_000, 192_000  # a telephone's to a studio's


def wav_frames(path: Path) -> Iterator[bytes]:
    """30 ms frames of a WAV file, as 16 kHz 16-bit mono (its first channel, resampled)."""
    try:
        with wave.open(str(path), "rb") as source:
            width, channels, rate = (
                source.getsampwidth(),
                source.getnchannels(),
                source.getframerate(),
            )
            raw = source.readframes(source.getnframes())
    except (OSError, wave.Error, EOFError) as problem:
        raise VoiceUnavailable("voice.bad_file", path=str(path), detail=str(problem)) from None
    if width != 2:
        raise VoiceUnavailable("voice.bad_file", path=str(path), detail=f"{8 * width} bits")
    if not MIN_RATE <= rate <= MAX_RATE or channels < 1:  # 0 Hz divides by zero, 1 Hz
        # would be stretched into millions of samples: neither is a recording of a voice
        raise VoiceUnavailable("voice.bad_file", path=str(path), detail=f"{rate} Hz")
    samples = array.array("h", raw)
    if sys.byteorder == "big":
        samples.byteswap()
    mono = samples[::channels] if channels > 1 else samples
    resampled = _resample(mono, rate) if rate != RATE else mono
    for start in range(0, len(resampled) - FRAME_SAMPLES + 1, FRAME_SAMPLES):
        frame = resampled[start : start + FRAME_SAMPLES]
        if sys.byteorder == "big":
            frame.byteswap()
        yield frame.tobytes()


def _resample(samples: array.array[int], rate: int) -> array.array[int]:
    """Linear interpolation to RATE: plenty for telling speech from silence."""
    count = int(len(samples) * RATE / rate)
    step = rate / RATE
    out = array.array("h", bytes(2 * count))
    last = len(samples) - 1
    for index in range(count):
        position = index * step
        low = int(position)
        high = min(low + 1, last)
        fraction = position - low
        out[index] = int(samples[low] * (1 - fraction) + samples[high] * fraction)
    return out


def microphone_frames() -> Iterator[bytes]:
    """30 ms frames from the default microphone, until the consumer stops reading."""
    try:
        import sounddevice  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise VoiceUnavailable("voice.no_extra") from None
    except OSError:  # the PortAudio library itself is missing
        raise VoiceUnavailable("voice.no_microphone") from None
    try:
        stream = sounddevice.RawInputStream(
            samplerate=RATE, channels=1, dtype="int16", blocksize=FRAME_SAMPLES
        )
        stream.start()
    except Exception:  # no input device, device busy: PortAudio's own errors
        raise VoiceUnavailable("voice.no_microphone") from None
    try:
        while True:
            data, _ = stream.read(FRAME_SAMPLES)
            yield bytes(data)
    finally:
        stream.stop()
        stream.close()


def voice_frames() -> Iterator[bytes]:
    """The WAV file named by RELANCE_VOICE_FILE if set, else the microphone."""
    named = os.environ.get(VOICE_FILE_VARIABLE)
    return wav_frames(Path(named)) if named else microphone_frames()


def listen(
    frames: Iterator[bytes], timer: VoiceTimer, detector: SpeechDetector
) -> Iterator[tuple[VoiceEvent | None, float]]:
    """Each frame's event (or None) and loudness, as the frames come."""
    for frame in frames:
        level = loudness(frame)
        yield timer.feed(detector(frame), level), level
