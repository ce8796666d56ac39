"""Transfer reports: one data object, four formats (text, JSON, Markdown, HTML).

The CLI builds a :class:`TransferReport`; each formatter turns it into a string. Nothing
here reads files or prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ivrlint.calls.gates import GateResult
from ivrlint.calls.metrics import TransferMetrics
from ivrlint.calls.table import ReadSummary


@dataclass(frozen=True)
class TransferReport:
    metrics: TransferMetrics
    summary: ReadSummary
    gates: tuple[GateResult, ...] = ()
    graph_svg: str | None = None  # inline SVG for HTML, when Graphviz is installed
    graph_dot: str | None = None

    @property
    def failed(self) -> bool:
        return any(g.crossed for g in self.gates)


def formatter(name: str) -> Callable[[TransferReport], str]:
    from ivrlint.reports import transfers_html, transfers_json, transfers_markdown, transfers_text

    return {
        "text": transfers_text.format_text,
        "json": transfers_json.format_json,
        "markdown": transfers_markdown.format_markdown,
        "html": transfers_html.format_html,
    }[name]
