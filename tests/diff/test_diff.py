"""``ivrlint diff`` on pairs of menus, one kind of change at a time."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ivrlint.cli import app
from ivrlint.diff import MenuDiff, OptionRef, diff_menus
from ivrlint.engine import Linter
from ivrlint.loader import load_text

BASE = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: For orders, press 1. For billing, press 2. For an agent, press 0.
    options:
      "1": { label: Orders, goto: orders }
      "2": { label: Billing, transfer: billing }
      "0": { label: Speak with an agent, transfer: desk }
      "9": { label: Hear these options again, action: repeat }
    no_input: { retries: 2, then: { transfer: desk } }
    no_match: { retries: 2, then: { transfer: desk } }
  orders:
    prompt: For order status, press 1. For returns, press 2. For an agent, press 0.
    options:
      "1": { label: Order status, transfer: status-bot }
      "2": { label: Returns, transfer: returns }
      "0": { label: Speak with an agent, transfer: desk }
      "9": { label: Hear these options again, action: repeat }
      "*": { label: Main menu, action: back }
    no_input: { retries: 2, then: { transfer: desk } }
    no_match: { retries: 2, then: { transfer: desk } }
destinations:
  billing: { kind: queue }
  returns: { kind: queue }
  desk: { kind: queue, name: Front desk }
  status-bot: { kind: self-service }
"""


def run(old: str, new: str) -> MenuDiff:
    linter = Linter()
    a = load_text(textwrap.dedent(old), "old.yaml")
    b = load_text(textwrap.dedent(new), "new.yaml")
    assert a.menu is not None
    assert b.menu is not None
    return diff_menus(a.menu, b.menu, linter.lint_loaded(a), linter.lint_loaded(b))


def changes(d: MenuDiff) -> list[tuple[tuple[str, ...], str, str]]:
    def show(ref: OptionRef | None) -> str:
        return "" if ref is None else f"{ref.menu} {ref.key} {ref.label} -> {ref.target}"

    return [(c.kinds, show(c.old), show(c.new)) for c in d.options]


def test_identical_versions_have_no_changes() -> None:
    d = run(BASE, BASE)
    assert (d.menus, d.options, d.destinations) == ((), (), ())
    assert (d.new_diagnostics, d.fixed_diagnostics, d.paths, d.widths) == ((), (), (), ())


REORDERED = """\
ivrlint: 1
destinations:
  status-bot: { kind: self-service }
  desk: { kind: queue, name: Front desk }
  billing: { kind: queue }
  returns: { kind: queue }
menus:
  orders:
    prompt: For order status, press 1. For returns, press 2. For an agent, press 0.
    no_match: { retries: 2, then: { transfer: desk } }
    options:
      "*": { label: Main menu, action: back }
      "9": { label: Hear these options again, action: repeat }
      "0": { label: Speak with an agent, transfer: desk }
      "2": { label: Returns, transfer: returns }
      "1": { label: Order status, transfer: status-bot }
    no_input: { retries: 2, then: { transfer: desk } }
  main:
    options:
      "0": { transfer: desk, label: Speak with an agent }
      "2": { label: Billing, transfer: billing }
      "1": { label: Orders, goto: orders }
      "9": { label: Hear these options again, action: repeat }
    prompt: For orders, press 1. For billing, press 2. For an agent, press 0.
    no_input: { retries: 2, then: { transfer: desk } }
    no_match: { retries: 2, then: { transfer: desk } }
entry: main
"""


def test_pure_reordering_is_no_change() -> None:
    d = run(BASE, REORDERED)
    assert not d.structure_changed
    assert changes(d) == []
    assert (d.new_diagnostics, d.fixed_diagnostics, d.paths, d.widths) == ((), (), (), ())
    assert all(f.delta == 0 for f in d.figures)


def test_a_shifted_file_keeps_its_diagnostics() -> None:
    shifted = "# Support line\n# owner: contact centre team\n\n" + BASE
    d = run(BASE, shifted)
    assert run(BASE, BASE).new_diagnostics == ()
    assert d.new_diagnostics == ()
    assert d.fixed_diagnostics == ()


def test_option_added_and_removed() -> None:
    new = BASE.replace(
        '      "1": { label: Order status, transfer: status-bot }\n',
        '      "3": { label: Exchanges, transfer: exchanges }\n',
    ).replace("  status-bot: { kind: self-service }", "  exchanges: { kind: queue }")
    d = run(BASE, new)
    assert changes(d) == [
        (("removed",), "orders 1 Order status -> transfer status-bot", ""),
        (("added",), "", "orders 3 Exchanges -> transfer exchanges"),
    ]
    assert [(c.kind, c.id) for c in d.destinations] == [
        ("added", "exchanges"),
        ("removed", "status-bot"),
    ]


