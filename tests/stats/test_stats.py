"""``ivrlint stats`` figures against hand-computed expectations.

At the default 150 words per minute every spoken word is 0.4 s; a caller hears a prompt up to
the end of the clause that announces their key ("For sales, press 1." is 4 words: 1.6 s).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ivrlint.cli import app
from ivrlint.loader import load_text
from ivrlint.model import MenuFile
from ivrlint.stats import compute_stats

SMALL = """\
    ivrlint: 1
    entry: main
    menus:
      main:
        prompt: For sales, press 1. For support, press 2. For an agent, press 0.
        options:
          "1": { label: Sales, transfer: sales }
          "2": { label: Support, goto: support }
          "0": { label: Agent, transfer: desk }
        no_input: { retries: 1, then: { transfer: desk } }
      support:
        prompt: To reset a password, press 1. For an engineer, press 2.
        options:
          "1": { label: Reset a password, transfer: reset-bot }
          "2": { label: Engineer, transfer: engineers }
          "*": { label: Back, action: back }
    destinations:
      sales: { kind: queue }
      desk: { kind: agent, name: Front desk }
      reset-bot: { kind: self-service }
      engineers: { kind: queue }
      unused: { kind: voicemail }
"""


def r(seconds: float | None) -> float | None:
    """Seconds rounded past float noise, so that whole rows compare exactly."""
    return None if seconds is None else round(seconds, 6)


def menu(text: str) -> MenuFile:
    loaded = load_text(textwrap.dedent(text), "menu.yaml")
    assert loaded.menu is not None, loaded.findings
    return loaded.menu


def test_destinations_on_the_fastest_path() -> None:
    stats = compute_stats(menu(SMALL))
    rows = {d.id: (d.keys, d.presses, d.depth, r(d.seconds)) for d in stats.destinations}
    assert rows["sales"] == (("1",), 1, 1, r(4 * 0.4))  # "For sales, press 1"
    assert rows["desk"] == (("0",), 1, 1, r(13 * 0.4))  # the whole prompt: 13 words
    # 8 words up to "press 2" in main, then "To reset a password, press 1" (6 words)
    assert rows["reset-bot"] == (("2", "1"), 2, 2, r((8 + 6) * 0.4))
    # 8 words, then the whole support prompt: 6 + 5 words
    assert rows["engineers"] == (("2", "2"), 2, 2, r((8 + 11) * 0.4))
    assert rows["unused"] == ((), None, None, None)
    assert [d.id for d in stats.destinations] == [
        "sales",
        "desk",
        "reset-bot",
        "engineers",
        "unused",
    ]
    assert stats.destination("desk") is not None
    assert stats.destination("desk").name == "Front desk"  # type: ignore[union-attr]


def test_menus_and_summary() -> None:
    stats = compute_stats(menu(SMALL))
    # main: 1 and 2 count; 0 to a person is the operator key. support: 1 and 2; back is navigation.
    assert [(m.id, m.depth, m.choices, m.options) for m in stats.menus] == [
        ("main", 1, 2, 3),
        ("support", 2, 2, 3),
    ]
    assert stats.menus[0].prompt_seconds == pytest.approx(13 * 0.4)
    s = stats.summary
    assert (s.menus, s.destinations, s.reachable_destinations) == (2, 5, 4)
    assert s.max_depth == 2
    assert s.mean_depth == pytest.approx((1 + 1 + 2 + 2) / 4)
    # people: sales 1.6 s, desk 5.2 s, engineers 7.6 s
    assert s.seconds_to_person == pytest.approx(1.6)
    assert s.mean_seconds_to_person == pytest.approx((1.6 + 5.2 + 7.6) / 3)
    assert s.within_presses == 4
    assert s.share_within_presses == pytest.approx(4 / 5)
    assert s.max_choices == 2
    assert s.mean_choices == pytest.approx(2.0)


def test_speaking_rate_scales_the_seconds() -> None:
    stats = compute_stats(menu(SMALL), words_per_minute=120)  # 0.5 s per word
    assert stats.destination("sales").seconds == pytest.approx(4 * 0.5)  # type: ignore[union-attr]


def test_wrong_keys_hang_up_destinations_and_outside_numbers() -> None:
    stats = compute_stats(
        menu(
            """\
            ivrlint: 1
            entry: main
            menus:
              main:
                prompt: To end the call, press 1. For a person, press 2.
                options:
                  "1": { label: End the call, transfer: goodbye }
                  "2": { label: A person, transfer: "tel:+15550100" }
                no_match: { retries: 2, then: { transfer: fallback } }
            destinations:
              goodbye: { kind: hangup }
              fallback: { kind: queue }
            """
        )
    )
    rows = {
        d.id: (d.keys, d.presses, r(d.seconds), d.human, d.declared) for d in stats.destinations
    }
    assert rows["goodbye"] == (("1",), 1, r(6 * 0.4), False, True)
    # a wrong key three times (2 retries + 1): each try is the whole prompt (11 words) + 5 s
    assert rows["fallback"] == (("no_match",), 3, r(3 * (11 * 0.4 + 5)), True, True)
    assert rows["tel:+15550100"] == (("2",), 1, r(11 * 0.4), True, False)
    assert stats.summary.within_presses == 3


def test_text_report(write: Callable[[str, str], Path]) -> None:
    path = write("small.yaml", SMALL)
    result = CliRunner().invoke(app, ["stats", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{path}: entry 'main', 150 words per minute"
    assert (
        "  Front desk (desk)  agent         yes     0                  1      1      5.2" in lines
    )
    assert (
        "  reset-bot          self-service  no      2 → 1              2      2      5.6" in lines
    )
    assert (
        "  unused             voicemail     no      unreachable        —      —        —" in lines
    )
    assert "  mean seconds to a person        4.8" in lines
    assert "  reachable within 3 key presses  80% (4 of 5)" in lines


def test_json_report_is_stable(write: Callable[[str, str], Path]) -> None:
    path = write("small.yaml", SMALL)
    first = CliRunner().invoke(app, ["stats", str(path), "--format", "json"])
    second = CliRunner().invoke(app, ["stats", str(path), "--format", "json"])
    assert first.output == second.output
    document = json.loads(first.output)
    assert document["summary"]["mean_seconds_to_person"] == 4.8
    assert document["summary"]["share_within_presses"] == 0.8
    engineers = next(d for d in document["destinations"] if d["id"] == "engineers")
    assert engineers == {
        "id": "engineers",
        "name": "engineers",
        "kind": "queue",
        "human": True,
        "declared": True,
        "reachable": True,
        "keys": ["2", "2"],
        "menus": ["main", "support"],
        "presses": 2,
        "depth": 2,
        "seconds": 7.6,
    }


def test_bad_inputs(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["stats", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2
    assert "no such file" in missing.output
    broken = write("broken.yaml", "ivrlint: 1\nmenus: [\n")
    result = runner.invoke(app, ["stats", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:" in result.output
    assert "IVR001" in result.output
    assert "does not describe a menu" in result.output


def test_realistic_line_in_a_subprocess() -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "stats", "menus/telecom-large.yaml", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["menus"] == 31
    assert summary["max_depth"] == 3
    assert summary["reachable_destinations"] == summary["destinations"]
