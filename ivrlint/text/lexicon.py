"""The word lists ivrlint reads labels and prompts with, loaded once, when first needed.

Built-in lists live in ``ivrlint/data/words-<language>.txt``: sections such as ``[vague]`` or
``[tone-blaming]``, one word or phrase a line. Entries are kept as stem sequences, so one entry
matches every grammatical form: ``минуточка`` also finds ``минуточку``. A project adds its own
entries through rule options (``WordList.extended``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from ivrlint.text.buckets import Sections, bucket_of, pack
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


Lookup = tuple[dict[str, tuple[int, ...]], dict[Phrase, str]]  # ``WordList.tables``
# a bucket of a shelved list: its entries, lookup tables (``WordList.buckets``)
Bucket = tuple[dict[Phrase, str], dict[str, tuple[int, ...]], dict[Phrase, str]]
_DAMAGED = (ValueError, EOFError, TypeError)  # what reading a damaged bucket raises


class WordList:
    """Words and phrases, matched on stems.

    A list of ``topics`` (the thesaurus' phrases, whose entries are concept ids) also finds a
    phrase of two or three words in another order ("Карта заблокирована" for "заблокировать
    карту", "Card blocked" for "block card"), unless another phrase has the same words; and
    two phrases that become one once stop words are dropped keep both their senses.

    A *shelved* list (``shelved``, the compiled thesaurus) reads its entries bucket by bucket:
    ``find`` reads the buckets of the words of the text it is given, ``entries`` and
    ``tables`` every bucket. Lists are built once and compared by identity.
    """

    __slots__ = ("_entries", "_shelf", "_tables", "topics")

    def __init__(self, entries: dict[Phrase, str], topics: bool = False) -> None:
        self._entries = entries  # stems → the entry as written
        self.topics = topics
        self._tables: Lookup | None = None  # built on first use
        self._shelf: _Shelf | None = None  # the buckets of a shelved list, until all are read

    @classmethod
    def of(cls, words: Iterable[str]) -> WordList:
        return cls({key: word for word in words if (key := phrase(word))})

    @classmethod
    def shelved(cls, sections: Sections, first: int, fallback: Callable[[], WordList]) -> WordList:
        """A list of topics whose entries and lookup tables are the sections ``first`` to
        the last of ``sections``, one bucket each (as ``buckets`` splits them); ``fallback``
        builds the whole list should a bucket be damaged."""
        words = cls({}, topics=True)
        words._tables = ({}, {})
        words._shelf = _Shelf(sections, first, fallback)
        return words

    @property
    def entries(self) -> dict[Phrase, str]:
        """Stems → the entry as written."""
        if self._shelf is not None:
            self._read_all()
        return self._entries

    def tables(self) -> Lookup:
        """The lookup tables ``find`` uses: first stem → the lengths of the entries starting
        with it, longest first; for topics, the sorted stems of two- and three-word entries →
        the entry, unless entries with other senses have the same words (they need their
        order)."""
        if self._shelf is not None:
            self._read_all()
        return self._lookup()

    def buckets(self, count: int) -> list[Bucket]:
        """The entries and lookup tables split into ``count`` buckets by their keys' first
        stem (``bucket_of``; a sorted key's for entries matched in another order), each in
        sorted order, for a shelved list to read."""
        sizes, unordered = self.tables()
        split: list[Bucket] = [({}, {}, {}) for _ in range(count)]
        for key, entry in sorted(self.entries.items()):
            split[bucket_of(key[0], count)][0][key] = entry
        for first, lengths in sorted(sizes.items()):
            split[bucket_of(first, count)][1][first] = lengths
        for key, entry in sorted(unordered.items()):
            split[bucket_of(key[0], count)][2][key] = entry
        return split

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
        if self._shelf is not None and isinstance(stem, str):
            self._read_for((stem,))
        return (stem,) in self._entries

    def _lookup(self) -> Lookup:
        if self._tables is None:
            sizes: dict[str, set[int]] = {}
            for key in self._entries:
                sizes.setdefault(key[0], set()).add(len(key))
            lengths = {first: tuple(sorted(n, reverse=True)) for first, n in sizes.items()}
            self._tables = lengths, self._unordered() if self.topics else {}
        return self._tables

    def _unordered(self) -> dict[Phrase, str]:
        found: dict[Phrase, str | None] = {}
        for key, entry in self._entries.items():
            if 2 <= len(key) <= 3 and len(set(key)) == len(key):
                bag = tuple(sorted(key))
                found[bag] = entry if found.get(bag, entry) == entry else None
        return {bag: entry for bag, entry in found.items() if entry is not None}

    def _read_for(self, words: Iterable[str]) -> None:
        """Reads the buckets of ``words`` not read yet: they hold every entry starting with
        one of them, and every one matched in another order whose first sorted stem is one
        of them, so ``find`` sees all it could match in a text of these words."""
        assert self._shelf is not None
        sizes, unordered = self._lookup()
        try:
            for entries, lengths, bags in self._shelf.unread(words):
                self._entries.update(entries)
                sizes.update(lengths)
                unordered.update(bags)
        except _DAMAGED:
            self._read_all()

    def _read_all(self) -> None:
        """Reads every bucket, in order (the same order whatever was read before)."""
        assert self._shelf is not None
        entries: dict[Phrase, str] = {}
        sizes: dict[str, tuple[int, ...]] = {}
        unordered: dict[Phrase, str] = {}
        try:
            for index in range(self._shelf.count):
                bucket_entries, lengths, bags = self._shelf.read(index)
                entries.update(bucket_entries)
                sizes.update(lengths)
                unordered.update(bags)
        except _DAMAGED:  # without it, only slower
            whole = self._shelf.fallback()
            entries, (sizes, unordered) = whole.entries, whole.tables()
        self._entries, self._tables, self._shelf = entries, (sizes, unordered), None

    def find(self, sequence: Sequence[str]) -> Iterator[Match]:
        """Non-overlapping matches in a stem sequence, longest first at each position; for
        topics, a phrase in another word order when it is longer than any found in its own
        ("My broadband is slow" is "slow broadband", not "broadband")."""
        if self._shelf is not None:
            self._read_for(sequence)
        i = 0
        entries = self._entries
        first_sizes, unordered = self._lookup()
        while i < len(sequence):
            found: Match | None = None
            for size in first_sizes.get(sequence[i], ()):
                entry = entries.get(tuple(sequence[i : i + size]))
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


class _Shelf:
    """The buckets of a shelved list, and those already read."""

    __slots__ = ("_first", "_read", "_sections", "_seen", "count", "fallback")

    def __init__(self, sections: Sections, first: int, fallback: Callable[[], WordList]) -> None:
        self._sections = sections
        self._first = first
        self.count = sections.count - first
        self.fallback = fallback
        self._seen: set[str] = set()  # words whose bucket was read
        self._read: set[int] = set()

    def read(self, index: int) -> Bucket:
        entries, sizes, unordered = self._sections.read(self._first + index)
        return entries, sizes, unordered

    def unread(self, words: Iterable[str]) -> Iterator[Bucket]:
        """The buckets of ``words`` not read before."""
        for word in words:
            if word not in self._seen:
                self._seen.add(word)
                index = bucket_of(word, self.count)
                if index not in self._read:
                    self._read.add(index)
                    yield self.read(index)


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
    lists, so that loading them never tokenises or stems at run time. One section in
    Python's ``marshal`` format (version 4) with its CRC-32, as the thesaurus' table
    (``ivrlint.text.buckets``): read without importing ``json``, and already as tuples."""
    entries: set[str] = set()
    for name in sorted(p.name for p in DATA.glob("words-*.txt")):
        entries.update(e for section in parse_sections(data_text(name)).values() for e in section)
    table = {e: tuple(stems(e)) for e in sorted(entries) if e}
    return pack([table])


@cache
def _stemmed() -> dict[str, Phrase]:
    try:
        table: dict[str, Phrase] = Sections((DATA / STEM_TABLE).read_bytes()).read(0)
    except (OSError, EOFError, ValueError, TypeError):  # without it, only slower
        return {}
    return table


def phrase(text: str) -> Phrase:
    """The stems of a word-list entry: from the shipped table when it is there."""
    known = _stemmed().get(text)
    return known if known is not None else stems(text)
