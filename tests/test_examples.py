"""The shipped example menus: the good ones are clean, the planted one gets exactly what was planted."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrlint.diagnostics import Severity
from ivrlint.engine import Linter
from ivrlint.rules import RULES

MENUS = Path(__file__).resolve().parent.parent / "menus"

# (line, code) of every problem planted in menus/planted-problems.yaml, in output order
PLANTED = [
    (9, "IVR102"), (9, "IVR115"), (10, "IVR203"), (24, "IVR105"), (27, "IVR302"),
    (28, "IVR305"), (36, "IVR111"), (41, "IVR103"), (41, "IVR301"), (43, "IVR113"),
    (43, "IVR113"), (45, "IVR109"), (46, "IVR205"), (47, "IVR110"), (47, "IVR112"),
    (54, "IVR204"), (55, "IVR111"), (57, "IVR114"), (60, "IVR104"), (60, "IVR202"),
    (64, "IVR101"), (64, "IVR113"), (64, "IVR113"), (66, "IVR111"), (67, "IVR303"),
    (71, "IVR108"), (71, "IVR113"), (71, "IVR113"), (73, "IVR110"), (73, "IVR111"),
    (73, "IVR112"), (77, "IVR113"), (77, "IVR113"), (79, "IVR107"), (79, "IVR110"),
    (79, "IVR112"), (82, "IVR108"), (82, "IVR113"), (82, "IVR113"), (84, "IVR110"),
    (84, "IVR111"), (87, "IVR101"), (87, "IVR108"), (87, "IVR113"), (87, "IVR113"),
    (89, "IVR110"), (89, "IVR111"), (92, "IVR106"), (92, "IVR113"), (92, "IVR113"),
    (92, "IVR201"), (93, "IVR111"), (93, "IVR112"), (95, "IVR304"), (104, "IVR106"),
]  # fmt: skip


@pytest.mark.parametrize("name", ["acme-support.yaml", "bank-ru.yaml", "telecom-large.yaml"])
def test_good_examples_have_no_error_or_warning(name: str) -> None:
    diagnostics = Linter().lint_path(str(MENUS / name))
    assert [d for d in diagnostics if d.severity >= Severity.WARNING] == []


def test_planted_problems_are_found_exactly() -> None:
    diagnostics = Linter().lint_path(str(MENUS / "planted-problems.yaml"))
    assert [(d.line, d.code) for d in diagnostics] == PLANTED


def test_every_menu_rule_is_planted() -> None:
    planted = {code for _, code in PLANTED}
    menu_rules = {r.code for r in RULES if r.code[3] in "123" and not r.from_loader}
    assert planted == menu_rules


# (line, column, end line, end column, code, the words) of the planted problems found inside
# a prompt or a label: they point at the words, not at the start of the text.
PLANTED_WORDS = [
    (27, 21, 27, 36, "IVR302", "Other questions"),
    (28, 21, 28, 60, "IVR305", "New phone handset or tablet with a plan"),
    (41, 21, 41, 34, "IVR301", "Card services"),
    (46, 13, 46, 22, "IVR205", "Hey there"),
    (54, 39, 54, 62, "IVR204", "Press 3 for card limits"),
    (67, 21, 67, 27, "IVR303", "Tier 2"),
    (95, 21, 95, 28, "IVR304", "Billing"),
]


def test_planted_words_are_pointed_at() -> None:
    path = MENUS / "planted-problems.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    diagnostics = Linter().lint_path(str(path))
    found = [
        (d.line, d.column, d.end_line, d.end_column, d.code)
        for d in diagnostics
        if d.end_line is not None
    ]
    assert found == [planted[:5] for planted in PLANTED_WORDS]
    for line, column, end_line, end_column, _, words in PLANTED_WORDS:
        assert line == end_line
        assert lines[line - 1][column - 1 : end_column - 1] == words
