from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import combinations
from typing import TYPE_CHECKING, Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.labels import (
    FUZZY_RATIO,
    Vocabulary,
    ambiguity,
    in_context,
    read,
    vocabulary,
)
from ivrlint.text.words import spoken

if TYPE_CHECKING:
    from ivrlint.text.embeddings import EmbeddingSignal


class LabelAmbiguous(Rule):
    """Two choices of one menu that a caller could take for each other.

    A caller holds one need and listens for the choice that fits it. When two choices fit -
    synonyms ("Billing" / "Payments"), one inside the other ("Loans" / "Mortgages",
    "Electricity" / "Power cut"), related topics ("Returns" / "Refunds"), the same words in
    other forms ("Счета" / "Счёт и оплата"), or a menu that mixes who the caller is with
    what they want ("Existing customers" / "Technical support") - callers
    guess, half of them land in the wrong queue and get transferred. Choices that merely
    share a word ("Order status" / "Place a new order") are not reported. The signals and
    how they were measured are in docs/label-rules.md; ``synonyms`` adds a project's own
    groups ("Billing = Accounts = Invoices"). With ``embeddings = true`` (and the extra
    ``ivrlint[embeddings]`` installed), choices whose words the thesaurus does not know are
    also reported when a multilingual sentence-embedding model reads them alike.

    Bad:

        options:
          "1": { label: Billing, transfer: billing }
          "2": { label: Payments, transfer: payments }
          "3": { label: Loans, goto: loans }
          "4": { label: Mortgages, goto: mortgages }

    Good:

        options:
          "1": { label: Pay a bill, transfer: billing }
          "2": { label: Question about a charge, transfer: billing-disputes }
          "3": { label: Loans and mortgages, goto: loans }
    """

    code = "IVR301"
    name = "label.ambiguous"
    severity = Severity.WARNING
    options = (
        RuleOption(
            "synonyms",
            (),
            'project synonym groups, each "word = word = word" (a glossary of your own terms)',
        ),
        RuleOption(
            "fuzzy_ratio",
            FUZZY_RATIO,
            "similarity (0-100) above which two words the stemmer left apart count as one",
        ),
        RuleOption(
            "audience",
            True,
            "also report a choice saying who the caller is beside one saying what they want",
        ),
        RuleOption(
            "catch_alls",
            True,
            "also report two catch-all choices in one menu (IVR302 reports each of them; its "
            "allowed and extra_vague lists do not apply here)",
        ),
        RuleOption(
            "embeddings",
            False,
            "also report choices that read alike to a sentence-embedding model "
            "(needs the extra: pip install 'ivrlint[embeddings]')",
        ),
        RuleOption(
            "embedding_threshold",
            0.50,
            "with embeddings: meaning similarity (-1 to 1) from which two choices read alike",
            minimum=-1.0,
        ),
    )

    @staticmethod
    def vocabulary(language: str, opts: Mapping[str, Any]) -> Vocabulary:
        return vocabulary(language, opts["synonyms"], fuzzy_ratio=opts["fuzzy_ratio"])

    @classmethod
    def check_options(cls, opts: Mapping[str, Any]) -> None:
        if opts["embeddings"]:
            from ivrlint.text import embeddings  # light: the model loads on first use

            if not embeddings.available():
                raise ValueError(f"option 'embeddings' is on but {embeddings.missing_message()}")

    @staticmethod
    def likeness(opts: Mapping[str, Any]) -> EmbeddingSignal | None:
        """The embedding signal when ``embeddings`` is on; nothing is imported otherwise."""
        if not opts["embeddings"]:
            return None
        from ivrlint.text.embeddings import shipped

        return shipped(opts["embedding_threshold"])

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        vocab = self.vocabulary(ctx.language, opts)
        likeness = self.likeness(opts)
        context = _menu_topics(ctx, vocab)
        for menu in ctx.file.menus.values():
            topic = context.get(menu.id, frozenset())
            labelled = [
                (o, in_context(read(spoken(o.label), vocab), topic, vocab))
                for o in ctx.choices(menu)
                if o.label and o.label.strip()
            ]
            if likeness is not None and len(labelled) > 1:
                likeness.prepare(label.text for _, label in labelled)
            for (first, a), (second, b) in combinations(labelled, 2):
                found = ambiguity(a, b, vocab, likeness)
                if found is None or (found.kind in _SWITCHED and not opts[_SWITCHED[found.kind]]):
                    continue
                from ivrlint.loader.scalarmap import whole_label  # only if found

                pos, end = whole_label(second)
                yield Finding(
                    pos,
                    f"choices {first.key} '{a.text}' and {second.key} '{b.text}' "
                    f"of menu '{menu.id}' could be taken for each other: {found.explain()}",
                    _HINTS.get(found.kind, _HINT),
                    menu=menu.id,
                    key=second.key,
                    related=(first.key,),
                    end=end,
                )


_SWITCHED = {"audience": "audience", "catch-alls": "catch_alls"}  # kind → its option
_HINT = "merge them, or name each for a need the other does not cover"
_HINTS = {"catch-alls": "keep one catch-all, or name what is behind each"}


def _menu_topics(ctx: Context, vocab: Vocabulary) -> dict[str, frozenset[str]]:
    """Menu id → what the choices leading to it name: a caller in the menu chose that."""
    topics: dict[str, frozenset[str]] = {}
    for menu in ctx.file.menus.values():
        for option in menu.options:
            if option.label and option.target and option.target.kind == "goto":
                named = read(spoken(option.label), vocab).meanings
                topics[option.target.value] = topics.get(option.target.value, frozenset()) | named
    return topics
