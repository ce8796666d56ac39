from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.callusage import interval_text, percent, wilson
from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption


class CallsAbandon(Rule):
    """A menu where many callers hang up (with ``--calls``).

    A caller who hangs up at a menu gave up: the prompt was too long, no choice fitted, or
    it was not clear how to reach a person. They call back later, angrier, or not at all.
    The menu is reported when, with at least ``min_calls`` callers who reached it, the 95%
    Wilson interval of the share who hung up there lies wholly above ``max_rate``.

    Bad:

        # the log: 180 of 1,000 callers hung up at this menu
        billing:
          prompt: >-
            Please listen carefully as our options have changed. For questions about a bill
            issued before the first of March, press 1. For any other question, press 2.

    Good:

        billing:
          prompt: >-
            To pay a bill, press 1. For a question about a bill, press 2.
            To speak with an agent, press 0.
    """

    code = "IVR405"
    name = "calls.abandon"
    severity = Severity.WARNING
    options = (
        RuleOption("max_rate", 0.10, "share of a menu's callers who may hang up there"),
        RuleOption("min_calls", 30, "fewest callers at a menu before it is judged"),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        if ctx.calls is None:
            return
        for menu in ctx.file.menus.values():
            used = ctx.calls.menu(menu.id)
            total, count = used.reached, used.hangups
            if total < opts["min_calls"] or wilson(count, total)[0] <= opts["max_rate"]:
                continue
            yield Finding(
                menu.pos,
                f"{percent(count / total)} of callers hung up at menu '{menu.id}': "
                f"{count:,} of {total:,} calls ({interval_text(count, total)})",
                "shorten the prompt, put the most used choice first and offer a person early",
                menu=menu.id,
            )
