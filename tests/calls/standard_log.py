from __future__ import annotations

from pathlib import Path
from typing import Any

from ivrlint.calls import build_chains, read_events, transfer_metrics
from ivrlint.calls.metrics import TransferMetrics

# One log, six calls with known chains, written out of time order on purpose:
# c1 main → billing → main → sales   (a transfer back through the IVR: billing → sales)
# c2 main → sales
# c3 main → A → B → main → A, abandons at A   (ping-pong and loop, 2 transfers)
# c4 main only
# c5 A → B → C → D   (3 transfers: a long chain)
# c6 sales, sales    (two events at the same node in a row: no transfer)
EVENTS: list[tuple[str, str, str, str, str]] = [
    ("c1", "2024-03-01T09:00:20Z", "sales", "queue", "enter"),
    ("c1", "2024-03-01T09:00:00Z", "main", "ivr", "enter"),
    ("c1", "2024-03-01T09:00:05Z", "billing", "queue", "answer"),
    ("c1", "2024-03-01T09:00:12Z", "main", "ivr", "enter"),
    ("c2", "2024-03-01T09:01:00+03:00", "main", "ivr", "enter"),
    ("c2", "2024-03-01T06:01:30", "sales", "queue", "answer"),
    ("c3", "1709283600", "main", "ivr", "enter"),
    ("c3", "1709283610", "A", "queue", "answer"),
    ("c3", "1709283640", "B", "queue", "answer"),
    ("c3", "1709283650", "main", "ivr", "enter"),
    ("c3", "1709283700", "A", "queue", "abandon"),
    ("c4", "2024-03-01T09:03:00Z", "main", "ivr", "hangup"),
    ("c5", "2024-03-01T09:04:00Z", "A", "queue", "answer"),
    ("c5", "2024-03-01T09:04:30Z", "B", "queue", "answer"),
    ("c5", "2024-03-01T09:05:00Z", "C", "agent", "answer"),
    ("c5", "2024-03-01T09:05:30Z", "D", "external", "enter"),
    ("c6", "2024-03-01T09:06:00Z", "sales", "queue", "enter"),
    ("c6", "2024-03-01T09:06:10Z", "sales", "queue", "answer"),
]

CHAINS = {
    "c1": ("billing", "sales"),
    "c2": ("sales",),
    "c3": ("A", "B", "A"),
    "c4": (),
    "c5": ("A", "B", "C", "D"),
    "c6": ("sales",),
}


def analyse(paths: list[str | Path], **kwargs: Any) -> TransferMetrics:
    log = read_events(paths, **kwargs)
    return transfer_metrics(build_chains(log))


def check_standard(metrics: TransferMetrics) -> None:
    """Every figure of the six-call log above."""
    assert metrics.calls == 6
    assert metrics.handled_calls == 5
    assert metrics.transferred_calls == 3
    assert metrics.transfer_rate == 0.5
    assert metrics.transfers == 6
    assert metrics.histogram == ((0, 3), (1, 1), (2, 1), (3, 1))
    assert (metrics.p50, metrics.p90, metrics.max) == (0, 3, 3)
    assert metrics.ping_pong_calls == 1
    assert metrics.loop_calls == 1
    assert metrics.long_chain_calls == 1
    assert [(e.source, e.target, e.calls) for e in metrics.edges] == [
        ("A", "B", 2),
        ("B", "A", 1),
        ("B", "C", 1),
        ("C", "D", 1),
        ("billing", "sales", 1),
    ]
    assert [(c.chain, c.calls) for c in metrics.top_chains] == [
        (("sales",), 2),
        (("A", "B", "A"), 1),
        (("A", "B", "C", "D"), 1),
        (("billing", "sales"), 1),
    ]
