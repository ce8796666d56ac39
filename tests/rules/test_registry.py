"""The registry lists every rule with its module, and a rule's module is imported only when the
rule is needed (docs/performance.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ivrlint.engine import Linter, Settings, SettingsError
from ivrlint.loader import load_text
from ivrlint.rules import BY_CODE, BY_NAME, CATALOGUE, RULES, find, lookup
from ivrlint.rules.base import Context

ROOT = Path(__file__).resolve().parents[2]
MENU = ROOT / "menus" / "acme-support.yaml"


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda e: e.code)
def test_entry_names_its_class(entry: object) -> None:
    from ivrlint.rules import Entry

    assert isinstance(entry, Entry)
    rule = entry.load()
    assert (rule.code, rule.name) == (entry.code, entry.name)
    assert rule.__module__ == f"ivrlint.rules.{entry.module}"


def test_catalogue_is_in_code_order_and_complete() -> None:
    codes = [e.code for e in CATALOGUE]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes) == 33
    assert [r.code for r in RULES] == codes
    assert set(BY_CODE) == set(codes)
    assert set(BY_NAME) == {e.name for e in CATALOGUE}
    rule_files = {p.stem for p in (ROOT / "ivrlint" / "rules").glob("ivr*.py")}
    assert rule_files == {e.module for e in CATALOGUE if e.module != "file_rules"}


def test_lookup_and_find() -> None:
    assert lookup("ivr101") is BY_CODE["IVR101"]
    assert lookup(" structure.max-depth ") is BY_CODE["IVR101"]
    assert lookup("IVR999") is None
    assert find("label.vague") == CATALOGUE[[e.code for e in CATALOGUE].index("IVR302")]


@pytest.mark.parametrize("entry", [e for e in CATALOGUE if e.calls], ids=lambda e: e.code)
def test_call_log_rules_find_nothing_without_a_log(entry: object) -> None:
    """The engine skips these rules without --calls: they must have nothing to say then."""
    from ivrlint.rules import Entry

    assert isinstance(entry, Entry)
    loaded = load_text(MENU.read_text(encoding="utf-8"), str(MENU))
    assert loaded.menu is not None
    rule = entry.load()
    assert list(rule().check(Context(loaded.menu), rule.defaults())) == []


def test_only_call_log_rules_are_marked() -> None:
    assert [e.code for e in CATALOGUE if e.calls] == [
        "IVR401",
        "IVR402",
        "IVR403",
        "IVR404",
        "IVR405",
    ]


def test_wrong_option_of_a_skipped_rule_still_fails_at_once() -> None:
    with pytest.raises(SettingsError, match="IVR402 has no option 'share'"):
        Linter(Settings(options={"IVR402": {"share": 1}}))
    with pytest.raises(SettingsError, match="option 'min_calls' takes int"):
        Linter(Settings(options={"calls.unused-option": {"min_calls": "many"}}))


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom ivrlint.cli import app\n"
        f"result = CliRunner().invoke(app, {args!r})\n"
        "assert result.exit_code in (0, 1), result.output\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('ivrlint'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_check_imports_only_the_rules_it_runs() -> None:
    everything = _modules_after(["check", str(MENU)])
    assert "ivrlint.rules.ivr101_max_depth" in everything
    assert "ivrlint.rules.ivr302_label_vague" in everything
    assert not {m for m in everything if m.startswith("ivrlint.rules.ivr40")}
    assert "ivrlint.callusage" not in everything
    assert "ivrlint.suppressions" not in everything  # the menu has no suppression comment

    structure = _modules_after(["check", "--select", "IVR1", str(MENU)])
    assert "ivrlint.rules.ivr101_max_depth" in structure
    assert not {m for m in structure if m.startswith(("ivrlint.rules.ivr2", "ivrlint.rules.ivr3"))}
    assert "ivrlint.text.labels" not in structure
