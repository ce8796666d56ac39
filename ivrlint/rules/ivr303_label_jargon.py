from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.lexicon import WordList, builtin, builtin_sections
from ivrlint.text.words import SUPPORTED_LANGUAGES, normalise, stems, token_spans, tokens

# A department or queue code: letters and digits together ("D42", "OPS-2", "ОП-3").
_CODE = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[^\W\d_])[^\W_]{1,5}-?\d{1,4}(?![\w-])")
# An acronym: two to six capitals, Latin or Cyrillic.
_ACRONYM = re.compile(r"(?<![\w])[A-ZА-ЯЁ]{2,6}(?![\w])")
_WORD = re.compile(r"[^\W\d_]+")


class LabelJargon(Rule):
    """A label using internal names a caller does not know.

    "Tier 2", "Back office", "CSR", "D42", "Вторая линия", "РКО": callers cannot choose by
    the names of departments, queues or systems. Reported: the built-in jargon list, the
    project's ``glossary`` (its own internal terms), department codes (letters with digits)
    and acronyms a caller is not known to understand and that the prompt or label does not
    spell out ("Voluntary health insurance (VHI)"). ``known`` adds acronyms and terms your
    callers do know.

    Bad:

        options:
          "1": { label: Tier 2 support, transfer: tier2 }
          "2": { label: CSR desk, transfer: csr }

    Good:

        options:
          "1": { label: Technical problems, transfer: tier2 }
          "2": { label: Speak with an agent, transfer: csr }
    """

    code = "IVR303"
    name = "label.jargon"
    severity = Severity.INFO
    options = (
        RuleOption("glossary", (), "your organisation's internal terms, which callers don't know"),
        RuleOption("known", (), "acronyms and terms your callers do know"),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        jargon = builtin("jargon", ctx.language).extended(opts["glossary"], opts["known"])
        known = _known_acronyms(ctx.language) | {normalise(k) for k in opts["known"]}
        for menu in ctx.file.menus.values():
            for option in menu.options:
                if not option.label or option.is_navigation:
                    continue
                found = _jargon(option.label, menu.prompt or "", jargon, known)
                if found:
                    terms = ", ".join(f"'{t}'" for t in found)
                    from ivrlint.loader.scalarmap import in_label  # only for what is found

                    # At the first term in the label; the message names them all.
                    first = _first(option.label, found, jargon)
                    pos, end = in_label(option, *first) if first else (option.label_pos, None)
                    yield Finding(
                        pos or option.pos,
                        f"label '{option.label}' of choice {option.key} in menu '{menu.id}' "
                        f"uses internal names a caller may not know: {terms}",
                        "name what the caller gets, not who handles it inside",
                        menu=menu.id,
                        key=option.key,
                        end=end,
                    )


def _known_acronyms(language: str) -> set[str]:
    if language not in SUPPORTED_LANGUAGES:
        return set()
    return {
        normalise(a)
        for lang in SUPPORTED_LANGUAGES
        for a in builtin_sections(lang).get("acronyms", [])
    }


def _jargon(label: str, prompt: str, jargon: WordList, known: set[str]) -> list[str]:
    found = {m.entry for m in jargon.find(stems(label))}
    found |= {c for c in _CODE.findall(label) if normalise(c) not in known}
    shouting = label.isupper() and len(_WORD.findall(label)) > 1
    if not shouting:
        for acronym in _ACRONYM.findall(label):
            if normalise(acronym) not in known and not _spelled_out(acronym, f"{label} {prompt}"):
                found.add(acronym)
    return sorted(found, key=str.lower)


def _first(label: str, found: list[str], jargon: WordList) -> tuple[int, int] | None:
    """Where the first of the terms ``_jargon`` found is in ``label`` (read again only for a
    label that has some)."""
    spans: list[tuple[int, int]] = []
    sequence = stems(label)
    matches = list(jargon.find(sequence))
    words = token_spans(label) if matches else None
    if words is not None and len(words) == len(sequence):
        spans += [(words[m.start][0], words[m.end - 1][1]) for m in matches]
    terms = set(found)
    spans += [m.span() for m in _CODE.finditer(label) if m.group() in terms]
    spans += [m.span() for m in _ACRONYM.finditer(label) if m.group() in terms]
    return min(spans, default=None)


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether consecutive words of ``text`` start with the acronym's letters."""
    initials = "".join(w[0] for w in tokens(text) if not w.isdigit())
    return normalise(acronym) in initials
