"""Each call's chain of places, built with sorts and shifts over integer codes.

- The **path** of a call is its events ordered by time (ties keep file order) with repeats
  of the same node in a row folded into one: every place the call passed, IVR included.
- The **handler chain** is the path without automated places (``ivr``, ``self-service``),
  folded again: A → IVR → B is A → B, and A → IVR → A is just A. Every move in it is a
  transfer.

Whether a node is automated comes from the menu (``kinds``: menu ids are IVR nodes,
destinations give their kind), else from the row's ``kind`` column, else the node is a
place that handles calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ivrlint.calls.table import AUTOMATED_KINDS, KINDS, EventLog

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from ivrlint.model import MenuFile

    Ints = npt.NDArray[np.int64]
    Bools = npt.NDArray[np.bool_]

# How the menu format's destination kinds read as call-log kinds.
MENU_KINDS = {
    "queue": "queue",
    "agent": "agent",
    "number": "external",
    "voicemail": "voicemail",
    "self-service": "self-service",
}


def kinds_from_menu(menu: MenuFile) -> dict[str, str]:
    """Node kinds a menu file declares: its menu ids are ``ivr``; destinations give theirs."""
    kinds = {d.id: MENU_KINDS[d.kind] for d in menu.destinations.values() if d.kind in MENU_KINDS}
    kinds.update(dict.fromkeys(menu.menus, "ivr"))
    return kinds


@dataclass(frozen=True)
class Chains:
    """Every call's path and handler chain, as flat arrays sorted by call then order.

    Calls and nodes are integer codes into ``call_ids`` and ``node_names`` (the log's
    categories: their order means nothing; for CSV it is the order of first appearance,
    so a log grouped by call has its codes ascending). ``events`` is the
    event log in chain order (call, time, file order) with ``call`` and ``node`` codes and the
    resolved ``kind`` and ``automated`` flag per row; ``path_rows`` and ``step_rows`` index
    into it.
    """

    call_ids: pd.Index
    node_names: pd.Index
    node_kinds: tuple[str | None, ...]  # per node code: the kind it was seen with
    events: pd.DataFrame
    path_rows: Ints  # rows of ``events`` that start a place on a call's path
    step_rows: Ints  # rows of ``events`` that start a place on a call's handler chain
    step_pos: Ints  # position of each step in its call's handler chain (0-based)
    abandoned: Bools | None  # per call: the log says the caller abandoned; None without events

    @property
    def n_calls(self) -> int:
        return len(self.call_ids)

    def step_calls(self) -> Ints:
        return self.events["call"].to_numpy()[self.step_rows]

    def step_nodes(self) -> Ints:
        return self.events["node"].to_numpy()[self.step_rows]

    def step_times(self) -> Ints:
        return self.events["ns"].to_numpy()[self.step_rows]

    def handler_counts(self) -> Ints:
        """Number of places in each call's handler chain."""
        import numpy as np

        return np.bincount(self.step_calls(), minlength=self.n_calls)

    def transfers(self) -> Ints:
        """Transfers per call: moves in its handler chain."""
        import numpy as np

        return np.maximum(self.handler_counts() - 1, 0)

    def handler_chains(self) -> dict[str, tuple[str, ...]]:
        """Call id → handler chain as names. One Python object per call: for small logs,
        tests and display, not for metrics."""
        return self._by_call(self.step_rows)

    def paths(self) -> dict[str, tuple[str, ...]]:
        """Call id → path (IVR nodes included) as names; as :meth:`handler_chains`."""
        return self._by_call(self.path_rows)

    def _by_call(self, rows: Ints) -> dict[str, tuple[str, ...]]:
        calls = self.events["call"].to_numpy()[rows]
        names = self.node_names.to_numpy()[self.events["node"].to_numpy()[rows]]
        # keys in call id order (codes follow first appearance in the log)
        result: dict[str, tuple[str, ...]] = dict.fromkeys(sorted(map(str, self.call_ids)), ())
        for call, name in zip(calls.tolist(), names.tolist(), strict=True):
            key = str(self.call_ids[call])
            result[key] = (*result[key], str(name))
        return result


def timestamps_ns(series: pd.Series) -> Ints:
    values: Any = series.astype("datetime64[ns, UTC]").array
    return values.asi8  # type: ignore[no-any-return]


