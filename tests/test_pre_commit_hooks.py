from __future__ import annotations

import re

import yaml
from conftest import ROOT


def test_the_hook_definition() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "ivrlint"
    assert hook["entry"] == "ivrlint check"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert [bool(pattern.search(n)) for n in ("a/m.yaml", "m.yml", "flow.json", "x.toml")] == [
        True,
        True,
        True,
        False,
    ]
