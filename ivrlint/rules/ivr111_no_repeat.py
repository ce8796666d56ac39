from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule


class NoRepeat(Rule):
    """A menu with no way to hear the options again.

    A caller who missed a choice while reading their account number should not have to
    hang up and call back. 9 or ``*`` for "repeat" is the usual convention.

    Bad:

        options:
          "1": { label: Billing, transfer: billing }
          "0": { label: Speak with an agent, transfer: front-desk }

    Good:

        options:
          "1": { label: Billing, transfer: billing }
          "9": { label: Hear these options again, action: repeat }
          "0": { label: Speak with an agent, transfer: front-desk }
    """

    code = "IVR111"
    name = "navigation.no-repeat"
    severity = Severity.INFO

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        for menu in ctx.file.menus.values():
            if any(
                o.action == "repeat"
                or (o.target is not None and o.target.kind == "goto" and o.target.value == menu.id)
                for o in menu.options
            ):
                continue
            yield Finding(
                menu.options_pos or menu.pos,
                f"menu '{menu.id}' has no choice to hear the options again",
                'add "9": { label: Hear these options again, action: repeat }',
                menu=menu.id,
            )
