"""How long text takes to say: the one estimate behind IVR115, IVR203 and ``ivrlint stats``."""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_WORDS_PER_MINUTE = 150
_WORD = re.compile(r"[\w'’-]+")
# A number this long is a phone or account number, read out digit by digit.
_DIGIT_BY_DIGIT = 5


def word_count(text: str) -> int:
    """Spoken words: "1-800-555-0199" is eleven of them, "press 2" two."""
    count = 0
    for word in _WORD.findall(text):
        # Most words are letters only, or too short to hold a number read digit by digit.
        if len(word) < _DIGIT_BY_DIGIT or word.isalpha():
            count += 1
            continue
        digits = sum(c.isdecimal() for c in word)
        count += digits if digits >= _DIGIT_BY_DIGIT and digits * 2 > len(word) else 1
    return count


def prefix_word_counts(text: str, ends: Iterable[int]) -> dict[int, int]:
    """``word_count(text[:end])`` for each end. When no end falls inside a word, the text is
    counted once, piece by piece (a prompt and the part of it heard before each key)."""
    cuts = sorted(set(ends))
    if any(_WORD.fullmatch(text, end - 1, end + 1) for end in cuts if 0 < end < len(text)):
        return {end: word_count(text[:end]) for end in cuts}
    counts: dict[int, int] = {}
    total = start = 0
    for end in cuts:
        total += word_count(text[start:end])
        counts[end] = total
        start = end
    return counts


def spoken_seconds(text: str, words_per_minute: float = DEFAULT_WORDS_PER_MINUTE) -> float:
    """Seconds a text-to-speech voice or a recorded prompt needs for ``text``."""
    return words_to_seconds(word_count(text), words_per_minute)


def words_to_seconds(words: int, words_per_minute: float = DEFAULT_WORDS_PER_MINUTE) -> float:
    """Seconds to say ``words`` words."""
    if words_per_minute <= 0:
        raise ValueError("words_per_minute must be positive")
    return words * 60.0 / words_per_minute
