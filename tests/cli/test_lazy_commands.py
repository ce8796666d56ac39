"""Commands are built when they run: ``check`` does not pay for the other commands, while
the help and a mistyped command still see every one (docs/performance.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from ivrlint.cli import COMMANDS, app

MENU = str(Path(__file__).resolve().parents[2] / "menus" / "acme-support.yaml")
OTHER_MODULES = [f"ivrlint.cli.{m}" for m in ("convert", "diff", "graph", "rules", "schema")]
OTHER_MODULES += ["ivrlint.cli.stats", "ivrlint.cli.transfers", "ivrlint.output"]

runner = CliRunner()


def test_check_imports_no_other_command_module() -> None:
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom ivrlint.cli import app\n"
        f"result = CliRunner().invoke(app, ['check', {MENU!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(sorted(m for m in {OTHER_MODULES!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_help_lists_every_command_in_order() -> None:
    result = runner.invoke(app, ["--help"], terminal_width=100)
    assert result.exit_code == 0
    lines = [line.strip("│ ") for line in result.output.splitlines()]
    listed = [line.split()[0] for line in lines if line.split() and line.split()[0] in COMMANDS]
    assert listed == list(COMMANDS)


def test_a_mistyped_command_is_matched_against_every_command() -> None:
    result = runner.invoke(app, ["transfer", "calls.csv"])
    assert result.exit_code == 2
    assert "No such command 'transfer'. Did you mean 'transfers'?" in result.output


def test_each_command_has_its_own_help() -> None:
    for name in COMMANDS:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert f"ivrlint {name} [OPTIONS]" in result.output
