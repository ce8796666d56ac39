"""Every rule's pass/fail cases, as data: tests/rules/cases/<CODE>.yaml.

A case has a ``name``, a ``menu`` (the file's text), the ``expect``ed diagnostics as
``[code, line, column]`` or ``[code, line, column, end_line, end_column]`` (a finding about
words inside a text ends where they end), and optionally the rule's ``options``, the ``key``
the first diagnostic names, and text its message must contain; or, diagnostic by diagnostic,
``messages`` (text each message contains), ``keys`` (``[key, *related]`` of each) and
``spans`` (the file's text from each diagnostic's start to its end, as written, null for a
diagnostic without an end).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ivrlint.diagnostics import Diagnostic
from ivrlint.engine import Linter, Settings
from ivrlint.loader import load_text
from ivrlint.rules import RULES

CASES_DIR = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    settings = Settings(select=(code,), options={code: case.get("options", {})})
    loaded = load_text(case["menu"], "menu.yaml")
    assert loaded.findings == [], "a rule case must be a schema-valid menu"
    diagnostics = Linter(settings).lint_loaded(loaded)
    found = [
        [d.code, d.line, d.column, *([d.end_line, d.end_column] if len(e) > 3 else [])]
        for d, e in zip(diagnostics, [*case["expect"], *[[]] * len(diagnostics)], strict=False)
    ]
    assert found == case["expect"], "\n".join(d.message for d in diagnostics)
    if "spans" in case:
        assert [written(case["menu"], d) for d in diagnostics] == case["spans"]
    if "key" in case:
        assert diagnostics[0].key == case["key"]
    if "message_contains" in case:
        assert case["message_contains"] in diagnostics[0].message
    for diagnostic, text in zip(diagnostics, case.get("messages", []), strict=False):
        assert text in diagnostic.message
    for diagnostic, keys in zip(diagnostics, case.get("keys", []), strict=False):
        assert [diagnostic.key, *diagnostic.related] == keys


def written(menu: str, diagnostic: Diagnostic) -> str | None:
    """The text of ``menu`` from the diagnostic's start to its end (columns are 1-based)."""
    if diagnostic.end_line is None or diagnostic.end_column is None:
        return None
    lines = menu.splitlines(keepends=True)
    start = sum(map(len, lines[: diagnostic.line - 1])) + diagnostic.column - 1
    end = sum(map(len, lines[: diagnostic.end_line - 1])) + diagnostic.end_column - 1
    return menu[start:end]


def test_every_structure_rule_has_failing_and_passing_cases() -> None:
    for rule in RULES:
        if not rule.code.startswith("IVR1"):
            continue
        path = CASES_DIR / f"{rule.code}.yaml"
        cases = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
        assert any(c["expect"] for c in cases), f"{rule.code} has no failing case"
        assert any(not c["expect"] for c in cases), f"{rule.code} has no passing case"


def test_every_prompt_and_label_rule_has_failing_and_passing_cases() -> None:
    for rule in RULES:
        if not rule.code.startswith(("IVR2", "IVR3")):
            continue
        path = CASES_DIR / f"{rule.code}.yaml"
        cases = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
        assert any(c["expect"] for c in cases), f"{rule.code} has no failing case"
        assert any(not c["expect"] for c in cases), f"{rule.code} has no passing case"
