"""``ivrlint check`` end to end: output formats, selection, exit codes, and paths."""

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

CLEAN = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: For billing, press 1. To hear this again, press 9. To speak with an agent, press 0.
    options:
      "1": { label: Billing, transfer: billing }
      "9": { label: Hear these options again, action: repeat }
      "0": { label: Speak with an agent, transfer: desk }
    no_input: { retries: 2, then: { transfer: desk } }
    no_match: { retries: 2, then: { transfer: desk } }
destinations:
  billing: { kind: queue }
  desk: { kind: queue }
"""

# One error (unknown target), two warnings (billing is never reached; no operator key in
# 'more'), one info (no repeat in 'more').
FLAWED = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: For billing, press 1. For more, press 2. To hear this again, press 9. For an agent, press 0.
    options:
      "1": { label: Billing, transfer: biling }
      "2": { label: More, goto: more }
      "9": { label: Hear these options again, action: repeat }
      "0": { label: Speak with an agent, transfer: desk }
    no_input: { retries: 2, then: { transfer: desk } }
    no_match: { retries: 2, then: { transfer: desk } }
  more:
    prompt: For the main menu, press star.
    options:
      "*": { label: Main menu, action: main }
    no_input: { retries: 2, then: { transfer: desk } }
    no_match: { retries: 2, then: { transfer: desk } }
destinations:
  billing: { kind: queue }
  desk: { kind: queue }
"""

Write = Callable[[str, str], Path]


def test_clean_menu_exits_zero_with_a_summary(write: Write) -> None:
    path = write("clean.yaml", CLEAN)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == "All good: no problems in 1 file.\n"


def test_text_output_lines_and_hints(write: Write) -> None:
    path = write("flawed.yaml", FLAWED)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        f"{path}:7:40: IVR105 [error] key 1 of menu 'main' transfers to 'biling', "
        "which is not declared under destinations"
    )
    assert lines[1] == "    hint: did you mean 'billing'?"
    assert f"{path}:15:5: IVR110 [warning] menu 'more' has no operator key 0" in lines
    assert (
        f"{path}:15:5: IVR111 [info] menu 'more' has no choice to hear the options again" in lines
    )
    assert lines[-1] == "Found 5 problems (1 error, 3 warnings, 1 info) in 1 file."
    assert "\x1b[" not in result.output  # not a terminal: no colour


def test_json_output_shape(write: Write) -> None:
    path = write("flawed.yaml", FLAWED)
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    document = json.loads(result.output)
    first = document["diagnostics"][0]
    assert first == {
        "path": str(path),
        "line": 7,
        "column": 40,
        "end_line": None,
        "end_column": None,
        "code": "IVR105",
        "name": "structure.unknown-target",
        "severity": "error",
        "message": "key 1 of menu 'main' transfers to 'biling', which is not declared under destinations",
        "hint": "did you mean 'billing'?",
        "menu": "main",
        "key": "1",
        "related": [],
    }
    summary = document["summary"]
    assert (summary["errors"], summary["warnings"], summary["info"]) == (1, 3, 1)
    assert summary["by_code"] == {
        "IVR105": 1,
        "IVR106": 1,
        "IVR110": 1,
        "IVR111": 1,
        "IVR302": 1,
    }


def test_select_and_ignore_by_code_prefix_and_name(write: Write) -> None:
    path = write("flawed.yaml", FLAWED)
    only_errors = runner.invoke(
        app, ["check", "-q", "--select", "structure.unknown-target", str(path)]
    )
    assert [line.split(" ")[1] for line in only_errors.output.splitlines()] == ["IVR105"]
    ignored = runner.invoke(app, ["check", "-q", "--ignore", "IVR105,IVR106,navigation", str(path)])
    assert ignored.exit_code == 0
    assert [line.split(" ")[1] for line in ignored.output.splitlines()] == ["IVR302", "IVR110"]


def test_unknown_selector_is_a_usage_error(write: Write) -> None:
    path = write("clean.yaml", CLEAN)
    result = runner.invoke(app, ["check", "--select", "IVR999", str(path)])
    assert result.exit_code == 2
    assert "'IVR999' matches no rule" in result.output


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(write: Write, fail_on: str, code: int) -> None:
    path = write("flawed.yaml", FLAWED)
    result = runner.invoke(app, ["check", "--fail-on", fail_on, str(path)])
    assert result.exit_code == code


def test_warnings_fail_only_when_asked(write: Write) -> None:
    path = write("warn.yaml", FLAWED.replace("transfer: biling", "transfer: billing"))
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    assert runner.invoke(app, ["check", "--fail-on", "warning", str(path)]).exit_code == 1
    assert (
        runner.invoke(app, ["check", "--fail-on", "warning", "--exit-zero", str(path)]).exit_code
        == 0
    )


def test_folders_are_searched_in_a_stable_order(tmp_path: Path, write: Write) -> None:
    write("b/menu.yml", CLEAN)
    write("a/menu.json", json.dumps({"ivrlint": 1, "entry": "m", "menus": {"m": {"options": {}}}}))
    write("a/notes.txt", "not a menu")
    write(".hidden/menu.yaml", "broken: [")
    result = runner.invoke(app, ["check", "-q", "--select", "IVR107", str(tmp_path)])
    assert (
        result.output
        == f"{tmp_path / 'a' / 'menu.json'}:1:46: IVR107 [error] menu 'm' has no options: callers are stuck in it\n"
    )


def test_missing_path_and_empty_folder_are_usage_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["check", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.output
    empty = runner.invoke(app, ["check", str(tmp_path)])
    assert empty.exit_code == 2
    assert "no menu files" in empty.output


def test_broken_file_is_a_diagnostic_not_a_crash(write: Write) -> None:
    path = write("broken.yaml", "ivrlint: 1\nmenus: [\n")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:3:1: IVR001 [error] not valid YAML")


def test_real_subprocess_colour_and_exit_code(tmp_path: Path) -> None:
    path = tmp_path / "flawed.yaml"
    path.write_text(FLAWED, encoding="utf-8")
    plain = subprocess.run(
        [sys.executable, "-m", "ivrlint", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.returncode == 1
    assert "IVR105 [error]" in plain.stdout
    assert plain.stderr == ""
    coloured = subprocess.run(
        [sys.executable, "-m", "ivrlint", "check", "--color", "always", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "\x1b[31mIVR105 [error]\x1b[0m" in coloured.stdout


def test_output_is_deterministic(write: Write) -> None:
    path = write("flawed.yaml", FLAWED)
    first = runner.invoke(app, ["check", "--format", "json", str(path)]).output
    second = runner.invoke(app, ["check", "--format", "json", str(path)]).output
    assert first == second
