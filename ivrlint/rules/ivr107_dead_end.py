from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.model import Menu
from ivrlint.rules.base import Context, Rule


def is_dead_end(ctx: Context, menu: Menu) -> bool:
    """No choice of ``menu`` takes the caller anywhere but back into ``menu`` itself.

    A choice whose target is undefined counts as leading somewhere: IVR105 reports it.
    """
    here = f"menu:{menu.id}"
    for option in menu.options:
        if option.target is None:
            continue
        nodes = ctx.flow.target_nodes(menu, option.target)
        if option.target.kind == "goto" and not nodes:
            return False
        if any(node != here for node in nodes):
            return False
    return True


class DeadEnd(Rule):
    """A menu with no choice that leads anywhere else: no options at all, or only "repeat".

    The caller hears the menu, presses every key, and goes nowhere. ``back`` or ``main`` on
    the entry menu lead nowhere either.

    Bad:

        menus:
          hours:
            prompt: We are open 9 to 5. To hear this again, press 9.
            options:
              "9": { label: Hear again, action: repeat }

    Good:

        menus:
          hours:
            prompt: We are open 9 to 5. To hear this again, press 9. For the main menu, press star.
            options:
              "9": { label: Hear again, action: repeat }
              "*": { label: Main menu, action: main }
    """

    code = "IVR107"
    name = "structure.dead-end"
    severity = Severity.ERROR

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        for menu in ctx.file.menus.values():
            if not is_dead_end(ctx, menu):
                continue
            what = "has no options" if not menu.options else "has no choice that leads elsewhere"
            yield Finding(
                menu.options_pos or menu.pos,
                f"menu '{menu.id}' {what}: callers are stuck in it",
                "add a choice that goes to another menu, a destination, or back",
                menu=menu.id,
            )
