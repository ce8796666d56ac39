from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.model import DTMF_KEYS
from ivrlint.rules.base import Context, Rule
from ivrlint.text.prompts import KEY_WORDS


class InvalidKey(Rule):
    """A choice is on a key that a phone keypad cannot send.

    Only 0–9, ``*`` and ``#`` exist on a keypad; a choice on ``10`` or ``star`` can never be
    selected.

    Bad:

        options:
          "10": { label: Other languages, goto: languages }
          star: { label: Main menu, action: main }

    Good:

        options:
          "8": { label: Other languages, goto: languages }
          "*": { label: Main menu, action: main }
    """

    code = "IVR104"
    name = "structure.invalid-key"
    severity = Severity.ERROR

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        for menu in ctx.file.menus.values():
            for option in menu.options:
                if option.key in DTMF_KEYS:
                    continue
                spoken = KEY_WORDS.get(option.key.strip().lower())
                hint = f'write the key as "{spoken}"' if spoken else "use 0–9, * or #"
                yield Finding(
                    option.key_pos,
                    f"'{option.key}' in menu '{menu.id}' is not a key a phone can send",
                    hint,
                    menu=menu.id,
                    key=option.key,
                )
