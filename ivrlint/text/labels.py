"""Reading choice labels the way a caller hears them, and telling when two of them blur.

A label is reduced to its *meanings*: the thesaurus concepts it names ("Payments" →
``billing``) and the stems of its other content words, once stop words, light verbs
("check", "узнать") and generic nouns ("services", "вопросы") are set aside. Two sibling
labels are ambiguous when a caller with one need could take either:

- ``same``: each names what the other names (synonyms, or the same words in other forms);
- ``inside``: everything one names, the other names too or names a narrower kind of
  ("Loans" / "Mortgages", "Cards" / "Lost or stolen card");
- ``related``: what one names is related to what the other names, by the thesaurus
  ("Returns" / "Refunds", "Pharmacy" / "Prescriptions");
- ``audience``: one says only who the caller is, the other what they want
  ("Existing customers" / "Technical support").

A label is vague when it names nothing: catch-all words ("Other", "Прочее"), generic nouns
("questions", "услуги") and light verbs only, or a catch-all beside words that name only the
whole business ("Other banking services", "Прочие операции", "Другие услуги связи"). One
word naming a topic makes it specific: "Other languages", "Другие города".

Sharing a word is not enough: "Order status" / "Place a new order" each name something the
other does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from ivrlint.text.lexicon import Match, WordList, builtin, builtin_sections, join_senses
from ivrlint.text.thesaurus import Thesaurus
from ivrlint.text.thesaurus import builtin as builtin_thesaurus
from ivrlint.text.words import (
    SUPPORTED_LANGUAGES,
    capital_positions,
    is_cyrillic,
    stem,
    stems,
    tokens,
)

# Two stems the stemmer left apart are one word when this similar (rapidfuzz ratio, 0-100):
# fleeting vowels and alternations ("звонок" / "звонки" → "звонок" / "звонк").
FUZZY_RATIO = 85.0
_FUZZY_MIN_LENGTH = 4
_CONJUNCTION = re.compile(r"\s*(?:[,&/+]|\b(?:and|or|и|или)\b)\s*", re.IGNORECASE)


class Vocabulary:
    """The word lists one file is read with: built-ins plus the project's additions. Built
    once for a language and options (``vocabulary``), compared and hashed by identity."""

    __slots__ = (
        "caller_words",
        "callers",
        "domain",
        "fuzzy_ratio",
        "general",
        "generic",
        "institution",
        "light",
        "opposites",
        "other",
        "rest",
        "stop",
        "thesaurus",
        "topics",
        "umbrella",
        "vague",
    )

    def __init__(
        self,
        language: str,
        thesaurus: Thesaurus,
        extra_vague: Iterable[str] = (),
        not_vague: Iterable[str] = (),
        fuzzy_ratio: float = FUZZY_RATIO,
    ) -> None:
        stop = builtin("stop", language)
        self.thesaurus = thesaurus
        # the thesaurus' phrases without stop words; an entry is a concept id
        self.topics = thesaurus.topics(stop)
        self.stop = stop
        self.light = builtin("light", language)
        self.generic = builtin("generic", language)
        vague = builtin("vague", language).extended(extra_vague, not_vague)
        self.vague = vague.without(stop)
        # catch-alls that say "the rest of": "other", "прочие"
        self.other = builtin("other", language).without(stop)
        # words naming a whole business: "banking", "связь", "операции"
        self.domain = builtin("domain", language).without(stop)
        # the business itself: "bank", "отель"
        self.institution = builtin("institution", language).without(stop)
        # catch-alls "of every kind" at the head of a label: "general", "общие"
        self.general = builtin("general", language).without(stop)
        # nouns a catch-all head makes "the rest of": "questions", "услуги"
        self.rest = builtin("catch-all-noun", language).without(stop)
        # everything a business offers: "products", "advice", "поддержка"
        self.umbrella = builtin("umbrella", language).without(stop)
        self.fuzzy_ratio = fuzzy_ratio
        # words of opposites; an entry is the sides the word says ("GROUP:SIDE", joined by
        # "|"): "cancel" → "action:end", "заблокировать" → "lock:on"
        self.opposites = _opposites(language)
        # nouns for who is calling, as stems: "custom", "житель" ([audience] of the word lists)
        audience = builtin("audience", language).entries
        self.callers = frozenset(k[0] for k in audience if len(k) == 1)
        # the English ones as written, singular and plural: "customer", "customers",
        # "families"; a stem would also be other words' ("applicants" / "applications")
        self.caller_words = (
            _written_forms(builtin_sections("en").get("audience", ()))
            if language in SUPPORTED_LANGUAGES
            else frozenset()
        )


def _written_forms(nouns: Iterable[str]) -> frozenset[str]:
    """English nouns as written, in the singular and the plural: "family" → "families"."""
    forms: set[str] = set()
    for noun in nouns:
        forms.add(noun)
        if noun in _COLLECTIVE or (noun.endswith("s") and not noun.endswith("ss")):
            continue  # already a plural: "staff", "families"
        if noun.endswith("y") and noun[-2:-1] not in "aeiou":
            forms.add(noun[:-1] + "ies")
        elif noun.endswith(("s", "x", "ch", "sh")):
            forms.add(noun + "es")
        else:
            forms.add(noun + "s")
    return frozenset(forms)


def _opposites(language: str) -> WordList:
    """The ``[opposites:GROUP:SIDE]`` lists of the word files as one list, whose entries are
    the sides a word says (one pass over a label finds them all)."""
    if language not in SUPPORTED_LANGUAGES:
        return WordList({})
    names = sorted(
        {n for lang in SUPPORTED_LANGUAGES for n in builtin_sections(lang) if n.startswith(_OPP)}
    )
    entries: dict[tuple[str, ...], str] = {}
    for name in names:
        side = name.removeprefix(_OPP)
        for key in builtin(name, language).entries:
            entries[key] = join_senses(entries[key], side) if key in entries else side
    return WordList(entries)


_OPP = "opposites:"


@dataclass(frozen=True)
class Label:
    """What a label says: its words' stems, the meanings it names, and whether it is vague."""

    text: str
    meanings: frozenset[str]  # "c:concept" for thesaurus concepts, "s:stem" for other words
    vague: bool
    audience: bool  # it names only who the caller is
    # "Cards and PINs" offers cards or PINs: each part on its own, when there are several.
    parts: tuple[frozenset[str], ...] = ()
    # the sides of opposites it says, as "GROUP:SIDE": "Block my card" → {"lock:on"}
    sides: frozenset[str] = frozenset()
    # it says "other" of a topic it names: "Other ways to pay" is the rest, beside its siblings
    rest: bool = False

    @property
    def empty(self) -> bool:
        return not self.meanings


