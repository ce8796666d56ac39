"""Generate a call log (canonical CSV with a ``key`` column) whose callers walk a menu file.

Each caller starts at the entry menu and, at every menu, picks a choice (earlier keys more
often: weights 1, 1/2, 1/3, ...), or presses the operator key, waits without pressing
(``key`` t), or hangs up, with the fixed shares below. A choice that transfers ends the
walk at its destination: the call enters, is answered, and ends there, unless a planted
confusion (``--confuse MENU:KEY=DEST:RATE``) sends that share of the option's callers on to
DEST, as callers who picked the wrong choice are. Fixed seed, so the file is the same on
every run.

    python benchmarks/gen_menu_calls.py menus/acme-support.yaml --calls 2000 --seed 11 \\
        --confuse orders:2=billing:0.35 --out docs/examples/acme-calls.csv
    python benchmarks/gen_menu_calls.py menus/telecom-large.yaml --events 5000000 --out /tmp/x.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ivrlint.loader import load_path
from ivrlint.model import Menu, MenuFile, Option

OPERATOR = 0.07  # presses 0 (when the menu has it)
TIMEOUT = 0.03  # presses nothing until the no-input handling transfers
HANGUP = 0.03  # hangs up while listening
START = datetime(2024, 3, 4, 8, 0, tzinfo=UTC)


def walk(menu_file: MenuFile, rng: random.Random) -> list[tuple[str, str]]:
    """(node, key) steps of one caller through the menus; the last node is where the
    menus sent the call ("" when the caller hung up at a menu)."""
    steps: list[tuple[str, str]] = []
    menu = menu_file.menus[menu_file.entry]
    for _ in range(6):
        roll = rng.random()
        operator = menu.option("0")
        if roll < HANGUP:
            return [*steps, (menu.id, "")]
        if roll < HANGUP + TIMEOUT and menu.no_input and menu.no_input.then:
            then = menu.no_input.then
            if then.kind == "transfer":
                return [*steps, (menu.id, "t"), (then.value, "")]
        zero = operator.target if operator else None
        if roll < HANGUP + TIMEOUT + OPERATOR and zero and zero.kind == "transfer":
            return [*steps, (menu.id, "0"), (zero.value, "")]
        option = choose(menu, rng)
        if option is None or option.target is None:
            return [*steps, (menu.id, "")]
        steps.append((menu.id, option.key))
        if option.target.kind == "transfer":
            return [*steps, (option.target.value, "")]
        menu = menu_file.menus[option.target.value]
    return steps


def choose(menu: Menu, rng: random.Random) -> Option | None:
    choices = [
        o
        for o in menu.options
        if o.target is not None
        and o.key != "0"
        and (o.target.kind == "transfer" or o.target.kind == "goto")
    ]
    if not choices:
        return None
    return rng.choices(choices, weights=[1 / (i + 1) for i in range(len(choices))])[0]


def call_rows(
    menu_file: MenuFile,
    rng: random.Random,
    number: int,
    at: datetime,
    confuse: dict[tuple[str, str], tuple[str, float]],
) -> list[tuple[str, ...]]:
    call = f"C{number:08d}"
    rows: list[tuple[str, ...]] = []
    t = at
    steps = walk(menu_file, rng)
    for (node, key), nxt in zip(steps, [*steps[1:], None], strict=True):
        stamp = t.strftime("%Y-%m-%dT%H:%M:%SZ")
        if node in menu_file.menus:
            rows.append((call, stamp, node, "enter", key))
            t += timedelta(seconds=rng.randint(6, 25))
            continue
        rows.append((call, stamp, node, "enter", ""))
        t += timedelta(seconds=int(rng.expovariate(1 / 60)) + 5)
        rows.append((call, t.strftime("%Y-%m-%dT%H:%M:%SZ"), node, "answer", ""))
        planted = confuse.get(steps[-2]) if len(steps) >= 2 and nxt is None else None
        if planted is not None and rng.random() < planted[1]:
            t += timedelta(seconds=int(rng.expovariate(1 / 120)) + 20)
            rows.append((call, t.strftime("%Y-%m-%dT%H:%M:%SZ"), node, "transfer", ""))
            t += timedelta(seconds=rng.randint(20, 90))
            rows.append((call, t.strftime("%Y-%m-%dT%H:%M:%SZ"), planted[0], "answer", ""))
            node = planted[0]
        t += timedelta(seconds=int(rng.expovariate(1 / 240)) + 20)
        rows.append((call, t.strftime("%Y-%m-%dT%H:%M:%SZ"), node, "hangup", ""))
    return rows


def parse_confusion(items: list[str]) -> dict[tuple[str, str], tuple[str, float]]:
    planted = {}
    for item in items:
        where, _, what = item.partition("=")
        menu, _, key = where.partition(":")
        dest, _, rate = what.partition(":")
        planted[(menu, key)] = (dest, float(rate))
    return planted


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("menu", type=Path)
    parser.add_argument("--calls", type=int, default=0, help="number of calls")
    parser.add_argument("--events", type=int, default=0, help="stop after about this many rows")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--confuse", action="append", default=[], help="MENU:KEY=DEST:RATE")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if not args.calls and not args.events:
        parser.error("give --calls or --events")
    menu_file = load_path(args.menu).menu
    if menu_file is None:
        parser.error(f"{args.menu} is not a menu file")
    confuse = parse_confusion(args.confuse)
    rng = random.Random(args.seed)
    written = number = 0
    at = START
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("call_id", "timestamp", "node", "event", "key"))
        while (args.calls and number < args.calls) or (args.events and written < args.events):
            at += timedelta(seconds=rng.randint(1, 12))
            rows = call_rows(menu_file, rng, number, at, confuse)
            writer.writerows(rows)
            written += len(rows)
            number += 1
    sys.stderr.write(f"wrote {written} events of {number} calls to {args.out}\n")


if __name__ == "__main__":
    main()
