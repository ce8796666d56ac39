"""Find where a prompt announces its keys: "for billing, press 2", "нажмите 2"."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from ivrlint.text.words import is_cyrillic


def _on_first_use(pattern: str) -> Callable[[], re.Pattern[str]]:
    """A case-insensitive regex compiled when first asked for: the alternations below take
    0.5-1 ms each to compile, and a check of a menu without prompts needs none of them."""
    return lru_cache(maxsize=1)(lambda: re.compile(pattern, re.IGNORECASE))


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
_VERBS = (
    "press", "dial", "push", "select", "choose", "enter", "key in", "say or press",
    "press or say", "нажмите", "наберите", "нажми", "набери", "выберите", "выбери",
)  # fmt: skip
# The verbs' first letters, looked ahead: the regex engine then passes over a position where
# no verb starts without trying each verb there, which reads a prompt three times faster.
_VERB = f"(?=[{''.join(sorted({verb[0] for verb in _VERBS}))}])(?:{'|'.join(_VERBS)})"
_announce = _on_first_use(
    _VERB + r"\s+(?:the\s+|на\s+|клавишу\s+|цифру\s+|кнопку\s+)?" + _KEY + r"(?:\s+key)?(?!\w)"
)
# A key said again without its verb, after an announcement of the same sentence: "press 1
# for cash and 2 for card", "нажмите 1 для оплаты наличными или 2 для оплаты картой",
# "…, 2 — для оплаты картой".
_again = _on_first_use(
    r"(?:\s*,\s*(?:(?:and|or|и|или|а)\s+)?|\s+(?:and|or|и|или|а)\s+)"
    + _KEY
    + r"(?=\s*(?:[—–:]|\s-)?\s+(?:for|to|для|чтобы|если)\b)"
)
# A key said after a goal without its verb, once an announcement has said the verb: the
# action is stated once and the list goes on without it ("For sales press 1, support 2,
# billing 3", "To pay by cash, press 1; by card, 2", "Для оплаты наличными нажмите 1,
# картой — 2", "чтобы узнать баланс, нажмите 1, оплатить счёт — 2"). Each item follows the
# one before it; its key ends the clause, so a number inside a goal ("for 4 to 6 people",
# "на 2 дня", "за 300 рублей") is never one. Items are matched from where the last ended.
_CONJUNCTION = r"(?:and|or|и|или|а)"
_ITEM_START = rf"(?:\s*[,;]\s*(?P<or>{_CONJUNCTION}\s+)?|\s+(?P<and>{_CONJUNCTION})\s+)"
_ITEM_GOAL = r"(?P<goal>[^\W\d_][^,;.!?:—–()\"«»\n]{0,80}?)"  # a letter first: "support"
_ITEM_SEP = r"(?:\s*[,:—–]\s*|\s+-\s+|\s+)"  # "картой — 2", "by card, 2", "support 2"
_ITEM_END = rf"(?=\s*[,;.!?:](?!\w)|\s*$|\s+{_CONJUNCTION}\s)"  # the key ends its clause

# 2 ms to compile; most prompts end each announcement with a full stop and never need it
_elided = _on_first_use(_ITEM_START + _ITEM_GOAL + _ITEM_SEP + _KEY + _ITEM_END)


# Words that take a number, not a key, after them: "open until 5", "9 to 5", "room 2",
# "до 5", "стоит 2". A goal ends on what it is for, never on these.
_NOT_BEFORE_KEY = frozenset({
    "at", "until", "till", "to", "from", "by", "for", "on", "in", "after", "before", "about",
    "of", "than", "under", "over", "within", "through", "past", "around", "between", "and",
    "or", "is", "are", "was", "were", "be", "costs", "cost", "only", "just", "also", "too",
    "this", "that", "the", "a", "an", "any", "every", "each", "no", "number", "extension",
    "ext", "room", "suite", "floor", "page", "step", "line", "level", "version", "section",
    "item", "code", "pin", "terminal", "gate", "platform", "bay", "door", "zone", "nights",
    "days", "hours",
    "до", "в", "во", "на", "за", "с", "со", "по", "от", "из", "к", "ко", "около", "после",
    "через", "между", "и", "или", "а", "не", "это", "стоит", "всего", "только", "также",
    "тоже", "номер", "добавочный", "кабинет", "этаж", "код",
})  # fmt: skip
# How the text after "press 1" starts when a list goes on (checked before any regex).
_LIST_GOES_ON = (",", ";", " and ", " or ", " и ", " или ", " а ", " And ", " Or ", " И ", " А ")
# Spoken keys too easily said otherwise to be read as a key without its verb.
_NOT_ELIDED = frozenset(("oh", "square"))
_CLAUSE_END = re.compile(r"[.,;!?:]")
_SENTENCE_ENDS = ".;!?"
_SENTENCE_END = re.compile(f"[{_SENTENCE_ENDS}]")
# Where a goal starts: "for billing", "to speak with an agent", "чтобы узнать баланс".
_GOAL_WORDS = (
    r"if you (?:would like|'d like|want|wish|need) to|if you(?:'re| are) calling (?:about|for)"
    r"|if you have (?:a )?questions? (?:about|on)|if you(?:'re| are)(?: an?)?|if you"
    r"|for (?:questions about|help with|information (?:about|on))|for|to|about|regarding"
    r"|если вы хотите|если вас интересует|если вы|если|чтобы|чтоб|для|по вопросам|по вопросу|по"
    r"|в случае"
)
_goal = _on_first_use(rf"^\s*(?:and |or |otherwise,? |и |или |а )?(?P<goal>{_GOAL_WORDS})\b\s*")
# After the key, the goal follows at once ("press 2 for billing"), or after a dash ("2 — для
# оплаты картой"); in Russian a comma may come first ("нажмите 1, чтобы узнать баланс").
_after = _on_first_use(rf"^\s*(?:,\s*(?=чтобы|если)|[—–:]\s*|-\s+)?(?:{_GOAL_WORDS})\b\s*")
_EDGE = " ,;:—–-\t\n"


class Announcement(NamedTuple):
    """One "press N" of a prompt. A tuple, as ``Pos``: cheaper to make than a dataclass.

    Offsets are character indexes into the prompt, end exclusive: ``prompt[start:press_end]``
    is "press 2", ``prompt[label_start:label_end]`` the goal ("billing"), and ``span()`` the
    whole announcement ("For billing, press 2").
    """

    key: str
    start: int  # where "press 2" starts in the prompt
    end: int  # where the clause that carries it ends: the caller may press from here on
    label: str = ""  # what the prompt says the key is for ("billing"), when it says so
    goal_first: bool | None = None  # "for billing, press 2" (True) or "press 2 for billing"
    press_end: int = 0  # where "press 2" ends
    phrase_start: int = 0  # where the announcement starts: its goal phrase ("For billing")
    label_start: int = 0  # where ``label`` starts

    @property
    def label_end(self) -> int:
        return self.label_start + len(self.label)

    def span(self) -> tuple[int, int]:
        """Where the whole announcement is: from its goal phrase to "press 2", or from
        "press 2" to its goal ("press 2 for billing")."""
        if self.goal_first:
            return self.phrase_start, self.press_end
        return self.start, max(self.press_end, self.label_end)


def announcements(prompt: str) -> list[Announcement]:
    """Every "press N" of ``prompt``, with the goal announced for it, in prompt order."""
    return list(_announcements(prompt))


# The flow, IVR202 and IVR204 each read every prompt of a file: room for the prompts of a
# file of tens of thousands of menus, so that a large file's prompts are read once, not thrice.
@lru_cache(maxsize=1 << 15)
def _announcements(prompt: str) -> tuple[Announcement, ...]:
    presses = _presses(prompt)
    found: list[Announcement] = []
    consumed = 0  # text before this point belongs to an earlier announcement
    for i, (word, start, press_end, _, said_at, goal) in enumerate(presses):
        key = KEY_WORDS.get(word, word)
        stop = _CLAUSE_END.search(prompt, press_end)
        end = stop.start() if stop else len(prompt)
        upcoming = presses[i + 1].cut if i + 1 < len(presses) else len(prompt)
        sentence = _SENTENCE_END.search(prompt, press_end)
        after_end = min(sentence.start() if sentence else len(prompt), upcoming)
        if said_at >= 0:  # "…, support 2": its goal was read with it
            label_at, label_end = goal
            consumed = press_end
            found.append(
                Announcement(
                    key, start, press_end, prompt[label_at:label_end], True, press_end,
                    said_at, label_at,
                )
            )  # fmt: skip
            continue
        begin = max(consumed, _sentence_start(prompt, start))
        before = prompt[begin:start]
        label, back = _goal_before(before)
        goal_first: bool | None = True
        consumed = press_end
        if label:  # the label ends the text before "press N", less its edges
            at = begin + len(before.rstrip(_EDGE)) - len(label)
            phrase = at - back
        else:
            label, at, taken = _goal_after(prompt[press_end:after_end])
            at += press_end
            phrase = start
            goal_first = False if label else None
            consumed += taken
        found.append(Announcement(key, start, end, label, goal_first, press_end, phrase, at))
    return tuple(found)


class _Press(NamedTuple):
    word: str  # the key as said: "2", "two", "звёздочку"
    start: int  # where "press 2" (or the key said again, "2") starts
    end: int
    cut: int  # where the text of the announcement before it ends: "… for cash| and 2"
    # A key said after its goal without the verb ("…, support 2"): where its goal phrase
    # starts ("for Spanish 2"), and where its goal ("Spanish") starts and ends.
    phrase: int = -1
    goal: tuple[int, int] = (0, 0)


def _presses(prompt: str) -> list[_Press]:
    """Every "press N" of ``prompt``, and every key said again without its verb after one
    in the same sentence ("press 1 for cash and 2 for card"), in prompt order."""
    presses = [
        _Press(m.group("key").lower(), m.start(), m.end(), m.start())
        for m in _announce().finditer(prompt)
    ]
    again: list[_Press] = []
    for i, first in enumerate(presses):
        following = presses[i + 1] if i + 1 < len(presses) else None
        limit = following.start if following else len(prompt)
        sentence = _SENTENCE_END.search(prompt, first.end, limit)
        limit = sentence.start() if sentence else limit
        for m in _again().finditer(prompt, first.end, limit):
            again.append(_Press(m.group("key").lower(), m.start("key"), m.end(), m.start()))
        if not prompt.startswith(_LIST_GOES_ON, first.end):
            continue  # "press 1." ends the list: most announcements
        elided = _listed(prompt, first, presses[i - 1].end if i else 0, following)
        if elided:
            taken = [(p.phrase, p.end) for p in elided]
            again = [p for p in again if not any(a <= p.start < b for a, b in taken)]
            again.extend(elided)
    return sorted([*presses, *again], key=lambda p: p.start) if again else presses


def _listed(prompt: str, first: _Press, before: int, following: _Press | None) -> list[_Press]:
    """The keys said after their goal without the verb, one after another, following the
    goal-first announcement ``first``: "For sales press 1, support 2, billing 3"."""
    found = _elided().match(prompt, first.end)
    if found is None or _after().match(prompt, first.end):  # "press 1 for cash, …" is key first
        return []
    begin = max(before, _sentence_start(prompt, first.start))
    if not _goal_before(prompt[begin : first.start])[0]:
        return []  # "Press 1, 2 or 3": no goal said, none to leave out
    limit = following.start if following else len(prompt)
    items: list[_Press] = []
    while found is not None and found.end() <= limit:
        word = found.group("key").lower()
        goal = found.group("goal").rstrip(_EDGE)
        words = goal.split()
        if word in _NOT_ELIDED or len(words) > 8 or words[-1].lower() in _NOT_BEFORE_KEY:
            break
        if words[-1].isdigit():
            break  # "hours 9 5"
        phrase = _goal().match(goal)
        joined = found.group("or") or found.group("and")
        marked = prompt[found.end("goal") : found.start("key")].strip()  # "—", ",", ":"
        if is_cyrillic(words[-1]) and not (phrase or joined or marked):
            break  # "картой — 2", "для удаления 2", "а картой 2"; not "стоимость звонка 2"
        at = found.start("goal")
        label_at = at + phrase.end() if phrase and phrase.end() < len(goal) else at
        items.append(
            _Press(word, found.start("key"), found.end(), at, at, (label_at, at + len(goal)))
        )
        found = _elided().match(prompt, found.end())
    return items


def _sentence_start(prompt: str, position: int) -> int:
    """Where the sentence that holds ``position`` starts: after the last end before it."""
    return max(prompt.rfind(end, 0, position) for end in _SENTENCE_ENDS) + 1


def _goal_before(text: str) -> tuple[str, int]:
    """The goal in the text before a "press N": from its last goal phrase on; and how far
    before the goal its phrase starts ("for " before "billing")."""
    parts = text.strip(_EDGE).split(",")
    for i in range(len(parts) - 1, -1, -1):
        found = _goal().match(parts[i])
        if found:
            tail = ",".join([parts[i][found.end() :], *parts[i + 1 :]])
            label = tail.strip(_EDGE)  # ``tail`` ends the stripped text: edges lead only
            return label, len(tail) - len(label) + found.end() - found.start("goal")
    return "", 0


def _goal_after(text: str) -> tuple[str, int, int]:
    """The goal right after a "press N", where it starts in ``text``, and how much of
    ``text`` it takes."""
    found = _after().match(text)
    if not found:
        return "", 0, 0
    comma = text.find(",", found.end())
    stop = comma if comma >= 0 else len(text)
    goal = text[found.end() : stop]
    label = goal.strip(_EDGE)
    return label, found.end() + len(goal) - len(goal.lstrip(_EDGE)), stop


def heard_until(prompt: str) -> list[tuple[str, str]]:
    """For each announced key, the part of ``prompt`` a caller hears before they know it.

    A key announced twice counts at its first announcement. A key that is never announced is
    not listed: the caller has to hear the whole prompt to find it.
    """
    heard: dict[str, str] = {}
    for found in announcements(prompt):
        heard.setdefault(found.key, prompt[: found.end])
    return list(heard.items())
