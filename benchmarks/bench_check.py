"""Time ``ivrlint check`` against Python's own start-up, on a realistic menu and on a
generated 10,000-menu file. Run by hand: ``python benchmarks/bench_check.py``.

It prints median wall and CPU times over several runs (CPU is what to compare on a shared
machine); nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(menus: int) -> str:
    """A well-formed menu file with ``menus`` menus: a binary tree of menus under the entry,
    each with two choices, repeat, back, 0 for a person and no-input handling."""
    lines = ["ivrlint: 1", "name: Generated line", "language: en", "entry: m0", "menus:"]
    for i in range(menus):
        children = [c for c in (2 * i + 1, 2 * i + 2) if c < menus]
        lines += [
            f"  m{i}:",
            f"    prompt: For topic {i} one, press 1. For topic {i} two, press 2. "
            "To speak with an agent, press 0. To hear this again, press 9.",
            "    options:",
        ]
        for n in (1, 2):
            if n <= len(children):
                lines.append(
                    f'      "{n}": {{ label: Topic {children[n - 1]}, goto: m{children[n - 1]} }}'
                )
            else:
                lines.append(f'      "{n}": {{ label: Service {i}-{n}, transfer: q{i % 50} }}')
        lines += [
            '      "9": { label: Hear again, action: repeat }',
            '      "*": { label: Back, action: back }',
            '      "0": { label: Speak with an agent, transfer: front-desk }',
            "    no_input: { retries: 2, then: { transfer: front-desk } }",
            "    no_match: { retries: 2, then: { transfer: front-desk } }",
        ]
    lines.append("destinations:")
    lines.append("  front-desk: { kind: queue, name: Front line }")
    lines += [f"  q{n}: {{ kind: queue, name: Queue {n} }}" for n in range(50)]
    return "\n".join(lines) + "\n"


# As an installed ivrlint runs: with its bytecode cached (see bench_startup.py).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system of the child) of ``runs`` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


LINT_STEP = """
import sys, time
from ivrlint.engine import Linter, Settings
from ivrlint.loader import load_path
loaded = load_path(sys.argv[1])
start = time.process_time()
Linter(Settings()).lint_loaded(loaded)
print(time.process_time() - start)
"""


def lint_step_seconds(menu: Path, runs: int) -> float:
    """CPU time of linting one loaded file in a fresh process: every rule, and the first
    use of the word lists and thesaurus (loaded lazily, once per process)."""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", LINT_STEP, str(menu)],
            capture_output=True,
            text=True,
            check=True,
            env=ENV,
        )
        times.append(float(out.stdout))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--menus", type=int, default=10_000)
    parser.add_argument("--big-runs", type=int, default=3, help="runs on the generated file")
    args = parser.parse_args()
    python = sys.executable
    typical = ROOT / "menus" / "acme-support.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "generated.yaml"
        big.write_text(generate(args.menus), encoding="utf-8")
        rows = [
            ("python -c pass", [python, "-c", "pass"], args.runs),
            (
                "ivrlint check (typical menu)",
                [python, "-m", "ivrlint", "check", str(typical)],
                args.runs,
            ),
            (
                f"ivrlint check ({args.menus:,} menus, {big.stat().st_size / 1e6:.1f} MB)",
                [python, "-m", "ivrlint", "check", "-q", str(big)],
                args.big_runs,
            ),
        ]
        yamllint = shutil.which("yamllint")
        if yamllint:
            rows.append(("yamllint (typical menu)", [yamllint, str(typical)], args.runs))
        print(f"{'':45s} {'wall':>11s} {'CPU':>11s}")
        for label, command, runs in rows:
            wall, cpu = median_seconds(command, runs)
            print(f"{label:45s} {wall * 1000:8.0f} ms {cpu * 1000:8.0f} ms")
        for name in ("acme-support.yaml", "bank-ru.yaml"):
            seconds = lint_step_seconds(ROOT / "menus" / name, args.runs)
            print(f"{'lint step, CPU (' + name + ')':45s} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
