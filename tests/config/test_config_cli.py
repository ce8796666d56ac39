"""Configuration and suppressions end to end, through ``ivrlint check``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ivrlint.cli import app

runner = CliRunner()
Write = Callable[[str, str], Path]

# Three choices besides the operator key (IVR102 fires when max_options < 3), no repeat
# choice (IVR111, info), and an unknown transfer target on "3" (IVR105, error).
MENU = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: For billing, press 1. For sales, press 2. For returns, press 3. For an agent, press 0.
    options:
      "1": { label: Billing, transfer: desk }
      "2": { label: Sales, transfer: desk }
      "3": { label: Returns, transfer: retruns }
      "0": { label: Speak with an agent, transfer: desk }
    no_input: { retries: 2, then: { transfer: desk } }
    no_match: { retries: 2, then: { transfer: desk } }
destinations:
  desk: { kind: queue }
"""


def check(*args: str) -> tuple[int, list[tuple[str, str, int, int, str]]]:
    result = runner.invoke(app, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)["diagnostics"]
    rows = [(Path(d["path"]).name, d["code"], d["line"], d["column"], d["severity"]) for d in found]
    return result.exit_code, rows


def test_defaults_without_config(write: Write) -> None:
    path = write("menu.yaml", MENU)
    assert check(str(path)) == (
        1,
        [("menu.yaml", "IVR111", 6, 5, "info"), ("menu.yaml", "IVR105", 9, 40, "error")],
    )


def test_pyproject_options_severity_and_ignore(write: Write) -> None:
    path = write("menu.yaml", MENU)
    write(
        "pyproject.toml",
        """\
        [tool.ivrlint]
        ignore = ["structure.unknown-target"]

        [tool.ivrlint.rules.IVR102]
        max_options = 2
        severity = "error"
        """,
    )
    assert check(str(path)) == (
        1,
        [("menu.yaml", "IVR102", 4, 3, "error"), ("menu.yaml", "IVR111", 6, 5, "info")],
    )


def test_the_nearest_config_of_each_file_applies(write: Write) -> None:
    write(".ivrlint.toml", 'ignore = ["IVR111"]\n')
    write("strict/.ivrlint.toml", '[rules.IVR111]\nseverity = "error"\n')
    top = write("menu.yaml", MENU)
    strict = write("strict/menu.yaml", MENU)
    _, rows = check(str(top), str(strict))
    assert [(name, code, sev) for name, code, _, _, sev in rows] == [
        ("menu.yaml", "IVR105", "error"),
        ("menu.yaml", "IVR111", "error"),
        ("menu.yaml", "IVR105", "error"),
    ]


def test_cli_overrides_the_file_which_overrides_defaults(write: Write) -> None:
    path = write("menu.yaml", MENU)
    write(".ivrlint.toml", 'select = ["IVR111"]\n[rules.IVR111]\nseverity = "warning"\n')
    assert check(str(path)) == (0, [("menu.yaml", "IVR111", 6, 5, "warning")])
    # --select replaces the file's select; the file's severity still applies.
    assert check(str(path), "--select", "IVR1") == (
        1,
        [("menu.yaml", "IVR111", 6, 5, "warning"), ("menu.yaml", "IVR105", 9, 40, "error")],
    )
    # --ignore adds to the file's ignore.
    assert check(str(path), "--select", "IVR1", "--ignore", "IVR105") == (
        0,
        [("menu.yaml", "IVR111", 6, 5, "warning")],
    )
    assert check(str(path), "--isolated")[1][0][4] == "info"


def test_explicit_config_replaces_discovery(write: Write) -> None:
    path = write("menu.yaml", MENU)
    write(".ivrlint.toml", 'ignore = ["IVR1"]\n')
    other = write("ci/ivrlint-ci.toml", "[rules.IVR102]\nmax_options = 1\n")
    _, rows = check(str(path), "--config", str(other))
    assert [code for _, code, *_ in rows] == ["IVR102", "IVR111", "IVR105"]


def test_per_file_ignores_are_relative_to_the_config(write: Write) -> None:
    write(
        "lines/.ivrlint.toml",
        '[per-file-ignores]\n"legacy/**" = ["IVR105", "navigation"]\n"*.draft.yaml" = ["ALL"]\n',
    )
    legacy = write("lines/legacy/old.yaml", MENU)
    draft = write("lines/new/next.draft.yaml", MENU)
    current = write("lines/current.yaml", MENU)
    elsewhere = write("legacy/menu.yaml", MENU)  # legacy/ of another folder: not ignored
    _, rows = check(str(legacy), str(draft), str(current), str(elsewhere))
    assert [(name, code) for name, code, *_ in rows] == [
        ("current.yaml", "IVR111"),
        ("current.yaml", "IVR105"),
        ("menu.yaml", "IVR111"),
        ("menu.yaml", "IVR105"),
    ]


def test_suppressions_and_unused_ones_through_the_cli(write: Write) -> None:
    text = MENU.replace(
        "retruns }", "retruns }  # ivrlint: disable=IVR105 -- queue added next release"
    ).replace("  main:\n", "  main:  # ivrlint: disable=IVR111,IVR102\n")
    path = write("menu.yaml", text)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0
    assert result.output == (
        f"{path}:4:36: IVR003 [info] unused suppression: no IVR102 diagnostic on line 4\n"
        "    hint: remove 'IVR102' from the comment\n"
        "Found 1 problem (1 info) in 1 file.\n"
    )
    write(".ivrlint.toml", "[rules.IVR102]\nmax_options = 2\n")
    assert runner.invoke(app, ["check", str(path)]).output == "All good: no problems in 1 file.\n"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[rules.IVR102]\nmax_options = "six"\n', ":2: IVR102: option 'max_options' takes int"),
        ('ignore = ["IVR1"]\nwhatever = 1\n', ":2: unknown key 'whatever'"),
        ("[rules.IVR102\n", ":1: is not valid TOML"),
    ],
)
def test_config_mistakes_exit_2_with_file_and_line(write: Write, config: str, message: str) -> None:
    path = write("menu.yaml", MENU)
    config_path = write(".ivrlint.toml", config)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ivrlint: error: {config_path}{message}")


def test_config_flag_problems(write: Write) -> None:
    path = write("menu.yaml", MENU)
    missing = runner.invoke(app, ["check", str(path), "--config", "nowhere.toml"])
    assert missing.exit_code == 2
    assert "nowhere.toml: cannot be read" in missing.stderr
    both = runner.invoke(app, ["check", str(path), "--config", "x.toml", "--isolated"])
    assert both.exit_code == 2


def test_through_a_real_process(write: Write) -> None:
    path = write("menu.yaml", MENU)
    write("pyproject.toml", '[tool.ivrlint.rules.IVR102]\nmax_options = 2\nseverity = "info"\n')
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "check", "-q", "--ignore", "IVR105", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"{path}:4:3: IVR102 [info] menu 'main' offers 3 choices; the limit is 2\n"
        f"{path}:6:5: IVR111 [info] menu 'main' has no choice to hear the options again\n"
    )
