"""The prompt and label rules through the real command line, and their cost at start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from ivrlint.cli import app

MENU = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: Для оплаты нажмите 1. По вопросам платежей нажмите 2. Прочее — нажмите 3.
    options:
      "1": { label: Оплата, transfer: q }
      "2": { label: Платежи, transfer: q }
      "3": { label: Прочее, transfer: q }
      "0": { label: Оператор, transfer: q }
destinations:
  q: { kind: queue }
"""


def test_check_reports_label_rules_as_json(write: Callable[[str, str], Path]) -> None:
    path = write("menu.yaml", MENU)
    result = CliRunner().invoke(app, ["check", "--format", "json", "--select", "IVR3", str(path)])
    found = json.loads(result.stdout)
    rows = found["diagnostics"] if isinstance(found, dict) else found
    assert [
        (d["code"], d["line"], d["column"], d["end_line"], d["end_column"], d["key"], d["related"])
        for d in rows
    ] == [
        ("IVR301", 8, 21, 8, 28, "2", ["1"]),
        ("IVR302", 9, 21, 9, 27, "3", []),
    ]


# Labels written every way: the findings span the label's words, inside the quotes.
QUOTED = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: For billing, press 1. For payments, press 2. For billing, press 3.
    options:
      "1": { label: 'Billing', transfer: q }
      "2": { label: " Payments", transfer: q }
      "3":
        label: >-
          billing
        goto: more
  more:
    prompt: For billing, press 1.
    options:
      "1": { label: "Billing", transfer: p }
destinations:
  q: { kind: queue }
  p: { kind: queue }
"""


def test_label_findings_carry_their_span_in_json_and_sarif(
    write: Callable[[str, str], Path],
) -> None:
    path = write("menu.yaml", QUOTED)
    args = ["check", "--select", "IVR301,IVR304", str(path)]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    found = json.loads(result.stdout)
    rows = found["diagnostics"] if isinstance(found, dict) else found
    spans = [(d["code"], d["line"], d["column"], d["end_line"], d["end_column"]) for d in rows]
    assert spans == [
        ("IVR301", 8, 23, 8, 31),  # " Payments": its words, not the quote or the blank
        ("IVR301", 11, 11, 11, 18),  # the folded block's "billing", against 1 and 2
        ("IVR301", 11, 11, 11, 18),
        ("IVR304", 11, 11, 11, 18),
        ("IVR304", 16, 22, 16, 29),  # "Billing", inside its quotes
    ]
    result = CliRunner().invoke(app, [*args, "--format", "sarif"])
    results = json.loads(result.stdout)["runs"][0]["results"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    assert [(r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]) for r in regions] == [
        (line, column, end_line, end_column) for _, line, column, end_line, end_column in spans
    ]


def test_check_in_a_subprocess(write: Callable[[str, str], Path]) -> None:
    path = write("menu.yaml", MENU)
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "check", "--select", "label", "-q", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "IVR301" in result.stdout
    assert "'Оплата' and 'Платежи' mean the same to a caller" in result.stdout


def test_word_lists_load_only_when_a_rule_reads_words() -> None:
    code = (
        "import sys, ivrlint.cli, ivrlint.engine, ivrlint.rules\n"
        "heavy = [m for m in ('rapidfuzz', 'snowballstemmer', 'ivrlint._snowball.russian_stemmer')"
        " if m in sys.modules]\n"
        "from ivrlint.text import lexicon, thesaurus\n"
        "print(heavy, lexicon.builtin.cache_info().currsize,"
        " thesaurus._shipped.cache_info().currsize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[] 0 0"