def build_chains(log: EventLog, kinds: Mapping[str, str] | None = None) -> Chains:
    """Rebuild every call's path and handler chain (see the module docstring)."""
    import numpy as np
    import pandas as pd

    frame = log.frame
    node_names = frame["node"].cat.categories
    # codes in their own small types (a gather or a comparison reads less) until the
    # ``events`` columns are made, last, as int64
    small: dict[str, Any] = {
        "call": frame["call_id"].cat.codes.to_numpy(),
        "node": frame["node"].cat.codes.to_numpy(),
        "ns": timestamps_ns(frame["timestamp"]),
        "kind": _kind_codes(frame, node_names, kinds),
        "event": frame["event"].cat.codes.to_numpy(),
    }
    node_kinds = _node_kinds(small["node"], small["kind"], len(node_names))
    order = _chain_order(small["call"], small["ns"])
    if order is not None:
        small = {name: values[order] for name, values in small.items()}
    c, v = small["call"], small["node"]
    automated_codes = [KINDS.index(k) for k in sorted(AUTOMATED_KINDS)]
    automated = np.isin(small["kind"], automated_codes)
    path_rows = np.flatnonzero(_starts(c, v))
    handler = np.flatnonzero(~automated)
    step_rows = handler[_starts(c[handler], v[handler])]
    del handler
    step_calls = c[step_rows]
    first = np.r_[True, step_calls[1:] != step_calls[:-1]]
    run_start = np.maximum.accumulate(np.where(first, np.arange(len(step_calls)), 0))
    step_pos = np.arange(len(step_calls)) - run_start
    abandoned = None
    if log.has("event"):
        abandon_code = frame["event"].cat.categories.get_loc("abandon")
        hits = c[small["event"] == abandon_code]
        abandoned = np.bincount(hits, minlength=len(frame["call_id"].cat.categories)) > 0
    events = pd.DataFrame(
        {
            "call": c.astype(np.int64),
            "node": v.astype(np.int64),
            # copied when not sorted: changing ``events`` must never change the log
            "ns": small["ns"] if order is not None else small["ns"].copy(),
            "kind": small["kind"].astype(np.int64),
            "event": small["event"] if order is not None else small["event"].copy(),
            "source_row": order if order is not None else np.arange(len(c), dtype=np.int64),
            "automated": automated,
        },
        copy=False,
    )
    del small, c, v
    return Chains(
        call_ids=frame["call_id"].cat.categories,
        node_names=node_names,
        node_kinds=node_kinds,
        events=events,
        path_rows=path_rows,
        step_rows=step_rows,
        step_pos=step_pos,
        abandoned=abandoned,
    )


def _chain_order(call: npt.NDArray[np.integer[Any]], ns: Ints) -> Ints | None:
    """Row order by call, then time, then file order; None when the rows are already in
    that order, as exports grouped by call usually are (call codes follow first
    appearance, so a grouped log has them ascending whatever its ids).

    One stable sort on a key that packs the call and the time, when both fit in 63 bits
    (times counted in their common step: whole seconds in most logs), else two."""
    import numpy as np

    if len(call) < 2:
        return None
    same_call = call[1:] == call[:-1]
    if bool(np.all((call[1:] > call[:-1]) | (same_call & (ns[1:] >= ns[:-1])))):
        return None
    del same_call
    offset = ns - ns.min()
    step = int(np.gcd.reduce(offset)) or 1
    span = int(offset.max()) // step + 1
    if (int(call.max()) + 1) * span < 2**63:
        if step > 1:
            offset //= step
        key = call.astype(np.int64) * span
        key += offset
        return np.argsort(key, kind="stable")
    order = np.argsort(ns, kind="stable")
    return order[np.argsort(call[order], kind="stable")]


def _starts(calls: Ints, nodes: Ints) -> Bools:
    """Rows that begin a new place: a new call, or a node other than the row before."""
    import numpy as np

    if len(calls) == 0:
        return np.zeros(0, dtype=bool)
    starts: Bools = np.r_[True, (calls[1:] != calls[:-1]) | (nodes[1:] != nodes[:-1])]
    return starts


def _kind_codes(
    frame: pd.DataFrame, node_names: pd.Index, kinds: Mapping[str, str] | None
) -> npt.NDArray[np.integer[Any]]:
    """Per row: the index in KINDS of its kind (-1: a handler of no stated kind), in the
    kind column's code type. The menu decides for the nodes it names; the ``kind`` column
    for the rest."""
    import numpy as np

    row_kind: npt.NDArray[np.integer[Any]] = frame["kind"].cat.codes.to_numpy()
    if not kinds:
        return row_kind
    per_node = np.array(
        [KINDS.index(kinds[n]) if kinds.get(n) in KINDS else -1 for n in node_names.tolist()]
        + [-1],
        dtype=row_kind.dtype,
    )
    menu_kind = per_node[frame["node"].cat.codes.to_numpy()]
    return np.where(menu_kind >= 0, menu_kind, row_kind)


def _node_kinds(nodes: Any, kind_codes: Any, count: int) -> tuple[str | None, ...]:
    """Per node, the kind it is most often recorded with (None when never stated)."""
    import numpy as np

    width = len(KINDS) + 1  # column 0 counts the rows that state no kind
    cells = nodes.astype(np.int64) * width
    cells += kind_codes
    cells += 1
    table = np.bincount(cells, minlength=count * width).reshape(count, width)[:, 1:]
    best = table.argmax(axis=1)
    seen = table.sum(axis=1) > 0
    return tuple(KINDS[b] if s else None for b, s in zip(best.tolist(), seen.tolist(), strict=True))
