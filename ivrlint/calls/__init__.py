"""Call logs: read them into the canonical event log, rebuild each call's chain of places,
and measure transfers.

The API other features build on::

    from ivrlint.calls import read_events, build_chains, transfer_metrics
    log = read_events(["calls.csv"])            # EventLog: .frame (pandas), .summary
    chains = build_chains(log, kinds=None)      # Chains: per-call paths and handler chains
    metrics = transfer_metrics(chains, long_at=3)

Importing this package is cheap; pandas and pyarrow are imported by the functions.
"""

from __future__ import annotations

from ivrlint.calls.chains import Chains, build_chains, kinds_from_menu
from ivrlint.calls.metrics import TransferMetrics, transfer_metrics
from ivrlint.calls.readers import FORMATS, BadRowsFound, read_events
from ivrlint.calls.table import BadRow, EventLog, ReadError, ReadSummary

__all__ = [
    "FORMATS",
    "BadRow",
    "BadRowsFound",
    "Chains",
    "EventLog",
    "ReadError",
    "ReadSummary",
    "TransferMetrics",
    "build_chains",
    "kinds_from_menu",
    "read_events",
    "transfer_metrics",
]
