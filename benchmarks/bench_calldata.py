"""Time ``ivrlint check MENU --calls LOG`` on a large log that follows the menu, against
``ivrlint transfers`` on the same log and pandas' own ``read_csv`` (the floor), and report
events per second and peak memory. Run by hand:

    python benchmarks/bench_calldata.py                  # 5 million events, generated once
    python benchmarks/bench_calldata.py --events 1000000 --runs 3

The log is written by benchmarks/gen_menu_calls.py from menus/telecom-large.yaml with
a planted confusion. Nothing here asserts a speed; it prints the figures.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_transfers import measure

ROOT = Path(__file__).resolve().parent.parent
MENU = ROOT / "menus" / "telecom-large.yaml"
PLANTED = "mobile-plans:1=family-plans-team:0.3"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--menu", type=Path, default=MENU)
    parser.add_argument("--log", type=Path, help="use this canonical CSV instead of generating")
    args = parser.parse_args()
    log = args.log or Path(tempfile.gettempdir()) / f"ivrlint-menu-calls-{args.events}.csv"
    if not log.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "gen_menu_calls.py"), str(args.menu),
             "--events", str(args.events), "--confuse", PLANTED, "--out", str(log)],
            check=True,
        )  # fmt: skip
    events = sum(1 for _ in log.open("rb")) - 1
    size = log.stat().st_size / 2**20
    ivrlint = [sys.executable, "-m", "ivrlint"]
    commands = {
        "pandas.read_csv (floor)": [sys.executable, "-c",
                                    f"import pandas; pandas.read_csv({str(log)!r})"],
        "ivrlint transfers -f json": [*ivrlint, "transfers", str(log), "-f", "json", "-q"],
        "ivrlint check --calls": [*ivrlint, "check", str(args.menu), "--calls", str(log), "-q",
                                  "--select", "IVR4", "--exit-zero"],
    }  # fmt: skip
    print(f"log: {log} ({events:,} events, {size:.0f} MiB), menu: {args.menu.name}")
    results = {name: measure(command, args.runs) for name, command in commands.items()}
    floor = results["pandas.read_csv (floor)"]
    for name, (wall, cpu, peak) in results.items():
        print(
            f"{name:<26} wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
            f"{events / wall:11,.0f} events/s  peak {peak:5.0f} MiB  "
            f"({wall / floor[0]:.2f}x the floor's wall time)"
        )


if __name__ == "__main__":
    main()
