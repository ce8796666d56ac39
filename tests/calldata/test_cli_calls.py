"""``check``, ``graph`` and ``stats`` with ``--calls``, end to end, on the shipped example."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from ivrlint.cli import app

runner = CliRunner()
MENU = str(ROOT / "menus" / "acme-support.yaml")
LOG = str(ROOT / "docs" / "examples" / "acme-calls.csv")
EXPECTED = (
    f"{MENU}:29:7: IVR401 [warning] 35% of callers who chose orders 2 Returns ended at "
    "main 2 Billing: 113 of 326 calls (95% CI 30–40%)"
)


def test_check_reports_the_planted_confusion_in_the_example() -> None:
    result = runner.invoke(app, ["check", MENU, "--calls", LOG, "--color", "never"])
    assert result.exit_code == 0, result.output  # a warning does not fail by default
    assert result.stdout.splitlines()[0] == EXPECTED
    assert "calls for" in result.stderr
    assert "2,000 in the log, 2,000 joined to the menu" in result.stderr


def test_check_in_a_subprocess_as_sarif() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "check", MENU, "--calls", LOG, "-f", "sarif", "-q"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    sarif = json.loads(result.stdout)
    (found,) = sarif["runs"][0]["results"]
    assert found["ruleId"] == "IVR401"
    assert found["locations"][0]["physicalLocation"]["region"]["startLine"] == 29
    assert result.stderr == ""


def test_check_without_calls_does_not_import_pandas() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from ivrlint.cli import app; "
        f"r = CliRunner().invoke(app, ['check', {MENU!r}]); "
        "assert r.exit_code == 0, r.output; print('pandas' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_log_that_names_no_menu_is_a_usage_error(tmp_path: Path) -> None:
    log = tmp_path / "other.csv"
    log.write_text("call_id,timestamp,node\nc1,1,IVR-Main\nc1,2,Billing\n", encoding="utf-8")
    result = runner.invoke(app, ["check", MENU, "--calls", str(log)])
    assert result.exit_code == 2
    assert "no call in the log passed a menu of" in result.stderr
    assert "--node-map FILE" in result.stderr
    node_map = tmp_path / "nodes.yaml"
    node_map.write_text("IVR-Main: main\nBilling: billing\n", encoding="utf-8")
    result = runner.invoke(app, ["check", MENU, "--calls", str(log), "--node-map", str(node_map)])
    assert result.exit_code == 0, result.output
    assert "1 in the log, 1 joined to the menu" in result.stderr


def test_usage_errors_name_what_is_wrong(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["check", MENU, "--calls", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr
    orphan = runner.invoke(app, ["check", MENU, "--node-map", str(tmp_path / "x.yaml")])
    assert orphan.exit_code == 2
    assert "--map, --node-map and --time-format describe a call log" in orphan.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("call_id,timestamp,node\n", encoding="utf-8")
    result = runner.invoke(app, ["check", MENU, "--calls", str(empty)])
    assert result.exit_code == 2
    assert "no call events in" in result.stderr


def test_output_file_may_not_be_the_log(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", MENU, "--calls", LOG, "-o", LOG, "--force"])
    assert result.exit_code == 2


def test_select_and_options_reach_the_call_rules() -> None:
    quiet = runner.invoke(app, ["check", MENU, "--calls", LOG, "--ignore", "IVR401", "-q"])
    assert quiet.exit_code == 0
    assert "IVR401" not in quiet.stdout


def test_graph_draws_traffic_and_the_finding() -> None:
    result = runner.invoke(app, ["graph", MENU, "--calls", LOG, "-q"])
    assert result.exit_code == 0, result.output
    dot = result.stdout
    assert "IVR401" in dot
    assert '<font color="#1f6fb2">326 calls · 28%</font>' in dot
    assert "2,000 calls · 3.1% hung up" in dot


def test_stats_weights_by_routed_calls() -> None:
    plain = json.loads(runner.invoke(app, ["stats", MENU, "-f", "json"]).stdout)
    result = runner.invoke(app, ["stats", MENU, "-f", "json", "--calls", LOG, "-q"])
    assert result.exit_code == 0, result.output
    weighted = json.loads(result.stdout)
    assert weighted["summary"]["weighted_by_calls"] is True
    calls = {d["id"]: d["calls"] for d in weighted["destinations"]}
    assert calls["returns"] == 326
    assert sum(calls.values()) <= 2000
    assert weighted["summary"]["mean_depth"] != plain["summary"]["mean_depth"]


@pytest.mark.parametrize("command", ["check", "graph", "stats"])
def test_log_options_without_a_log_are_a_usage_error(command: str) -> None:
    result = CliRunner().invoke(app, [command, MENU, "--map", "node=Team"])
    assert result.exit_code == 2
    assert "--map, --node-map and --time-format describe a call log" in result.output
