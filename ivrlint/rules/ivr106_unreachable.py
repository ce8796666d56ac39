from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.flow import dest_node, menu_node
from ivrlint.rules.base import Context, Rule


class Unreachable(Rule):
    """A menu or destination that no path from the entry menu reaches.

    It is dead weight at best; at worst it is the menu someone meant to connect and forgot,
    so callers never find the service it offers.

    Bad:

        entry: main
        menus:
          main: { options: { "1": { label: Billing, transfer: billing } } }
          returns: { options: { "1": { label: Start a return, transfer: returns } } }

    Good:

        entry: main
        menus:
          main:
            options:
              "1": { label: Billing, transfer: billing }
              "2": { label: Returns, goto: returns }
          returns: { options: { "1": { label: Start a return, transfer: returns } } }
    """

    code = "IVR106"
    name = "structure.unreachable"
    severity = Severity.WARNING

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        reachable = ctx.flow.reachable
        if not reachable:
            return  # the entry itself is missing: IVR105 says so
        for menu in ctx.file.menus.values():
            if menu_node(menu.id) not in reachable:
                yield Finding(
                    menu.pos,
                    f"menu '{menu.id}' cannot be reached from the entry menu '{ctx.file.entry}'",
                    "link it from a menu with goto, or delete it",
                    menu=menu.id,
                )
        for dest in ctx.file.destinations.values():
            if dest_node(dest.id) not in reachable and dest.kind != "hangup":
                yield Finding(
                    dest.pos,
                    f"destination '{dest.id}' is never transferred to from a reachable menu",
                    "transfer to it from a menu, or delete it",
                )
