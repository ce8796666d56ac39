"""The transfer report as one self-contained HTML file (inline SVG graph and chart, no
scripts, no outside resources), from a jinja2 template shipped in the package with
autoescaping on: every name from the log is escaped."""

from __future__ import annotations

import re
from importlib import resources

from ivrlint.reports.transfers import TransferReport

TEMPLATE = "transfers_report.html.j2"
TABLE_ROWS = 50
BAR_HEIGHT = 120


def _inline_svg(svg: str) -> str:
    """Graphviz SVG without its XML prolog and doctype, ready to sit inside HTML."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else ""


def format_html(report: TransferReport) -> str:
    import jinja2

    source = resources.files("ivrlint").joinpath("data", TEMPLATE).read_text(encoding="utf-8")
    env = jinja2.Environment(
        autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )
    template = env.from_string(source)
    m = report.metrics
    peak = max((c for _, c in m.histogram), default=0) or 1
    histogram = [(t, c, round(BAR_HEIGHT * c / peak)) for t, c in m.histogram]
    svg = _inline_svg(report.graph_svg) if report.graph_svg else None
    if svg:
        svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    return template.render(
        m=m, s=report.summary, gates=report.gates, histogram=histogram, graph_svg=svg,
        rows=TABLE_ROWS,
    )  # fmt: skip
