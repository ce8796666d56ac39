"""The transfer report for a terminal."""

from __future__ import annotations

from ivrlint.reports.transfers import TransferReport

TABLE_ROWS = 15


def _pct(value: float) -> str:
    return f"{value:.1%}"


def format_text(report: TransferReport) -> str:
    m = report.metrics
    out = [
        f"calls                {m.calls}",
        f"reached a handler    {m.handled_calls}",
        f"transferred          {m.transferred_calls} ({_pct(m.transfer_rate)})",
        f"transfers per call   p50 {m.p50}, p90 {m.p90}, max {m.max}",
        f"ping-pong calls      {m.ping_pong_calls}  (A → B → A)",
        f"loop calls           {m.loop_calls}  (a place visited twice)",
        f"long chains          {m.long_chain_calls}  ({m.long_at}+ transfers)",
    ]
    if m.abandoned_after_transfer is not None:
        out.append(
            f"abandoned after transfer {m.abandoned_after_transfer} "
            f"(of {m.abandoned_calls} abandoned)"
        )
    if m.median_seconds_per_transfer is not None:
        out.append(
            f"time before transfer median {m.median_seconds_per_transfer:g} s, "
            f"mean {m.mean_seconds_per_transfer:.0f} s"
        )
    out += ["", "transfers per call:"]
    peak = max((c for _, c in m.histogram), default=1) or 1
    for transfers, calls in m.histogram:
        bar = "█" * max(1 if calls else 0, round(30 * calls / peak))
        out.append(f"  {transfers:>3}  {calls:>8}  {bar}")
    if m.edges:
        out += ["", "transfers (from → to: calls, share of all calls):"]
        width = max(len(f"{e.source} → {e.target}") for e in m.edges[:TABLE_ROWS])
        for e in m.edges[:TABLE_ROWS]:
            mark = "  ping-pong" if e.ping_pong else ""
            move = f"{e.source} → {e.target}"
            out.append(f"  {move:<{width}}  {e.calls:>7}  {_pct(e.share):>6}{mark}")
        if len(m.edges) > TABLE_ROWS:
            out.append(f"  ... {len(m.edges) - TABLE_ROWS} more (see --format json)")
    if m.nodes:
        out += ["", "places (handled, transferred out, arrived by transfer):"]
        width = max(len(n.node) for n in m.nodes[:TABLE_ROWS])
        for n in m.nodes[:TABLE_ROWS]:
            out.append(
                f"  {n.node:<{width}}  {n.calls_handled:>7}  {n.transferred_out:>7} "
                f"({_pct(n.transfer_out_rate):>6})  {n.arrived_by_transfer:>7}"
            )
    if m.top_chains:
        out += ["", "most common chains:"]
        for c in m.top_chains:
            out.append(f"  {c.calls:>7}  {' → '.join(c.chain)}")
    if report.gates:
        out += [""] + [g.message() for g in report.gates]
    return "\n".join(out) + "\n"
