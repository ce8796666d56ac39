"""Where the time of one ``ivrlint check`` goes, stage by stage and rule by rule. Run by hand:
``python benchmarks/bench_rules.py`` (the generated 10,000-menu file of bench_check.py), or
``python benchmarks/bench_rules.py menus/telecom-large.yaml``.

Each stage runs in this process, with the garbage collector paused as ``ivrlint check`` pauses
it, and is timed in CPU seconds (``time.process_time``); the figure is the minimum of
``--runs`` runs. The flow graph is built once before the rules, so each rule's time is its own
work. Caches that live across files (the word lists, a prompt already read) are cleared before
each run: every run is a first check. Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench_check import generate

from ivrlint.diagnostics import Finding
from ivrlint.engine import ActiveRule, Linter
from ivrlint.formatters import FORMATTERS, Report
from ivrlint.loader import load_path
from ivrlint.loader.schema import SchemaReader
from ivrlint.loader.yamlsource import parse
from ivrlint.model import Source
from ivrlint.rules.base import Context


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def clear_caches() -> None:
    """Forget what an earlier run cached, so that each run is a first check."""
    import functools
    import sys

    for module in [m for name, m in sys.modules.items() if name.startswith("ivrlint")]:
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


def run_rule(active: ActiveRule, ctx: Context) -> list[Finding]:
    return list(active.rule().check(ctx, active.options))


def one_run(path: Path) -> dict[str, float]:
    clear_caches()
    times: dict[str, float] = {}
    text = path.read_text(encoding="utf-8")
    times["load: parse YAML"], document = timed(lambda: parse(text, is_json=False))
    source = Source(document.text, document.joined)
    times["load: build model"], menu = timed(
        lambda: SchemaReader(str(path), source).read(document.root)
    )
    times["load: whole (load_path)"], loaded = timed(lambda: load_path(path))
    linter = Linter()
    ctx = Context(loaded.menu)
    times["flow graph"], _ = timed(lambda: ctx.flow)
    for active in linter.active:
        if not active.rule.from_loader:
            label = f"{active.rule.code} {active.rule.name}"
            times[label], _ = timed(partial(run_rule, active, ctx))
    times["lint: whole (lint_loaded)"], diagnostics = timed(lambda: linter.lint_loaded(loaded))
    report = Report((str(path),), tuple(diagnostics), failed=bool(diagnostics))
    for name in ("text", "json"):
        formatter = FORMATTERS[name](color=False, quiet=False)
        times[f"format {name}"], _ = timed(partial(formatter.format, report))
    del menu
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="a menu file (default: generated)")
    parser.add_argument("--menus", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.path
        if path is None:
            path = Path(tmp) / "generated.yaml"
            path.write_text(generate(args.menus), encoding="utf-8")
        gc.disable()
        runs = [one_run(path) for _ in range(args.runs)]
    best = {stage: min(run[stage] for run in runs) for stage in runs[0]}
    if args.json:
        print(json.dumps({k: round(v * 1000, 1) for k, v in best.items()}, indent=1))
        return
    print(f"{path.name}: minimum CPU time of {args.runs} runs")
    for stage, seconds in best.items():
        print(f"  {stage:45s} {seconds * 1000:8.1f} ms")
    total = sum(v for k, v in best.items() if k.startswith(("IVR", "flow")))
    print(f"  {'flow graph + every rule':45s} {total * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
