from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.model import Target
from ivrlint.rules.base import Context, Rule


class UnknownTarget(Rule):
    """A ``goto``, ``transfer`` or ``then`` names a menu or destination that is not defined.

    The platform either rejects the flow or, worse, drops the caller at that point. Transfers
    to a literal address (``tel:+15551234567``, ``sip:...``) need no declaration.

    Bad:

        menus:
          main:
            options:
              "1": { label: Billing, transfer: biling }
        destinations:
          billing: { kind: queue }

    Good:

        menus:
          main:
            options:
              "1": { label: Billing, transfer: billing }
        destinations:
          billing: { kind: queue }
    """

    code = "IVR105"
    name = "structure.unknown-target"
    severity = Severity.ERROR

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        menus, dests = ctx.file.menus, ctx.file.destinations
        if ctx.file.entry not in menus:
            yield Finding(
                ctx.file.entry_pos,
                f"entry '{ctx.file.entry}' is not a menu of this file",
                _suggest(ctx.file.entry, menus, "menus: "),
            )
        for menu in menus.values():
            targets = [(o.key, o.target) for o in menu.options]
            targets += [
                (name, h.then)
                for name, h in (("no_input", menu.no_input), ("no_match", menu.no_match))
                if h
            ]
            for via, target in targets:
                if target is None or target.kind == "action":
                    continue
                problem = self._problem(target, menus, dests)
                if problem:
                    handler = via in ("no_input", "no_match")
                    where = (
                        f"{via} of menu '{menu.id}'"
                        if handler
                        else f"key {via} of menu '{menu.id}'"
                    )
                    yield Finding(
                        target.pos,
                        f"{where} {problem[0]}",
                        problem[1],
                        menu=menu.id,
                        key=None if handler else via,
                    )

    @staticmethod
    def _problem(
        target: Target, menus: Mapping[str, Any], dests: Mapping[str, Any]
    ) -> tuple[str, str] | None:
        name = target.value
        if target.kind == "goto":
            if name in menus:
                return None
            if name in dests:
                return f"goes to '{name}', a destination, not a menu", f"write 'transfer: {name}'"
            return f"goes to menu '{name}', which is not defined", _suggest(name, menus, "menus: ")
        if name in dests or target.is_literal_address:
            return None
        if name in menus:
            return f"transfers to '{name}', a menu, not a destination", f"write 'goto: {name}'"
        return (
            f"transfers to '{name}', which is not declared under destinations",
            _suggest(
                name, dests, "declare it under 'destinations:' or use a tel: address; known: "
            ),
        )


def _suggest(name: str, known: Mapping[str, Any], prefix: str) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    listed = ", ".join(sorted(known)[:8])
    return f"{prefix}{listed}" if listed else prefix.rstrip(": ")
