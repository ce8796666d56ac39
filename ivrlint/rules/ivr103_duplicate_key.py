from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule


class DuplicateKey(Rule):
    """One key is defined twice in a menu.

    A YAML mapping with the same key twice is legal to most parsers, which silently keep the
    last one: the first choice disappears from the menu without a word, while the prompt
    still announces it.

    Bad:

        options:
          "1": { label: Billing, transfer: billing }
          "1": { label: Payments, transfer: payments }

    Good:

        options:
          "1": { label: Billing, transfer: billing }
          "2": { label: Payments, transfer: payments }
    """

    code = "IVR103"
    name = "structure.duplicate-key"
    severity = Severity.ERROR

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        for menu in ctx.file.menus.values():
            first: dict[str, int] = {}
            for option in menu.options:
                if option.key not in first:
                    first[option.key] = option.key_pos.line
                    continue
                yield Finding(
                    option.key_pos,
                    f"key '{option.key}' is defined twice in menu '{menu.id}' "
                    f"(first at line {first[option.key]})",
                    "give each choice its own key",
                    menu=menu.id,
                    key=option.key,
                )
