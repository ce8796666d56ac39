"""Transfer metrics from chains: rates, the histogram, ping-pongs, loops, long chains,
the transfer graph's edges, per-node figures and the most common chains.

All of it is computed over the flat step arrays of :class:`~ivrlint.calls.chains.Chains`
(shifts, ``bincount``, ``unique``); nothing loops over calls in Python. Results are frozen
dataclasses, sorted so that the same log always gives the same report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ivrlint.calls.chains import Chains

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    calls: int  # calls that made this move at least once
    share: float  # of all calls
    out_share: float  # of the calls transferred out of ``source``
    ping_pong: bool  # some call went source → target → source


@dataclass(frozen=True)
class Entry:
    node: str  # the first place that handled calls
    calls: int
    share: float


@dataclass(frozen=True)
class Exit:
    node: str  # the last place that handled calls ("(IVR only)" when none did)
    outcome: str  # "abandoned" or "ended"
    calls: int


@dataclass(frozen=True)
class NodeStats:
    node: str
    kind: str | None
    calls_handled: int
    transferred_out: int
    transfer_out_rate: float
    arrived_by_transfer: int
    loop_calls: int  # calls that came back to this node after leaving it
    abandoned_after_transfer: int | None  # None when the log has no events
    median_seconds_before_transfer: float | None  # at this node, before moving on


@dataclass(frozen=True)
class ChainCount:
    chain: tuple[str, ...]
    calls: int


@dataclass(frozen=True)
class TransferMetrics:
    calls: int
    handled_calls: int  # calls that reached at least one place that handles calls
    transferred_calls: int
    transfer_rate: float  # transferred_calls / calls
    transfers: int
    histogram: tuple[tuple[int, int], ...]  # (transfers, calls), every count from 0 to max
    p50: int
    p90: int
    max: int
    ping_pong_calls: int
    loop_calls: int
    long_chain_calls: int
    long_at: int
    abandoned_calls: int | None
    abandoned_after_transfer: int | None
    mean_seconds_per_transfer: float | None
    median_seconds_per_transfer: float | None
    edges: tuple[Edge, ...]
    entries: tuple[Entry, ...]
    exits: tuple[Exit, ...]
    nodes: tuple[NodeStats, ...]
    top_chains: tuple[ChainCount, ...]

    def value(self, name: str) -> float | None:
        """A top-level figure by name, for thresholds (None when the log lacks it)."""
        found = getattr(self, name, None)
        return float(found) if isinstance(found, int | float) else None


NUMERIC = (
    "calls", "handled_calls", "transferred_calls", "transfer_rate", "transfers", "p50", "p90",
    "max", "ping_pong_calls", "loop_calls", "long_chain_calls", "abandoned_calls",
    "abandoned_after_transfer", "mean_seconds_per_transfer", "median_seconds_per_transfer",
)  # fmt: skip
# Counts of calls: "N%" in a threshold means N percent of all calls.
CALL_COUNTS = frozenset(
    {"handled_calls", "transferred_calls", "ping_pong_calls", "loop_calls", "long_chain_calls",
     "abandoned_calls", "abandoned_after_transfer"}
)  # fmt: skip


def _ratio(part: float, whole: float) -> float:
    return round(part / whole, 6) if whole else 0.0


def transfer_metrics(chains: Chains, long_at: int = 3, top: int = 10) -> TransferMetrics:
    import numpy as np

    n = chains.n_calls
    calls = chains.step_calls()
    nodes = chains.step_nodes()
    times = chains.step_times()
    transfers = chains.transfers()
    counts = np.bincount(transfers, minlength=1) if n else np.zeros(1, dtype=np.int64)
    moves = np.flatnonzero(calls[1:] == calls[:-1]) if len(calls) else np.zeros(0, np.int64)
    src, dst, move_call = nodes[moves], nodes[moves + 1], calls[moves]
    pp = np.flatnonzero((calls[2:] == calls[:-2]) & (nodes[2:] == nodes[:-2]))
    ping_pong_calls = _distinct(calls[pp])
    revisit_call, revisit_node = _revisits(calls, nodes)
    abandoned = chains.abandoned
    seconds = (times[moves + 1] - times[moves]) / 1e9
    return TransferMetrics(
        calls=n,
        handled_calls=int((chains.handler_counts() > 0).sum()),
        transferred_calls=int((transfers > 0).sum()),
        transfer_rate=_ratio(int((transfers > 0).sum()), n),
        transfers=int(transfers.sum()),
        histogram=tuple((i, int(c)) for i, c in enumerate(counts.tolist())),
        p50=_percentile(counts, n, 0.5),
        p90=_percentile(counts, n, 0.9),
        max=int(transfers.max()) if n else 0,
        ping_pong_calls=len(ping_pong_calls),
        loop_calls=len(_distinct(revisit_call)),
        long_chain_calls=int((transfers >= long_at).sum()),
        long_at=long_at,
        abandoned_calls=int(abandoned.sum()) if abandoned is not None else None,
        abandoned_after_transfer=(
            int((abandoned & (transfers > 0)).sum()) if abandoned is not None else None
        ),
        mean_seconds_per_transfer=round(float(seconds.mean()), 3) if len(seconds) else None,
        median_seconds_per_transfer=round(float(np.median(seconds)), 3) if len(seconds) else None,
        edges=_edges(chains, src, dst, move_call, calls[pp], nodes[pp], nodes[pp + 1]),
        entries=_entries(chains, calls, nodes),
        exits=_exits(chains, calls, nodes),
        nodes=_node_stats(
            chains, calls, nodes, (src, dst, move_call), seconds, revisit_node, transfers
        ),
        top_chains=_top_chains(chains, calls, nodes, top),
    )


def _percentile(histogram: Ints, total: int, q: float) -> int:
    """The smallest value at or below which at least ``q`` of the calls fall, read from
    the histogram of values (``histogram[v]``: calls with value ``v``)."""
    import math

    import numpy as np

    if total == 0:
        return 0
    index = max(math.ceil(q * total) - 1, 0)  # in the values sorted
    return int(np.searchsorted(np.cumsum(histogram), index, side="right"))


def _pairs(a: Ints, b: Ints, width: int) -> Ints:
    return a.astype("int64") * width + b


def _distinct(values: Ints) -> Ints:
    """Distinct values, ascending. A stable sort (a merge of runs: nearly free on keys that
    lead with the call, as the step arrays are grouped by call) and a look at each
    neighbour; no hashing."""
    import numpy as np

    if len(values) == 0:
        return values
    ordered = np.sort(values, kind="stable")
    distinct: Ints = ordered[np.r_[True, ordered[1:] != ordered[:-1]]]
    return distinct


def _unique_pairs(a: Ints, b: Ints) -> tuple[Ints, Ints]:
    """Distinct (a, b) pairs."""
    if len(a) == 0:
        return a, b
    width = int(b.max()) + 1
    keys = _distinct(_pairs(a, b, width))
    return keys // width, keys % width


def _revisits(calls: Ints, nodes: Ints) -> tuple[Ints, Ints]:
    """(call, node) of every return to a node a call's handler chain had already left."""
    import numpy as np

    if len(calls) == 0:
        return calls, nodes
    width = int(nodes.max()) + 1
    keys = np.sort(_pairs(calls, nodes, width), kind="stable")
    repeated = _distinct(keys[1:][keys[1:] == keys[:-1]])
    return repeated // width, repeated % width


