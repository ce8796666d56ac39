from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.speech import word_count


class LabelTooLong(Rule):
    """A label longer than ``max_words`` words.

    A label is the name of a choice: callers compare it with their need while the next one
    plays. A sentence as a label ("Questions about a bill you received in the last month")
    is not remembered by the time the key is announced.

    Bad:

        "1": { label: Questions about a bill you received in the last month, transfer: billing }

    Good:

        "1": { label: Questions about a recent bill, transfer: billing }
    """

    code = "IVR305"
    name = "label.too-long"
    severity = Severity.INFO
    options = (RuleOption("max_words", 6, "most words a label may have"),)

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        limit = opts["max_words"]
        for menu in ctx.file.menus.values():
            for option in menu.options:
                words = word_count(option.label or "")
                if words > limit:
                    from ivrlint.loader.scalarmap import whole_label  # only if found

                    pos, end = whole_label(option)
                    yield Finding(
                        pos,
                        f"label '{option.label}' of choice {option.key} in menu '{menu.id}' has "
                        f"{words} words; the limit is {limit}",
                        "name the choice in a few words; say the detail in the sub-menu",
                        menu=menu.id,
                        key=option.key,
                        end=end,
                    )
