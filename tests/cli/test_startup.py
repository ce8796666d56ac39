"""What a typical ``ivrlint check`` loads, through the real entry point (docs/performance.md):
only the chosen formatter, the YAML loader and the rules that run; the collector paused for
the command line's import is on again when the command runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MENU = str(ROOT / "menus" / "acme-support.yaml")

# Modules a check of a YAML menu never needs: other formatters, the importers of other
# formats, the other commands' code, the suppression parser (the menu has no comment), the
# deep-nesting scan, output files, call logs, and heavy or optional libraries.
NOT_LOADED = [
    "rich",
    "json",
    "jsonschema",
    "rapidfuzz",
    "pandas",
    "pyarrow",
    "networkx",
    "jinja2",
    "defusedxml",
    "ivrlint.formatters.json",
    "ivrlint.formatters.sarif",
    "ivrlint.formatters.junit",
    "ivrlint.formatters.github",
    "ivrlint.formatters.markdown",
    "ivrlint.importers.base",
    "ivrlint.importers.asterisk",
    "ivrlint.importers.connect",
    "ivrlint.importers.twilio",
    "ivrlint.importers.voicexml",
    "ivrlint.loader.nesting",
    "ivrlint.suppressions",
    "ivrlint.output",
    "ivrlint.diff",
    "ivrlint.stats",
    "ivrlint.callusage",
    "ivrlint.calls",
    "ivrlint.render",
    "ivrlint.reports",
    "ivrlint.writer",
    "ivrlint.cli.convert",
    "ivrlint.cli.diff",
    "ivrlint.cli.graph",
    "ivrlint.cli.stats",
    "ivrlint.cli.transfers",
]

PROBE = """
import atexit, gc, sys
sys.argv = ["ivrlint", *sys.argv[1:]]

def report():
    sys.stderr.write("LOADED " + " ".join(sorted(sys.modules)) + "\\n")
    sys.stderr.write(f"COLLECTING {gc.isenabled()}\\n")

atexit.register(report)
from ivrlint.__main__ import main
main()
"""


def _run(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT
    )
    lines = done.stderr.splitlines()
    loaded = next(line for line in lines if line.startswith("LOADED ")).split()[1:]
    collecting = next(line for line in lines if line.startswith("COLLECTING ")).split()[1]
    return done, set(loaded), collecting


def test_check_of_a_yaml_menu_loads_only_what_it_uses() -> None:
    done, loaded, collecting = _run("check", "-f", "text", MENU)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "All good: no problems in 1 file.\n"
    assert "ivrlint.formatters.text" in loaded
    assert "ivrlint.loader.yamlsource" in loaded
    assert sorted(m for m in NOT_LOADED if m in loaded) == []
    # The collector, paused while the command line is imported, runs again afterwards.
    assert collecting == "True"


def test_check_as_json_loads_the_json_formatter_only() -> None:
    done, loaded, _ = _run("check", "-f", "json", MENU)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("{")
    assert "ivrlint.formatters.json" in loaded
    others = {f"ivrlint.formatters.{f}" for f in ("text", "sarif", "junit", "github", "markdown")}
    assert sorted(others & loaded) == []


def test_the_entry_point_and_python_m_give_the_same_output() -> None:
    script = subprocess.run(
        [sys.executable, "-c", PROBE, "check", "-f", "sarif", MENU],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    module = subprocess.run(
        [sys.executable, "-m", "ivrlint", "check", "-f", "sarif", MENU],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert (script.returncode, script.stdout) == (module.returncode, module.stdout)
    assert '"version": "2.1.0"' in module.stdout
