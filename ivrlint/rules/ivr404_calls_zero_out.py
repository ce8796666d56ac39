from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.callusage import MenuUsage, interval_text, percent, wilson
from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption


class CallsZeroOut(Rule):
    """A menu where many callers press the operator key or time out (with ``--calls``).

    A caller who presses 0, waits without pressing anything, or keeps pressing keys the menu
    does not have, has not found a choice that fits. Each such call lands with the front
    line, who then routes it by hand. The menu is reported when, with at least
    ``min_calls`` callers whose outcome at the menu is known, the 95% Wilson interval of the
    share of such callers lies wholly above ``max_rate``.

    Bad:

        # the log: 310 of 1,000 callers pressed 0 or gave no input here
        main:
          prompt: For account services, press 1. For other enquiries, press 2.

    Good:

        main:
          prompt: For your balance, press 1. To pay a bill, press 2. To report a lost card, press 3.
    """

    code = "IVR404"
    name = "calls.zero-out"
    severity = Severity.WARNING
    options = (
        RuleOption("max_rate", 0.25, "share of a menu's callers who may zero out"),
        RuleOption("min_calls", 30, "fewest callers at a menu before it is judged"),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        if ctx.calls is None:
            return
        for menu in ctx.file.menus.values():
            used = ctx.calls.menu(menu.id)
            total, count = used.known, used.zero_outs
            if total < opts["min_calls"] or wilson(count, total)[0] <= opts["max_rate"]:
                continue
            yield Finding(
                menu.pos,
                f"{percent(count / total)} of callers at menu '{menu.id}' did not find their "
                f"choice: {count:,} of {total:,} calls ({interval_text(count, total)}); "
                f"{_how(used)}",
                "make the choices say what callers call about (the log's transfers from the "
                "front line show which), and put the most used first",
                menu=menu.id,
            )


def _how(used: MenuUsage) -> str:
    parts = [
        (used.operator, "pressed the operator key"),
        (used.no_input, "pressed nothing"),
        (used.no_match, "pressed no valid key"),
        (used.zero_out, "went where these lead, the log not saying how"),
    ]
    return ", ".join(f"{count:,} {text}" for count, text in parts if count)