# As many texts as a 10,000-menu file has: its labels and the goals its prompts announce
# (IVR202 reads both, IVR301 and IVR302 the labels again); a smaller cache, filled in file
# order, forgets each text before the next rule asks for it.
@lru_cache(maxsize=1 << 16)
def read(text: str, vocab: Vocabulary) -> Label:
    label = _read_one(text, vocab)
    pieces = [p for p in _CONJUNCTION.split(text) if p.strip()]
    if len(pieces) < 2:
        return label
    parts = tuple(m for p in pieces if (m := _read_one(p, vocab).meanings))
    return replace(label, parts=parts) if len(parts) > 1 else label


def _read_one(text: str, vocab: Vocabulary) -> Label:
    caps = capital_positions(text)
    all_stems = stems(text)
    sequence = tuple(s for i, s in enumerate(all_stems) if s not in vocab.stop or i in caps)
    meanings: set[str] = set()
    covered = [False] * len(sequence)
    in_phrase = [False] * len(sequence)  # part of a thesaurus phrase of several words
    for match in vocab.topics.find(sequence):
        meanings.add(f"c:{match.entry}")
        for i in range(match.start, match.end):
            covered[i] = True
            in_phrase[i] = match.end - match.start > 1
    vague_words = {i for m in vocab.vague.find(sequence) for i in range(m.start, m.end)}
    light_words = {i for m in vocab.light.find(sequence) for i in range(m.start, m.end)}
    others = list(vocab.other.find(sequence))
    if others:
        # "Other banking services": beside a catch-all, a word naming the whole business
        # says nothing either; inside a phrase ("Other travel insurance") it does. The
        # business itself ("hotel", "банк") only beside a generic noun or such a word
        # ("Other hotel services", "Другие продукты банка"): "Other hotels" are places.
        found = list(vocab.domain.find(sequence))
        if found or any(s in vocab.generic for s in sequence):
            found += vocab.institution.find(sequence)
        vague_words |= {i for m in found for i in range(m.start, m.end) if not in_phrase[i]}
    if _rest_of_a_topic(sequence, others, light_words, in_phrase, vocab):
        vague_words = set(range(len(sequence)))
    idle = light_only = umbrella = 0
    umbrella_words = {
        i for m in vocab.umbrella.find(sequence) for i in range(m.start, m.end) if not in_phrase[i]
    }
    for i, s in enumerate(sequence):
        # a light verb or a generic noun inside a topic's phrase says something there:
        # "Update my details", "Изменить личные данные"
        idle_word = (i in light_words or s in vocab.generic) and not in_phrase[i]
        if idle_word or i in vague_words:
            idle += 1
            # a label of light verbs alone ("Check", "Узнать") is not a catch-all
            light_only += i in light_words and s not in vocab.generic
            continue
        umbrella += i in umbrella_words
        if not covered[i]:
            meanings.add(f"s:{s}")
    vague = bool(sequence) and idle == len(sequence) and idle > light_only
    if not vague and umbrella and idle + umbrella == len(sequence):
        # "Products and services", "Help and advice", "Помощь и поддержка": umbrella words
        # joined to each other or to generic nouns, and nothing else. Not joined, they may
        # name a department or a topic: "Product support", "Product questions".
        vague = len([p for p in _CONJUNCTION.split(text) if p.strip()]) > 1
    audience = bool(meanings) and (
        all(m.startswith("c:") and vocab.thesaurus.is_audience(m[2:]) for m in meanings)
        or (not vague and not vocab.callers.isdisjoint(all_stems) and _says_who(text, vocab))
    )
    sides = frozenset(s for m in vocab.opposites.find(all_stems) for s in m.entry.split("|"))
    rest = not vague and any(m.start == 0 for m in others)  # "Other ways to pay"
    return Label(text, frozenset(meanings), vague, audience, sides=sides, rest=rest)


