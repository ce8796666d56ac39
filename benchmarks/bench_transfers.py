"""Time ``ivrlint transfers`` on a large canonical log against pandas' own ``read_csv`` of the
same file (the floor: no tool can analyse a CSV faster than it can read it), stage by stage,
for the log as generated (rows grouped by call) and the same rows shuffled (a log that is
not grouped by call, so the chains need a sort). Run by hand:

    python benchmarks/bench_transfers.py                 # 5 million events, generated once
    python benchmarks/bench_transfers.py --events 1000000 --runs 3
    python benchmarks/bench_transfers.py --log my.csv --order as-is

Wall time is what users wait for; CPU time (user + system, all threads) is steadier on a
shared machine. The stages are read (``read_events``), chains (``build_chains``), metrics
(``transfer_metrics``) and report (the JSON), each timed in a fresh process;
"peak" after a stage is the largest resident memory so far. Nothing here asserts a speed;
it prints the figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURE = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime)"
)
STAGES = ("read", "chains", "metrics", "report")


def measure(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median wall seconds, median CPU seconds (user + system) and the largest peak
    resident memory (MiB) of ``command`` over ``runs``."""
    return measure_turns([command], runs)[0]


def measure_turns(commands: list[list[str]], runs: int) -> list[tuple[float, float, float]]:
    """Per command: median wall seconds, median CPU seconds and the largest peak resident
    memory (MiB) over ``runs``. The commands take turns, so that a machine busy with
    something else slows them alike."""
    samples: list[list[tuple[float, float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for command, sample in zip(commands, samples, strict=True):
            start = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", MEASURE, *command],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            peak, cpu = out.stdout.split()
            sample.append((time.perf_counter() - start, float(cpu), int(peak) / 1024))
    return [
        (
            statistics.median(s[0] for s in sample),
            statistics.median(s[1] for s in sample),
            max(s[2] for s in sample),
        )
        for sample in samples
    ]


def run_stages(log: Path) -> None:
    """In this process: each stage of the command in turn; JSON figures on stdout."""
    import resource

    def now() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    import pandas  # noqa: F401  # imported by the command before it reads: not a stage
    import pyarrow.csv  # noqa: F401

    from ivrlint.calls import build_chains, read_events, transfer_metrics
    from ivrlint.reports.transfers import TransferReport, formatter

    figures: dict[str, tuple[float, float, float]] = {}
    mark = now()

    def lap(stage: str) -> None:
        nonlocal mark
        end = now()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures[stage] = (end[0] - mark[0], end[1] - mark[1], peak)
        mark = now()

    events = read_events([log])
    lap("read")
    chains = build_chains(events, None)
    lap("chains")
    metrics = transfer_metrics(chains)
    lap("metrics")
    formatter("json")(TransferReport(metrics, events.summary))
    lap("report")
    print(json.dumps(figures))


def stages(log: Path, runs: int) -> dict[str, tuple[float, float, float]]:
    """Per stage: median wall, median CPU, largest peak so far, over ``runs`` processes."""
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--stages-of", str(log)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        samples.append(json.loads(out.stdout))
    return {
        stage: (
            statistics.median(s[stage][0] for s in samples),
            statistics.median(s[stage][1] for s in samples),
            max(s[stage][2] for s in samples),
        )
        for stage in STAGES
    }


def shuffled_copy(log: Path) -> Path:
    """The log's rows in a fixed random order (header first), made once next to it."""
    import numpy as np

    target = log.with_name(f"{log.stem}-shuffled{log.suffix}")
    if target.exists():
        return target
    with log.open("rb") as handle:
        header = handle.readline()
        rows = handle.readlines()
    order = np.random.default_rng(11).permutation(len(rows))
    with target.open("wb") as handle:
        handle.write(header)
        handle.writelines(rows[i] for i in order.tolist())
    return target


def report(log: Path, runs: int) -> None:
    events = sum(1 for _ in log.open("rb")) - 1
    size = log.stat().st_size / 2**20
    floor = [sys.executable, "-c", f"import pandas; pandas.read_csv({str(log)!r})"]
    command = [sys.executable, "-m", "ivrlint", "transfers", str(log), "-f", "json", "-q"]
    (floor_s, floor_cpu, floor_mb), (ours_s, ours_cpu, ours_mb) = measure_turns(
        [floor, command], runs
    )
    print(f"\nlog: {log} ({events:,} events, {size:.0f} MiB)")
    for name, wall, cpu, peak in (
        ("pandas.read_csv (floor)", floor_s, floor_cpu, floor_mb),
        ("ivrlint transfers -f json", ours_s, ours_cpu, ours_mb),
    ):
        print(
            f"  {name:<26} wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
            f"{events / wall:11,.0f} events/s  peak {peak:5.0f} MiB"
        )
    print(
        f"  ratio to the floor: wall {ours_s / floor_s:.2f}x, cpu {ours_cpu / floor_cpu:.2f}x; "
        f"peak memory {ours_mb / size:.1f}x the file size"
    )
    print("  stages (in-process, after imports):")
    for stage, (wall, cpu, peak) in stages(log, runs).items():
        print(f"    {stage:<8} wall {wall:6.2f} s  cpu {cpu:6.2f} s  peak so far {peak:5.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--log", type=Path, help="use this canonical CSV instead of generating")
    parser.add_argument(
        "--order", choices=("both", "grouped", "shuffled", "as-is"), default="both",
        help="time the log as it is (grouped), its rows shuffled, or both",
    )  # fmt: skip
    parser.add_argument("--stages-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stages_of is not None:
        run_stages(args.stages_of)
        return
    log = args.log or Path(tempfile.gettempdir()) / f"ivrlint-calls-{args.events}.csv"
    if not log.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "gen_calls.py"), "--events",
             str(args.events), "--out", str(log)],
            check=True,
        )  # fmt: skip
    if args.order in ("both", "grouped", "as-is"):
        report(log, args.runs)
    if args.order in ("both", "shuffled"):
        report(shuffled_copy(log), args.runs)


if __name__ == "__main__":
    main()