def test_relabelled() -> None:
    new = BASE.replace("label: Billing,", "label: Billing and payments,")
    assert changes(run(BASE, new)) == [
        (
            ("relabelled",),
            "main 2 Billing -> transfer billing",
            "main 2 Billing and payments -> transfer billing",
        )
    ]


def test_swapped_keys_are_two_rekeys_not_removals() -> None:
    new = BASE.replace('"1": { label: Orders,', '"X": { label: Orders,')
    new = new.replace('"2": { label: Billing,', '"1": { label: Billing,')
    new = new.replace('"X": { label: Orders,', '"2": { label: Orders,')
    d = run(BASE, new)
    assert changes(d) == [
        (("rekeyed",), "main 2 Billing -> transfer billing", "main 1 Billing -> transfer billing"),
        (("rekeyed",), "main 1 Orders -> goto orders", "main 2 Orders -> goto orders"),
    ]
    assert not any("removed" in c.kinds for c in d.options)


def test_retargeted() -> None:
    new = BASE.replace("label: Returns, transfer: returns", "label: Returns, transfer: desk")
    new = new.replace("  returns: { kind: queue }\n", "")
    d = run(BASE, new)
    assert changes(d) == [
        (
            ("retargeted",),
            "orders 2 Returns -> transfer returns",
            "orders 2 Returns -> transfer desk",
        )
    ]
    assert [(c.kind, c.id) for c in d.destinations] == [("removed", "returns")]


def test_option_moved_to_another_menu() -> None:
    new = BASE.replace('      "2": { label: Returns, transfer: returns }\n', "").replace(
        '"2": { label: Billing, transfer: billing }',
        '"2": { label: Billing, transfer: billing }\n'
        '      "3": { label: Returns, transfer: returns }',
    )
    d = run(BASE, new)
    assert changes(d) == [
        (
            ("moved", "rekeyed"),
            "orders 2 Returns -> transfer returns",
            "main 3 Returns -> transfer returns",
        )
    ]
    # before: "For orders, press 1" (4 words), then "For order status, press 1. For returns,
    # press 2" (9 words); after: main never announces 3, so the whole main prompt (13 words)
    path = next(p for p in d.paths if p.id == "returns")
    assert (path.old_keys, path.new_keys) == (("1", "2"), ("3",))
    assert path.old_seconds == pytest.approx(13 * 0.4)
    assert path.new_seconds == pytest.approx(5.2)


def test_menus_added_removed_and_moved() -> None:
    new = BASE.replace(
        '"1": { label: Orders, goto: orders }', '"1": { label: Shop, goto: shop }'
    ).replace(
        "  orders:\n",
        "  shop:\n"
        "    prompt: For orders, press 1.\n"
        "    options:\n"
        '      "1": { label: Orders, goto: orders }\n'
        '      "0": { label: Speak with an agent, transfer: desk }\n'
        "  orders:\n",
    )
    d = run(BASE, new)
    assert [(c.kind, c.menu, c.old, c.new) for c in d.menus] == [
        ("added", "shop", None, None),
        ("moved", "orders", "main", "shop"),
    ]
    # "Orders" moved from main into shop, and main has a new option; shop's other options
    # come with the new menu and are not listed one by one
    assert changes(d) == [
        (("added",), "", "main 1 Shop -> goto shop"),
        (("moved",), "main 1 Orders -> goto orders", "shop 1 Orders -> goto orders"),
    ]
    removed = run(new, BASE)
    assert [(c.kind, c.menu) for c in removed.menus] == [
        ("removed", "shop"),
        ("moved", "orders"),
    ]


def test_destination_changed() -> None:
    new = BASE.replace("desk: { kind: queue, name: Front desk }", "desk: { kind: voicemail }")
    d = run(BASE, new)
    assert [(c.kind, c.id, c.old, c.new) for c in d.destinations] == [
        ("changed", "desk", "queue, Front desk, person", "voicemail, desk, no person")
    ]


def test_new_and_fixed_diagnostics_and_figures() -> None:
    # a 0 that goes to a self-service bot instead of a person: IVR110 (warning)
    new = BASE.replace(
        '"0": { label: Speak with an agent, transfer: desk }\n      "9": { label: Hear these '
        'options again, action: repeat }\n      "*"',
        '"0": { label: Speak with an agent, transfer: status-bot }\n      "9": { label: Hear '
        'these options again, action: repeat }\n      "*"',
    )
    assert new != BASE
    d = run(BASE, new)
    # and the 0 now counts as a choice, so orders is numbered 1, 2, 0 (IVR114)
    assert [(x.code, x.menu, x.key) for x in d.new_diagnostics] == [
        ("IVR110", "orders", "0"),
        ("IVR114", "orders", "0"),
    ]
    assert d.fixed_diagnostics == ()
    assert d.new_errors == ()
    back = run(new, BASE)
    assert [(x.code, x.menu) for x in back.fixed_diagnostics] == [
        ("IVR110", "orders"),
        ("IVR114", "orders"),
    ]
    # widths: the 0 of orders no longer goes to a person, so it counts as a choice (2 → 3)
    assert [(w.menu, w.old, w.new) for w in d.widths] == [("orders", 2, 3)]
    figure = {f.name: f for f in d.figures}
    assert (figure["max choices per menu"].old, figure["max choices per menu"].new) == (2, 3)


