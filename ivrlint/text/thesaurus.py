"""A bilingual thesaurus of call-centre topics: which words mean the same to a caller, and
which topic lies inside which ("Mortgages" inside "Loans").

The data is ``ivrlint/data/thesaurus.txt``, one concept a line::

    mortgage > loan: mortgage, home loan | ипотека, ипотечный кредит

an id, optionally ``>`` its broader concepts, then English and Russian words or phrases
separated by ``|``. A ``*`` after the id marks a concept that says who the caller is
(an audience such as "Business customers") rather than what they want.
A project adds synonym groups of its own through IVR301's ``synonyms`` option.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

from ivrlint.text.lexicon import WordList, data_text, phrase
from ivrlint.text.words import SUPPORTED_LANGUAGES


@dataclass(frozen=True)
class Concept:
    id: str
    broader: tuple[str, ...] = ()
    audience: bool = False
    words: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: built once, cached
class Thesaurus:
    concepts: dict[str, Concept] = field(default_factory=dict)

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
        return WordList({key: "|".join(ids) for key, ids in senses.items()})

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

    def is_audience(self, senses: str) -> bool:
        """Whether every sense of ``senses`` (ids joined by ``|``) says who the caller is."""
        found = [self.concepts.get(cid) for cid in senses.split("|")]
        return all(c is not None and c.audience for c in found)

    def within(self, narrow: str, wide: str) -> bool:
        """Whether some sense of ``narrow`` is some sense of ``wide`` or a kind of it."""
        return any(
            n == w or w in self.ancestors.get(n, frozenset())
            for n in narrow.split("|")
            for w in wide.split("|")
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
        return Thesaurus(concepts)


def parse(text: str) -> Thesaurus:
    concepts: dict[str, Concept] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        head, body = line.split(":", 1)
        name, _, parents = head.partition(">")
        audience = name.strip().endswith("*")
        cid = name.strip().rstrip("*").strip()
        broader = tuple(p.strip() for p in parents.split(",") if p.strip())
        words = tuple(w.strip() for part in body.split("|") for w in part.split(",") if w.strip())
        concepts[cid] = Concept(cid, broader, audience, words)
    return Thesaurus(concepts)


@cache
def _shipped() -> Thesaurus:
    return parse(data_text("thesaurus.txt"))


def builtin(language: str) -> Thesaurus:
    """The shipped thesaurus for English and Russian; empty for other languages."""
    return _shipped() if language in SUPPORTED_LANGUAGES else Thesaurus()
