from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption


class MaxDepth(Rule):
    """A menu is reached only after more than ``max_depth`` menus.

    Every level is another prompt to sit through and another choice to get right; callers
    who must go four levels down give up or press 0. Depth counts the shortest way from the
    entry menu, which is level 1.

    Bad:

        entry: main
        menus:
          main: { options: { "1": { label: Accounts, goto: accounts } } }
          accounts: { options: { "1": { label: Cards, goto: cards } } }
          cards: { options: { "1": { label: Lost card, goto: lost } } }
          lost: { options: { "1": { label: Block it, transfer: block } } }

    Good:

        entry: main
        menus:
          main:
            options:
              "1": { label: Lost or stolen card, transfer: block }
              "2": { label: Accounts, goto: accounts }
    """

    code = "IVR101"
    name = "structure.max-depth"
    severity = Severity.WARNING
    options = (
        RuleOption("max_depth", 3, "deepest level a menu may be (the entry is level 1)", minimum=1),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        limit = opts["max_depth"]
        for menu_id, keys in ctx.flow.shortest_keys.items():
            level = len(keys) + 1
            if level > limit:
                yield Finding(
                    ctx.file.menus[menu_id].pos,
                    f"menu '{menu_id}' is at level {level} (keys {' → '.join(keys)}); "
                    f"the limit is {limit}",
                    "bring its choices up a level, or merge it with its parent menu",
                    menu=menu_id,
                )
