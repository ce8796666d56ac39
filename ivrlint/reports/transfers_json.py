"""The transfer report as JSON: stable keys, sorted lists, no timestamps of the run."""

from __future__ import annotations

import json
from typing import Any

from ivrlint.reports.transfers import TransferReport


def report_dict(report: TransferReport) -> dict[str, Any]:
    m = report.metrics
    s = report.summary
    return {
        "calls": m.calls,
        "handled_calls": m.handled_calls,
        "transferred_calls": m.transferred_calls,
        "transfer_rate": m.transfer_rate,
        "transfers": m.transfers,
        "transfers_histogram": {str(k): v for k, v in m.histogram},
        "transfers_per_call": {"p50": m.p50, "p90": m.p90, "max": m.max},
        "ping_pong_calls": m.ping_pong_calls,
        "loop_calls": m.loop_calls,
        "long_chain_calls": m.long_chain_calls,
        "long_at": m.long_at,
        "abandoned_calls": m.abandoned_calls,
        "abandoned_after_transfer": m.abandoned_after_transfer,
        "seconds_per_transfer": {
            "mean": m.mean_seconds_per_transfer,
            "median": m.median_seconds_per_transfer,
        },
        "edges": [
            {
                "from": e.source,
                "to": e.target,
                "calls": e.calls,
                "share": e.share,
                "out_share": e.out_share,
                "ping_pong": e.ping_pong,
            }
            for e in m.edges
        ],
        "routing": [{"to": e.node, "calls": e.calls, "share": e.share} for e in m.entries],
        "exits": [{"from": e.node, "outcome": e.outcome, "calls": e.calls} for e in m.exits],
        "nodes": [
            {
                "node": n.node,
                "kind": n.kind,
                "calls_handled": n.calls_handled,
                "transferred_out": n.transferred_out,
                "transfer_out_rate": n.transfer_out_rate,
                "arrived_by_transfer": n.arrived_by_transfer,
                "loop_calls": n.loop_calls,
                "abandoned_after_transfer": n.abandoned_after_transfer,
                "median_seconds_before_transfer": n.median_seconds_before_transfer,
            }
            for n in m.nodes
        ],
        "top_chains": [{"chain": list(c.chain), "calls": c.calls} for c in m.top_chains],
        "gates": [
            {"expression": g.gate.text, "value": g.actual, "crossed": g.crossed}
            for g in report.gates
        ],
        "failed": report.failed,
        "read": {
            "files": [
                {
                    "path": f.path,
                    "format": f.format,
                    "detected": f.detected,
                    "rows": f.rows,
                    "used": f.used,
                    "skipped": f.skipped,
                    "ignored": f.ignored,
                    "notes": list(f.notes),
                }
                for f in s.files
            ],
            "rows": s.rows,
            "used": s.used,
            "skipped": s.skipped,
            "skipped_by_reason": dict(s.skipped_by_reason),
            "ignored_by_reason": dict(s.ignored_by_reason),
            "bad_rows": [{"where": b.where(), "reason": b.reason} for b in s.bad_rows[:100]],
        },
    }


def format_json(report: TransferReport) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
