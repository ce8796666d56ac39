from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.prompts import announcements


class PromptPhrasing(Rule):
    """A menu that mixes "press 1 for X" with "for X, press 1".

    Callers listen for their goal, then for the key. Goal first ("for billing, press 2",
    "для оплаты нажмите 2") lets them ignore every choice but theirs; key first ("press 2
    for billing") makes them hold each number until they hear whether it is theirs. Mixing
    the two in one menu makes callers miss keys. With ``require_goal_first``, a menu
    phrased key-first throughout is reported too.

    Bad:

        prompt: For orders, press 1. Press 2 for billing.

    Good:

        prompt: For orders, press 1. For billing, press 2.
    """

    code = "IVR204"
    name = "prompt.phrasing"
    severity = Severity.INFO
    options = (
        RuleOption(
            "require_goal_first", False, 'also report menus phrased "press 1 for X" throughout'
        ),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        for menu in ctx.file.menus.values():
            heard = [a for a in announcements(menu.prompt or "") if a.goal_first is not None]
            key_first = [a.key for a in heard if not a.goal_first]
            if not key_first:
                continue
            from ivrlint.loader.scalarmap import in_prompt  # only for what is found

            # At the first "press N for X": the phrasing to change.
            first = next(a for a in heard if not a.goal_first)
            where, end = in_prompt(menu, *first.span())
            if len(key_first) < len(heard):
                goal_first = [a.key for a in heard if a.goal_first]
                yield Finding(
                    where,
                    f"the prompt of menu '{menu.id}' mixes 'for X, press N' (keys "
                    f"{', '.join(goal_first)}) with 'press N for X' (keys {', '.join(key_first)})",
                    'say every choice goal first: "For billing, press 2."',
                    menu=menu.id,
                    end=end,
                )
            elif opts["require_goal_first"]:
                yield Finding(
                    where,
                    f"the prompt of menu '{menu.id}' says 'press N for X'; callers find their "
                    "choice faster goal first",
                    'say every choice goal first: "For billing, press 2."',
                    menu=menu.id,
                    end=end,
                )
