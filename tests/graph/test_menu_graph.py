"""``ivrlint graph``: the DOT structure (testable without Graphviz) and real rendering."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, needs_dot
from typer.testing import CliRunner

from ivrlint.cli import app
from ivrlint.diagnostics import Severity
from ivrlint.engine import Linter
from ivrlint.loader import load_text
from ivrlint.render import render
from ivrlint.render.menu_graph import SEVERITY_COLOURS, menu_graph_dot

MENU = """\
ivrlint: 1
name: Acme line
entry: main
menus:
  main:
    prompt: For orders, press 1. For billing, press 2. To hear this again, press 9.
    options:
      "1": { label: Orders, goto: orders }
      "2": { label: Billing, transfer: billing }
      "3": { label: Goodbye, action: hangup }
      "9": { label: Hear these options again, action: repeat }
      "0": { label: Speak with an agent, transfer: order-bot }
    no_input: { retries: 2, then: { transfer: desk } }
  orders:
    prompt: For order status, press 1.
    options:
      "1": { label: Order status, transfer: order-bot }
      "2": { label: Stores, transfer: stores }
      "*": { label: Main menu, action: back }
destinations:
  billing: { kind: queue, name: Billing team }
  desk: { kind: agent }
  order-bot: { kind: self-service }
  old-line: { kind: voicemail }
