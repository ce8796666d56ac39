from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.callusage import choices_of, interval_text, option_name, percent, wilson
from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption


class CallsUnusedOption(Rule):
    """An option almost no caller chooses (with ``--calls``).

    Every choice costs every caller the seconds it takes to announce it, and one more thing
    to remember. A choice hardly anyone picks is paid for by all the others. The option is
    reported when, with at least ``min_calls`` callers deciding at the menu, the 95% Wilson
    interval of its share lies wholly below ``min_share``.

    Bad:

        # the log: 2 of 1,200 callers at this menu chose 3
        options:
          "1": { label: Orders, goto: orders }
          "2": { label: Billing, transfer: billing }
          "3": { label: Fax services, transfer: fax }

    Good:

        options:
          "1": { label: Orders, goto: orders }
          "2": { label: Billing, transfer: billing }
    """

    code = "IVR402"
    name = "calls.unused-option"
    severity = Severity.INFO
    options = (
        RuleOption("min_share", 0.01, "smallest share of a menu's callers an option should have"),
        RuleOption("min_calls", 30, "fewest callers deciding at a menu before it is judged"),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        if ctx.calls is None:
            return
        for menu in ctx.file.menus.values():
            total = ctx.calls.menu(menu.id).decided
            if total < opts["min_calls"]:
                continue
            for option in choices_of(ctx, menu):
                used = ctx.calls.option(menu.id, option.key)
                # Calls the log cannot tell from another option's count as this one's.
                count = min(used.calls + used.unresolved, total)
                if wilson(count, total)[1] >= opts["min_share"]:
                    continue
                yield Finding(
                    option.key_pos,
                    f"{option_name(option)} was chosen by {count:,} of {total:,} callers "
                    f"at menu '{menu.id}' ({percent(count / total)}, "
                    f"{interval_text(count, total)}): under {percent(opts['min_share'])}",
                    "drop it or move it into a sub-menu; or check that its label says what "
                    "callers look for",
                    menu=menu.id,
                    key=option.key,
                )