# Russian endings: a dative plural noun says "to whom" ("клиентам", "жителям"), an adjective
# before it agrees ("новым", "другим"); after "для" any form does ("для пенсионеров").
_DATIVE_NOUN = ("ам", "ям")
_DATIVE_ADJECTIVE = ("ым", "им")
_FOR = ("for", "для")
# English words that tie a caller noun to something else the label is about
_LINKS = frozenset({"with", "from", "by", "via", "through", "about", "to", "on", "at", "in", "of"})


def _says_who(text: str, vocab: Vocabulary) -> bool:
    """Whether a label says only who the caller is, by its shape, for callers the thesaurus
    does not name: each part of it ("Parents and carers") is a noun for a caller as its head,
    in the plural ("Local residents", "Fleet customers"), or after "for" ("For landlords");
    in Russian, a noun for a caller in the dative plural at its start, with adjectives before
    it and its own words after it ("Новым сотрудникам", "Родителям учеников", "Пассажирам с
    детьми"), or after "для" ("Для пенсионеров")."""
    parts = [tokens(p) for p in _CONJUNCTION.split(text)]
    return any(parts) and all(_part_says_who(words, vocab) for words in parts if words)


def _part_says_who(words: list[str], vocab: Vocabulary) -> bool:
    after_for = words[0] in _FOR
    if after_for:
        words = words[1:]
    if not words or len(words) > 4 or any(w in _FOR or w in _LINKS for w in words):
        return False  # "Bin collection for residents", "Earn miles with partners": a service
    # the caller noun's script says which grammar applies ("Для VIP-клиентов")
    found = [i for i, w in enumerate(words) if is_cyrillic(w) and stem(w) in vocab.callers]
    if found:
        at = found[0]
        if after_for:
            return at <= 2
        return words[at].endswith(_DATIVE_NOUN) and all(
            w.endswith(_DATIVE_ADJECTIVE) or not is_cyrillic(w) for w in words[:at]
        )  # "Новым сотрудникам", "VIP-клиентам"
    head = words[-1]
    if head not in vocab.caller_words or any(stem(w) in vocab.light for w in words):
        return False
    plural = head.endswith("s") and not head.endswith("ss")
    return after_for or plural or head in _COLLECTIVE


