"""IVR401-IVR405 on logs written from a menu with known behaviour: exactly the planted
problems are reported, with the right counts, and well-behaved callers raise nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from calldata.logs import LINE, MENU, Calls, well_behaved, write_log
from ivrlint.calls import read_events
from ivrlint.calls.menu_paths import MenuCalls
from ivrlint.diagnostics import Diagnostic
from ivrlint.engine import Linter, Settings
from ivrlint.loader import load_text


def lint(
    tmp_path: Path, groups: list[Calls], *, keys: bool = True, options: dict[str, Any] | None = None
) -> list[Diagnostic]:
    log = write_log(tmp_path / "calls.csv", groups, keys=keys)
    settings = Settings(select=("IVR4",), options=options or {})
    linter = Linter(settings, calls=MenuCalls(read_events([log])))
    return linter.lint_loaded(load_text(MENU, "menu.yaml"))


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.message) for d in diagnostics]


def replace(
    groups: list[Calls], menus: tuple[tuple[str, str | None], ...], *new: Calls
) -> list[Calls]:
    """The groups with those of ``menus`` replaced by ``new``."""
    return [g for g in groups if g.menus != menus] + list(new)


@pytest.mark.parametrize("keys", [True, False])
def test_well_behaved_callers_report_nothing(tmp_path: Path, keys: bool) -> None:
    assert lint(tmp_path, well_behaved(), keys=keys) == []


def test_without_a_log_the_rules_say_nothing() -> None:
    linter = Linter(Settings(select=("IVR4",)))
    assert linter.lint_loaded(load_text(MENU, "menu.yaml")) == []


@pytest.mark.parametrize("keys", [True, False])
def test_planted_confusion_between_two_choices(tmp_path: Path, keys: bool) -> None:
    groups = replace(
        well_behaved(),
        (("main", "1"),),
        Calls(200, (("main", "1"),), ("billing",)),
        Calls(100, (("main", "1"),), ("billing", "payments")),
    )
    result = lint(tmp_path, groups, keys=keys)
    assert found(result) == [
        ("IVR401", LINE["main:1"], "33% of callers who chose 1 Billing ended at 2 Payments: "
         "100 of 300 calls (95% CI 28–39%)"),
    ]  # fmt: skip
    assert (result[0].column, result[0].menu, result[0].key) == (7, "main", "1")


def test_confusion_with_a_choice_of_another_branch(tmp_path: Path) -> None:
    groups = replace(
        well_behaved(),
        (("main", "3"), ("orders", "2")),
        Calls(50, (("main", "3"), ("orders", "2")), ("returns",)),
        Calls(30, (("main", "3"), ("orders", "2")), ("returns", "billing"), resolve=True),
    )
    assert found(lint(tmp_path, groups)) == [
        ("IVR401", LINE["orders:2"], "38% of callers who chose orders 2 Returns ended at "
         "main 1 Billing: 30 of 80 calls (95% CI 28–48%)"),
    ]  # fmt: skip


def test_the_resolving_place_is_where_a_call_ended(tmp_path: Path) -> None:
    # Billing resolved these calls, then passed them on for a survey: not a misroute.
    groups = replace(
        well_behaved(),
        (("main", "1"),),
        Calls(200, (("main", "1"),), ("billing",)),
        Calls(100, (("main", "1"),), ("payments", "billing"), resolve=True),
    )
    messages = found(lint(tmp_path, groups, keys=True))
    assert messages == []


@pytest.mark.parametrize(("confused", "total"), [(5, 10), (8, 40)])
def test_small_samples_raise_no_alarm(tmp_path: Path, confused: int, total: int) -> None:
    groups = replace(
        well_behaved(),
        (("main", "4"),),
        Calls(total - confused, (("main", "4"),), ("fax",)),
        Calls(confused, (("main", "4"),), ("fax", "billing")),
    )
    assert [d for d in lint(tmp_path, groups) if d.code == "IVR401"] == []


def test_min_calls_and_max_rate_are_options(tmp_path: Path) -> None:
    groups = replace(
        well_behaved(),
        (("main", "4"),),
        Calls(5, (("main", "4"),), ("fax",)),
        Calls(5, (("main", "4"),), ("fax", "billing")),
    )
    options = {"IVR401": {"min_calls": 10, "max_rate": 0.1}}
    assert found(lint(tmp_path, groups, options=options)) == [
        ("IVR401", LINE["main:4"], "50% of callers who chose 4 Fax services ended at 1 Billing: "
         "5 of 10 calls (95% CI 24–76%)"),
    ]  # fmt: skip


@pytest.mark.parametrize("keys", [True, False])
def test_unused_choice(tmp_path: Path, keys: bool) -> None:
    groups = replace(well_behaved(), (("main", "4"),))
    assert found(lint(tmp_path, groups, keys=keys)) == [
        ("IVR402", LINE["main:4"], "4 Fax services was chosen by 0 of 850 callers at menu "
         "'main' (0%, 95% CI 0–0.4%): under 1%"),
    ]  # fmt: skip


def test_menu_where_callers_time_out(tmp_path: Path) -> None:
    groups = [*well_behaved(), Calls(100, (("main", "3"), ("orders", "t")), ("front-desk",))]
    assert found(lint(tmp_path, groups)) == [
        ("IVR404", LINE["orders"], "33% of callers at menu 'orders' did not find their choice: "
         "100 of 300 calls (95% CI 28–39%); 100 pressed nothing"),
    ]  # fmt: skip


def test_zero_outs_without_a_key_column(tmp_path: Path) -> None:
    groups = [
        *well_behaved(),
        Calls(60, (("main", "3"), ("orders", "0")), ("front-desk",)),
        Calls(40, (("main", "3"), ("orders", "t")), ("front-desk",)),
    ]
    assert found(lint(tmp_path, groups, keys=False)) == [
        ("IVR404", LINE["orders"], "33% of callers at menu 'orders' did not find their choice: "
         "100 of 300 calls (95% CI 28–39%); 100 went where these lead, the log not saying how"),
    ]  # fmt: skip
    assert "60 pressed the operator key, 40 pressed nothing" in lint(tmp_path, groups)[0].message


def test_menu_where_callers_hang_up(tmp_path: Path) -> None:
    groups = [*well_behaved(), Calls(60, (("main", "3"), ("orders", None)))]
    assert found(lint(tmp_path, groups)) == [
        ("IVR405", LINE["orders"], "23% of callers hung up at menu 'orders': 60 of 260 calls "
         "(95% CI 18–29%)"),
    ]  # fmt: skip


def test_options_not_ordered_by_use(tmp_path: Path) -> None:
    groups = replace(well_behaved(), (("main", "4"),), Calls(400, (("main", "4"),), ("fax",)))
    assert found(lint(tmp_path, groups)) == [
        ("IVR403", LINE["main:4"], "4 Fax services is chosen more often than 1 Billing, which "
         "callers hear first: 400 against 300 calls (57% of the two, 95% CI 53–61%)"),
    ]  # fmt: skip
    assert (
        lint(tmp_path, groups)[0].hint
        == "put the most chosen first; by use the keys would be 4, 1, 2, 3"
    )


def test_everything_planted_at_once_is_reported_once_each(tmp_path: Path) -> None:
    groups = replace(
        well_behaved(),
        (("main", "1"),),
        Calls(200, (("main", "1"),), ("billing",)),
        Calls(100, (("main", "1"),), ("billing", "payments")),
    )
    groups = replace(groups, (("main", "4"),))
    groups = replace(
        groups,
        (("main", "3"), ("orders", "1")),
        Calls(80, (("main", "3"), ("orders", "1")), ("order-bot",)),
        Calls(100, (("main", "3"), ("orders", "t")), ("front-desk",)),
        Calls(50, (("main", "3"), ("orders", None))),
    )
    assert [(d.code, d.line) for d in lint(tmp_path, groups)] == [
        ("IVR401", LINE["main:1"]),
        ("IVR402", LINE["main:4"]),
        ("IVR404", LINE["orders"]),
        ("IVR405", LINE["orders"]),
    ]
