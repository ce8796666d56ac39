"""``ivrlint check --output FILE`` and the CI formats through the command line."""

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

MENU = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: For billing, press 1. For an agent, press 0.
    options:
      "1": { label: Billing, transfer: biling }
      "0": { label: Speak with an agent, transfer: desk }
    no_input: { retries: 2, then: { transfer: desk } }
    no_match: { retries: 2, then: { transfer: desk } }
destinations:
  desk: { kind: queue }
"""


def test_sarif_to_a_file(write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("menus/main.yaml", MENU)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "menus", "-f", "sarif", "-o", "ivrlint.sarif"])
    assert result.exit_code == 1
    assert result.output == ""
    document = json.loads((tmp_path / "ivrlint.sarif").read_text(encoding="utf-8"))
    [res1, res2] = document["runs"][0]["results"]
    assert (res1["ruleId"], res2["ruleId"]) == ("IVR111", "IVR105")
    location = res2["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "menus/main.yaml"
    assert location["region"] == {"startLine": 7, "startColumn": 40}


def test_an_existing_output_needs_force(write: Write, tmp_path: Path) -> None:
    menu = write("main.yaml", MENU)
    report = write("report.xml", "mine\n")
    refused = runner.invoke(app, ["check", str(menu), "-f", "junit", "-o", str(report)])
    assert refused.exit_code == 2
    assert "already exists; pass --force" in refused.stderr
    assert report.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(app, ["check", str(menu), "-f", "junit", "-o", str(report), "--force"])
    assert forced.exit_code == 1
    assert report.read_text(encoding="utf-8").startswith('<?xml version="1.0"')


def test_an_input_is_never_the_output(write: Write) -> None:
    menu = write("main.yaml", MENU)
    result = runner.invoke(app, ["check", str(menu), "-o", str(menu), "--force"])
    assert result.exit_code == 2
    assert "is one of the inputs" in result.stderr
    assert menu.read_text(encoding="utf-8") == MENU


def test_github_format_in_a_real_process(write: Write, tmp_path: Path) -> None:
    write("main.yaml", MENU)
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "check", "-f", "github", "main.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[1] == (
        "::error file=main.yaml,line=7,col=40,title=IVR105 structure.unknown-target::"
        "key 1 of menu 'main' transfers to 'biling', which is not declared under destinations"
        "%0Ahint: declare it under 'destinations:' or use a tel: address; known: desk"
    )


def test_check_imports_no_xml_or_jsonschema_for_text_output(write: Write) -> None:
    menu = write("main.yaml", MENU)
    code = (
        "import sys\nfrom ivrlint.cli import main\nsys.argv = ['ivrlint', 'check', "
        f"{str(menu)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('xml.etree.ElementTree', 'jsonschema', 'pandas', "
        "'ivrlint.formatters.sarif', 'ivrlint.ruledocs') if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"
