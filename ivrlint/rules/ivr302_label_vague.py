from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.labels import Vocabulary, read, vocabulary
from ivrlint.text.words import normalise


class LabelVague(Rule):
    """A catch-all or empty label that does not say what is behind it.

    "Other", "More options", "General questions", "Прочее", "Другие вопросы": a caller cannot
    tell whether their need is behind such a choice, so they either try it last, after
    sitting through every other choice, or try it first and get lost in a second menu.
    A catch-all beside words naming only the whole business ("Other banking services",
    "Прочие операции") says nothing either, nor does one that starts a label and names a
    topic only to say "the rest of it" ("Other ticket questions", "Anything else about your
    booking", "Прочие вопросы по налогам"), nor an umbrella ("Products and services",
    "Help and advice"). A label that names something beside such a word ("Other languages",
    "Other payment options", "Другие города") is specific and is not reported.
    ``extra_vague`` adds a project's own words; ``allowed`` accepts labels.

    Bad:

        options:
          "1": { label: Billing, transfer: billing }
          "2": { label: Other, goto: more }

    Good:

        options:
          "1": { label: Billing, transfer: billing }
          "2": { label: Stores and careers, goto: company }
    """

    code = "IVR302"
    name = "label.vague"
    severity = Severity.WARNING
    options = (
        RuleOption("extra_vague", (), "more words or phrases that say nothing on their own"),
        RuleOption("allowed", (), "labels accepted as they are, written as in the menu"),
    )

    @staticmethod
    def vocabulary(language: str, opts: Mapping[str, Any]) -> Vocabulary:
        return vocabulary(language, extra_vague=opts["extra_vague"])

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        vocab = self.vocabulary(ctx.language, opts)
        allowed = {normalise(a).strip() for a in opts["allowed"]}
        for menu in ctx.file.menus.values():
            for option in ctx.choices(menu):
                label = (option.label or "").strip()
                if not label:
                    yield Finding(
                        option.label_pos or option.pos,
                        f"choice {option.key} of menu '{menu.id}' has no label",
                        "give it a short label that names what the caller gets",
                        menu=menu.id,
                        key=option.key,
                    )
                elif normalise(label) not in allowed and read(label, vocab).vague:
                    from ivrlint.loader.scalarmap import whole_label  # only if found

                    pos, end = whole_label(option)
                    yield Finding(
                        pos,
                        f"label '{label}' of choice {option.key} in menu '{menu.id}' does not "
                        "say what is behind it",
                        "name the topics behind it, or move them into the menu by name",
                        menu=menu.id,
                        key=option.key,
                        end=end,
                    )
