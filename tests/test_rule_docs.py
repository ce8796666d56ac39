"""Rule documentation: docs/rules.md, ``ivrlint rules`` and ``ivrlint explain`` all come from
rule metadata; these tests keep them whole and current."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from ivrlint.cli import app
from ivrlint.ruledocs import missing_docs, rules_markdown
from ivrlint.rules import RULES

runner = CliRunner()
SPEC = ROOT.parent / "shared" / "spec" / "rules.md"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_is_documented(rule: type) -> None:
    assert missing_docs(rule) == []


def test_docs_rules_md_is_current() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(), "docs/rules.md is stale: run scripts/gen_rule_docs.py"


def test_the_generator_script_checks_freshness() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_rules_lists_every_rule_and_every_spec_code_that_exists() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "OPTIONS", "SUMMARY"]
    listed = [line.split()[0] for line in lines[1:]]
    assert listed == [r.code for r in RULES]
    assert "IVR102  structure.max-options" in result.output
    assert "max_options = 5" in lines[listed.index("IVR102") + 1]
    if SPEC.exists():  # the catalogue this project was specified from
        spec_codes = set(re.findall(r"\| (IVR\d{3}) \|", SPEC.read_text(encoding="utf-8")))
        implemented = {r.code for r in RULES}
        assert spec_codes & implemented <= set(listed)


def test_rules_as_json() -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    records = json.loads(result.output)
    ivr115 = next(r for r in records if r["code"] == "IVR115")
    assert ivr115["name"] == "time.to-human"
    assert ivr115["severity"] == "warning"
    assert {o["name"]: o["default"] for o in ivr115["options"]} == {
        "max_seconds": 60.0,
        "words_per_minute": 150.0,
    }
    assert ivr115["url"].endswith("#ivr115-timeto-human")


@pytest.mark.parametrize("name", ["IVR102", "ivr102", "structure.max-options"])
def test_explain_prints_the_rule(name: str) -> None:
    result = runner.invoke(app, ["explain", name])
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("IVR102 structure.max-options (warning)\n\n")
    assert "\nBad:\n" in text
    assert "\nGood:\n" in text
    assert "  max_options = 5: most choices a menu may offer" in text


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("IVR1022", "IVR102"), ("structure.max-option", "structure.max-options")],
)
def test_explain_unknown_rule_exits_2_with_did_you_mean(name: str, suggestion: str) -> None:
    result = runner.invoke(app, ["explain", name])
    assert result.exit_code == 2
    assert f"did you mean '{suggestion}'?" in result.stderr


def test_markdown_anchors_match_headings() -> None:
    text = rules_markdown()
    for rule in RULES:
        assert f"\n### {rule.code} {rule.name}\n" in text
