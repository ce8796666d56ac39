"""How long text takes to say: the one estimate behind IVR115, IVR203 and ``ivrlint stats``."""

from __future__ import annotations

import re

DEFAULT_WORDS_PER_MINUTE = 150
_WORD = re.compile(r"[\w'’-]+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def spoken_seconds(text: str, words_per_minute: float = DEFAULT_WORDS_PER_MINUTE) -> float:
    """Seconds a text-to-speech voice or a recorded prompt needs for ``text``."""
    if words_per_minute <= 0:
        raise ValueError("words_per_minute must be positive")
    return word_count(text) * 60.0 / words_per_minute
