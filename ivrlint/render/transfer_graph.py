"""The transfer graph: a node per place that handles calls, an edge per transfer, weighted
by the calls that made it; a start node for where calls first reached a handler, and end
nodes for how they finished. Built as a networkx DiGraph, written as DOT for Graphviz.

Edges made by fewer than ``min_share`` of all calls are left out (and counted in the
graph's caption), so a real centre's graph stays readable. Ping-pong edges (some call went
A → B → A) are red; nodes that calls came back to are drawn with a double orange border.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ivrlint.calls.metrics import IVR_ONLY, TransferMetrics
from ivrlint.render import dot_label

if TYPE_CHECKING:
    import networkx as nx

START = "(start)"
OUTCOMES = {"ended": "(ended)", "abandoned": "(abandoned)"}


def transfer_graph(metrics: TransferMetrics, min_share: float = 0.0) -> nx.DiGraph[str]:
    """The graph, pruned at ``min_share``. Node attribute ``role`` is ``start``, ``end`` or
    ``place``; edge attribute ``role`` is ``entry``, ``transfer`` or ``exit``, with ``calls``
    and ``share``; ``graph["hidden_edges"]`` counts the pruned transfer edges."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    total = max(metrics.calls, 1)
    stats = {s.node: s for s in metrics.nodes}
    hidden = 0
    for edge in metrics.edges:
        if edge.share < min_share:
            hidden += 1
            continue
        graph.add_edge(edge.source, edge.target, role="transfer", calls=edge.calls,
                       share=edge.share, ping_pong=edge.ping_pong)  # fmt: skip
    for entry in metrics.entries:
        if entry.share >= min_share:
            graph.add_edge(START, entry.node, role="entry", calls=entry.calls, share=entry.share)
    for exit_ in metrics.exits:
        share = exit_.calls / total
        if share >= min_share and exit_.node != IVR_ONLY:
            end = OUTCOMES[exit_.outcome]
            graph.add_edge(exit_.node, end, role="exit", calls=exit_.calls, share=share)
    for node in graph.nodes:
        if node == START:
            graph.nodes[node]["role"] = "start"
        elif node in OUTCOMES.values():
            graph.nodes[node]["role"] = "end"
        else:
            s = stats.get(node)
            graph.nodes[node].update(
                role="place",
                kind=s.kind if s else None,
                calls=s.calls_handled if s else 0,
                loop_calls=s.loop_calls if s else 0,
            )
    graph.graph["hidden_edges"] = hidden
    graph.graph["min_share"] = min_share
    return graph


def transfer_dot(metrics: TransferMetrics, min_share: float = 0.0) -> str:
    """DOT source of :func:`transfer_graph`; identical input gives identical text."""
    graph = transfer_graph(metrics, min_share)
    names = sorted(graph.nodes)
    ids = {name: f"n{i}" for i, name in enumerate(names)}
    top = max((d["calls"] for _, _, d in graph.edges(data=True) if d["role"] == "transfer"),
              default=1)  # fmt: skip
    lines = [
        "digraph transfers {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, labelloc=t, '
        f'label="{dot_label(_caption(metrics, graph.graph["hidden_edges"], min_share))}"];',
        '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5", '
        'fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9, color="#4a6fa5"];',
    ]
    for name in names:
        data = graph.nodes[name]
        if data["role"] == "start":
            attrs = 'shape=circle, label="start", fillcolor="#d9ead3", color="#6aa84f"'
        elif data["role"] == "end":
            colour = "#f4cccc" if name == OUTCOMES["abandoned"] else "#eeeeee"
            attrs = (
                f'shape=doublecircle, label="{dot_label(name.strip("()"))}", fillcolor="{colour}"'
            )
        else:
            kind = f"\n{data['kind']}" if data.get("kind") else ""
            label = f"{name}{kind}\n{data['calls']} calls"
            attrs = f'label="{dot_label(label)}"'
            if data.get("loop_calls"):
                attrs += ', color="#e69138", peripheries=2'
        lines.append(f"  {ids[name]} [{attrs}];")
    for source, target in sorted(graph.edges):
        data = graph.edges[source, target]
        label = f"{data['calls']} ({data['share']:.0%})"
        if data["role"] == "transfer":
            width = 1 + 5 * data["calls"] / top
            attrs = f'label="{dot_label(label)}", penwidth={width:.2f}'
            if data["ping_pong"]:
                attrs += ', color="#cc0000", fontcolor="#cc0000"'
        else:
            attrs = f'label="{dot_label(label)}", style=dashed, color="#999999"'
        lines.append(f"  {ids[source]} -> {ids[target]} [{attrs}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _caption(metrics: TransferMetrics, hidden: int, min_share: float) -> str:
    text = (
        f"{metrics.calls} calls, {metrics.transferred_calls} transferred "
        f"({metrics.transfer_rate:.1%}); red: ping-pong; double border: calls came back"
    )
    if hidden:
        text += f"\n{hidden} transfer edges under {min_share:.1%} of calls not drawn"
    return text
