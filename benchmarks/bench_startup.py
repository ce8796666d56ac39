"""How much CPU ``ivrlint check`` spends on a typical menu, against Python's own start-up and
yamllint, and which imports it goes to. Run by hand: ``python benchmarks/bench_startup.py``.

CPU time (user + system, from ``resource.getrusage`` of the finished child) rather than wall
time: on a shared machine the wall clock mostly measures the neighbours. Each row is the median
of ``--runs`` runs. ``--imports`` adds the import breakdown of ``ivrlint check``: each module's
own import time (``-X importtime`` "self"), the minimum over the runs, largest first, and the
modules it imports beyond ``import typer, yaml``.

The children run with Python's bytecode cache, as an installed ivrlint does (pip compiles it at
install time): ``PYTHONDONTWRITEBYTECODE`` is dropped from their environment, and one run before
the timings writes the cache. (An editable install run with ``PYTHONDONTWRITEBYTECODE=1`` and
no ``__pycache__`` compiles every ivrlint module from source on each run: about 60 ms more.)

``--baseline DIR`` compares with another revision (a source tree, e.g. from ``git archive
main | tar -x -C DIR``): its runs alternate with this one's, so that both see the same load on
a shared machine, and the last column is the median of the paired differences.

Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "menus" / "acme-support.yaml"
IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)$")


def child_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cpu_ms(command: list[str], env: dict[str, str]) -> float:
    """CPU milliseconds of one run of ``command`` (its output thrown away)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Run from the menus folder: ``-m`` puts the working folder first on sys.path, and from
    # the repository's root that would shadow --baseline's ivrlint.
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env=env,
        cwd=TYPICAL.parent,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used * 1000


def median_cpu_ms(command: list[str], runs: int, env: dict[str, str]) -> float:
    cpu_ms(command, env)  # writes the bytecode cache when there is one
    return statistics.median(cpu_ms(command, env) for _ in range(runs))


def compare(command: list[str], runs: int, env: dict[str, str], baseline: Path) -> str:
    """Median CPU ms of the baseline, of this tree, and of their paired differences."""
    old_env = {**env, "PYTHONPATH": str(baseline)}
    cpu_ms(command, env)
    cpu_ms(command, old_env)
    pairs = [(cpu_ms(command, old_env), cpu_ms(command, env)) for _ in range(runs)]
    old = statistics.median(a for a, _ in pairs)
    new = statistics.median(b for _, b in pairs)
    change = statistics.median(b - a for a, b in pairs)
    return f"{old:6.0f} ms {new:6.0f} ms {change:+6.0f} ms"


def yamllint() -> str | None:
    """yamllint beside this Python (a virtual environment) or on the PATH."""
    beside = Path(sys.executable).with_name("yamllint")
    return str(beside) if beside.exists() else shutil.which("yamllint")


def rows(python: str) -> list[tuple[str, list[str]]]:
    ivrlint = [python, "-m", "ivrlint"]
    found = [
        ("python -c pass", [python, "-c", "pass"]),
        ("python -c 'import typer, yaml'", [python, "-c", "import typer, yaml"]),
        ("ivrlint --version", [*ivrlint, "--version"]),
        ("ivrlint check (typical menu)", [*ivrlint, "check", str(TYPICAL)]),
    ]
    linter = yamllint()
    if linter:
        found.append(("yamllint (typical menu)", [linter, str(TYPICAL)]))
    return found


def import_self_times(command: list[str], runs: int, env: dict[str, str]) -> dict[str, int]:
    """Module → its least own import time in microseconds over ``runs`` runs of ``command``."""
    best: dict[str, int] = {}
    command = [command[0], "-X", "importtime", *command[1:]]
    for _ in range(runs):
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, env=env, cwd=TYPICAL.parent
        )
        for line in done.stderr.splitlines():
            match = IMPORT_LINE.match(line)
            if match:
                module, own = match.group(4), int(match.group(1))
                best[module] = min(own, best.get(module, own))
    return best


def print_imports(best: dict[str, int], baseline: dict[str, int], top: int) -> None:
    def total(modules: list[str]) -> str:
        return f"{len(modules):3d} modules {sum(best[m] for m in modules) / 1000:6.1f} ms"

    ours = [m for m in best if m.split(".")[0] == "ivrlint"]
    extra = [m for m in best if m not in baseline and m not in ours]
    print("\nimports of `ivrlint check` (own time, minimum of the runs):")
    print(f"  all                                {total(list(best))}")
    print(f"  those of `import typer, yaml`      {total([m for m in best if m in baseline])}")
    print(f"  ivrlint's own                      {total(ours)}")
    print(f"  others, imported for ivrlint       {total(extra)}")
    print("    " + ", ".join(sorted(extra, key=lambda m: -best[m])))
    print(f"\nlargest own import times, top {top}:")
    for module, us in sorted(best.items(), key=lambda item: -item[1])[:top]:
        print(f"  {us / 1000:6.2f} ms  {module}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--imports", action="store_true", help="add the import breakdown")
    parser.add_argument("--top", type=int, default=30, help="modules listed by --imports")
    parser.add_argument("--baseline", type=Path, help="source tree of a revision to compare")
    args = parser.parse_args()
    python = sys.executable
    env = child_env()
    print(f"median CPU time (user + sys) of {args.runs} runs")
    if args.baseline:
        print(f"  {'':36s} {'baseline':>9s} {'this':>9s} {'change':>9s}")
    for label, command in rows(python):
        if args.baseline and "ivrlint" in label:
            print(f"  {label:36s} {compare(command, args.runs, env, args.baseline)}")
        else:
            print(f"  {label:36s} {median_cpu_ms(command, args.runs, env):6.0f} ms")
    if args.imports:
        check = [python, "-m", "ivrlint", "check", str(TYPICAL)]
        baseline = import_self_times([python, "-c", "import typer, yaml"], 1, env)
        print_imports(import_self_times(check, args.runs, env), baseline, args.top)


if __name__ == "__main__":
    main()
