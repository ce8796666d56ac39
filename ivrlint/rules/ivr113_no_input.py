from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.model import Handler, Menu
from ivrlint.rules.base import Context, Rule, RuleOption


class NoInputHandling(Rule):
    """A menu with no ``no_input`` or ``no_match`` handling, too few or too many retries, or
    handling that hangs up on the caller.

    Callers who are unsure, slow, or on a rotary-style phone press nothing or the wrong key.
    The menu should re-prompt one to three times, then send them to a person, not hang up.

    Bad:

        main:
          options: { "1": { label: Billing, transfer: billing } }
          no_input: { retries: 0, then: { action: hangup } }

    Good:

        main:
          options: { "1": { label: Billing, transfer: billing } }
          no_input: { retries: 2, then: { transfer: front-desk } }
          no_match: { retries: 2, then: { transfer: front-desk } }
    """

    code = "IVR113"
    name = "handling.no-input"
    severity = Severity.WARNING
    options = (
        RuleOption("min_retries", 1, "fewest retries before giving up", minimum=0),
        RuleOption("max_retries", 3, "most retries before giving up", minimum=0),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        low, high = opts["min_retries"], opts["max_retries"]
        for menu in ctx.file.menus.values():
            for name, what in (
                ("no_input", "presses nothing"),
                ("no_match", "presses a wrong key"),
            ):
                handler: Handler | None = getattr(menu, name)
                if handler is None:
                    yield Finding(
                        menu.pos,
                        f"menu '{menu.id}' has no {name} handling: nothing is said about a "
                        f"caller who {what}",
                        f"add {name}: {{ retries: 2, then: {{ transfer: <a queue> }} }}",
                        menu=menu.id,
                    )
                    continue
                yield from self._handler(ctx, menu, name, handler, low, high)

    def _handler(
        self, ctx: Context, menu: Menu, name: str, handler: Handler, low: int, high: int
    ) -> Iterator[Finding]:
        retries = handler.retries
        if retries is not None and not low <= retries <= high:
            yield Finding(
                handler.retries_pos or handler.pos,
                f"{name} of menu '{menu.id}' retries {retries} times; use {low} to {high}",
                "one to three retries give slow callers a chance without wearing them out",
                menu=menu.id,
            )
        then = handler.then
        if then is None:
            yield Finding(
                handler.pos,
                f"{name} of menu '{menu.id}' does not say where the call goes after the retries",
                "add then: { transfer: <a queue> }; platforms usually hang up otherwise",
                menu=menu.id,
            )
            return
        dest = ctx.file.destination_for(then)
        if (then.kind == "action" and then.value == "hangup") or (dest and dest.kind == "hangup"):
            yield Finding(
                then.pos,
                f"{name} of menu '{menu.id}' hangs up on the caller",
                "send callers who could not choose to a person instead",
                menu=menu.id,
            )
