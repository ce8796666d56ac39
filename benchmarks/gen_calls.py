"""Generate a realistic canonical call log (CSV) with a fixed seed.

Callers enter the IVR (``main``, sometimes ``orders``), are routed to a first queue, and
from there are passed around with the probabilities below: most calls stay where they
land, some are transferred once, a few bounce back (ping-pong) or go through the IVR again,
and the rare specialists (``fraud``, ``tech-l2``) are where many transfers end. Some
callers abandon. Timestamps are ISO 8601 in UTC; rows are written per call in time order.

    python benchmarks/gen_calls.py --calls 1000 --seed 7 --out docs/examples/calls.csv
    python benchmarks/gen_calls.py --events 5000000 --out /tmp/calls-5m.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

FIRST = {
    "front-desk": 0.45,
    "billing": 0.25,
    "returns": 0.12,
    "sales": 0.1,
    "order-status-bot": 0.08,
}
NEXT = {  # where a queue's agent transfers to, when they do
    "front-desk": {"billing": 0.35, "returns": 0.2, "tech-l1": 0.3, "sales": 0.15},
    "billing": {"front-desk": 0.3, "fraud": 0.4, "sales": 0.3},
    "returns": {"front-desk": 0.4, "billing": 0.6},
    "sales": {"billing": 0.5, "front-desk": 0.5},
    "tech-l1": {"tech-l2": 0.8, "front-desk": 0.2},
    "tech-l2": {"tech-l1": 0.7, "fraud": 0.3},
    "fraud": {"billing": 1.0},
}
TRANSFER_P = {"front-desk": 0.3, "billing": 0.2, "returns": 0.15, "sales": 0.1, "tech-l1": 0.5,
              "tech-l2": 0.15, "fraud": 0.1}  # fmt: skip
KINDS = {"main": "ivr", "orders": "ivr", "order-status-bot": "self-service"}
START = datetime(2024, 3, 4, 8, 0, tzinfo=UTC)


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def call_rows(rng: random.Random, number: int, at: datetime) -> list[tuple[str, ...]]:
    call = f"C{number:08d}"
    rows: list[tuple[str, ...]] = []
    t = at

    def add(node: str, event: str, agent: str = "") -> None:
        rows.append(
            (call, t.strftime("%Y-%m-%dT%H:%M:%SZ"), node, KINDS.get(node, "queue"), event, agent)
        )

    add("main", "enter")
    if rng.random() < 0.3:
        t += timedelta(seconds=rng.randint(8, 20))
        add("orders", "enter")
    if rng.random() < 0.06:  # hangs up in the menus
        return rows
    node = pick(rng, FIRST)
    for _hop in range(8):
        t += timedelta(seconds=rng.randint(10, 40))
        add(node, "enter")
        if node == "order-status-bot":
            t += timedelta(seconds=rng.randint(30, 90))
            add("main", "enter")  # the bot hands back to the menu, then a person
            node = "front-desk"
            continue
        t += timedelta(seconds=int(rng.expovariate(1 / 60)) + 5)
        if rng.random() < 0.07:
            add(node, "abandon")
            return rows
        agent = f"{node}-agent-{rng.randint(1, 12)}"
        add(node, "answer", agent)
        t += timedelta(seconds=int(rng.expovariate(1 / 240)) + 20)
        if rng.random() >= TRANSFER_P[node]:
            add(node, "hangup", agent)
            return rows
        add(node, "transfer", agent)
        if rng.random() < 0.1:  # sent back through the IVR
            t += timedelta(seconds=5)
            add("main", "enter")
        node = pick(rng, NEXT[node])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=0, help="number of calls")
    parser.add_argument("--events", type=int, default=0, help="stop after about this many rows")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if not args.calls and not args.events:
        parser.error("give --calls or --events")
    rng = random.Random(args.seed)
    written = 0
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("call_id", "timestamp", "node", "kind", "event", "agent"))
        number = 0
        at = START
        while (args.calls and number < args.calls) or (args.events and written < args.events):
            at += timedelta(seconds=rng.randint(1, 12))
            rows = call_rows(rng, number, at)
            writer.writerows(rows)
            written += len(rows)
            number += 1
    sys.stderr.write(f"wrote {written} events of {number} calls to {args.out}\n")


if __name__ == "__main__":
    main()
