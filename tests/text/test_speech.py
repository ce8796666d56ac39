"""Counting a prompt's words piece by piece gives what counting each prefix gives."""

from __future__ import annotations

import random

import pytest

from ivrlint.text.speech import prefix_word_counts, spoken_seconds, word_count, words_to_seconds

PROMPT = "For billing, press 1. To call 1-800-555-0199 or hear this again, press 9."


def test_each_prefix_is_counted_as_a_whole() -> None:
    ends = [PROMPT.index("press 1") + 7, PROMPT.index("press 9") + 7, len(PROMPT)]
    assert prefix_word_counts(PROMPT, ends) == {ends[0]: 4, ends[1]: 23, ends[2]: 23}


def test_an_end_inside_a_word_or_a_number_is_counted_from_the_start() -> None:
    inside = PROMPT.index("0199") + 2  # "1-800-555-01" is a different number of words
    assert prefix_word_counts(PROMPT, [inside, len(PROMPT)]) == {
        inside: word_count(PROMPT[:inside]),
        len(PROMPT): word_count(PROMPT),
    }


def test_random_texts_and_ends() -> None:
    rng = random.Random(7)
    pieces = ["press", " ", "1", "-", "800", "0199", ",", ". ", "’s", "'", "нажмите", "12345"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        ends = [rng.randint(0, len(text)) for _ in range(rng.randint(1, 4))]
        assert prefix_word_counts(text, ends) == {e: word_count(text[:e]) for e in ends}


def test_seconds() -> None:
    assert words_to_seconds(word_count(PROMPT), 150) == spoken_seconds(PROMPT, 150) == 9.2
    with pytest.raises(ValueError, match="words_per_minute must be positive"):
        words_to_seconds(3, 0)