def test_slower_path_to_a_person_is_worse() -> None:
    # "Thanks for calling." adds 3 words (1.2 s) before every choice of main
    new = BASE.replace(
        "prompt: For orders, press 1.", "prompt: Thanks for calling. For orders, press 1."
    )
    d = run(BASE, new)
    figure = {f.name: f for f in d.figures}
    nearest = figure["seconds to the nearest person"]
    # billing: "For orders, press 1. For billing, press 2" = 8 words = 3.2 s, then 11 words
    assert nearest.old == pytest.approx(3.2)
    assert nearest.new == pytest.approx(4.4)
    assert nearest.verdict == "worse"
    mean = figure["mean seconds to a person"]
    # billing 8 words 3.2 s, desk 13 words 5.2 s, returns 4 + 9 words 5.2 s; +1.2 s each
    assert mean.old == pytest.approx((3.2 + 5.2 + 5.2) / 3)
    assert mean.delta == pytest.approx(1.2)
    assert [m.kind for m in d.menus] == ["prompt"]


def test_cli_formats_and_fail_on_new(write: Callable[[str, str], Path]) -> None:
    old = write("old.yaml", BASE)
    broken_target = BASE.replace("transfer: billing }", "transfer: billling }")
    new = write("new.yaml", broken_target)
    runner = CliRunner()
    text = runner.invoke(app, ["diff", str(old), str(new)])
    assert text.exit_code == 0
    # IVR105 (error) for the typo, IVR106 (warning) for the destination nobody reaches now
    assert text.output.splitlines()[1].startswith("2 new diagnostics (1 error); 0 fixed")
    assert "IVR105 [error]" in text.output
    failing = runner.invoke(app, ["diff", str(old), str(new), "--fail-on-new"])
    assert failing.exit_code == 1
    assert runner.invoke(app, ["diff", str(new), str(old), "--fail-on-new"]).exit_code == 0
    document = json.loads(runner.invoke(app, ["diff", str(old), str(new), "-f", "json"]).output)
    assert document["diagnostics"]["new_errors"] == 1
    assert document["options"][0]["kinds"] == ["retargeted"]
    markdown = runner.invoke(app, ["diff", str(old), str(new), "-f", "markdown"]).output
    assert markdown.startswith(f"### Menu changes: `{old}` → `{new}`")
    assert "| mean seconds to a person |" in markdown


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_old_version_from_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "menus").mkdir()
    menu = tmp_path / "menus" / "main.yaml"
    menu.write_text(BASE, encoding="utf-8")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "menu")
    menu.write_text(BASE.replace("label: Billing,", "label: Payments,"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "diff", "HEAD:menus/main.yaml", "menus/main.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "HEAD:menus/main.yaml → menus/main.yaml"
    assert '  relabelled: main 2 "Billing" → transfer billing' in result.stdout
    runner = CliRunner()
    no_rev = runner.invoke(app, ["diff", "HEAD~3:menus/main.yaml", "menus/main.yaml"])
    assert no_rev.exit_code == 2
    assert "invalid object name 'HEAD~3'" in no_rev.output
    no_path = runner.invoke(app, ["diff", "HEAD:menus/other.yaml", "menus/main.yaml"])
    assert no_path.exit_code == 2
    assert "'HEAD:menus/other.yaml'" in no_path.output


def test_git_revision_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "menu.yaml").write_text(BASE, encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", "HEAD~1:menu.yaml", "menu.yaml"])
    assert result.exit_code == 2
    assert "not inside a git repository" in result.output


def test_configuration_applies_to_both_versions(write: Callable[[str, str], Path]) -> None:
    old = write("old.yaml", BASE)
    new = write("new.yaml", BASE.replace("transfer: billing }", "transfer: billling }"))
    write(".ivrlint.toml", 'ignore = ["IVR105"]\n')
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--fail-on-new"])
    assert result.exit_code == 0  # the only new error is a rule the project turned off
    assert "IVR105" not in result.output
    assert "IVR106 [warning] destination 'billing'" in result.output
    assert f"({new}:" in result.output


def test_markdown_cannot_be_injected_through_a_label() -> None:
    from ivrlint.reports.menu_diff import format_markdown

    label = "<img src=x onerror=alert(1)> [pwn](http://e.x) | `x`"
    diff = run(BASE, BASE.replace("label: Billing,", f'label: "{label}",'))
    text = format_markdown(diff)
    assert "<img" not in text
    assert "[pwn](http" not in text
    assert "&lt;img src=x onerror=alert(1)&gt; \\[pwn\\](http://e.x) \\| \\`x\\`" in text
