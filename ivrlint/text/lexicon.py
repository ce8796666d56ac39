"""The word lists ivrlint reads labels and prompts with, loaded once, when first needed.

Built-in lists live in ``ivrlint/data/words-<language>.txt``: sections such as ``[vague]`` or
``[tone-blaming]``, one word or phrase a line. Entries are kept as stem sequences, so one entry
matches every grammatical form: ``минуточка`` also finds ``минуточку``. A project adds its own
entries through rule options (``WordList.extended``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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


@dataclass(frozen=True)
class Match:
    start: int  # index of the first stem
    end: int  # index after the last stem
    entry: str  # the list's entry, as written


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: built once, cached
class WordList:
    """Words and phrases, matched on stems."""

    entries: dict[Phrase, str]  # stems → the entry as written

    @classmethod
    def of(cls, words: Iterable[str]) -> WordList:
        return cls({key: word for word in words if (key := stems(word))})

    def extended(self, extra: Iterable[str] = (), without: Iterable[str] = ()) -> WordList:
        removed = {stems(w) for w in without}
        entries = {k: v for k, v in self.entries.items() if k not in removed}
        entries.update((k, w) for w in extra if (k := stems(w)) and k not in removed)
        return WordList(entries)

    def without(self, stop: WordList) -> WordList:
        """The same entries matched with ``stop`` words left out, as labels are read."""
        entries: dict[Phrase, str] = {}
        for key, word in self.entries.items():
            kept = tuple(s for s in key if s not in stop)
            if kept:
                entries.setdefault(kept, word)
        return WordList(entries)

    def __contains__(self, stem: object) -> bool:
        return (stem,) in self.entries

    def find(self, sequence: Sequence[str]) -> Iterator[Match]:
        """Non-overlapping matches in a stem sequence, longest first at each position."""
        longest = max((len(k) for k in self.entries), default=0)
        i = 0
        while i < len(sequence):
            for size in range(min(longest, len(sequence) - i), 0, -1):
                entry = self.entries.get(tuple(sequence[i : i + size]))
                if entry is not None:
                    yield Match(i, i + size, entry)
                    i += size
                    break
            else:
                i += 1


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
