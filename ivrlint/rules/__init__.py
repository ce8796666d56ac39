"""The rule registry: every rule ivrlint has, in code order.

Adding a rule means writing its module and listing it here; nothing is discovered implicitly,
so the catalogue, the docs and ``ivrlint rules`` always agree.

Each entry names the rule's module and class, and a rule's module is imported only when the
rule is needed: ``ivrlint check --select IVR1`` never loads the label readers, and without
``--calls`` the call-log rules (which find nothing without a log) are not loaded at all.
``RULES``, ``BY_CODE`` and ``BY_NAME`` hold the classes themselves; using one of them imports
every rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ivrlint.rules.base import Rule

    RULES: tuple[type[Rule], ...]
    BY_CODE: dict[str, type[Rule]]
    BY_NAME: dict[str, type[Rule]]


class Entry(NamedTuple):
    """A rule as the registry lists it. ``code`` and ``name`` repeat the class's own (a test
    holds them equal); ``calls`` marks a rule that finds nothing without a call log."""

    code: str
    name: str
    module: str  # in ivrlint.rules
    cls: str
    calls: bool = False

    def load(self) -> type[Rule]:
        # ``__import__`` rather than ``importlib.import_module``: the same import, and one
        # that ``python -X importtime`` reports.
        module = __import__(f"ivrlint.rules.{self.module}", fromlist=[self.cls])
        rule: type[Rule] = getattr(module, self.cls)
        return rule

    def matches(self, selector: str) -> bool:
        return selector_matches(self.code, self.name, selector)


CATALOGUE: tuple[Entry, ...] = (
    Entry("IVR001", "file.syntax", "file_rules", "Syntax"),
    Entry("IVR002", "file.schema", "file_rules", "Schema"),
    Entry("IVR003", "file.unused-suppression", "file_rules", "UnusedSuppression"),
    Entry("IVR101", "structure.max-depth", "ivr101_max_depth", "MaxDepth"),
    Entry("IVR102", "structure.max-options", "ivr102_max_options", "MaxOptions"),
    Entry("IVR103", "structure.duplicate-key", "ivr103_duplicate_key", "DuplicateKey"),
    Entry("IVR104", "structure.invalid-key", "ivr104_invalid_key", "InvalidKey"),
    Entry("IVR105", "structure.unknown-target", "ivr105_unknown_target", "UnknownTarget"),
    Entry("IVR106", "structure.unreachable", "ivr106_unreachable", "Unreachable"),
    Entry("IVR107", "structure.dead-end", "ivr107_dead_end", "DeadEnd"),
    Entry("IVR108", "structure.trap", "ivr108_trap", "Trap"),
    Entry("IVR109", "escape.no-human", "ivr109_no_human", "NoHuman"),
    Entry("IVR110", "escape.operator-key", "ivr110_operator_key", "OperatorKey"),
    Entry("IVR111", "navigation.no-repeat", "ivr111_no_repeat", "NoRepeat"),
    Entry("IVR112", "navigation.no-back", "ivr112_no_back", "NoBack"),
    Entry("IVR113", "handling.no-input", "ivr113_no_input", "NoInputHandling"),
    Entry("IVR114", "keys.order", "ivr114_keys_order", "KeysOrder"),
    Entry("IVR115", "time.to-human", "ivr115_time_to_human", "TimeToHuman"),
    Entry("IVR201", "prompt.missing", "ivr201_prompt_missing", "PromptMissing"),
    Entry(
        "IVR202", "prompt.option-mismatch", "ivr202_prompt_option_mismatch", "PromptOptionMismatch"
    ),
    Entry("IVR203", "prompt.too-long", "ivr203_prompt_too_long", "PromptTooLong"),
    Entry("IVR204", "prompt.phrasing", "ivr204_prompt_phrasing", "PromptPhrasing"),
    Entry("IVR205", "prompt.tone", "ivr205_prompt_tone", "PromptTone"),
    Entry("IVR301", "label.ambiguous", "ivr301_label_ambiguous", "LabelAmbiguous"),
    Entry("IVR302", "label.vague", "ivr302_label_vague", "LabelVague"),
    Entry("IVR303", "label.jargon", "ivr303_label_jargon", "LabelJargon"),
    Entry("IVR304", "label.duplicate", "ivr304_label_duplicate", "LabelDuplicate"),
    Entry("IVR305", "label.too-long", "ivr305_label_too_long", "LabelTooLong"),
    Entry("IVR401", "calls.misroute", "ivr401_calls_misroute", "CallsMisroute", calls=True),
    Entry(
        "IVR402",
        "calls.unused-option",
        "ivr402_calls_unused_option",
        "CallsUnusedOption",
        calls=True,
    ),
    Entry("IVR403", "calls.order", "ivr403_calls_order", "CallsOrder", calls=True),
    Entry("IVR404", "calls.zero-out", "ivr404_calls_zero_out", "CallsZeroOut", calls=True),
    Entry("IVR405", "calls.abandon", "ivr405_calls_abandon", "CallsAbandon", calls=True),
)

ENTRY_BY_CODE: dict[str, Entry] = {e.code: e for e in CATALOGUE}
ENTRY_BY_NAME: dict[str, Entry] = {e.name: e for e in CATALOGUE}


def selector_matches(code: str, name: str, selector: str) -> bool:
    """Whether a selector names the rule ``code``/``name``: ``ALL``, a code or code prefix
    (``IVR1``), the dotted name or a name prefix (``structure``)."""
    text = selector.strip()
    if text.upper() == "ALL":
        return True
    return (
        code.startswith(text.upper()) or name == text.lower() or name.startswith(f"{text.lower()}.")
    )


def find(code_or_name: str) -> Entry | None:
    """A rule's entry by its code (``IVR101``, any case) or dotted name, without importing it."""
    text = code_or_name.strip()
    return ENTRY_BY_CODE.get(text.upper()) or ENTRY_BY_NAME.get(text.lower())


def lookup(code_or_name: str) -> type[Rule] | None:
    """A rule by its code (``IVR101``, any case) or dotted name (``structure.max-depth``)."""
    entry = find(code_or_name)
    return entry.load() if entry is not None else None


def __getattr__(name: str) -> object:
    """``RULES``, ``BY_CODE`` and ``BY_NAME``, built (every rule imported) on first use."""
    if name not in ("RULES", "BY_CODE", "BY_NAME"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    rules = tuple(entry.load() for entry in CATALOGUE)
    globals().update(
        RULES=rules,
        BY_CODE={rule.code: rule for rule in rules},
        BY_NAME={rule.name: rule for rule in rules},
    )
    return globals()[name]
