"""Call logs written from a menu with known behaviour: so many callers do exactly this.

A :class:`Calls` is a group of identical calls: the menus they pass with the key pressed at
each (``None``: no key logged), then the places that handle them. Counts are exact, so a
test can assert the very numbers a diagnostic prints.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

MENU = textwrap.dedent(
    """\
    ivrlint: 1
    name: Test line
    language: en
    entry: main
    menus:
      main:
        prompt: >-
          For billing, press 1. For payments, press 2. For orders, press 3.
          For fax services, press 4. To speak with an agent, press 0.
        options:
          "1": { label: Billing, transfer: billing }
          "2": { label: Payments, transfer: payments }
          "3": { label: Orders, goto: orders }
          "4": { label: Fax services, transfer: fax }
          "9": { label: Hear these options again, action: repeat }
          "0": { label: Speak with an agent, transfer: front-desk }
        no_input: { retries: 2, then: { transfer: front-desk } }
        no_match: { retries: 2, then: { transfer: front-desk } }
      orders:
        prompt: >-
          For the status of an order, press 1. To return an item, press 2. To hear these
          options again, press 9. For the main menu, press star. For an agent, press 0.
        options:
          "1": { label: Order status, transfer: order-bot }
          "2": { label: Returns, transfer: returns }
          "9": { label: Hear these options again, action: repeat }
          "*": { label: Main menu, action: main }
          "0": { label: Speak with an agent, transfer: front-desk }
        no_input: { retries: 2, then: { transfer: front-desk } }
        no_match: { retries: 2, then: { transfer: front-desk } }
    destinations:
      billing: { kind: queue }
      payments: { kind: queue }
      fax: { kind: queue }
      returns: { kind: queue }
      front-desk: { kind: queue }
      order-bot: { kind: self-service }
    """
)
# Lines of MENU where diagnostics point.
LINE = {"main": 6, "main:1": 11, "main:2": 12, "main:3": 13, "main:4": 14, "orders": 19,
        "orders:1": 24, "orders:2": 25}  # fmt: skip


@dataclass(frozen=True)
class Calls:
    count: int
    menus: tuple[tuple[str, str | None], ...]  # (menu id, key pressed or None)
    handlers: tuple[str, ...] = ()  # places after the menus, in order
    resolve: bool = False  # the last handler logs ``resolve``


def well_behaved() -> list[Calls]:
    """Callers who find their choice: a few transfers, zero-outs and hang-ups, nothing that
    crosses a rule's threshold."""
    return [
        Calls(280, (("main", "1"),), ("billing",)),
        Calls(20, (("main", "1"),), ("billing", "payments")),  # 6.7 %: ordinary
        Calls(270, (("main", "2"),), ("payments",)),
        Calls(120, (("main", "3"), ("orders", "1")), ("order-bot",)),
        Calls(80, (("main", "3"), ("orders", "2")), ("returns",)),
        Calls(40, (("main", "4"),), ("fax",)),
        Calls(60, (("main", "0"),), ("front-desk",)),
        Calls(20, (("main", "t"),), ("front-desk",)),
        Calls(30, (("main", None),)),  # hung up at main: 3 %
    ]


def write_log(path: Path, groups: list[Calls], *, keys: bool = True) -> Path:
    """The canonical CSV of ``groups``; without ``keys`` the log has no key column."""
    start = datetime(2024, 3, 4, 8, 0, tzinfo=UTC)
    header = "call_id,timestamp,node,event" + (",key" if keys else "")
    lines = [header]
    number = 0
    for group in groups:
        for _ in range(group.count):
            number += 1
            at = start + timedelta(seconds=7 * number)
            places = [(menu, key) for menu, key in group.menus]
            places += [(handler, None) for handler in group.handlers]
            for step, (node, key) in enumerate(places):
                last = step == len(places) - 1
                event = "resolve" if group.resolve and last else "enter"
                row = f"C{number:06d},{(at + timedelta(seconds=20 * step)).isoformat()},{node},{event}"
                lines.append(row + (f",{key or ''}" if keys else ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
