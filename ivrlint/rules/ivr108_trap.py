from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.flow import menu_node
from ivrlint.rules.base import Context, Rule
from ivrlint.rules.ivr107_dead_end import is_dead_end


class Trap(Rule):
    """Menus from which no path ever reaches a destination or a hang-up.

    Each menu leads to another, but all of them only lead back into each other: a caller
    cycles between them forever. (A single menu with nowhere to go is IVR107's dead end.)

    Bad:

        menus:
          main: { options: { "1": { label: Accounts, goto: accounts } } }
          accounts: { options: { "1": { label: Main menu, action: main } } }

    Good:

        menus:
          main: { options: { "1": { label: Accounts, goto: accounts } } }
          accounts:
            options:
              "1": { label: Balance, transfer: balance-bot }
              "*": { label: Main menu, action: main }
    """

    code = "IVR108"
    name = "structure.trap"
    severity = Severity.ERROR

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        flow = ctx.flow
        for menu in ctx.file.menus.values():
            if menu_node(menu.id) in flow.reaches_exit or is_dead_end(ctx, menu):
                continue
            onward = sorted(
                n.removeprefix("menu:")
                for n in flow.reachable_from(menu_node(menu.id))
                if n != menu_node(menu.id)
            )
            yield Finding(
                menu.pos,
                f"no path from menu '{menu.id}' reaches a destination or a hang-up; "
                f"callers go round {', '.join(repr(m) for m in onward)} forever",
                "give one of these menus a choice that transfers the call",
                menu=menu.id,
            )
