"""Find where a prompt announces its keys: "for billing, press 2", "нажмите 2"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    r"(?:press|dial|push|select|choose|enter|key in|say or press|press or say|"
    r"нажмите|наберите|нажми|набери|выберите|выбери)"
)
_ANNOUNCE = re.compile(
    _VERB + r"\s+(?:the\s+|на\s+|клавишу\s+|цифру\s+|кнопку\s+)?" + _KEY + r"(?:\s+key)?(?!\w)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.,;!?:]")
_SENTENCE_END = re.compile(r"[.;!?]")
# Where a goal starts: "for billing", "to speak with an agent", "чтобы узнать баланс".
_GOAL_WORDS = (
    r"if you (?:would like|'d like|want|wish|need) to|if you(?:'re| are) calling (?:about|for)"
    r"|if you have (?:a )?questions? (?:about|on)|if you(?:'re| are)(?: an?)?|if you"
    r"|for (?:questions about|help with|information (?:about|on))|for|to|about|regarding"
    r"|если вы хотите|если вас интересует|если вы|если|чтобы|для|по вопросам|по вопросу|по"
    r"|в случае"
)
_GOAL = re.compile(rf"^\s*(?:and |or |otherwise,? |и |или |а )?(?:{_GOAL_WORDS})\b\s*", re.I)
# After the key, the goal follows at once ("press 2 for billing"); in Russian a comma may
# come first ("нажмите 1, чтобы узнать баланс").
_AFTER = re.compile(rf"^\s*(?:,\s*(?=чтобы|если))?(?:{_GOAL_WORDS})\b\s*", re.I)
_EDGE = " ,;:—–-\t\n"


@dataclass(frozen=True)
class Announcement:
    key: str
    start: int  # where "press 2" starts in the prompt
    end: int  # where the clause that carries it ends: the caller may press from here on
    label: str = ""  # what the prompt says the key is for ("billing"), when it says so
    goal_first: bool | None = None  # "for billing, press 2" (True) or "press 2 for billing"


def announcements(prompt: str) -> list[Announcement]:
    """Every "press N" of ``prompt``, with the goal announced for it, in prompt order."""
    return list(_announcements(prompt))


@lru_cache(maxsize=1024)  # the flow asks once per key of a menu, rules once per menu
def _announcements(prompt: str) -> tuple[Announcement, ...]:
    matches = list(_ANNOUNCE.finditer(prompt))
    found: list[Announcement] = []
    consumed = 0  # text before this point belongs to an earlier announcement
    for i, match in enumerate(matches):
        word = match.group("key").lower()
        key = KEY_WORDS.get(word, word)
        stop = _CLAUSE_END.search(prompt, match.end())
        end = stop.start() if stop else len(prompt)
        upcoming = matches[i + 1].start() if i + 1 < len(matches) else len(prompt)
        sentence = _SENTENCE_END.search(prompt, match.end())
        after_end = min(sentence.start() if sentence else len(prompt), upcoming)
        before = prompt[max(consumed, _sentence_start(prompt, match.start())) : match.start()]
        label = _goal_before(before)
        goal_first: bool | None = True
        consumed = match.end()
        if not label:
            label, taken = _goal_after(prompt[match.end() : after_end])
            goal_first = False if label else None
            consumed += taken
        found.append(Announcement(key, match.start(), end, label, goal_first))
    return tuple(found)


def _sentence_start(prompt: str, position: int) -> int:
    ends = [m.end() for m in _SENTENCE_END.finditer(prompt, 0, position)]
    return ends[-1] if ends else 0


def _goal_before(text: str) -> str:
    """The goal in the text before a "press N": from its last goal phrase on."""
    parts = text.strip(_EDGE).split(",")
    for i in range(len(parts) - 1, -1, -1):
        found = _GOAL.match(parts[i])
        if found:
            return ",".join([parts[i][found.end() :], *parts[i + 1 :]]).strip(_EDGE)
    return ""


def _goal_after(text: str) -> tuple[str, int]:
    """The goal right after a "press N", and how much of ``text`` it takes."""
    found = _AFTER.match(text)
    if not found:
        return "", 0
    comma = text.find(",", found.end())
    stop = comma if comma >= 0 else len(text)
    return text[found.end() : stop].strip(_EDGE), stop


def heard_until(prompt: str) -> list[tuple[str, str]]:
    """For each announced key, the part of ``prompt`` a caller hears before they know it.

    A key announced twice counts at its first announcement. A key that is never announced is
    not listed: the caller has to hear the whole prompt to find it.
    """
    heard: dict[str, str] = {}
    for found in announcements(prompt):
        heard.setdefault(found.key, prompt[: found.end])
    return list(heard.items())
