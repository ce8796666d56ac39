"""Data-driven pass/fail cases of the prompt and label rules (IVR2xx, IVR3xx).

Each ``cases/IVR*.yaml`` file lists cases: a menu file, the rule options, and the exact
(code, line, column) of every diagnostic the rule must report, nothing more. A case may also
pin parts of the messages and the keys a diagnostic carries.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from ivrlint.engine import Linter, Settings
from ivrlint.loader import load_text

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("IVR[23]*.yaml")):
        code = path.stem
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(code, case, id=f"{code}-{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_case(code: str, case: dict[str, Any]) -> None:
    settings = Settings(select=(code,), options={code: case.get("options", {})})
    loaded = load_text(textwrap.dedent(case["menu"]), "menu.yaml")
    assert not loaded.findings, "the case's menu itself must be valid"
    found = Linter(settings).lint_loaded(loaded)
    assert [[d.code, d.line, d.column] for d in found] == case.get("expect", [])
    for diagnostic, text in zip(found, case.get("messages", []), strict=False):
        assert text in diagnostic.message
    for diagnostic, keys in zip(found, case.get("keys", []), strict=False):
        assert [diagnostic.key, *diagnostic.related] == keys


def test_every_prompt_and_label_rule_has_cases() -> None:
    codes = {p.stem for p in CASES.glob("IVR*.yaml")}
    expected = {f"IVR20{n}" for n in range(1, 6)} | {f"IVR30{n}" for n in range(1, 6)}
    assert expected <= codes
    for code in expected:
        cases = yaml.safe_load((CASES / f"{code}.yaml").read_text(encoding="utf-8"))
        assert any(c.get("expect") for c in cases), f"{code} has no failing case"
        assert any(not c.get("expect") for c in cases), f"{code} has no passing case"
