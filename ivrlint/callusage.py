"""What call logs say about one menu file: small tables the call-data rules (IVR4xx) read.

:class:`CallUsage` is computed once per menu file by ``ivrlint.calls.menu_paths`` (vectorised,
with pandas) and handed to the rules through ``Context.calls``. This module holds only the
records and the statistics the rules share, so the rules import nothing heavy and
``ivrlint check`` without ``--calls`` pays nothing for them.

A call is counted once per thing it did: once per menu it reached, once per option it chose
(a caller sent back to the menu by a self-service bot who picks the same choice again counts
once), once per destination it ended at.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ivrlint.model import Menu, MenuFile, Option

if TYPE_CHECKING:
    from ivrlint.rules.base import Context

# 95 % two-sided: the confidence of every interval the call-data rules report.
Z_95 = 1.959963984540054
NO_INPUT = "no_input"
NO_MATCH = "no_match"
# A move from a menu to where the operator key, no input and no match all lead, without a
# ``key`` column to tell which: certainly a zero-out, but not which kind.
ZERO_OUT = "zero_out"


def wilson(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion: (lower, upper), both within [0, 1].

    Unlike the bare ratio (or the normal approximation), it stays honest for small samples
    and for proportions near 0 or 1: 0 of 10 gives (0, 0.278), not (0, 0). No trials says
    nothing: (0, 1).
    """
    if trials <= 0:
        return 0.0, 1.0
    if not 0 <= successes <= trials:
        raise ValueError(f"successes must be within 0..{trials}, not {successes}")
    p = successes / trials
    z2 = z * z
    centre = p + z2 / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    denominator = 1 + z2 / trials
    low = 0.0 if successes == 0 else (centre - spread) / denominator
    high = 1.0 if successes == trials else (centre + spread) / denominator
    return max(0.0, low), min(1.0, high)


def percent(share: float) -> str:
    """A share as callers read it: whole percents, one decimal below 10 % (0.4 %, 7.5 %)."""
    value = share * 100
    if 0 < value < 10:
        return f"{value:.1f}".removesuffix(".0") + "%"
    return f"{value:.0f}%"


def interval_text(successes: int, trials: int) -> str:
    low, high = wilson(successes, trials)
    if percent(low) == percent(high) and high > low:  # a large sample: one decimal tells
        return f"95% CI {low * 100:.1f}–{high * 100:.1f}%"
    return f"95% CI {percent(low).rstrip('%')}–{percent(high)}"


@dataclass(frozen=True)
class OptionUsage:
    """One option of one menu, as callers used it."""

    menu: str
    key: str
    calls: int  # calls that chose it
    # Calls whose choice at this menu could be this option but the log does not say (no
    # ``key`` column and another option leads to the same place).
    unresolved: int = 0
    # Where the callers who chose it ended: destination id → calls, most calls first.
    ended: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class MenuUsage:
    """One menu, as callers used it (the caller's own choices: the part of the call before
    the first place that handles calls)."""

    menu: str
    reached: int  # calls that heard the menu
    decided: int  # calls whose choice (or zero-out) at the menu is known
    unidentified: int  # calls whose choice at the menu could not be told
    hangups: int  # calls that ended while at the menu
    operator: int = 0  # calls that pressed the operator key
    no_input: int = 0  # calls that ran out of no-input retries
    no_match: int = 0  # calls that ran out of no-match retries
    zero_out: int = 0  # calls that did one of the three, the log not saying which

    @property
    def zero_outs(self) -> int:
        return self.operator + self.no_input + self.no_match + self.zero_out

    @property
    def known(self) -> int:
        """Calls whose outcome at the menu is known: a choice, a zero-out or a hang-up."""
        return self.reached - self.unidentified


