from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.callusage import (
    choices_of,
    confused_with,
    interval_text,
    option_name,
    own_destinations,
    percent,
    wilson,
)
from ivrlint.diagnostics import Finding, Severity
from ivrlint.model import Menu, Option
from ivrlint.rules.base import Context, Rule, RuleOption


class CallsMisroute(Rule):
    """Callers who chose one option ended at another option's destination (with ``--calls``).

    When a share of the callers who pressed "Billing" end up with the payments team, the two
    choices are confused in practice, whatever their labels say: each of those callers waited
    in the wrong queue and was passed on. The option is reported when, with at least
    ``min_calls`` callers, the 95% Wilson interval of that share lies wholly above
    ``max_rate``; the diagnostic names both keys and gives the counts.

    Bad:

        # the log: 412 of the 1,084 callers who chose 2 ended with the payments team
        options:
          "2": { label: Billing, transfer: billing }
          "3": { label: Payments, transfer: payments }

    Good:

        # the log: 31 of the 1,050 callers who chose 2 ended with the payments team
        options:
          "2": { label: Bills and statements, transfer: billing }
          "3": { label: Pay a bill, transfer: payments }
    """

    code = "IVR401"
    name = "calls.misroute"
    severity = Severity.WARNING
    options = (
        RuleOption("max_rate", 0.15, "share of an option's callers ending elsewhere allowed"),
        RuleOption("min_calls", 30, "fewest callers of an option before it is judged"),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        if ctx.calls is None:
            return
        for menu in ctx.file.menus.values():
            for option in choices_of(ctx, menu):
                yield from self._option(ctx, menu, option, opts)

    def _option(
        self, ctx: Context, menu: Menu, option: Option, opts: Mapping[str, Any]
    ) -> Iterator[Finding]:
        assert ctx.calls is not None
        used = ctx.calls.option(menu.id, option.key)
        own = own_destinations(ctx, option)
        total = used.calls
        if total < opts["min_calls"] or not own:
            return
        for dest, count in used.ended:
            if dest in own or wilson(count, total)[0] <= opts["max_rate"]:
                continue
            found = confused_with(ctx, menu, option, dest)
            if found is None:
                continue
            other_menu, other = found
            yield Finding(
                option.key_pos,
                f"{percent(count / total)} of callers who chose "
                f"{_named(option, menu, other_menu)} ended at "
                f"{_place(other_menu, other, menu, dest)}: {count:,} of {total:,} calls "
                f"({interval_text(count, total)})",
                f"callers take '{option.label or option.key}' for "
                f"'{other.label or other.key}': make the labels say what differs, "
                "or send both to a team that handles both",
                menu=menu.id,
                key=option.key,
            )


def _named(option: Option, menu: Menu, other_menu: Menu) -> str:
    """``2 Billing``; ``orders 2 Returns`` when the other option is in another menu."""
    return option_name(option) if other_menu is menu else f"{menu.id} {option_name(option)}"


def _place(other_menu: Menu, other: Option, menu: Menu, dest: str) -> str:
    named = _named(other, other_menu, menu)
    target = other.target
    if target is not None and target.kind == "transfer":
        return named
    return f"{dest}, under {named}"
