"""The label evaluation sets are well formed, and what ``benchmarks/eval_labels.py`` scores
stays apart from the rules' own test cases: a pair that two choices of one rule case's menu
carry is left out of the figures, since the rules were written to pass it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SETS = sorted((ROOT / "tests" / "eval").glob("label_pairs*.yaml"))


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_labels", ROOT / "benchmarks" / "eval_labels.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_labels"] = module
    spec.loader.exec_module(module)
    return module


def _pairs(path: Path) -> list[dict[str, Any]]:
    pairs = yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]
    assert isinstance(pairs, list)
    return pairs


def test_the_script_scores_every_set(script: ModuleType) -> None:
    assert sorted(script.SETS.values()) == SETS
    assert len(SETS) == 10


def test_pairs_are_chosen_by_line_of_business(script: ModuleType) -> None:
    pairs = [{"domain": "bank"}, {"domain": "hotel"}, {"domain": "clinic"}, {}]
    assert script.in_domains(pairs, None) == pairs
    assert script.in_domains(pairs, "hotel, bank") == pairs[:2]
    assert script.in_domains(pairs, "core") == [pairs[0], pairs[2]]
    assert script.in_domains(pairs, "core,hotel") == pairs[:3]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_pairs_are_well_formed(path: Path) -> None:
    seen: set[frozenset[str]] = set()
    for pair in _pairs(path):
        assert pair["language"] in ("en", "ru"), pair
        assert isinstance(pair["a"], str), pair
        assert isinstance(pair["b"], str), pair
        assert isinstance(pair["ambiguous"], bool), pair
        assert set(pair.get("vague", [])) <= {"a", "b"}, pair
        key = frozenset((pair["a"].casefold(), pair["b"].casefold()))
        assert key not in seen, f"pair written twice: {pair}"
        seen.add(key)


def test_rule_cases_are_found(script: ModuleType) -> None:
    menus = script.rule_case_menus()
    assert {"billing", "payments"} in menus  # IVR301's first case
    assert {"изменить заказ", "отменить заказ"} <= set().union(*menus)


def test_a_pair_that_is_a_rule_case_is_left_out(script: ModuleType) -> None:
    menus = [{"billing", "payments", "returns"}]
    pairs = [
        {"a": "Payments", "b": "BILLING", "language": "en", "ambiguous": True},
        {"a": "Billing", "b": "Refunds", "language": "en", "ambiguous": False},
    ]
    scored, left_out = script.apart_from_rule_cases(pairs, menus)
    assert scored == [pairs[1]]
    assert left_out == [pairs[0]]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_each_set_keeps_enough_pairs(script: ModuleType, path: Path) -> None:
    scored, left_out = script.apart_from_rule_cases(_pairs(path), script.rule_case_menus())
    assert len(left_out) <= 5, left_out
    assert len(scored) >= 90
