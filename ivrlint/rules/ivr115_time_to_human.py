from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.speech import DEFAULT_WORDS_PER_MINUTE


class TimeToHuman(Rule):
    """Reaching a person takes longer than ``max_seconds`` of prompts on the fastest path.

    The estimate counts the words a caller must hear, at ``words_per_minute``, on the quickest
    way from the entry menu to a person: of each prompt, the part up to where the chosen key
    is announced, plus any message played before the transfer. Callers who want a person and
    hear a minute of menus first start the conversation angry.

    Bad:

        main:
          prompt: >-
            Welcome to Acme, where your satisfaction is our priority. Please listen carefully,
            as our menu options have changed. ... To speak with an agent, press 0.

    Good:

        main:
          prompt: For orders, press 1. For billing, press 2. To speak with an agent, press 0.
    """

    code = "IVR115"
    name = "time.to-human"
    severity = Severity.WARNING
    options = (
        RuleOption(
            "max_seconds", 60.0, "longest acceptable time to a person, in seconds", minimum=0
        ),
        RuleOption(
            "words_per_minute",
            float(DEFAULT_WORDS_PER_MINUTE),
            "speaking rate of prompts",
            minimum=1,
        ),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        flow = ctx.flow_at(opts["words_per_minute"])
        entry = ctx.file.menus.get(ctx.file.entry)
        found = flow.fastest_path(n for n in flow.reachable if flow.is_human(n))
        if entry is None or found is None:
            return  # no person at all is IVR109's finding
        seconds, path = found
        if seconds <= opts["max_seconds"]:
            return
        steps = " → ".join(f"{e.source} {e.via}" for e in path)
        person = flow.destination(path[-1].target)
        yield Finding(
            entry.pos,
            f"the fastest way to a person ({steps} → {person.display_name if person else '?'}) "
            f"takes about {seconds:.0f} s of prompts; the limit is {opts['max_seconds']:g} s",
            "announce the operator key early, shorten the prompts on this path, or cut a level",
            menu=entry.id,
        )
