from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ivrlint.callusage import choices_of, interval_text, option_name, percent, wilson
from ivrlint.diagnostics import Finding, Severity
from ivrlint.model import Menu, Option
from ivrlint.rules.base import Context, Rule, RuleOption


class CallsOrder(Rule):
    """Options are not ordered by how often callers choose them (with ``--calls``).

    Callers listen until they hear their choice. When the most wanted choice comes last,
    most callers sit through every other one first, and some press an earlier key that
    sounds close enough. A later option is reported when, with at least ``min_calls``
    callers choosing either, the 95% Wilson interval of its share of the two lies wholly
    above one half: it is chosen more than an earlier one, beyond doubt. One finding per menu,
    with the order the log suggests.

    Bad:

        # the log: 120 callers chose 1, 830 chose 2
        options:
          "1": { label: Fax services, transfer: fax }
          "2": { label: Billing, transfer: billing }

    Good:

        options:
          "1": { label: Billing, transfer: billing }
          "2": { label: Fax services, transfer: fax }
    """

    code = "IVR403"
    name = "calls.order"
    severity = Severity.INFO
    options = (
        RuleOption("min_calls", 30, "fewest callers of two options before they are compared"),
    )

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        if ctx.calls is None:
            return
        for menu in ctx.file.menus.values():
            finding = self._menu(ctx, menu, opts["min_calls"])
            if finding is not None:
                yield finding

    def _menu(self, ctx: Context, menu: Menu, min_calls: int) -> Finding | None:
        assert ctx.calls is not None
        choices = sorted(
            (o for o in choices_of(ctx, menu) if len(o.key) == 1 and o.key.isdigit()),
            key=lambda o: o.key,
        )
        used = [ctx.calls.option(menu.id, o.key) for o in choices]
        if any(u.unresolved for u in used):  # counts the log cannot give
            return None
        calls = [u.calls for u in used]
        worst: tuple[int, int] | None = None  # (later, earlier) indexes
        for j in range(len(choices)):
            for i in range(j):
                total = calls[i] + calls[j]
                if total >= min_calls and wilson(calls[j], total)[0] > 0.5:
                    if worst is None or calls[j] > calls[worst[0]]:
                        worst = (j, i)
                    break
        if worst is None:
            return None
        later, earlier = choices[worst[0]], choices[worst[1]]
        return _finding(menu, later, earlier, calls[worst[0]], calls[worst[1]], choices, calls)


def _finding(
    menu: Menu, later: Option, earlier: Option, n_later: int, n_earlier: int,
    choices: list[Option], calls: list[int],
) -> Finding:  # fmt: skip
    total = n_later + n_earlier
    by_use = [o.key for _, o in sorted(zip(calls, choices, strict=True), key=lambda p: -p[0])]
    return Finding(
        later.key_pos,
        f"{option_name(later)} is chosen more often than {option_name(earlier)}, which "
        f"callers hear first: {n_later:,} against {n_earlier:,} calls "
        f"({percent(n_later / total)} of the two, {interval_text(n_later, total)})",
        f"put the most chosen first; by use the keys would be {', '.join(by_use)}",
        menu=menu.id,
        key=later.key,
    )
