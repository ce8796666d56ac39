from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule


class KeysOrder(Rule):
    """Choices are not numbered 1, 2, 3... without gaps.

    Callers expect the first choice on 1 and the next on 2; a gap ("1, 2, 4") makes them wonder
    what 3 was, and a menu starting at 2 sounds like they missed something. Navigation keys
    (repeat, back, main menu, 0 for a person, ``*`` and ``#``) are not counted.

    Bad:

        options:
          "1": { label: Billing, transfer: billing }
          "3": { label: Orders, goto: orders }

    Good:

        options:
          "1": { label: Billing, transfer: billing }
          "2": { label: Orders, goto: orders }
    """

    code = "IVR114"
    name = "keys.order"
    severity = Severity.INFO

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        for menu in ctx.file.menus.values():
            choices = [o for o in ctx.choices(menu) if o.key.isdigit() and len(o.key) == 1]
            keys = sorted({o.key for o in choices})
            expected = [str(n) for n in range(1, len(keys) + 1)]
            if keys == expected:
                continue
            wrong_key = next(k for k, e in zip(keys, expected, strict=True) if k != e)
            first_wrong = next(o for o in choices if o.key == wrong_key)
            yield Finding(
                first_wrong.key_pos,
                f"choices of menu '{menu.id}' are on keys {', '.join(keys)}; "
                f"callers expect {', '.join(expected)}",
                "number the choices from 1 without gaps",
                menu=menu.id,
                key=first_wrong.key,
            )
