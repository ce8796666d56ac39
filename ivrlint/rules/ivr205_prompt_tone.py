from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Severity
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.lexicon import WordList, builtin
from ivrlint.text.words import stems

_KINDS = (("diminutive", "belittling"), ("familiar", "over-familiar"), ("blaming", "blaming"))


class PromptTone(Rule):
    """Diminutive, over-familiar or blaming words in a prompt.

    "Подождите минуточку", "ваш заказик", "hey buddy", "you failed to enter a valid
    number": a caller who is already waiting, or already stuck, hears that they are not
    taken seriously or are to blame. The built-in lists (``ivrlint/data/words-*.txt``)
    match every form of a word; ``extra_words`` adds a project's own, ``allowed`` removes
    built-in ones. Messages played before a transfer (``say_first``) are read too.

    Bad:

        prompt: Вы ошиблись. Подождите минуточку, мы проверим ваш заказик.

    Good:

        prompt: Этот номер не найден. Пожалуйста, подождите, мы проверим ваш заказ.
    """

    code = "IVR205"
    name = "prompt.tone"
    severity = Severity.INFO
    options = (
        RuleOption("extra_words", (), "more words or phrases a prompt should not use"),
        RuleOption("allowed", (), "built-in words or phrases your prompts may use"),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        lists = [
            (builtin(f"tone-{kind}", ctx.language).extended(without=opts["allowed"]), what)
            for kind, what in _KINDS
        ]
        lists.append((WordList.of(opts["extra_words"]), "unwanted"))
        for menu in ctx.file.menus.values():
            texts = [(menu.prompt or "", menu.prompt_pos or menu.pos, "the prompt")]
            texts += [
                (o.say_first, o.pos, f"the message before choice {o.key}")
                for o in menu.options
                if o.say_first
            ]
            for text, pos, what in texts:
                found = _words(text, lists)
                if found:
                    yield Finding(
                        pos,
                        f"{what} of menu '{menu.id}' uses {found}",
                        "say it plainly and politely, without blaming the caller",
                        menu=menu.id,
                    )


def _words(text: str, lists: list[tuple[WordList, str]]) -> str:
    sequence = stems(text)
    found: list[str] = []
    for words, what in lists:
        hits = sorted({m.entry for m in words.find(sequence)})
        found += [f"{what} '{hit}'" for hit in hits]
    return ", ".join(found)
