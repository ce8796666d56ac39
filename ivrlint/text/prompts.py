"""Find where a prompt announces its keys: "for billing, press 2", "нажмите 2"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spoken names of DTMF keys, in English and Russian (nominative and accusative forms).
KEY_WORDS: dict[str, str] = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "star": "*", "asterisk": "*", "pound": "#", "hash": "#", "square": "#",
    "ноль": "0", "нуль": "0", "один": "1", "единицу": "1", "единица": "1", "два": "2",
    "двойку": "2", "три": "3", "тройку": "3", "четыре": "4", "четвёрку": "4", "четверку": "4",
    "пять": "5", "пятёрку": "5", "пятерку": "5", "шесть": "6", "шестёрку": "6", "шестерку": "6",
    "семь": "7", "семёрку": "7", "семерку": "7", "восемь": "8", "восьмёрку": "8",
    "восьмерку": "8", "девять": "9", "девятку": "9",
    "звёздочку": "*", "звездочку": "*", "звёздочка": "*", "звездочка": "*", "звезду": "*",
    "решётку": "#", "решетку": "#", "решётка": "#", "решетка": "#",
}  # fmt: skip

_KEY = (
    r"(?P<key>[0-9*#]|" + "|".join(sorted(map(re.escape, KEY_WORDS), key=len, reverse=True)) + r")"
)
_VERB = (
    r"(?:press|dial|push|select|enter|key in|say or press|press or say|"
    r"нажмите|наберите|нажми|набери|выберите)"
)
_ANNOUNCE = re.compile(
    _VERB + r"\s+(?:the\s+|на\s+|клавишу\s+|цифру\s+|кнопку\s+)?" + _KEY + r"(?:\s+key)?(?!\w)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.,;!?:]")


@dataclass(frozen=True)
class Announcement:
    key: str
    start: int  # where "press 2" starts in the prompt
    end: int  # where the clause that carries it ends: the caller may press from here on


def announcements(prompt: str) -> list[Announcement]:
    found = []
    for match in _ANNOUNCE.finditer(prompt):
        word = match.group("key").lower()
        key = KEY_WORDS.get(word, word)
        stop = _CLAUSE_END.search(prompt, match.end())
        found.append(Announcement(key, match.start(), stop.start() if stop else len(prompt)))
    return found


def heard_until(prompt: str) -> list[tuple[str, str]]:
    """For each announced key, the part of ``prompt`` a caller hears before they know it.

    A key announced twice counts at its first announcement. A key that is never announced is
    not listed: the caller has to hear the whole prompt to find it.
    """
    heard: dict[str, str] = {}
    for found in announcements(prompt):
        heard.setdefault(found.key, prompt[: found.end])
    return list(heard.items())
