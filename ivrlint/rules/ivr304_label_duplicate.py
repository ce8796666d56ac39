from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.diagnostics import Finding, Pos, Severity
from ivrlint.model import Option
from ivrlint.rules.base import Context, Rule
from ivrlint.text.words import normalise, spoken

_SPACE = re.compile(r"[\W_]+")


class LabelDuplicate(Rule):
    """The same label twice in one menu, or one label leading to different places in
    different menus.

    Two choices with one name in a menu cannot both be found: callers take the first. The
    same label leading somewhere else in another menu ("Billing" is a queue here, a menu
    there) breaks what callers learned the first time. Navigation choices (repeat, back,
    main menu) and the operator key, whose target depends on where they are, are compared
    within a menu only.

    Bad:

        main:
          options:
            "1": { label: Billing, transfer: billing }
            "2": { label: Billing, goto: billing-menu }

    Good:

        main:
          options:
            "1": { label: Pay a bill, transfer: billing }
            "2": { label: Billing questions, goto: billing-menu }
    """

    code = "IVR304"
    name = "label.duplicate"
    severity = Severity.WARNING

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        first_seen: dict[str, tuple[str, Option]] = {}  # label → where it leads first
        for menu in ctx.file.menus.values():
            in_menu: dict[str, Option] = {}
            for option in menu.options:
                name = _name(option.label)
                if not name:
                    continue
                if name in in_menu:
                    pos, end = _span(option)
                    yield Finding(
                        pos,
                        f"label '{spoken(option.label)}' of choice {option.key} in menu "
                        f"'{menu.id}' is also choice {in_menu[name].key}'s",
                        "merge the two choices, or name each for what it does",
                        menu=menu.id,
                        key=option.key,
                        related=(in_menu[name].key,),
                        end=end,
                    )
                    continue
                in_menu[name] = option
                if option.is_navigation or ctx.is_operator(option) or option.target is None:
                    continue
                seen = first_seen.setdefault(name, (menu.id, option))
                other_menu, other = seen
                if other_menu != menu.id and _lead(other) != _lead(option):
                    pos, end = _span(option)
                    yield Finding(
                        pos,
                        f"label '{spoken(option.label)}' leads to {_where(option)} in menu "
                        f"'{menu.id}' but to {_where(other)} in menu '{other_menu}'",
                        "give the two choices different labels, or send them to one place",
                        menu=menu.id,
                        key=option.key,
                        related=(f"{other_menu}:{other.key}",),
                        end=end,
                    )


def _span(option: Option) -> tuple[Pos, Pos | None]:
    from ivrlint.loader.scalarmap import whole_label  # only for what is found

    return whole_label(option)


def _name(label: str | None) -> str:
    return _SPACE.sub(" ", normalise(label or "")).strip()


def _lead(option: Option) -> tuple[str, str] | None:
    return (option.target.kind, option.target.value) if option.target else None


def _where(option: Option) -> str:
    return option.target.describe() if option.target else "nowhere"
