"""The demo's audio interpretation file: a short chime, made here so that no recording is kept in the repository.

It stands for the recording of a talk, so that `make run` shows an interpretation playing on its page; the words
are in the page's transcript.
"""

import io
import math
import wave

RATE = 8000


def chime(seconds=4.0):
    """Return a WAV file (8 kHz, 8-bit mono) of soft two-note chimes fading out, `seconds` long."""
    samples = bytearray()
    for i in range(int(RATE * seconds)):
        t = i / RATE
        beat = t % 1.0
        pitch = 523.25 if int(t) % 2 == 0 else 659.25  # C5, E5
        level = 0.35 * math.exp(-4 * beat)
        samples.append(int(128 + 127 * level * math.sin(2 * math.pi * pitch * t)))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(1)
        file.setframerate(RATE)
        file.writeframes(bytes(samples))
    return out.getvalue()
