"""Reading choice labels the way a caller hears them, and telling when two of them blur.

A label is reduced to its *meanings*: the thesaurus concepts it names ("Payments" →
``billing``) and the stems of its other content words, once stop words, light verbs
("check", "узнать") and generic nouns ("services", "вопросы") are set aside. Two sibling
labels are ambiguous when a caller with one need could take either:

- ``same``: each names what the other names (synonyms, or the same words in other forms);
- ``inside``: everything one names, the other names too or names a narrower kind of
  ("Loans" / "Mortgages", "Cards" / "Lost or stolen card");
- ``audience``: one says only who the caller is, the other what they want
  ("Existing customers" / "Technical support").

Sharing a word is not enough: "Order status" / "Place a new order" each name something the
other does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from ivrlint.text.lexicon import WordList, builtin
from ivrlint.text.thesaurus import Thesaurus
from ivrlint.text.thesaurus import builtin as builtin_thesaurus
from ivrlint.text.words import stems

# Two stems the stemmer left apart are one word when this similar (rapidfuzz ratio, 0-100):
# fleeting vowels and alternations ("звонок" / "звонки" → "звонок" / "звонк").
FUZZY_RATIO = 85.0
_FUZZY_MIN_LENGTH = 4
_CONJUNCTION = re.compile(r"\s*(?:[,&/+]|\b(?:and|or|и|или)\b)\s*", re.IGNORECASE)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: built once, cached
class Vocabulary:
    """The word lists one file is read with: built-ins plus the project's additions."""

    thesaurus: Thesaurus
    topics: WordList  # the thesaurus' phrases without stop words; an entry is a concept id
    stop: WordList
    light: WordList
    generic: WordList
    vague: WordList
    fuzzy_ratio: float = FUZZY_RATIO

    @classmethod
    def build(
        cls,
        language: str,
        thesaurus: Thesaurus,
        extra_vague: Iterable[str] = (),
        not_vague: Iterable[str] = (),
        fuzzy_ratio: float = FUZZY_RATIO,
    ) -> Vocabulary:
        stop = builtin("stop", language)
        return cls(
            thesaurus,
            thesaurus.phrases.without(stop),
            stop,
            builtin("light", language),
            builtin("generic", language),
            builtin("vague", language).extended(extra_vague, not_vague).without(stop),
            fuzzy_ratio,
        )


