"""Snapshot what ``ivrlint check`` says on a fixed set of inputs, to prove a speed-up changed
nothing: ``--save DIR`` before the change, ``--compare DIR`` after (exit 1 on any difference).

The inputs are the sample menus, the importer fixtures, every YAML menu under tests/, and the
generated many-menu files of benchmarks/bench_check.py (plain, and with planted problems). Each
is checked as JSON, SARIF and plain text, and the exit code is kept with the output. The help of
every command, the version and a mistyped command are compared too.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_check import generate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "importers" / "fixtures"
COMMANDS = ("check", "convert", "rules", "explain", "schema", "stats", "diff", "graph", "transfers")
ARGUMENTS = [
    [],
    ["--help"],
    ["--version"],
    ["chek", "menus/acme-support.yaml"],
    ["check", "--format", "yaml", "menus/acme-support.yaml"],
    *([command, "--help"] for command in COMMANDS),
]


def inputs(tmp: Path, menus: int) -> list[Path]:
    files = sorted((ROOT / "menus").glob("*.yaml"))
    files += sorted(p for p in FIXTURES.rglob("*") if p.is_file())
    files += sorted(p for p in (ROOT / "tests").rglob("*.yaml") if p.parent != FIXTURES)
    plain = tmp / "generated.yaml"
    plain.write_text(generate(menus), encoding="utf-8")
    messy = tmp / "generated-messy.yaml"
    messy.write_text(_planted(generate(menus // 4)), encoding="utf-8")
    return [*files, plain, messy]


def _planted(text: str) -> str:
    """The generated file with problems many rules find: vague and repeated labels, prompts
    that name wrong keys, a missing repeat key, a dead target."""
    return (
        text.replace("label: Hear again, action: repeat", "label: Other, action: repeat")
        .replace("To hear this again, press 9.", "To hear this again, press 8.")
        .replace("label: Topic 1,", "label: Misc,")
        .replace("label: Back, action: back", "label: More options, goto: nowhere")
        .replace("For topic 3 one", "Please listen carefully as our menu options have changed")
    )


def run(arguments: list[str], tmp: Path) -> str:
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
    done = subprocess.run(
        [sys.executable, "-m", "ivrlint", *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
    )
    text = f"exit {done.returncode}\n{done.stderr}\n{done.stdout}"
    return text.replace(str(tmp), "<tmp>").replace(str(ROOT), "<root>")


def snapshot(files: list[Path], tmp: Path) -> dict[str, str]:
    out: dict[str, str] = {f"cli {' '.join(a) or '(nothing)'}": run(a, tmp) for a in ARGUMENTS}
    for path in files:
        name = str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name)
        for fmt in ("json", "sarif", "text"):
            out[f"{name}.{fmt}"] = run(["check", "-f", fmt, "--color", "never", str(path)], tmp)
    return out


def _file_name(key: str) -> str:
    return key.replace("/", "__").replace(" ", "_")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the outputs into this folder")
    action.add_argument("--compare", type=Path, help="compare the outputs with this folder")
    parser.add_argument("--menus", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        outputs = snapshot(inputs(tmp, args.menus), tmp)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for key, text in outputs.items():
            (args.save / _file_name(key)).write_text(text, encoding="utf-8")
        print(f"saved {len(outputs)} outputs in {args.save}")
        return 0
    differ = 0
    for key, text in outputs.items():
        saved = args.compare / _file_name(key)
        before = saved.read_text(encoding="utf-8") if saved.exists() else "<missing>\n"
        if before != text:
            differ += 1
            diff = difflib.unified_diff(
                before.splitlines(), text.splitlines(), "before", "after", lineterm="", n=1
            )
            print(f"DIFFERS: {key}\n" + "\n".join(list(diff)[:40]))
    print(f"{len(outputs) - differ} of {len(outputs)} outputs identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
