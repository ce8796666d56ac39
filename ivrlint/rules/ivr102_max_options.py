from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption


class MaxOptions(Rule):
    """A menu offers more than ``max_options`` choices.

    Callers hold four or five choices in mind; by the seventh they have forgotten the first
    and replay the menu or press 0. Navigation keys (repeat, back, main menu and 0 for a
    person) are not counted.

    Bad:

        options:
          "1": { label: Orders, goto: orders }
          "2": { label: Returns, transfer: returns }
          "3": { label: Billing, transfer: billing }
          "4": { label: Delivery, transfer: delivery }
          "5": { label: Stores, transfer: stores }
          "6": { label: Careers, transfer: careers }

    Good:

        options:
          "1": { label: Orders and delivery, goto: orders }
          "2": { label: Billing, transfer: billing }
          "3": { label: Stores and careers, goto: company }
    """

    code = "IVR102"
    name = "structure.max-options"
    severity = Severity.WARNING
    options = (RuleOption("max_options", 5, "most choices a menu may offer", minimum=1),)

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        limit = opts["max_options"]
        for menu in ctx.file.menus.values():
            choices = ctx.choices(menu)
            if len(choices) > limit:
                yield Finding(
                    menu.pos,
                    f"menu '{menu.id}' offers {len(choices)} choices; the limit is {limit}",
                    "group related choices under a sub-menu, or drop the least used ones",
                    menu=menu.id,
                )
