"""``ivrlint transfers`` end to end: reports, graph, thresholds and exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, needs_dot
from typer.testing import CliRunner

from calls.standard_log import EVENTS
from ivrlint.calls.gates import GateError, parse_gate
from ivrlint.cli import app

runner = CliRunner()


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "calls.csv"
    rows = ["call_id,timestamp,node,kind,event"] + [",".join(r) for r in EVENTS]
    path.write_text("\n".join(rows) + "\n")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["transfers", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_report(log: Path) -> None:
    code, out, err = run(str(log), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["calls"] == 6
    assert data["transferred_calls"] == 3
    assert data["transfer_rate"] == 0.5
    assert data["transfers_histogram"] == {"0": 3, "1": 1, "2": 1, "3": 1}
    assert (data["ping_pong_calls"], data["loop_calls"], data["long_chain_calls"]) == (1, 1, 1)
    assert data["edges"][0] == {"from": "A", "to": "B", "calls": 2, "share": 0.333333,
                                "out_share": 1.0, "ping_pong": True}  # fmt: skip
    assert data["top_chains"][0] == {"chain": ["sales"], "calls": 2}
    assert f"reading {log} as csv (detected)" in err


def test_output_is_deterministic(log: Path) -> None:
    assert run(str(log), "-f", "json")[1] == run(str(log), "-f", "json")[1]


def test_gates(log: Path) -> None:
    code, _, err = run(str(log), "--fail-if", "transfer_rate > 0.2", "--fail-if",
                       "long_chain_calls > 50%", "-q")  # fmt: skip
    assert code == 1
    assert "threshold crossed: transfer_rate > 0.2: crossed (transfer_rate is 0.5)" in err
    assert "long_chain_calls > 50%" not in err
    assert run(str(log), "--fail-if", "long_chain_calls > 20%")[0] == 0
    assert run(str(log), "--fail-if", "long_chain_calls > 10%")[0] == 1


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("transfer_rate >> 2", "cannot read the threshold"),
        ("transfers_rate > 0.2", "unknown metric 'transfers_rate'"),
        ("p90 > 5%", "a percentage applies to counts of calls"),
    ],
)
def test_malformed_gate_is_usage_error(log: Path, expression: str, message: str) -> None:
    code, _, err = run(str(log), "--fail-if", expression)
    assert code == 2
    assert message in err
    with pytest.raises(GateError):
        parse_gate(expression)


def test_long_at_option(log: Path) -> None:
    data = json.loads(run(str(log), "-f", "json", "--long-at", "2")[1])
    assert data["long_chain_calls"] == 2


def test_markdown_and_text(log: Path) -> None:
    code, out, _ = run(str(log), "-f", "markdown")
    assert code == 0
    assert "| transferred calls | 3 (50.0%) |" in out
    assert "| A | B | 2 | 33.3% | yes |" in out
    text = run(str(log))[1]
    assert "transferred          3 (50.0%)" in text
    assert "A → B → C → D" in text


def test_out_refuses_to_overwrite(log: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("mine")
    code, _, err = run(str(log), "-f", "json", "--out", str(target))
    assert code == 2
    assert "already exists" in err
    assert target.read_text() == "mine"
    assert run(str(log), "-f", "json", "--out", str(target), "--force")[0] == 0
    assert json.loads(target.read_text())["calls"] == 6
    assert run(str(log), "--out", str(log), "--force")[0] == 2  # never an input


def test_graph_dot_source(log: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.dot"
    assert run(str(log), "--graph", str(target))[0] == 0
    dot = target.read_text()
    assert "digraph transfers" in dot
    assert 'label="2 (33%)", penwidth=6.00, color="#cc0000"' in dot  # A → B ping-pong, widest
    assert "peripheries=2" in dot  # A: calls came back
    pruned = tmp_path / "pruned.dot"
    assert run(str(log), "--graph", str(pruned), "--min-share", "0.3")[0] == 0
    assert "4 transfer edges under 30.0% of calls not drawn" in pruned.read_text()


@needs_dot()
def test_graph_svg_and_html(log: Path, tmp_path: Path) -> None:
    svg = tmp_path / "graph.svg"
    assert run(str(log), "--graph", str(svg))[0] == 0
    assert svg.read_text().lstrip().startswith("<?xml")
    html = tmp_path / "report.html"
    assert run(str(log), "-f", "html", "--out", str(html))[0] == 0
    page = html.read_text()
    assert "<svg" in page
    assert "<script" not in page
    assert "ping-pong calls" in page


def test_html_escapes_names(tmp_path: Path) -> None:
    path = tmp_path / "evil.csv"
    path.write_text("call_id,timestamp,node\nx,1,<script>alert(1)</script>\nx,2,B\n")
    page = run(str(path), "-f", "html")[1]
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_menu_decides_kinds(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    # no kind column: without the menu, "main" and "orders" would count as handlers
    path.write_text(
        "call_id,timestamp,node\n"
        "a,1,main\na,2,orders\na,3,returns\na,4,main\na,5,billing\n"
        "b,1,main\nb,2,front-desk\n"
    )
    menu = ROOT / "menus" / "acme-support.yaml"
    data = json.loads(run(str(path), "-f", "json", "--menu", str(menu))[1])
    assert [c["chain"] for c in data["top_chains"]] == [["front-desk"], ["returns", "billing"]]
    assert data["transferred_calls"] == 1
    bare = json.loads(run(str(path), "-f", "json")[1])
    assert bare["transferred_calls"] == 2


def test_bad_rows_and_on_bad_row_fail(log: Path) -> None:
    with log.open("a") as handle:
        handle.write("c9,soon,A,queue,enter\n")
    code, out, err = run(str(log), "-f", "json")
    assert code == 0
    assert f"{log}:20: skipped: timestamp 'soon' is not ISO 8601" in err
    assert json.loads(out)["read"]["skipped_by_reason"] == {"timestamp unreadable": 1}
    code, _, err = run(str(log), "--on-bad-row", "fail")
    assert code == 1
    assert "1 malformed rows" in err


def test_usage_errors(tmp_path: Path) -> None:
    assert run(str(tmp_path / "none.csv"))[0] == 2
    empty = tmp_path / "empty.csv"
    empty.write_text("call_id,timestamp,node\n")
    code, _, err = run(str(empty))
    assert code == 2
    assert "no call events" in err
    code, _, err = run(str(empty), "--map", "caller")
    assert code == 2
    assert "cannot read --map 'caller'" in err


def test_subprocess(log: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "transfers", str(log), "-f", "json", "--fail-if",
         "ping_pong_calls >= 1"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert json.loads(result.stdout)["ping_pong_calls"] == 1
    assert "threshold crossed: ping_pong_calls >= 1" in result.stderr


def test_check_does_not_import_pandas() -> None:
    code = (
        "import sys; from ivrlint.cli import app; import ivrlint.cli.transfers; "
        "print(any(m in sys.modules for m in ('pandas', 'pyarrow', 'networkx', 'jinja2')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "calls.csv"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "transfers", str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert f"{fifo} is not a regular file (a pipe or a device)" in result.stderr
    assert "Traceback" not in result.stderr


def test_markdown_report_escapes_node_names(tmp_path: Path) -> None:
    log = tmp_path / "calls.csv"
    log.write_text("call_id,timestamp,node\nc1,1,<b>desk</b>\nc1,2,[x](http://e)\n")
    result = CliRunner().invoke(app, ["transfers", str(log), "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert "<b>" not in result.stdout
    assert "[x](http" not in result.stdout
    assert "&lt;b&gt;desk&lt;/b&gt;" in result.stdout
    assert "\\[x\\](http://e)" in result.stdout


def test_the_menu_is_an_input_never_overwritten(tmp_path: Path) -> None:
    log = tmp_path / "calls.csv"
    log.write_text("call_id,timestamp,node\nc1,1,desk\n")
    menu = tmp_path / "menu.yaml"
    menu.write_text("ivrlint: 1\nentry: main\nmenus:\n  main:\n    options: {}\n")
    before = menu.read_text()
    result = CliRunner().invoke(
        app, ["transfers", str(log), "--menu", str(menu), "--out", str(menu), "--force"]
    )
    assert result.exit_code == 2
    assert "is one of the inputs" in result.output
    assert menu.read_text() == before


DIALPLAN = ROOT / "tests" / "importers" / "fixtures" / "extensions.conf"
# Node names are the dialplan's context and destination ids (ivrlint convert shows them).
DIALPLAN_LOG = (
    "call_id,timestamp,node\n"
    "a,1,ivr-main\na,2,ivr-support\na,3,voicemail-200-default\n"
    "b,1,ivr-main\nb,2,queue-sales\nb,3,ivr-main\nb,4,dial-PJSIP-100\n"
)


@pytest.mark.parametrize("named", [(), ("--from", "asterisk")])
def test_menu_from_an_imported_platform(tmp_path: Path, named: tuple[str, ...]) -> None:
    log = tmp_path / "calls.csv"
    log.write_text(DIALPLAN_LOG)
    bare = json.loads(run(str(log), "-f", "json")[1])
    assert bare["transferred_calls"] == 2
    code, out, err = run(str(log), "-f", "json", "--menu", str(DIALPLAN), *named)
    assert code == 0, err
    data = json.loads(out)
    # the contexts are IVR menus: only b's queue → agent is a transfer
    assert data["transferred_calls"] == 1
    assert [(e["from"], e["to"]) for e in data["edges"]] == [("queue-sales", "dial-PJSIP-100")]


def test_menu_errors_are_those_of_other_commands(tmp_path: Path) -> None:
    log = tmp_path / "calls.csv"
    log.write_text(DIALPLAN_LOG)
    code, _, err = run(str(log), "--menu", str(DIALPLAN), "--from", "voicexml")
    assert code == 1
    assert f"ivrlint: error: {DIALPLAN} does not describe a menu; fix it first" in err
    assert "IVR001" in err
    code, _, err = run(str(log), "--menu", str(tmp_path / "none.yaml"))
    assert code == 2
    assert f"no such file: {tmp_path / 'none.yaml'}" in err
    code, _, err = run(str(log), "--from", "asterisk")
    assert code == 2
    assert "--from is the format of the --menu file" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("ivrlint: 1\nmenus: [\n")
    code, _, err = run(str(log), "--menu", str(broken))
    assert code == 1
    assert f"{broken}:3:1: IVR001 not valid YAML" in err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_menu_from_a_git_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    menu = tmp_path / "menu.yaml"
    menu.write_text((ROOT / "menus" / "acme-support.yaml").read_text())
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "menu")
    menu.write_text("no longer a menu\n")
    log = tmp_path / "calls.csv"
    log.write_text("call_id,timestamp,node\na,1,main\na,2,orders\na,3,returns\nb,1,main\n"
                   "b,2,front-desk\n")  # fmt: skip
    monkeypatch.chdir(tmp_path)
    code, out, err = run("calls.csv", "-f", "json", "--menu", "HEAD:menu.yaml")
    assert code == 0, err
    assert [c["chain"] for c in json.loads(out)["top_chains"]] == [["front-desk"], ["returns"]]
    code, _, err = run("calls.csv", "--menu", "HEAD:other.yaml")
    assert code == 2
    assert "'HEAD:other.yaml'" in err


def test_html_with_an_svg_graph_draws_it_once(
    log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ivrlint.render

    drawn: list[str] = []
    real = ivrlint.render.render

    def counting(source: str, fmt: str) -> ivrlint.render.Rendered:
        drawn.append(fmt)
        return real(source, fmt)

    monkeypatch.setattr(ivrlint.render, "render", counting)
    svg, page = tmp_path / "graph.svg", tmp_path / "report.html"
    code, _, err = run(str(log), "-f", "html", "--graph", str(svg), "-o", str(page))
    assert code == 0, err
    assert drawn == ["svg"]
    if shutil.which("dot") is not None:
        picture = re.sub(r"<!--.*?-->", "", svg.read_text(), flags=re.DOTALL)
        assert picture[picture.index("<svg") :].strip() in page.read_text()
    drawn.clear()
    code, _, err = run(str(log), "-f", "html", "--graph", str(tmp_path / "graph.dot"),
                       "-o", str(tmp_path / "again.html"))  # fmt: skip
    assert code == 0, err
    assert drawn == (["dot", "svg"] if shutil.which("dot") is not None else ["dot"])
