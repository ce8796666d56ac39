from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.model import DTMF_KEYS
from ivrlint.rules.base import OPERATOR_KEY, Context, Rule, RuleOption


class OperatorKey(Rule):
    """A menu whose operator key (0) is missing or does not lead to a person.

    Callers everywhere press 0 to reach someone. When 0 does nothing, or starts another
    menu, they feel trapped, whatever else the menu offers.

    Bad:

        options:
          "1": { label: Billing, transfer: billing }
          "0": { label: More options, goto: more }

    Good:

        options:
          "1": { label: Billing, transfer: billing }
          "0": { label: Speak with an agent, transfer: front-desk }
    """

    code = "IVR110"
    name = "escape.operator-key"
    severity = Severity.WARNING
    options = (
        RuleOption("key", OPERATOR_KEY, "the key callers press for a person", choices=DTMF_KEYS),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        key = opts["key"]
        for menu in ctx.file.menus.values():
            option = menu.option(key)
            if option is None:
                yield Finding(
                    menu.options_pos or menu.pos,
                    f"menu '{menu.id}' has no operator key {key}",
                    f'add "{key}": {{ label: Speak with an agent, transfer: <a queue> }}',
                    menu=menu.id,
                )
            elif option.target is not None and not ctx.transfers_to_person(option):
                yield Finding(
                    option.key_pos,
                    f"key {key} in menu '{menu.id}' goes to {option.target.describe()}, "
                    "not to a person",
                    f"make {key} transfer straight to a destination a person answers",
                    menu=menu.id,
                    key=key,
                )
