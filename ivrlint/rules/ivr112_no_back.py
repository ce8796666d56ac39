from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule


class NoBack(Rule):
    """A menu below the entry with no way back (``back`` or ``main``).

    A caller who took the wrong branch should be able to step back instead of hanging up.
    ``*`` for the previous or main menu is the usual convention.

    Bad:

        orders:
          options:
            "1": { label: Order status, transfer: order-status-bot }

    Good:

        orders:
          options:
            "1": { label: Order status, transfer: order-status-bot }
            "*": { label: Main menu, action: main }
    """

    code = "IVR112"
    name = "navigation.no-back"
    severity = Severity.INFO

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        entry = ctx.file.entry
        for menu in ctx.file.menus.values():
            if menu.id == entry:
                continue
            parents = ctx.flow.parents.get(menu.id, set()) | {entry}
            if any(
                o.action in ("back", "main")
                or (o.target is not None and o.target.kind == "goto" and o.target.value in parents)
                for o in menu.options
            ):
                continue
            yield Finding(
                menu.options_pos or menu.pos,
                f"menu '{menu.id}' has no way back to the previous or the main menu",
                'add "*": { label: Main menu, action: main }',
                menu=menu.id,
            )
