"""The word lists ivrlint reads labels and prompts with, loaded once, when first needed.

Built-in lists live in ``ivrlint/data/words-<language>.txt``: sections such as ``[vague]`` or
``[tone-blaming]``, one word or phrase a line. Entries are kept as stem sequences, so one entry
matches every grammatical form: ``минуточка`` also finds ``минуточку``. A project adds its own
entries through rule options (``WordList.extended``).
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from ivrlint.text.words import SUPPORTED_LANGUAGES, stems

Phrase = tuple[str, ...]


DATA = Path(__file__).resolve().parent.parent / "data"


def data_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def parse_sections(text: str) -> dict[str, list[str]]:
    """``[name]`` headers over lines of entries; ``#`` starts a comment."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), [])
        elif current is not None:
            current.append(line)
    return sections


class Match(NamedTuple):  # made by the thousand: a named tuple is 3x cheaper to make
    start: int  # index of the first stem
    end: int  # index after the last stem
    entry: str  # the list's entry, as written


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: built once, cached
class WordList:
    """Words and phrases, matched on stems.

    A list of ``topics`` (the thesaurus' phrases, whose entries are concept ids) also finds a
    phrase of two or three words in another order ("Карта заблокирована" for "заблокировать
    карту", "Card blocked" for "block card"), unless another phrase has the same words; and
    two phrases that become one once stop words are dropped keep both their senses.
    """

    entries: dict[Phrase, str]  # stems → the entry as written
    topics: bool = False

    @classmethod
    def of(cls, words: Iterable[str]) -> WordList:
        return cls({key: word for word in words if (key := phrase(word))})

    @classmethod
    def prepared(
        cls,
        entries: dict[Phrase, str],
        topics: bool,
        sizes: dict[str, tuple[int, ...]],
        unordered: dict[Phrase, str],
    ) -> WordList:
        """A list with its lookup tables built ahead of time (``tables``), as a compiled
        table ships them: loading it then builds nothing."""
        words = cls(entries, topics)
        words.__dict__.update(_sizes=sizes, _unordered=unordered)
        return words

    def tables(self) -> tuple[dict[str, tuple[int, ...]], dict[Phrase, str]]:
        """The lookup tables ``find`` builds on first use, for ``prepared``."""
        return self._sizes, self._unordered

    def extended(self, extra: Iterable[str] = (), without: Iterable[str] = ()) -> WordList:
        removed = {stems(w) for w in without}
        entries = {k: v for k, v in self.entries.items() if k not in removed}
        entries.update((k, w) for w in extra if (k := stems(w)) and k not in removed)
        return WordList(entries, self.topics)

    @lru_cache(maxsize=32)  # noqa: B019 - lists live as long as the process: built once
    def without(
        self, stop: WordList, capitals: frozenset[tuple[Phrase, int]] = frozenset()
    ) -> WordList:
        """The same entries matched with ``stop`` words left out, as labels are read; a word
        an entry wrote in capitals (``capitals``: its key and position) stays, as it does in
        a label ("IT help desk", "Запись на ТО")."""
        entries: dict[Phrase, str] = {}
        for key, word in self.entries.items():
            kept = tuple(s for i, s in enumerate(key) if s not in stop or (key, i) in capitals)
            if not kept:
                continue
            if self.topics and kept in entries:
                entries[kept] = join_senses(entries[kept], word)
            else:
                entries.setdefault(kept, word)
        return WordList(entries, self.topics)

    def __contains__(self, stem: object) -> bool:
        return (stem,) in self.entries

    @cached_property
    def _sizes(self) -> dict[str, tuple[int, ...]]:
        """First stem → the lengths of the entries starting with it, longest first."""
        sizes: dict[str, set[int]] = {}
        for key in self.entries:
            sizes.setdefault(key[0], set()).add(len(key))
        return {first: tuple(sorted(n, reverse=True)) for first, n in sizes.items()}

    @cached_property
    def _unordered(self) -> dict[Phrase, str]:
        """Sorted stems of two- and three-word topics → entry; words shared by two entries
        with different senses are left out (they need their order)."""
        if not self.topics:
            return {}
        found: dict[Phrase, str | None] = {}
        for key, entry in self.entries.items():
            if 2 <= len(key) <= 3 and len(set(key)) == len(key):
                bag = tuple(sorted(key))
                found[bag] = entry if found.get(bag, entry) == entry else None
        return {bag: entry for bag, entry in found.items() if entry is not None}

    def find(self, sequence: Sequence[str]) -> Iterator[Match]:
        """Non-overlapping matches in a stem sequence, longest first at each position; for
        topics, a phrase in another word order when it is longer than any found in its own
        ("My broadband is slow" is "slow broadband", not "broadband")."""
        i = 0
        unordered = self._unordered
        while i < len(sequence):
            found: Match | None = None
            for size in self._sizes.get(sequence[i], ()):
                entry = self.entries.get(tuple(sequence[i : i + size]))
                if entry is not None and i + size <= len(sequence):
                    found = Match(i, i + size, entry)
                    break
            for size in (3, 2) if unordered else ():
                if found is not None and size <= found.end - i:
                    break
                if i + size <= len(sequence):
                    entry = unordered.get(tuple(sorted(sequence[i : i + size])))
                    if entry is not None:
                        found = Match(i, i + size, entry)
                        break
            if found is None:
                i += 1
            else:
                yield found
                i = found.end


def join_senses(one: str, other: str) -> str:
    """Two concept entries joined: ``a|b``, each sense once, in order."""
    ids = one.split("|")
    return "|".join(ids + [s for s in other.split("|") if s not in ids])


@cache
def builtin_sections(language: str) -> dict[str, list[str]]:
    if language not in SUPPORTED_LANGUAGES:
        return {}
    return parse_sections(data_text(f"words-{language}.txt"))


@cache
def builtin(section: str, language: str) -> WordList:
    """A built-in list for ``language``. English and Russian files read each other's words
    too (a Latin brand in a Russian menu); another language has no built-in words."""
    if language not in SUPPORTED_LANGUAGES:
        return WordList({})
    words = [w for lang in SUPPORTED_LANGUAGES for w in builtin_sections(lang).get(section, [])]
    return WordList.of(words)


STEM_TABLE = "stems.marshal"


def compiled() -> bytes:
    """The content of ``data/stems.marshal``: the stems of every entry of the shipped word
    lists, so that loading them never tokenises or stems at run time. Python's ``marshal``
    format (version 4), as the thesaurus' table (``ivrlint.text.thesaurus.compiled``): read
    without importing ``json``, and already as tuples."""
    entries: set[str] = set()
    for name in sorted(p.name for p in DATA.glob("words-*.txt")):
        entries.update(e for section in parse_sections(data_text(name)).values() for e in section)
    table = {e: tuple(stems(e)) for e in sorted(entries) if e}
    return marshal.dumps(table, 4)


@cache
def _stemmed() -> dict[str, Phrase]:
    try:
        table: dict[str, Phrase] = marshal.loads((DATA / STEM_TABLE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # without it, only slower
        return {}
    return table


def phrase(text: str) -> Phrase:
    """The stems of a word-list entry: from the shipped table when it is there."""
    known = _stemmed().get(text)
    return known if known is not None else stems(text)
