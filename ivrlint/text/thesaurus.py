"""A bilingual thesaurus of call-centre topics: which words mean the same to a caller, and
which topic lies inside which ("Mortgages" inside "Loans").

The data is ``ivrlint/data/thesaurus/*.txt``, one file per line of business, read as one
thesaurus; one concept a line::

    mortgage > loan: mortgage, home loan | ипотека, ипотечный кредит
    refund > billing ~ return: refund, money back | возврат денег

an id, optionally ``>`` its broader concepts and ``~`` concepts it is *related* to, then
English and Russian words or phrases separated by ``|``. Broader is a kind or a part of
("power cut" is a kind of outage and a part of electricity); related is neither, but a caller
with one need could pick either ("Returns" / "Refunds"): it holds both ways, and is not
inherited. A ``*`` after the id marks a concept that says who the caller is (an audience
such as "Business customers") rather than what they want.
A project adds synonym groups of its own through IVR301's ``synonyms`` option.

The shipped thesaurus is read from ``ivrlint/data/topics.marshal``, compiled from the text
by ``scripts/update_stem_table.py``: the concepts' links, every phrase already stemmed with
stop words dropped, as labels are read, and the lookup tables built from them; the text is
not read at run time. The phrases are split into buckets by first stem
(``ivrlint.text.buckets``), and a check reads only the buckets of its labels' words, so its
cost hardly grows with the thesaurus. Sections are in ``marshal`` format (version 4, read by
every Python ivrlint supports): plain tuples, strings and dicts, with nothing left to build.
Should the table fail to load, the text is read instead (slower, same result).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, cached_property
from typing import NamedTuple

from ivrlint.text.buckets import Sections, pack
from ivrlint.text.lexicon import DATA, WordList, data_text, join_senses, phrase
from ivrlint.text.lexicon import builtin as word_list
from ivrlint.text.words import SUPPORTED_LANGUAGES, capital_positions


class Concept(NamedTuple):
    id: str
    broader: tuple[str, ...] = ()
    audience: bool = False
    words: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


class Thesaurus:
    """Concepts and their links. Built once (``builtin``, ``parse``, ``with_synonyms``) and
    compared and hashed by identity; ``phrases``, ``capitals``, ``ancestors`` and
    ``relatives`` are worked out on first use (a compiled thesaurus ships the last two)."""

    def __init__(
        self, concepts: dict[str, Concept] | None = None, compiled: WordList | None = None
    ) -> None:
        self.concepts = {} if concepts is None else concepts
        # the shipped phrases as labels are read (stop words dropped), from data/topics.marshal
        self.compiled = compiled
        self._within: dict[tuple[str, str], bool] = {}

    def topics(self, stop: WordList) -> WordList:
        """Every phrase, matched with ``stop`` words left out. A compiled thesaurus holds the
        shipped phrases read with the shipped lists' stop words; a project's own groups are
        added to them, their sense first."""
        if self.compiled is None:
            return self.read_as_labels(stop)
        own = {c.id: c for c in self.concepts.values() if c.words}  # compiled ones have none
        if not own:
            return self.compiled
        entries = dict(self.compiled.entries)
        for key, senses in Thesaurus(own).read_as_labels(stop).entries.items():
            entries[key] = join_senses(senses, entries[key]) if key in entries else senses
        return WordList(entries, topics=True)

    @cached_property
    def phrases(self) -> WordList:
        """Every word of every concept; a match's entry is the concept id, or several ids
        joined by ``|`` for a word with several senses ("акции": shares or promotions)."""
        senses: dict[tuple[str, ...], list[str]] = {}
        for concept in self.concepts.values():
            for word in concept.words:
                key = phrase(word)
                if key and concept.id not in senses.setdefault(key, []):
                    senses[key].append(concept.id)
        return WordList({key: "|".join(ids) for key, ids in senses.items()}, topics=True)

    def read_as_labels(self, stop: WordList) -> WordList:
        """Every phrase as a label is read: ``stop`` words left out, except a word written in
        capitals."""
        return self.phrases.without(stop, self.capitals)

    @cached_property
    def capitals(self) -> frozenset[tuple[tuple[str, ...], int]]:
        """Each phrase's stems and the place of a word it writes in capitals ("IT support",
        "ТО"), which stays when stop words are dropped, as in a label."""
        return frozenset(
            (phrase(word), i)
            for concept in self.concepts.values()
            for word in concept.words
            for i in capital_positions(word)
        )

    @cached_property
    def ancestors(self) -> dict[str, frozenset[str]]:
        """Concept id → every broader concept, transitively (the concept itself excluded)."""
        found: dict[str, frozenset[str]] = {}

        def walk(cid: str, seen: frozenset[str]) -> frozenset[str]:
            if cid in found:
                return found[cid]
            concept = self.concepts.get(cid)
            result: set[str] = set()
            for parent in concept.broader if concept else ():
                if parent not in seen:
                    result.add(parent)
                    result |= walk(parent, seen | {parent})
            found[cid] = frozenset(result)
            return found[cid]

        for cid in self.concepts:
            walk(cid, frozenset({cid}))
        return found

    @cached_property
    def relatives(self) -> dict[str, frozenset[str]]:
        """Concept id → the concepts it is related to, both ways."""
        found: dict[str, set[str]] = {}
        for concept in self.concepts.values():
            for other in concept.related:
                found.setdefault(concept.id, set()).add(other)
                found.setdefault(other, set()).add(concept.id)
        return {cid: frozenset(ids) for cid, ids in found.items()}

    def is_audience(self, senses: str) -> bool:
        """Whether every sense of ``senses`` (ids joined by ``|``) says who the caller is."""
        found = [self.concepts.get(cid) for cid in senses.split("|")]
        return all(c is not None and c.audience for c in found)

    def within(self, narrow: str, wide: str) -> bool:
        """Whether some sense of ``narrow`` is some sense of ``wide`` or a kind of it."""
        known = self._within.get((narrow, wide))
        if known is None:
            known = self._within[narrow, wide] = any(
                n == w or w in self.ancestors.get(n, frozenset())
                for n in narrow.split("|")
                for w in wide.split("|")
            )
        return known

    def related(self, one: str, other: str) -> bool:
        """Whether some sense of ``one`` is related to some sense of ``other``."""
        return any(
            w in self.relatives.get(n, frozenset())
            for n in one.split("|")
            for w in other.split("|")
        )

    def with_synonyms(self, groups: Iterable[str]) -> Thesaurus:
        """This thesaurus plus a project's groups, each ``"word = word = word"``."""
        # Project groups come first, so a project's word wins over a built-in one.
        concepts: dict[str, Concept] = {}
        for n, group in enumerate(groups, start=1):
            words = tuple(w.strip() for w in group.replace(",", "=").split("=") if w.strip())
            if words:
                concepts[f"project-{n}"] = Concept(f"project-{n}", words=words)
        if not concepts:
            return self
        concepts.update(self.concepts)
        return Thesaurus(concepts, self.compiled)