_COLLECTIVE = frozenset({"staff", "people", "alumni"})


def _rest_of_a_topic(
    sequence: tuple[str, ...],
    others: list[Match],
    light_words: set[int],
    in_phrase: list[bool],
    vocab: Vocabulary,
) -> bool:
    """Whether a label starts with a catch-all ("Other", "Any other", "General", "Прочие",
    "Anything else"), light verbs aside, and says of what only with a noun that it makes
    "the rest of": "Other ticket questions", "Other questions about your order", "Anything
    else about your booking", "Прочие вопросы по налогам", "Другие услуги почты". Whatever
    topic stands beside it, the caller still does not learn what is behind the choice.
    "Other languages" and "Другие способы оплаты" name a set and are not caught."""
    head = next((i for i in range(len(sequence)) if i not in light_words), None)
    if head is None or in_phrase[head]:
        return False
    starts = [m for m in others if m.start == head] or [
        m for m in vocab.general.find(sequence) if m.start == head
    ]
    if not starts:
        return False
    end = starts[0].end
    last = len(sequence) - 1
    for match in vocab.rest.find(sequence):
        if match.start < head:
            continue
        if match.start == head:
            return True  # the head is itself one: "Anything else about your booking"
        i = match.start
        # a noun inside a topic phrase counts where it is the label's head noun: last in
        # English ("Other card services"), first after the catch-all in Russian ("Прочие
        # проблемы с доставкой"); not in "Other service outages"
        if not in_phrase[i] or i == last or (i == end and is_cyrillic(sequence[i])):
            return True
    return False


def in_context(label: Label, context: frozenset[str], vocab: Vocabulary | None = None) -> Label:
    """``label`` as heard inside a menu about ``context`` (the meanings of the choices that
    lead to the menu): in "Billing and payments", "Make a payment" says nothing new, and in
    "Engineer visits" neither does "visit", a broader word for what the menu is about."""
    if not context:
        return label

    def new(meanings: frozenset[str]) -> frozenset[str]:
        if vocab is None:
            return meanings - context
        return frozenset(m for m in meanings if not any(_within(c, m, vocab) for c in context))

    parts = tuple(kept for p in label.parts if (kept := new(p)))
    return replace(label, meanings=new(label.meanings), parts=parts if len(parts) > 1 else ())


@dataclass(frozen=True)
class Ambiguity:
    kind: str  # "same", "forms", "inside", "related", "audience", "catch-alls" or "alike"
    wider: str  # the label that covers the other ("inside"), or says who ("audience")
    narrower: str
    similarity: float | None = None  # "alike": how alike the two read (embeddings)

    def explain(self) -> str:
        a, b = self.wider, self.narrower
        if self.kind == "alike":
            return (
                f"'{a}' and '{b}' read alike to a caller (meaning similarity {self.similarity:.2f})"
            )
        if self.kind == "same":
            return f"'{a}' and '{b}' mean the same to a caller"
        if self.kind == "forms":
            return f"'{a}' and '{b}' are the same words in other forms"
        if self.kind == "inside":
            return f"'{a}' covers '{b}': a caller with a '{b}' need could pick either"
        if self.kind == "related":
            return f"'{a}' and '{b}' are closely related: a caller with one need could pick either"
        if self.kind == "catch-alls":
            return (
                f"'{a}' and '{b}' are both catch-alls: a caller whose need no other choice "
                "names could pick either"
            )
        return (
            f"'{a}' says who the caller is and '{b}' what they want: "
            "a caller who is both could pick either"
        )


# An optional extra signal (ivrlint.text.embeddings, IVR301's ``embeddings``): how alike two
# labels the rules did not report read to a caller, or None when that is not heard.
Likeness = Callable[[Label, Label, Vocabulary], float | None]


