from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.speech import DEFAULT_WORDS_PER_MINUTE, spoken_seconds


class PromptTooLong(Rule):
    """A prompt whose spoken length is estimated over ``max_seconds``.

    The estimate is the one IVR115 uses: words (a phone number's digits one by one) at
    ``words_per_minute``. Callers stop listening after about twenty seconds of one prompt;
    the choices at its end are the ones they miss, and they press 0 or hang up instead.

    Bad:

        prompt: >-
          Welcome to Acme, where your satisfaction is our priority. Please listen carefully,
          as our menu options have recently changed. You can also visit our website at any
          time of day or night to manage your account, pay your bill or track your orders.
          For orders, press 1. For billing, press 2.

    Good:

        prompt: For orders, press 1. For billing, press 2. To speak with an agent, press 0.
    """

    code = "IVR203"
    name = "prompt.too-long"
    severity = Severity.WARNING
    options = (
        RuleOption("max_seconds", 20.0, "longest acceptable prompt, in seconds"),
        RuleOption("words_per_minute", float(DEFAULT_WORDS_PER_MINUTE), "speaking rate of prompts"),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        limit = opts["max_seconds"]
        for menu in ctx.file.menus.values():
            seconds = spoken_seconds(menu.prompt or "", opts["words_per_minute"])
            if seconds > limit:
                yield Finding(
                    menu.prompt_pos or menu.pos,
                    f"the prompt of menu '{menu.id}' takes about "
                    f"{_seconds(seconds, limit)} s to say; the limit is {limit:g} s",
                    "cut the welcome and the marketing, or move choices into a sub-menu",
                    menu=menu.id,
                )


def _seconds(seconds: float, limit: float) -> str:
    """Whole seconds, unless rounding would make a prompt over the limit read as within it."""
    return f"{seconds:.0f}" if round(seconds) > limit else f"{seconds:.1f}"