@dataclass(frozen=True)
class Label:
    """What a label says: its words' stems, the meanings it names, and whether it is vague."""

    text: str
    meanings: frozenset[str]  # "c:concept" for thesaurus concepts, "s:stem" for other words
    vague: bool
    audience: bool  # it names only who the caller is
    # "Cards and PINs" offers cards or PINs: each part on its own, when there are several.
    parts: tuple[frozenset[str], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.meanings


@lru_cache(maxsize=4096)
def read(text: str, vocab: Vocabulary) -> Label:
    label = _read_one(text, vocab)
    pieces = [p for p in _CONJUNCTION.split(text) if p.strip()]
    if len(pieces) < 2:
        return label
    parts = tuple(m for p in pieces if (m := _read_one(p, vocab).meanings))
    return replace(label, parts=parts) if len(parts) > 1 else label


def _read_one(text: str, vocab: Vocabulary) -> Label:
    all_stems = stems(text)
    sequence = tuple(s for s in all_stems if s not in vocab.stop)
    meanings: set[str] = set()
    covered = [False] * len(sequence)
    for match in vocab.topics.find(sequence):
        meanings.add(f"c:{match.entry}")
        for i in range(match.start, match.end):
            covered[i] = True
    vague_words = {i for m in vocab.vague.find(sequence) for i in range(m.start, m.end)}
    idle = 0
    for i, s in enumerate(sequence):
        if s in vocab.light or s in vocab.generic or i in vague_words:
            idle += 1
            continue
        if not covered[i]:
            meanings.add(f"s:{s}")
    vague = bool(sequence) and idle == len(sequence) and idle > _light_only(sequence, vocab)
    audience = bool(meanings) and all(
        m.startswith("c:") and vocab.thesaurus.is_audience(m[2:]) for m in meanings
    )
    return Label(text, frozenset(meanings), vague, audience)


def in_context(label: Label, context: frozenset[str]) -> Label:
    """``label`` as heard inside a menu about ``context`` (the meanings of the choices that
    lead to the menu): in "Billing and payments", "Make a payment" says nothing new."""
    if not context:
        return label
    parts = tuple(p - context for p in label.parts if p - context)
    return replace(label, meanings=label.meanings - context, parts=parts if len(parts) > 1 else ())


def _light_only(sequence: tuple[str, ...], vocab: Vocabulary) -> int:
    """How many words are light verbs: a label of light verbs alone is not a catch-all."""
    return sum(s in vocab.light and s not in vocab.generic for s in sequence)


@dataclass(frozen=True)
class Ambiguity:
    kind: str  # "same", "forms", "inside" or "audience"
    wider: str  # the label that covers the other ("inside"), or says who ("audience")
    narrower: str

    def explain(self) -> str:
        a, b = self.wider, self.narrower
        if self.kind == "same":
            return f"'{a}' and '{b}' mean the same to a caller"
        if self.kind == "forms":
            return f"'{a}' and '{b}' are the same words in other forms"
        if self.kind == "inside":
            return f"'{a}' covers '{b}': a caller with a '{b}' need could pick either"
        return (
            f"'{a}' says who the caller is and '{b}' what they want: "
            "a caller who is both could pick either"
        )


def ambiguity(a: Label, b: Label, vocab: Vocabulary) -> Ambiguity | None:
    """How a caller could take ``a`` and ``b`` for each other, or None when they cannot."""
    if a.empty or b.empty or a.vague or b.vague:
        return None  # a label that names nothing is IVR302's finding
    if a.audience != b.audience:
        who, what = (a, b) if a.audience else (b, a)
        return Ambiguity("audience", who.text, what.text)
    a_in_b = _covers(b, a, vocab)  # everything a names, b names too (or more narrowly)
    b_in_a = _covers(a, b, vocab)
    if a_in_b and b_in_a:
        words_only = all(m.startswith("s:") for m in a.meanings | b.meanings)
        return Ambiguity("forms" if words_only else "same", a.text, b.text)
    if a_in_b:
        return Ambiguity("inside", a.text, b.text)
    if b_in_a:
        return Ambiguity("inside", b.text, a.text)
    return None


def _covers(narrow: Label, wide: Label, vocab: Vocabulary) -> bool:
    """Whether ``narrow`` names everything ``wide`` (or one part of it) names, the same or
    more narrowly."""
    return any(
        all(any(_within(n, w, vocab) for n in narrow.meanings) for w in part)
        for part in (wide.meanings, *wide.parts)
    )


def _within(narrow: str, wide: str, vocab: Vocabulary) -> bool:
    if narrow == wide:
        return True
    if narrow.startswith("c:") and wide.startswith("c:"):
        return vocab.thesaurus.within(narrow[2:], wide[2:])
    if narrow.startswith("s:") and wide.startswith("s:"):
        return similar(narrow[2:], wide[2:], vocab.fuzzy_ratio)
    return False


def similar(x: str, y: str, ratio: float = FUZZY_RATIO) -> bool:
    """Two stems the stemmer left apart that are one word to the ear."""
    if x == y:
        return True
    if min(len(x), len(y)) < _FUZZY_MIN_LENGTH or abs(len(x) - len(y)) > 2 or x[:3] != y[:3]:
        return False  # cheap refusal first: most pairs never load rapidfuzz
    from rapidfuzz.fuzz import ratio as fuzz_ratio

    return fuzz_ratio(x, y) >= ratio


def overlap(a: Label, b: Label, vocab: Vocabulary) -> float:
    """Share (0-1) of the smaller label's meanings that the other names too, in either
    direction of the thesaurus: how well an announced text fits a label."""
    if a.empty or b.empty:
        return 0.0
    small, large = (a, b) if len(a.meanings) <= len(b.meanings) else (b, a)
    hits = sum(
        any(_within(m, n, vocab) or _within(n, m, vocab) for n in large.meanings)
        for m in small.meanings
    )
    return hits / len(small.meanings)


@lru_cache(maxsize=64)
def vocabulary(
    language: str,
    synonyms: tuple[str, ...] = (),
    extra_vague: tuple[str, ...] = (),
    not_vague: tuple[str, ...] = (),
    fuzzy_ratio: float = FUZZY_RATIO,
) -> Vocabulary:
    """The vocabulary for a file's language and a rule's options, built once per run."""
    thesaurus = builtin_thesaurus(language).with_synonyms(synonyms)
    return Vocabulary.build(language, thesaurus, extra_vague, not_vague, fuzzy_ratio)