def ambiguity(
    a: Label, b: Label, vocab: Vocabulary, likeness: Likeness | None = None
) -> Ambiguity | None:
    """How a caller could take ``a`` and ``b`` for each other, or None when they cannot."""
    if a.vague and b.vague:
        return Ambiguity("catch-alls", a.text, b.text)  # "Other" / "More help"
    if a.empty or b.empty or a.vague or b.vague:
        return None  # a label that names nothing is IVR302's finding
    if _opposed(a, b):
        return None  # "Block my card" / "Unblock my card": two choices, whatever they share
    if a.audience != b.audience:
        who, what = (a, b) if a.audience else (b, a)
        return Ambiguity("audience", who.text, what.text)
    a_in_b = _covers(b, a, vocab)  # everything a names, b names too (or more narrowly)
    b_in_a = _covers(a, b, vocab)
    if a_in_b and b_in_a:
        if a.rest != b.rest:
            return None  # "Other ways to pay" / "Pay by card": the rest, beside one of them
        words_only = all(m.startswith("s:") for m in a.meanings | b.meanings)
        return Ambiguity("forms" if words_only else "same", a.text, b.text)
    # the wider label first; "Other ways to pay" is what its siblings are not, so "Pay by
    # card" is not inside it
    if a_in_b:
        return None if a.rest else Ambiguity("inside", a.text, b.text)
    if b_in_a:
        return None if b.rest else Ambiguity("inside", b.text, a.text)
    if (_has_relatives(a, vocab) or _has_relatives(b, vocab)) and (
        _covers(b, a, vocab, related=True) or _covers(a, b, vocab, related=True)
    ):
        return Ambiguity("related", a.text, b.text)
    if likeness is not None and (score := likeness(a, b, vocab)) is not None:
        return Ambiguity("alike", a.text, b.text, score)
    return None


def _opposed(a: Label, b: Label) -> bool:
    """Whether the two labels say different sides of one group of opposites, and share none
    of its sides: "Book an appointment" / "Cancel an appointment", "Hot water" / "Cold
    water". "Change or cancel a booking" / "Cancel my booking" share one."""
    if not (a.sides and b.sides):
        return False
    groups = {s.partition(":")[0] for s in a.sides} & {s.partition(":")[0] for s in b.sides}
    return any(
        {s for s in a.sides if s.startswith(g + ":")}.isdisjoint(
            s for s in b.sides if s.startswith(g + ":")
        )
        for g in groups
    )


def _has_relatives(label: Label, vocab: Vocabulary) -> bool:
    relatives = vocab.thesaurus.relatives
    return any(
        sense in relatives
        for m in label.meanings
        if m.startswith("c:")
        for sense in m[2:].split("|")
    )


def _covers(narrow: Label, wide: Label, vocab: Vocabulary, related: bool = False) -> bool:
    """Whether ``narrow`` names everything ``wide`` (or one part of it) names, the same or
    more narrowly (or, with ``related``, something related to it)."""
    return any(
        all(any(_within(n, w, vocab, related) for n in narrow.meanings) for w in part)
        for part in (wide.meanings, *wide.parts)
    )


def _within(narrow: str, wide: str, vocab: Vocabulary, related: bool = False) -> bool:
    if narrow == wide:
        return True
    if narrow.startswith("c:") and wide.startswith("c:"):
        return vocab.thesaurus.within(narrow[2:], wide[2:]) or (
            related and vocab.thesaurus.related(narrow[2:], wide[2:])
        )
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
        m in large.meanings  # a meaning both name: a hit without comparing
        or any(_within(m, n, vocab) or _within(n, m, vocab) for n in large.meanings)
        for m in small.meanings
    )
    return hits / len(small.meanings)


def vocabulary(
    language: str,
    synonyms: tuple[str, ...] = (),
    extra_vague: tuple[str, ...] = (),
    not_vague: tuple[str, ...] = (),
    fuzzy_ratio: float = FUZZY_RATIO,
) -> Vocabulary:
    """The vocabulary for a file's language and a rule's options, built once per run."""
    # One cache key whichever arguments are named: IVR202, IVR301 and IVR302 with their
    # default options share one vocabulary, and so the labels read with it.
    return _vocabulary(language, synonyms, extra_vague, not_vague, fuzzy_ratio)


@lru_cache(maxsize=64)
def _vocabulary(
    language: str,
    synonyms: tuple[str, ...],
    extra_vague: tuple[str, ...],
    not_vague: tuple[str, ...],
    fuzzy_ratio: float,
) -> Vocabulary:
    thesaurus = builtin_thesaurus(language).with_synonyms(synonyms)
    return Vocabulary(language, thesaurus, extra_vague, not_vague, fuzzy_ratio)