def parse(text: str) -> Thesaurus:
    """The concepts of ``text``; a concept id given twice is an error, as it would otherwise
    silently replace the first."""
    concepts: dict[str, Concept] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        head, body = line.split(":", 1)
        head, _, related = head.partition("~")
        name, _, parents = head.partition(">")
        audience = name.strip().endswith("*")
        cid = name.strip().rstrip("*").strip()
        broader = tuple(p.strip() for p in parents.split(",") if p.strip())
        words = tuple(w.strip() for part in body.split("|") for w in part.split(",") if w.strip())
        relatives = tuple(r.strip() for r in related.split(",") if r.strip())
        if cid in concepts:
            raise ValueError(f"thesaurus concept {cid!r} is defined twice")
        concepts[cid] = Concept(cid, broader, audience, words, relatives)
    return Thesaurus(concepts)


SOURCES = "thesaurus"  # the folder of ivrlint/data holding the thesaurus, one file per domain


def shipped_text() -> str:
    """The text of every file of the shipped thesaurus, in file-name order; ``OSError`` when
    there is none (a broken installation, not an empty thesaurus)."""
    files = sorted((DATA / SOURCES).glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no thesaurus files in {DATA / SOURCES}")
    return "\n".join(data_text(f"{SOURCES}/{f.name}") for f in files)


@cache
def _shipped() -> Thesaurus:
    return parse(shipped_text())


TABLE = "topics.marshal"


def compiled(stop: WordList) -> bytes:
    """The content of ``data/topics.marshal`` (``ivrlint.text.buckets``). Its head: each
    concept's broader and related concepts and whether it is an audience, each concept's
    ancestors and relatives. Then the phrases, each one's stems without ``stop`` words → its
    senses, with the lookup tables of that list, in buckets by first stem (``WordList.buckets``):
    a check reads the buckets of its labels' words only. Sets are written as sorted tuples and
    every table in sorted order, so the file changes only when the thesaurus or the word lists
    do."""
    thesaurus = _shipped()
    topics = thesaurus.read_as_labels(stop)
    concepts = {
        c.id: (c.broader, c.related, c.audience)
        for c in sorted(thesaurus.concepts.values(), key=lambda c: c.id)
    }
    head = {
        "concepts": concepts,
        "ancestors": _sorted_sets(thesaurus.ancestors),
        "relatives": _sorted_sets(thesaurus.relatives),
    }
    return pack([head, *topics.buckets(bucket_count(len(topics.tables()[0])))])


def bucket_count(first_stems: int) -> int:
    """How many buckets the phrases are split into: a power of two, about one for every
    PER_BUCKET of their first stems."""
    count = 1
    while count * PER_BUCKET < first_stems:
        count *= 2
    return count


PER_BUCKET = 4


def _sorted_sets(table: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(sorted(ids)) for key, ids in sorted(table.items())}


@cache
def _compiled() -> Thesaurus:
    try:
        return load(Sections((DATA / TABLE).read_bytes()))
    except (OSError, EOFError, ValueError, KeyError, TypeError):  # without it, only slower
        return _shipped()


def load(sections: Sections) -> Thesaurus:
    """The thesaurus of a table ``compiled`` wrote: its head now, its phrases bucket by bucket
    as labels need them. ``ValueError`` for a table without buckets."""
    if sections.count < 2:
        raise ValueError("a thesaurus table without buckets")
    head = sections.read(0)
    concepts = {
        cid: Concept(cid, broader, audience, (), related)
        for cid, (broader, related, audience) in head["concepts"].items()
    }
    thesaurus = Thesaurus(concepts, WordList.shelved(sections, 1, _shipped_topics))
    thesaurus.__dict__.update(
        ancestors={cid: frozenset(ids) for cid, ids in head["ancestors"].items()},
        relatives={cid: frozenset(ids) for cid, ids in head["relatives"].items()},
    )
    return thesaurus


def _shipped_topics() -> WordList:
    """The phrases the table holds, built from the text (when a bucket is damaged)."""
    return _shipped().read_as_labels(word_list("stop", "en"))


def builtin(language: str) -> Thesaurus:
    """The shipped thesaurus for English and Russian; empty for other languages."""
    return _compiled() if language in SUPPORTED_LANGUAGES else Thesaurus()