@dataclass(frozen=True)
class MappingSummary:
    """How the log's calls were joined to the menu file."""

    calls: int  # calls in the log
    mapped: int  # calls every choice of which was told
    no_menu: int  # calls that passed no menu of this file
    unidentified: int  # calls with at least one choice that could not be told
    # Moves from a menu to a place none of its options leads to, by log node name: what a
    # --node-map entry (or a change to the menu) would explain. (menu id, log name, calls),
    # most calls first, at most ten.
    unexplained: tuple[tuple[str, str, int], ...] = ()
    # Node map entries that name neither a menu nor a destination of this file.
    bad_node_map: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CallUsage:
    """Everything the call-data rules, ``graph --calls`` and ``stats --calls`` read."""

    menus: Mapping[str, MenuUsage]
    options: Mapping[tuple[str, str], OptionUsage]  # (menu id, key)
    # (menu id, node) → calls that moved from the menu straight to the node (``menu:ID``,
    # ``dest:ID``, as in ivrlint.flow).
    moves: Mapping[tuple[str, str], int]
    # destination id → calls a menu sent there (the caller's routing, not later transfers)
    routed: Mapping[str, int]
    summary: MappingSummary
    keyed: bool = False  # the log has a ``key`` column

    def option(self, menu: str, key: str) -> OptionUsage:
        return self.options.get((menu, key)) or OptionUsage(menu, key, 0)

    def menu(self, menu: str) -> MenuUsage:
        return self.menus.get(menu) or MenuUsage(menu, 0, 0, 0, 0)


class CallSource(Protocol):
    """Call data for any menu file (the engine asks once per file)."""

    def usage_for(self, menu: MenuFile) -> CallUsage: ...


# -- the menu's side: what each option is for --------------------------------------------


def is_choice(ctx: Context, option: Option) -> bool:
    """An option a caller picks for a topic: not repeat/back/main, not the operator key,
    not a hang-up, and leading somewhere."""
    target = option.target
    if target is None or option.is_navigation or ctx.is_operator(option):
        return False
    return not (target.kind == "action" and target.value == "hangup")


def own_destinations(ctx: Context, option: Option) -> frozenset[str]:
    """Where callers who pick ``option`` should end: its transfer's destination, or the
    destinations of the choices below its sub-menu (not those reached only by the operator
    key or no-input handling, which every menu offers)."""
    target = option.target
    if target is None or not is_choice(ctx, option):
        return frozenset()
    if target.kind == "transfer":
        return frozenset({target.value})
    if target.kind != "goto":
        return frozenset()
    found: set[str] = set()
    seen = {target.value}
    stack = [target.value]
    while stack:
        menu = ctx.file.menus.get(stack.pop())
        for child in menu.options if menu else ():
            aim = child.target
            if aim is None or not is_choice(ctx, child):
                continue
            if aim.kind == "transfer":
                found.add(aim.value)
            elif aim.kind == "goto" and aim.value not in seen:
                seen.add(aim.value)
                stack.append(aim.value)
    return frozenset(found)


def choices_of(ctx: Context, menu: Menu) -> list[Option]:
    return [o for o in menu.options if is_choice(ctx, o)]


def option_name(option: Option) -> str:
    """How diagnostics name an option: its key and label ("2 Billing")."""
    return f"{option.key} {option.label}" if option.label else option.key


def confused_with(
    ctx: Context, menu: Menu, option: Option, dest: str
) -> tuple[Menu, Option] | None:
    """The option whose callers belong at ``dest``, when it is not ``option``'s: a sibling
    in the same menu first, then a choice anywhere that transfers there, then one whose
    sub-menu leads there; the first in file order."""
    for other in choices_of(ctx, menu):
        if other is not option and dest in own_destinations(ctx, other):
            return menu, other
    others = [(m, o) for m in ctx.file.menus.values() for o in choices_of(ctx, m)]
    for m, o in others:
        if o.target is not None and o.target.kind == "transfer" and o.target.value == dest:
            return m, o
    for m, o in others:
        if o is not option and dest in own_destinations(ctx, o):
            return m, o
    return None
