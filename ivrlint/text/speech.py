"""How long text takes to say: the one estimate behind IVR115, IVR203 and ``ivrlint stats``."""

from __future__ import annotations

import re

DEFAULT_WORDS_PER_MINUTE = 150
_WORD = re.compile(r"[\w'’-]+")
_NON_DIGIT = re.compile(r"\D")
# A number this long is a phone or account number, read out digit by digit.
_DIGIT_BY_DIGIT = 5


def word_count(text: str) -> int:
    """Spoken words: "1-800-555-0199" is eleven of them, "press 2" two."""
    count = 0
    for word in _WORD.findall(text):
        digits = len(_NON_DIGIT.sub("", word))
        count += digits if digits >= _DIGIT_BY_DIGIT and digits * 2 > len(word) else 1
    return count


def spoken_seconds(text: str, words_per_minute: float = DEFAULT_WORDS_PER_MINUTE) -> float:
    """Seconds a text-to-speech voice or a recorded prompt needs for ``text``."""
    if words_per_minute <= 0:
        raise ValueError("words_per_minute must be positive")
    return word_count(text) * 60.0 / words_per_minute