def _edges(
    chains: Chains, src: Ints, dst: Ints, move_call: Ints, pp_call: Ints, pp_a: Ints, pp_b: Ints
) -> tuple[Edge, ...]:
    import numpy as np

    if len(src) == 0:
        return ()
    width = len(chains.node_names)
    pair = _pairs(src, dst, width)
    call_pair_call, call_pair = _unique_pairs(move_call, pair)
    keys, calls = np.unique(call_pair, return_counts=True)
    out_calls = _count_distinct(call_pair_call, call_pair // width)
    pp_pairs = set(_pairs(pp_a, pp_b, width).tolist()) | set(_pairs(pp_b, pp_a, width).tolist())
    names = chains.node_names
    edges = [
        Edge(
            str(names[k // width]),
            str(names[k % width]),
            int(c),
            _ratio(int(c), chains.n_calls),
            _ratio(int(c), out_calls[k // width]),
            k in pp_pairs,
        )
        for k, c in zip(keys.tolist(), calls.tolist(), strict=True)
    ]
    return tuple(sorted(edges, key=lambda e: (-e.calls, e.source, e.target)))


def _count_distinct(calls: Ints, groups: Ints) -> dict[int, int]:
    """Per group: the number of distinct calls."""
    import numpy as np

    if len(calls) == 0:
        return {}
    _, group_of = _unique_pairs(calls, groups)
    keys, counts = np.unique(group_of, return_counts=True)
    return dict(zip(keys.tolist(), counts.tolist(), strict=True))


def _entries(chains: Chains, calls: Ints, nodes: Ints) -> tuple[Entry, ...]:
    import numpy as np

    if len(calls) == 0:
        return ()
    first = np.r_[True, calls[1:] != calls[:-1]]
    keys, counts = np.unique(nodes[first], return_counts=True)
    entries = [
        Entry(str(chains.node_names[k]), int(c), _ratio(int(c), chains.n_calls))
        for k, c in zip(keys.tolist(), counts.tolist(), strict=True)
    ]
    return tuple(sorted(entries, key=lambda e: (-e.calls, e.node)))


IVR_ONLY = "(IVR only)"


def _exits(chains: Chains, calls: Ints, nodes: Ints) -> tuple[Exit, ...]:
    import numpy as np

    n = chains.n_calls
    last_node = np.full(n, -1, dtype=np.int64)
    if len(calls):
        last = np.r_[calls[1:] != calls[:-1], True]
        last_node[calls[last]] = nodes[last]
    abandoned = chains.abandoned if chains.abandoned is not None else np.zeros(n, dtype=bool)
    tally = np.bincount((last_node + 1) * 2 + abandoned)  # per (last node, outcome)
    keys = np.flatnonzero(tally)
    counts = tally[keys]
    exits = [
        Exit(
            IVR_ONLY if k // 2 == 0 else str(chains.node_names[k // 2 - 1]),
            "abandoned" if k % 2 else "ended",
            int(c),
        )
        for k, c in zip(keys.tolist(), counts.tolist(), strict=True)
    ]
    return tuple(sorted(exits, key=lambda e: (-e.calls, e.node, e.outcome)))


def _node_stats(
    chains: Chains,
    calls: Ints,
    nodes: Ints,
    moves: tuple[Ints, Ints, Ints],
    seconds: Any,
    revisit_node: Ints,
    transfers: Ints,
) -> tuple[NodeStats, ...]:
    import numpy as np

    src, dst, move_call = moves
    width = len(chains.node_names)

    def distinct_calls(call: Ints, node: Ints) -> Ints:
        if len(call) == 0:
            return np.zeros(width, dtype=np.int64)
        _, unique_nodes = _unique_pairs(call, node)
        return np.bincount(unique_nodes, minlength=width)

    handled = distinct_calls(calls, nodes)
    out = distinct_calls(move_call, src)
    arrived = distinct_calls(move_call, dst)
    loops = np.bincount(revisit_node, minlength=width)
    abandoned_here: Ints | None = None
    if chains.abandoned is not None and len(calls):
        last = np.r_[calls[1:] != calls[:-1], True]
        hit = last & chains.abandoned[calls] & (transfers[calls] > 0)
        abandoned_here = np.bincount(nodes[hit], minlength=width)
    medians = _medians(src, seconds)
    stats = [
        NodeStats(
            node=str(chains.node_names[i]),
            kind=chains.node_kinds[i],
            calls_handled=int(handled[i]),
            transferred_out=int(out[i]),
            transfer_out_rate=_ratio(int(out[i]), int(handled[i])),
            arrived_by_transfer=int(arrived[i]),
            loop_calls=int(loops[i]),
            abandoned_after_transfer=(
                int(abandoned_here[i]) if abandoned_here is not None else None
            ),
            median_seconds_before_transfer=medians.get(i),
        )
        for i in np.flatnonzero(handled).tolist()
    ]
    return tuple(sorted(stats, key=lambda s: (-s.calls_handled, s.node)))


def _medians(groups: Ints, values: Any) -> dict[int, float]:
    """Median of ``values`` per group, via one sort."""
    import numpy as np

    if len(groups) == 0:
        return {}
    order = np.lexsort((values, groups))
    g, v = groups[order], values[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    ends = np.r_[starts[1:], len(g)]
    lo = v[starts + (ends - starts - 1) // 2]
    hi = v[starts + (ends - starts) // 2]
    return {
        int(k): round(float(m), 3)
        for k, m in zip(g[starts].tolist(), ((lo + hi) / 2).tolist(), strict=True)
    }


def _top_chains(chains: Chains, calls: Ints, nodes: Ints, top: int) -> tuple[ChainCount, ...]:
    """The most common handler chains: calls grouped by chain length, chains of one length
    compared as rows of a matrix (exact, no hashing). Ties go to the chain whose names sort
    first."""
    import numpy as np

    if len(calls) == 0 or top <= 0:
        return ()
    length = np.bincount(calls, minlength=chains.n_calls)
    step_length = length[calls]
    found: list[ChainCount] = []
    names = chains.node_names.to_numpy()
    width = len(names)
    for size in np.flatnonzero(np.bincount(step_length)).tolist():
        rows = nodes[step_length == size].reshape(-1, size)
        unique, counts = _unique_rows(rows, width)
        if len(counts) > top:
            cutoff = np.partition(counts, len(counts) - top)[len(counts) - top]
            keep = counts >= cutoff
            unique, counts = unique[keep], counts[keep]
        found.extend(
            ChainCount(tuple(str(x) for x in names[row]), int(c))
            for row, c in zip(unique, counts.tolist(), strict=True)
        )
    found.sort(key=lambda cc: (-cc.calls, cc.chain))
    return tuple(found[:top])


def _unique_rows(rows: Any, width: int) -> tuple[Any, Ints]:
    """Distinct rows of node codes (each below ``width``) in lexicographic order, and how
    often each occurs. A row is read as one number in base ``width`` when it fits in 63
    bits (chains of one length sort as those numbers do), else compared whole."""
    import numpy as np

    size = rows.shape[1]
    if width**size >= 2**63:
        unique_rows, row_counts = np.unique(rows, axis=0, return_counts=True)
        return unique_rows, row_counts
    keys = np.zeros(len(rows), dtype=np.int64)
    for j in range(size):
        keys *= width
        keys += rows[:, j]
    unique_keys, counts = np.unique(keys, return_counts=True)
    unique = np.empty((len(unique_keys), size), dtype=rows.dtype)
    for j in range(size - 1, -1, -1):
        unique[:, j] = unique_keys % width
        unique_keys //= width
    return unique, counts
