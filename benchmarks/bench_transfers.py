"""Time ``ivrlint transfers`` on a large canonical log against pandas' own ``read_csv`` of the
same file (the floor: no tool can analyse a CSV faster than it can read it), and report
events per second and peak memory. Run by hand:

    python benchmarks/bench_transfers.py                 # 5 million events, generated once
    python benchmarks/bench_transfers.py --events 1000000 --runs 3

Nothing here asserts a speed; it prints the figures.
"""

from __future__ import annotations

import argparse
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


def measure(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median wall seconds, median CPU seconds (user + system: steadier than wall time on
    a shared machine) and the largest peak resident memory (MiB) over ``runs``."""
    times, cpus, peaks = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
        )
        times.append(time.perf_counter() - start)
        peak, cpu = out.stdout.split()
        peaks.append(int(peak) / 1024)
        cpus.append(float(cpu))
    return statistics.median(times), statistics.median(cpus), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--log", type=Path, help="use this canonical CSV instead of generating")
    args = parser.parse_args()
    log = args.log or Path(tempfile.gettempdir()) / f"ivrlint-calls-{args.events}.csv"
    if not log.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "gen_calls.py"), "--events",
             str(args.events), "--out", str(log)],
            check=True,
        )  # fmt: skip
    events = sum(1 for _ in log.open("rb")) - 1
    size = log.stat().st_size / 2**20
    floor = [sys.executable, "-c", f"import pandas; pandas.read_csv({str(log)!r})"]
    command = [sys.executable, "-m", "ivrlint", "transfers", str(log), "-f", "json", "-q"]
    floor_s, floor_cpu, floor_mb = measure(floor, args.runs)
    ours_s, ours_cpu, ours_mb = measure(command, args.runs)
    print(f"log: {log} ({events:,} events, {size:.0f} MiB)")
    for name, wall, cpu, peak in (
        ("pandas.read_csv (floor)", floor_s, floor_cpu, floor_mb),
        ("ivrlint transfers -f json", ours_s, ours_cpu, ours_mb),
    ):
        print(
            f"{name:<26} wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
            f"{events / wall:11,.0f} events/s  peak {peak:5.0f} MiB"
        )
    print(
        f"ratio to the floor: wall {ours_s / floor_s:.2f}x, cpu {ours_cpu / floor_cpu:.2f}x; "
        f"peak memory {ours_mb / size:.1f}x the file size"
    )


if __name__ == "__main__":
    main()
