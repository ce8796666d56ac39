from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.model import Menu, Option
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.labels import Vocabulary, overlap, read, vocabulary
from ivrlint.text.prompts import Announcement, announcements

# An announced goal fits a label when this share of the smaller one's meanings match.
_FITS = 0.5


class PromptOptionMismatch(Rule):
    """The prompt and the options disagree: a key announced but not defined, a key
    announced for another choice than the one it leads to, or a choice never announced.

    The prompt is what the caller acts on. "For billing, press 3" where billing is 2 sends
    every billing caller to the wrong queue; a key announced but missing plays "invalid
    choice"; a choice never announced is one no caller finds. The prompt is read in English
    and Russian ("for billing, press 2", "press 2 for billing", "нажмите 2",
    "чтобы ..., нажмите 2", digits as words, "star"/"звёздочку" for ``*``), and lists that say
    the verb once ("for sales press 1, support 2", "press 1 for cash and 2 for card",
    "для оплаты наличными нажмите 1, картой — 2"). Navigation keys (repeat, back, main
    menu), the operator key and a key that ends the call may go unannounced; they are not
    choices.

    Bad:

        prompt: For billing, press 3. For orders, press 1.
        options:
          "1": { label: Orders, goto: orders }
          "2": { label: Billing, transfer: billing }

    Good:

        prompt: For orders, press 1. For billing, press 2.
        options:
          "1": { label: Orders, goto: orders }
          "2": { label: Billing, transfer: billing }
    """

    code = "IVR202"
    name = "prompt.option-mismatch"
    severity = Severity.ERROR
    options = (
        RuleOption(
            "synonyms", (), 'project synonym groups, each "word = word" (as IVR301\'s option)'
        ),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        vocab = vocabulary(ctx.language, opts["synonyms"])
        for menu in ctx.file.menus.values():
            if (menu.prompt or "").strip():
                yield from self._menu(ctx, menu, vocab)

    def _menu(self, ctx: Context, menu: Menu, vocab: Vocabulary) -> Iterator[Finding]:
        assert menu.prompt is not None
        where = menu.prompt_pos or menu.pos
        heard = announcements(menu.prompt)
        choices = ctx.choices(menu)
        if not heard:
            if choices:
                keys = ", ".join(o.key for o in choices)
                yield Finding(
                    where,
                    f"the prompt of menu '{menu.id}' announces none of its keys ({keys})",
                    'say each choice with its key: "For billing, press 2."',
                    menu=menu.id,
                )
            return
        for found in heard:
            option = menu.option(found.key)
            if option is None:
                from ivrlint.loader.scalarmap import in_prompt  # only for what is found

                at, end = in_prompt(menu, found.start, found.press_end)
                yield Finding(
                    at,
                    f"the prompt of menu '{menu.id}' announces key {found.key}, "
                    "which the menu does not define",
                    f"define key {found.key}, or take it out of the prompt",
                    menu=menu.id,
                    key=found.key,
                    end=end,
                )
            elif found.label:
                yield from self._mismatch(menu, found, option, vocab)
        announced = {found.key for found in heard}
        for option in choices:
            if option.key not in announced and option.action != "hangup":
                yield Finding(
                    option.key_pos,
                    f"choice {option.key} '{option.label or ''}' of menu '{menu.id}' is never "
                    "announced in the prompt",
                    "announce it, or remove the choice",
                    menu=menu.id,
                    key=option.key,
                )

    @staticmethod
    def _mismatch(
        menu: Menu, found: Announcement, option: Option, vocab: Vocabulary
    ) -> Iterator[Finding]:
        if not option.label or _fit(found.label, option.label, vocab) > 0:
            return
        fits = [
            (_fit(found.label, o.label, vocab), o.key, o)
            for o in menu.options
            if o.key != found.key and o.label
        ]
        best = max(fits, default=None, key=lambda f: (f[0], f[1]))
        if best is None or best[0] < _FITS:
            return  # the prompt words it differently; nothing says it means another choice
        other = best[2]
        from ivrlint.loader.scalarmap import in_prompt  # only for what is found

        at, end = in_prompt(menu, *found.span())
        yield Finding(
            at,
            f"the prompt of menu '{menu.id}' says '{found.label}' for key {found.key}, "
            f"but key {found.key} is '{option.label}' and '{other.label}' is key {other.key}",
            f"announce key {other.key} for '{found.label}', or swap the options",
            menu=menu.id,
            key=found.key,
            related=(other.key,),
            end=end,
        )


# Menus repeat their pairs ("to speak with an agent" announced for "Speak with an agent" in
# every menu): each pair of texts is read and compared once.
@lru_cache(maxsize=1 << 14)
def _fit(said: str, label: str, vocab: Vocabulary) -> float:
    """How well the goal a prompt announces fits a label (0-1)."""
    return overlap(read(said, vocab), read(label, vocab), vocab)
