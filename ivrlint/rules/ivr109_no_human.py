from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.flow import menu_node
from ivrlint.rules.base import Context, Rule


class NoHuman(Rule):
    """A menu from which no path reaches a person.

    Callers whose need the menu did not foresee must be able to reach someone; a branch of
    self-service only, with no way out to a person, makes them hang up and call back angrier.
    A person is a destination with ``human: true`` (queues, agents and numbers by default).
    Menus with no way out at all are left to IVR107 (dead end) and IVR108 (trap).

    Bad:

        menus:
          balance:
            options:
              "1": { label: Hear your balance, transfer: balance-bot }
              "9": { label: Hear again, action: repeat }

    Good:

        menus:
          balance:
            options:
              "1": { label: Hear your balance, transfer: balance-bot }
              "0": { label: Speak with an agent, transfer: front-desk }
    """

    code = "IVR109"
    name = "escape.no-human"
    severity = Severity.WARNING

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        flow = ctx.flow
        entry = ctx.file.menus.get(ctx.file.entry)
        if entry is None:
            return
        if menu_node(entry.id) not in flow.reaches_human:
            yield Finding(
                entry.pos,
                "no path from the entry menu reaches a person: no destination a person answers",
                "transfer to a queue, an agent or a number (or mark a destination human: true)",
                menu=entry.id,
            )
            return
        for menu in ctx.file.menus.values():
            node = menu_node(menu.id)
            # A menu with no way out at all is IVR107's or IVR108's to report.
            if (
                node in flow.reachable
                and node in flow.reaches_exit
                and node not in flow.reaches_human
            ):
                yield Finding(
                    menu.pos,
                    f"no path from menu '{menu.id}' reaches a person",
                    "add a choice (0 by convention) that transfers to a person",
                    menu=menu.id,
                )