"""


def dot_of(text: str, *, diagnostics: bool = True) -> str:
    loaded = load_text(textwrap.dedent(text), "menu.yaml")
    assert loaded.menu is not None
    found = Linter().lint_loaded(loaded) if diagnostics else None
    return menu_graph_dot(loaded.menu, found)


def node(dot: str, name: str) -> str:
    """The attribute line of one node."""
    match = re.search(rf'^\s*"{re.escape(name)}" \[.*\];$', dot, re.MULTILINE)
    assert match, f"no node {name}"
    return match.group(0)


def edge(dot: str, source: str, target: str) -> str:
    match = re.search(rf'^\s*"{re.escape(source)}" -> "{re.escape(target)}" \[.*\];$', dot, re.M)
    assert match, f"no edge {source} -> {target}"
    return match.group(0)


def test_every_menu_option_and_destination_is_drawn() -> None:
    dot = dot_of(MENU, diagnostics=False)
    assert "<b>main</b>" in node(dot, "menu:main")
    assert "For orders, press 1. For" in node(dot, "menu:main")  # the prompt's first words
    assert "9 repeat" in node(dot, "menu:main")  # navigation is listed in the box
    assert "* back" in node(dot, "menu:orders")
    assert "<b>1</b> Orders" in edge(dot, "menu:main", "menu:orders")
    assert "<b>2</b> Billing" in edge(dot, "menu:main", "dest:billing")
    assert "<b>3</b> Goodbye" in edge(dot, "menu:main", "hangup:main")
    assert "<b>0</b> Speak with an agent" in edge(dot, "menu:main", "dest:order-bot")
    assert "no input, 2 retries" in edge(dot, "menu:main", "dest:desk")
    assert "style=dashed" in edge(dot, "menu:main", "dest:desk")
    assert "<b>1</b> Order status" in edge(dot, "menu:orders", "dest:order-bot")
    # shapes by kind: a person, a service, a voicemail box, a hang-up
    assert "shape=ellipse" in node(dot, "dest:billing")
    assert "shape=ellipse" in node(dot, "dest:desk")
    assert "shape=hexagon" in node(dot, "dest:order-bot")
    assert "shape=note" in node(dot, "dest:old-line")
    assert "shape=octagon" in node(dot, "hangup:main")
    # an undeclared transfer target is drawn, dashed
    assert "style=dashed" in node(dot, "dest:stores")
    # the entry: a call node leading to it, and a double border
    assert '"start" -> "menu:main"' in dot
    assert "peripheries=2" in node(dot, "menu:main")
    assert "peripheries=2" not in node(dot, "menu:orders")
    # left to right, with a cluster for the branch under key 1
    assert "rankdir=LR" in dot
    assert 'subgraph "cluster_1"' in dot
    cluster = dot[dot.index('subgraph "cluster_1"') :]
    assert '"menu:orders"' in cluster[: cluster.index("  }")]
    assert "#d62728" not in dot
    assert "IVR" not in dot


def test_diagnostics_colour_nodes_and_edges() -> None:
    dot = dot_of(MENU)
    error, warning, info = (SEVERITY_COLOURS[s] for s in reversed(Severity))
    # IVR110: the 0 of main goes to a bot, not a person (warning, on the edge)
    zero = edge(dot, "menu:main", "dest:order-bot")
    assert f'color="{warning}"' in zero
    assert "IVR110" in zero
    # IVR105: 'stores' is not declared (error, on the edge of key 2 in orders)
    stores = edge(dot, "menu:orders", "dest:stores")
    assert f'color="{error}"' in stores
    assert "IVR105" in stores
    # IVR106 on a destination nobody transfers to: found by its position
    assert "IVR106" in node(dot, "dest:old-line")
    assert f'color="{warning}"' in node(dot, "dest:old-line")
    # orders has no repeat (IVR111, info) and no no-input handling (IVR113, warning): the
    # node takes the worst colour and shows each code in its own; the tooltip has the messages
    orders = node(dot, "menu:orders")
    assert f'color="{warning}", penwidth=2' in orders
    assert f'<font color="{info}">IVR111</font>' in orders
    assert f'<font color="{warning}">IVR113</font>' in orders
    assert "IVR111 info: menu 'orders' has no choice to hear the options again" in orders


def test_labels_are_escaped() -> None:
    nasty = 'Say "hi" \\\\ <b>bold</b> & Счёт'
    text = MENU.replace("label: Billing,", f"label: '{nasty}',").replace(
        "name: Acme line", 'name: "Line \\"A\\" <1> & Ко"'
    )
    dot = dot_of(text)
    line = edge(dot, "menu:main", "dest:billing").replace("<br/>", " ")  # wrapped at 28
    assert "Say &quot;hi&quot; \\\\ &lt;b&gt;bold&lt;/b&gt; &amp; Счёт" in line
    assert "<b>bold</b>" not in line
    assert "Line &quot;A&quot; &lt;1&gt; &amp; Ко" in dot


@needs_dot()
def test_escaped_labels_survive_graphviz() -> None:
    text = MENU.replace("label: Billing,", "label: 'Say \"hi\" \\\\ <x> & Счёт',")
    svg = render(dot_of(text), "svg").data.decode("utf-8")
    assert "Say &quot;hi&quot; \\ &lt;x&gt; &amp; Счёт" in svg


def test_stdout_and_no_overwrite(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    menu = write("menu.yaml", MENU)
    runner = CliRunner()
    result = runner.invoke(app, ["graph", str(menu)])
    assert result.exit_code == 0
    assert result.output.startswith('digraph "ivr" {')
    out = tmp_path / "menu.dot"
    assert runner.invoke(app, ["graph", str(menu), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.output
    again = runner.invoke(app, ["graph", str(menu), "-o", str(out)])
    assert again.exit_code == 2
    assert "already exists; pass --force" in again.output
    assert runner.invoke(app, ["graph", str(menu), "-o", str(out), "--force"]).exit_code == 0
    same = write("same.dot", MENU)
    onto_input = runner.invoke(app, ["graph", str(same), "-o", str(same), "--force"])
    assert onto_input.exit_code == 2
    assert "is one of the inputs" in onto_input.output
    wrong = runner.invoke(app, ["graph", str(menu), "-o", str(tmp_path / "menu.txt")])
    assert wrong.exit_code == 2
    assert "use .svg, .png, .pdf or .dot" in wrong.output


def test_missing_dot_writes_the_source(
    write: Callable[[str, str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ivrlint.render.shutil.which", lambda name: None)
    menu = write("menu.yaml", MENU)
    result = CliRunner().invoke(app, ["graph", str(menu), "-o", str(tmp_path / "menu.svg")])
    assert result.exit_code == 0
    assert "Graphviz 'dot' is not installed" in result.output
    assert not (tmp_path / "menu.svg").exists()
    assert (tmp_path / "menu.dot").read_text(encoding="utf-8").startswith('digraph "ivr" {')


@needs_dot()
@pytest.mark.parametrize(
    ("suffix", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")]
)
def test_renders_images(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"line.{suffix}"
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "graph", "menus/telecom-large.yaml", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(magic)
    if suffix == "svg":
        svg = out.read_text(encoding="utf-8")
        assert svg.count('class="node"') == 1 + 31 + 63  # call, menus, destinations
        assert ">Coverage service</text>" in svg


def test_same_input_same_output() -> None:
    assert dot_of(MENU) == dot_of(MENU)


def test_broken_file(write: Callable[[str, str], Path]) -> None:
    broken = write("broken.yaml", "ivrlint: 1\nentry: main\nmenus: {main: [\n")
    result = CliRunner().invoke(app, ["graph", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:" in result.output
    assert "IVR001" in result.output


@pytest.mark.parametrize(
    "fixture", sorted(p.name for p in (ROOT / "tests/importers/fixtures").iterdir() if p.is_file())
)
def test_platform_exports_are_drawn_and_measured(fixture: str) -> None:
    path = str(ROOT / "tests/importers/fixtures" / fixture)
    runner = CliRunner()
    graph = runner.invoke(app, ["graph", path])
    assert graph.exit_code == 0, graph.output
    stats = runner.invoke(app, ["stats", path, "-f", "json"])
    assert stats.exit_code == 0, stats.output
    document = json.loads(stats.output)
    for menu in document["menus"]:
        assert f'"menu:{menu["id"]}" [' in graph.output
    for dest in document["destinations"]:
        assert f'"dest:{dest["id"]}" [' in graph.output


def test_written_files_get_the_usual_permissions(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    menu = write("menu.yaml", MENU)
    out = tmp_path / "menu.dot"
    assert CliRunner().invoke(app, ["graph", str(menu), "-o", str(out)]).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_missing_entry_is_drawn_and_marked() -> None:
    dot = dot_of(MENU.replace("entry: main", "entry: mian"))
    assert "not defined" in node(dot, "missing:mian")
    assert '"start" -> "missing:mian"' in dot
    assert "IVR105" in node(dot, "start")  # the entry line's diagnostic marks the call node


def test_configuration_applies_as_for_check(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    menu = write("menu.yaml", MENU)
    runner = CliRunner()
    assert "IVR111" in runner.invoke(app, ["graph", str(menu)]).output
    write(".ivrlint.toml", 'ignore = ["IVR111"]\n')
    configured = runner.invoke(app, ["graph", str(menu)])
    assert configured.exit_code == 0
    assert "IVR111" not in configured.output
    assert "IVR113" in configured.output
    assert "IVR111" in runner.invoke(app, ["graph", str(menu), "--isolated"]).output
    both = runner.invoke(app, ["graph", str(menu), "--isolated", "--config", "x.toml"])
    assert both.exit_code == 2
