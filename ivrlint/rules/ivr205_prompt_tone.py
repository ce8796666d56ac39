from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Pos, Severity
from ivrlint.model import Menu, Option
from ivrlint.rules.base import Context, Rule, RuleOption
from ivrlint.text.lexicon import WordList, builtin
from ivrlint.text.words import stems, token_spans

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
            texts: list[tuple[str, Option | None, str]] = [(menu.prompt or "", None, "the prompt")]
            texts += [
                (o.say_first, o, f"the message before choice {o.key}")
                for o in menu.options
                if o.say_first
            ]
            for text, option, what in texts:
                found, first = _words(text, lists)
                if not found:
                    continue
                # At the first word in the text; the message names them all.
                pos, end = _locate(menu, option, first)
                yield Finding(
                    pos,
                    f"{what} of menu '{menu.id}' uses {found}",
                    "say it plainly and politely, without blaming the caller",
                    menu=menu.id,
                    end=end,
                )


def _locate(
    menu: Menu, option: Option | None, first: tuple[int, int] | None
) -> tuple[Pos, Pos | None]:
    """Where the words ``first`` of the prompt (or of the option's say_first) are."""
    from ivrlint.loader.scalarmap import in_prompt, in_say_first  # only for what is found

    if option is None:
        return in_prompt(menu, *first) if first else (menu.prompt_pos or menu.pos, None)
    return in_say_first(option, *first) if first else (option.pos, None)


def _words(text: str, lists: list[tuple[WordList, str]]) -> tuple[str, tuple[int, int] | None]:
    """The words found, for the message, and where the first of them is in ``text``."""
    sequence = stems(text)
    found: list[str] = []
    first: tuple[int, int] | None = None
    for words, what in lists:
        matches = list(words.find(sequence))
        hits = sorted({m.entry for m in matches})
        found += [f"{what} '{hit}'" for hit in hits]
        for m in matches:
            if first is None or m.start < first[0]:
                first = (m.start, m.end)
    if first is None:
        return "", None
    spans = token_spans(text)
    if spans is None or len(spans) != len(sequence):
        return ", ".join(found), None
    return ", ".join(found), (spans[first[0]][0], spans[first[1] - 1][1])
