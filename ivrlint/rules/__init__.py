"""The rule registry: every rule ivrlint has, in code order.

Adding a rule means writing its module and listing its class here; nothing is discovered
implicitly, so the catalogue, the docs and ``ivrlint rules`` always agree.
"""

from __future__ import annotations

from ivrlint.rules.base import Rule
from ivrlint.rules.file_rules import Schema, Syntax, UnusedSuppression
from ivrlint.rules.ivr101_max_depth import MaxDepth
from ivrlint.rules.ivr102_max_options import MaxOptions
from ivrlint.rules.ivr103_duplicate_key import DuplicateKey
from ivrlint.rules.ivr104_invalid_key import InvalidKey
from ivrlint.rules.ivr105_unknown_target import UnknownTarget
from ivrlint.rules.ivr106_unreachable import Unreachable
from ivrlint.rules.ivr107_dead_end import DeadEnd
from ivrlint.rules.ivr108_trap import Trap
from ivrlint.rules.ivr109_no_human import NoHuman
from ivrlint.rules.ivr110_operator_key import OperatorKey
from ivrlint.rules.ivr111_no_repeat import NoRepeat
from ivrlint.rules.ivr112_no_back import NoBack
from ivrlint.rules.ivr113_no_input import NoInputHandling
from ivrlint.rules.ivr114_keys_order import KeysOrder
from ivrlint.rules.ivr115_time_to_human import TimeToHuman
from ivrlint.rules.ivr201_prompt_missing import PromptMissing
from ivrlint.rules.ivr202_prompt_option_mismatch import PromptOptionMismatch
from ivrlint.rules.ivr203_prompt_too_long import PromptTooLong
from ivrlint.rules.ivr204_prompt_phrasing import PromptPhrasing
from ivrlint.rules.ivr205_prompt_tone import PromptTone
from ivrlint.rules.ivr301_label_ambiguous import LabelAmbiguous
from ivrlint.rules.ivr302_label_vague import LabelVague
from ivrlint.rules.ivr303_label_jargon import LabelJargon
from ivrlint.rules.ivr304_label_duplicate import LabelDuplicate
from ivrlint.rules.ivr305_label_too_long import LabelTooLong
from ivrlint.rules.ivr401_calls_misroute import CallsMisroute
from ivrlint.rules.ivr402_calls_unused_option import CallsUnusedOption
from ivrlint.rules.ivr403_calls_order import CallsOrder
from ivrlint.rules.ivr404_calls_zero_out import CallsZeroOut
from ivrlint.rules.ivr405_calls_abandon import CallsAbandon

RULES: tuple[type[Rule], ...] = (
    Syntax,
    Schema,
    UnusedSuppression,
    MaxDepth,
    MaxOptions,
    DuplicateKey,
    InvalidKey,
    UnknownTarget,
    Unreachable,
    DeadEnd,
    Trap,
    NoHuman,
    OperatorKey,
    NoRepeat,
    NoBack,
    NoInputHandling,
    KeysOrder,
    TimeToHuman,
    PromptMissing,
    PromptOptionMismatch,
    PromptTooLong,
    PromptPhrasing,
    PromptTone,
    LabelAmbiguous,
    LabelVague,
    LabelJargon,
    LabelDuplicate,
    LabelTooLong,
    CallsMisroute,
    CallsUnusedOption,
    CallsOrder,
    CallsZeroOut,
    CallsAbandon,
)

BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in RULES}


def lookup(code_or_name: str) -> type[Rule] | None:
    """A rule by its code (``IVR101``, any case) or dotted name (``structure.max-depth``)."""
    text = code_or_name.strip()
    return BY_CODE.get(text.upper()) or BY_NAME.get(text.lower())
