from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule


class PromptMissing(Rule):
    """A menu with no prompt.

    Without a prompt the caller hears silence, or whatever default the platform plays, and
    cannot know which keys do what. ivrlint also needs the prompt to check what it
    announces (IVR202) and how long it takes (IVR203, IVR115).

    Bad:

        orders:
          options:
            "1": { label: Order status, transfer: order-status-bot }

    Good:

        orders:
          prompt: For the status of an order, press 1.
          options:
            "1": { label: Order status, transfer: order-status-bot }
    """

    code = "IVR201"
    name = "prompt.missing"
    severity = Severity.WARNING

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        for menu in ctx.file.menus.values():
            if not (menu.prompt or "").strip():
                yield Finding(
                    menu.prompt_pos or menu.pos,
                    f"menu '{menu.id}' has no prompt",
                    "write what the caller hears: each choice, then its key",
                    menu=menu.id,
                )
