"""The JSON report of a generated log, byte for byte, whatever the row order.

``data/generated.csv`` is ``benchmarks/gen_calls.py --calls 400 --seed 3`` (rows grouped by
call, in time order); ``data/generated*.json`` are its reports. The same rows shuffled, or
split over two files, must give the same figures: chains do not depend on how a log is
ordered or cut. Any change to these files is a change of output users will see.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from ivrlint.cli import app

DATA = Path(__file__).parent / "data"
MENU = ROOT / "menus" / "acme-support.yaml"
runner = CliRunner()


def _rows() -> tuple[str, list[str]]:
    header, *rows = (DATA / "generated.csv").read_text(encoding="utf-8").splitlines()
    return header, rows


def _shuffled(rows: list[str]) -> list[str]:
    """A fixed permutation that scatters every call over the whole file."""
    step = 7919  # prime, so i * step mod n visits every row once
    assert len(rows) % step
    return [rows[i * step % len(rows)] for i in range(len(rows))]


def _report(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.chdir(folder)
    files = sorted(p.name for p in folder.glob("*.csv"))
    result = runner.invoke(app, ["transfers", *files, "-f", "json", "-q", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("order", ["grouped", "shuffled"])
@pytest.mark.parametrize(
    ("golden", "args"),
    [
        ("generated.json", ()),
        ("generated-menu.json", ("--menu", str(MENU), "--long-at", "2", "--top", "25")),
    ],
)
def test_report_matches_golden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str, golden: str, args: tuple[str, ...]
) -> None:
    header, rows = _rows()
    if order == "shuffled":
        rows = _shuffled(rows)
    (tmp_path / "calls.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    expected = (DATA / golden).read_text(encoding="utf-8")
    assert _report(tmp_path, monkeypatch, *args) == expected


def test_split_over_two_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    header, rows = _rows()
    rows = _shuffled(rows)
    half = len(rows) // 2
    (tmp_path / "a.csv").write_text("\n".join([header, *rows[:half]]) + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("\n".join([header, *rows[half:]]) + "\n", encoding="utf-8")
    report = json.loads(_report(tmp_path, monkeypatch))
    expected = json.loads((DATA / "generated.json").read_text(encoding="utf-8"))
    assert [f["used"] for f in report["read"]["files"]] == [half, len(rows) - half]
    del report["read"], expected["read"]
    assert report == expected
