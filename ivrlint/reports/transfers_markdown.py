"""The transfer report as Markdown, e.g. for a CI job summary (``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

from ivrlint.formatters.markdown import code, escape
from ivrlint.reports.transfers import TransferReport

TABLE_ROWS = 20


def _cell(text: object) -> str:
    return escape(str(text))


def format_markdown(report: TransferReport) -> str:
    m = report.metrics
    out = ["## Transfer report", ""]
    if report.gates:
        for g in report.gates:
            out.append(f"- {'❌' if g.crossed else '✅'} {code(g.gate.text)}: {_cell(g.message())}")
        out.append("")
    out += [
        "| metric | value |",
        "|---|---:|",
        f"| calls | {m.calls} |",
        f"| transferred calls | {m.transferred_calls} ({m.transfer_rate:.1%}) |",
        f"| transfers per call (p50 / p90 / max) | {m.p50} / {m.p90} / {m.max} |",
        f"| ping-pong calls | {m.ping_pong_calls} |",
        f"| loop calls | {m.loop_calls} |",
        f"| long chains ({m.long_at}+ transfers) | {m.long_chain_calls} |",
    ]
    if m.abandoned_after_transfer is not None:
        out.append(f"| abandoned after transfer | {m.abandoned_after_transfer} |")
    if m.median_seconds_per_transfer is not None:
        out.append(f"| median seconds before a transfer | {m.median_seconds_per_transfer:g} |")
    out += ["", "| transfers | calls |", "|---:|---:|"]
    out += [f"| {t} | {c} |" for t, c in m.histogram]
    if m.edges:
        out += ["", "### Transfers", "", "| from | to | calls | share | ping-pong |",
                "|---|---|---:|---:|:-:|"]  # fmt: skip
        out += [
            f"| {_cell(e.source)} | {_cell(e.target)} | {e.calls} | {e.share:.1%} | "
            f"{'yes' if e.ping_pong else ''} |"
            for e in m.edges[:TABLE_ROWS]
        ]
    if m.nodes:
        out += ["", "### Places", "", "| place | handled | transferred out | rate | "
                "arrived by transfer |", "|---|---:|---:|---:|---:|"]  # fmt: skip
        out += [
            f"| {_cell(n.node)} | {n.calls_handled} | {n.transferred_out} | "
            f"{n.transfer_out_rate:.1%} | {n.arrived_by_transfer} |"
            for n in m.nodes[:TABLE_ROWS]
        ]
    if m.top_chains:
        out += ["", "### Most common chains", "", "| calls | chain |", "|---:|---|"]
        out += [f"| {c.calls} | {_cell(' → '.join(c.chain))} |" for c in m.top_chains]
    s = report.summary
    out += ["", f"_Read {s.rows} rows from {len(s.files)} file(s): {s.used} events used, "
            f"{s.skipped} malformed rows skipped, {s.ignored} rows ignored._"]  # fmt: skip
    return "\n".join(out) + "\n"
