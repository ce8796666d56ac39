"""Join a call log to a menu file: which option each caller chose, and where the call ended.

For every call, the part of its path before the first place that handles calls is the
caller's own routing (the **IVR part**): its menu visits are the choices. A choice is told by
the row's ``key`` column when there is one, else by the next place on the path (the menu or
destination only one option of the menu leads to). Where the call ended is the place that
handles calls and logged ``resolve``, else the last one of its handler chain; a choice
followed by a self-service destination (a bot that hands back to the menu) ended there.

Log node names are matched to menu ids and destination ids exactly, then through a node map
(log name → id). Nothing is guessed: a choice that cannot be told is counted as such.

All of it is sorts, shifts, ``unique`` and ``bincount`` over integer codes, once per menu
file: no Python loop per call or per row. The result is the small :class:`CallUsage` tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ivrlint.calls.chains import MENU_KINDS, Chains, build_chains
from ivrlint.calls.table import EVENTS, EventLog, ReadError
from ivrlint.callusage import (
    NO_INPUT,
    NO_MATCH,
    ZERO_OUT,
    CallUsage,
    MappingSummary,
    MenuUsage,
    OptionUsage,
)
from ivrlint.flow import HANGUP, dest_node, menu_node
from ivrlint.model import Menu, MenuFile, Target
from ivrlint.rules.base import Context

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Ints = npt.NDArray[np.int64]

AMBIGUOUS = -2  # several options lead to the next place
UNKNOWN = -3  # the next place is not where any option of the menu leads
BAD_KEY = -4  # the key column holds something that is not a key
TIMEOUT_KEYS = frozenset({"t", "timeout", "no_input", "no-input", "noinput"})
INVALID_KEYS = frozenset({"i", "invalid", "no_match", "no-match", "nomatch"})
DTMF = frozenset("0123456789*#")
UNKNOWN_SHOWN = 10


def read_node_map(path: str | Path) -> dict[str, str]:
    """A node map file: a YAML (or JSON) mapping of log node names to menu or destination
    ids. ReadError naming the file when it is anything else."""
    import yaml

    source = Path(path)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReadError(f"cannot read node map {source}: {exc.strerror or exc}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReadError(f"{source}: not a YAML or JSON file: {exc}") from exc
    example = "write one 'log name: menu or destination id' per line, e.g. 'Billing-Q: billing'"
    if not isinstance(data, dict) or not data:
        raise ReadError(f"{source}: a node map is a mapping of log names to ids", example)
    mapping: dict[str, str] = {}
    for name, target in data.items():
        if not isinstance(target, str | int) or isinstance(target, bool) or not str(target):
            raise ReadError(f"{source}: '{name}' maps to {target!r}, not an id", example)
        mapping[str(name)] = str(target)
    return mapping


class _Space:
    """The menu file's places as integer codes: menus first, then destinations (declared,
    then named by transfers only), then one code for "not in this file"."""

    def __init__(self, ctx: Context) -> None:
        menu = ctx.file
        self.menus = list(menu.menus)
        dests = list(menu.destinations)
        for m in menu.menus.values():
            for target in _targets(m):
                if target.kind == "transfer" and target.value not in dests:
                    dests.append(target.value)
        self.dests = dests
        self.nodes = [menu_node(m) for m in self.menus] + [dest_node(d) for d in dests]
        self.index = {node: i for i, node in enumerate(self.nodes)}
        self.unknown = len(self.nodes)

    def of_id(self, ident: str) -> int:
        for node in (menu_node(ident), dest_node(ident)):
            if node in self.index:
                return self.index[node]
        return -1


def _targets(menu: Menu) -> list[Target]:
    found = [o.target for o in menu.options if o.target is not None]
    found += [h.then for h in (menu.no_input, menu.no_match) if h is not None and h.then]
    return found


class _Vias:
    """Every way out of every menu: its options by key, no input, no match, and the
    undetermined zero-out; with the tables that tell them from a key or the next place."""

    def __init__(self, ctx: Context, space: _Space) -> None:
        self.names: list[tuple[str, str]] = []
        self.codes: dict[tuple[str, str], int] = {}
        self.ends_call: list[bool] = []
        self.operator: set[int] = set()
        width = space.unknown + 1
        self.next_table: list[list[int]] = []
        self.candidates: dict[tuple[int, int], list[int]] = {}  # ambiguous (menu, place)
        self.by_key: list[dict[str, int]] = []
        for m_index, menu_id in enumerate(space.menus):
            menu = ctx.file.menus[menu_id]
            ways: dict[int, list[int]] = {}
            keys: dict[str, int] = {}
            zero: list[int] = []
            for name, target, operator in self._ways(ctx, menu):
                via = self._add(menu_id, name, target, ctx)
                if name not in (NO_INPUT, NO_MATCH):
                    keys[name] = via
                if operator:
                    self.operator.add(via)
                if operator or name in (NO_INPUT, NO_MATCH):
                    zero.append(via)
                for node in _leads_to(ctx, menu, target):
                    ways.setdefault(space.index[node], []).append(via)
            keys.setdefault(NO_INPUT, self._add(menu_id, NO_INPUT, None, ctx))
            keys.setdefault(NO_MATCH, self._add(menu_id, NO_MATCH, None, ctx))
            zero_via = self._add(menu_id, ZERO_OUT, None, ctx)
            row = [UNKNOWN] * width
            for place, vias in ways.items():
                unique = sorted(set(vias))
                if len(unique) == 1:
                    row[place] = unique[0]
                elif set(unique) <= set(zero):
                    row[place] = zero_via
                else:
                    row[place] = AMBIGUOUS
                    self.candidates[(m_index, place)] = unique
            self.next_table.append(row)
            self.by_key.append(keys)

    @staticmethod
    def _ways(ctx: Context, menu: Menu) -> list[tuple[str, Target | None, bool]]:
        ways = [(o.key, o.target, ctx.is_operator(o)) for o in menu.options]
        for name in (NO_INPUT, NO_MATCH):
            handler = getattr(menu, name)
            if handler is not None:
                ways.append((name, handler.then, False))
        return ways

    def _add(self, menu_id: str, name: str, target: Target | None, ctx: Context) -> int:
        if (menu_id, name) in self.codes:  # a key written twice (IVR103): the first counts
            return self.codes[(menu_id, name)]
        self.codes[(menu_id, name)] = len(self.names)
        self.names.append((menu_id, name))
        self.ends_call.append(_ends_call(ctx, target))
        return len(self.names) - 1

    def key_table(self, key_names: list[str]) -> list[list[int]]:
        """Per menu, per category of the log's key column: the way out it names."""
        table = []
        for keys in self.by_key:
            row = []
            for raw in key_names:
                key = raw.strip().lower()
                if key in keys:
                    row.append(keys[key])
                elif key in TIMEOUT_KEYS:
                    row.append(keys[NO_INPUT])
                elif key in INVALID_KEYS or key in DTMF:
                    row.append(keys[NO_MATCH])
                else:
                    row.append(BAD_KEY)
            table.append(row)
        return table


def _ends_call(ctx: Context, target: Target | None) -> bool:
    """Whether taking ``target`` ends the call (a hang-up action or destination)."""
    if target is None:
        return False
    if target.kind == "action":
        return target.value == HANGUP
    dest = ctx.file.destination_for(target)
    return dest is not None and dest.kind == "hangup"


def _leads_to(ctx: Context, menu: Menu, target: Target | None) -> list[str]:
    if target is None:
        return []
    if target.kind == "transfer":
        return [dest_node(target.value)]
    return [n for n in ctx.flow.target_nodes(menu, target) if n != HANGUP]


def _resolve_names(
    names: list[str], space: _Space, node_map: Mapping[str, str]
) -> tuple[list[int], tuple[tuple[str, str], ...]]:
    """Per log node name, its place code (-1: not in this file); and node map entries that
    name no place of this file."""
    codes = []
    for name in names:
        code = space.of_id(name)
        if code < 0 and name in node_map:
            code = space.of_id(node_map[name])
        codes.append(code)
    bad = tuple(sorted((n, i) for n, i in node_map.items() if space.of_id(i) < 0))
    return codes, bad


def _kinds(names: list[str], codes: list[int], space: _Space, menu: MenuFile) -> dict[str, str]:
    kinds: dict[str, str] = {}
    n_menus = len(space.menus)
    for name, code in zip(names, codes, strict=True):
        if 0 <= code < n_menus:
            kinds[name] = "ivr"
        elif code >= n_menus:
            dest = menu.destinations.get(space.dests[code - n_menus])
            if dest is not None and dest.kind in MENU_KINDS:
                kinds[name] = MENU_KINDS[dest.kind]
    return kinds


def _distinct_counts(calls: Ints, codes: Ints, size: int) -> Ints:
    """Per code, how many distinct calls have it. A sort and a shift: the inputs are in call
    order already, so the stable sort (a merge of runs) has little to do; numpy's
    hash-based ``unique`` is many times slower on a million pairs."""
    import numpy as np

    if len(codes) == 0:
        return np.zeros(size, dtype=np.int64)
    pairs = np.sort(calls.astype(np.int64) * size + codes, kind="stable")
    first = np.r_[True, pairs[1:] != pairs[:-1]]
    return np.bincount(pairs[first] % size, minlength=size)


def menu_usage(
    log: EventLog, menu: MenuFile, node_map: Mapping[str, str] | None = None
) -> CallUsage:
    """The call-data tables of ``menu`` from ``log`` (see the module docstring)."""
    import numpy as np

    ctx = Context(menu)
    space = _Space(ctx)
    vias = _Vias(ctx, space)
    names = [str(n) for n in log.frame["node"].cat.categories]
    codes, bad_map = _resolve_names(names, space, node_map or {})
    chains = build_chains(log, _kinds(names, codes, space, menu))
    place_of_node = np.array([*codes, -1], dtype=np.int64)
    events = chains.events
    rows = chains.path_rows
    call = events["call"].to_numpy()[rows].astype(np.int64)
    node = events["node"].to_numpy()[rows].astype(np.int64)
    target = place_of_node[node]
    handler = ~events["automated"].to_numpy()[rows]
    n_places, n_menus, width = len(rows), len(space.menus), space.unknown + 1
    last = np.r_[call[1:] != call[:-1], True] if n_places else np.zeros(0, dtype=bool)
    first = np.r_[True, call[1:] != call[:-1]] if n_places else np.zeros(0, dtype=bool)
    before = np.cumsum(handler) - handler
    start = np.maximum.accumulate(np.where(first, np.arange(n_places), 0))
    in_ivr = (before - before[start] == 0) & ~handler
    is_menu = (target >= 0) & (target < n_menus)
    at = np.flatnonzero(in_ivr & is_menu)  # the menu visits of the caller's own routing
    m = target[at]
    has_next = ~last[at]
    following = np.minimum(at + 1, max(n_places - 1, 0))
    next_place = np.where(has_next, target[following], -1)
    next_col = np.where(next_place >= 0, next_place, space.unknown)
    next_table = np.array(vias.next_table, dtype=np.int64).reshape(n_menus, width)
    via = np.where(has_next, next_table[m, next_col], -1)
    keyed = log.has("key")
    key_known = np.zeros(len(at), dtype=bool)
    if keyed:
        key = _place_keys(log, chains, rows)[at]
        key_names = [str(k) for k in log.frame["key"].cat.categories]
        key_table = np.array(vias.key_table(key_names), dtype=np.int64).reshape(
            n_menus, len(key_names)
        )
        key_known = key >= 0
        via = np.where(key_known, key_table[m, np.maximum(key, 0)], via)
    ends_call = np.array(vias.ends_call, dtype=bool)[np.maximum(via, 0)] & (via >= 0)
    hangup = ~has_next & ~(key_known & ends_call)
    decided = via >= 0
    unidentified = via < -1
    outcome = _outcomes(log, chains, place_of_node, target, handler, is_menu, call, at)
    n_vias = len(vias.names)
    chose = _distinct_counts(call[at][decided], via[decided], n_vias)
    reached = _distinct_counts(call[at], m, n_menus)
    n_decided = _distinct_counts(call[at][decided], m[decided], n_menus)
    n_unidentified = _distinct_counts(call[at][unidentified], m[unidentified], n_menus)
    hangups = np.bincount(m[hangup], minlength=n_menus)
    ends = decided & (outcome >= n_menus)
    ended = _distinct_counts(
        call[at][ends], via[ends] * width + outcome[ends], n_vias * width
    ).reshape(n_vias, width)
    ambiguous = via == AMBIGUOUS
    unresolved = _distinct_counts(
        call[at][ambiguous], m[ambiguous] * width + next_col[ambiguous], n_menus * width
    ).reshape(n_menus, width)
    moved = has_next & (next_place >= 0)
    moves = _distinct_counts(
        call[at][moved], m[moved] * width + next_place[moved], n_menus * width
    ).reshape(n_menus, width)
    to_dest = moved & (next_place >= n_menus)
    routed = _distinct_counts(call[at][to_dest], next_place[to_dest], width)
    lost = via == UNKNOWN
    summary = _summary(chains.n_calls, call, at, m, unidentified, lost, node, names, space)
    return CallUsage(
        menus=_menu_tables(space, vias, reached, n_decided, n_unidentified, hangups, chose),
        options=_option_tables(space, vias, chose, ended, unresolved),
        moves={
            (space.menus[i], space.nodes[j]): int(moves[i, j])
            for i, j in zip(*np.nonzero(moves), strict=True)
        },
        routed={
            space.dests[j - n_menus]: int(routed[j])
            for j in np.flatnonzero(routed)
            if n_menus <= j < space.unknown
        },
        summary=MappingSummary(**summary, bad_node_map=bad_map),
        keyed=keyed,
    )


def _source_rows(log: EventLog, chains: Chains) -> Ints:
    """Per row of ``chains.events``, its row in ``log.frame``."""
    import numpy as np

    from ivrlint.calls.chains import timestamps_ns

    if "source_row" in chains.events.columns:
        return chains.events["source_row"].to_numpy().astype(np.int64)
    frame = log.frame  # the same order as the chains: call, then time, then file order
    order = np.lexsort((timestamps_ns(frame["timestamp"]), frame["call_id"].cat.codes.to_numpy()))
    return order.astype(np.int64)


def _place_keys(log: EventLog, chains: Chains, rows: Ints) -> Ints:
    """Per place of the paths: the code of the last key logged while the call was there."""
    import numpy as np

    key = log.frame["key"].cat.codes.to_numpy().astype(np.int64)[_source_rows(log, chains)]
    starts = np.zeros(len(key), dtype=bool)
    starts[rows] = True
    place = np.cumsum(starts) - 1
    logged = np.flatnonzero(key >= 0)
    at = place[logged]
    last = np.r_[at[1:] != at[:-1], True] if len(at) else np.zeros(0, dtype=bool)
    keys = np.full(len(rows), -1, dtype=np.int64)
    keys[at[last]] = key[logged[last]]
    return keys


def _outcomes(
    log: EventLog, chains: Chains, place_of_node: Ints, target: Ints, handler: Any, is_menu: Any,
    call: Ints, at: Ints,
) -> Ints:  # fmt: skip
    """Per menu visit: the place code where the choice ended (-1: nowhere known). The first
    place after it that is not a menu; when that place handles calls, the call's final one."""
    import numpy as np

    n_places = len(target)
    final = np.full(chains.n_calls, -1, dtype=np.int64)
    step_calls, step_nodes = chains.step_calls(), chains.step_nodes()
    if len(step_calls):
        last = np.r_[step_calls[1:] != step_calls[:-1], True]
        final[step_calls[last]] = place_of_node[step_nodes[last]]
    if log.has("event"):
        events = chains.events
        hit = np.flatnonzero(
            (events["event"].to_numpy() == EVENTS.index("resolve"))
            & ~events["automated"].to_numpy()
        )
        final[events["call"].to_numpy()[hit]] = place_of_node[events["node"].to_numpy()[hit]]
    positions = np.where(~is_menu, np.arange(n_places), n_places)
    after = np.minimum.accumulate(positions[::-1])[::-1][at] if n_places else at
    safe = np.minimum(after, max(n_places - 1, 0))
    found = (after < n_places) & (call[safe] == call[at])
    place = np.where(handler[safe], final[call[at]], target[safe])
    return np.where(found, place, -1)


def _summary(
    n_calls: int, call: Ints, at: Ints, m: Ints, unidentified: Any, lost: Any, node: Ints,
    names: list[str], space: _Space,
) -> dict[str, Any]:  # fmt: skip
    """How the calls were joined; ``lost`` marks menu visits followed by a place none of the
    menu's options leads to (by log name: what a node map or a menu fix would explain)."""
    import numpy as np

    entered = _distinct(call[at])
    unknown_calls = _distinct(call[at][unidentified])
    following = np.minimum(at + 1, max(len(node) - 1, 0))
    pairs = m * len(names) + node[following]
    counts = _distinct_counts(call[at][lost], pairs[lost], max(len(space.menus) * len(names), 1))
    shown = sorted(
        (
            (space.menus[i // len(names)], names[i % len(names)], int(counts[i]))
            for i in np.flatnonzero(counts)
        ),
        key=lambda p: (-p[2], p[0], p[1]),
    )[:UNKNOWN_SHOWN]
    return {
        "calls": n_calls,
        "mapped": entered - unknown_calls,
        "no_menu": n_calls - entered,
        "unidentified": unknown_calls,
        "unexplained": tuple(shown),
    }


def _distinct(sorted_calls: Ints) -> int:
    import numpy as np

    if len(sorted_calls) == 0:
        return 0
    return int(np.count_nonzero(sorted_calls[1:] != sorted_calls[:-1])) + 1


def _menu_tables(
    space: _Space, vias: _Vias, reached: Ints, decided: Ints, unidentified: Ints,
    hangups: Ints, chose: Ints,
) -> dict[str, MenuUsage]:  # fmt: skip
    by_name = {name: int(chose[i]) for i, name in enumerate(vias.names)}
    operator: dict[str, int] = {}
    for i in vias.operator:
        operator[vias.names[i][0]] = operator.get(vias.names[i][0], 0) + int(chose[i])
    tables = {}
    for i, menu_id in enumerate(space.menus):
        if not reached[i]:
            continue
        tables[menu_id] = MenuUsage(
            menu=menu_id,
            reached=int(reached[i]),
            decided=int(decided[i]),
            unidentified=int(unidentified[i]),
            hangups=int(hangups[i]),
            operator=operator.get(menu_id, 0),
            no_input=by_name.get((menu_id, NO_INPUT), 0),
            no_match=by_name.get((menu_id, NO_MATCH), 0),
            zero_out=by_name.get((menu_id, ZERO_OUT), 0),
        )
    return tables


def _option_tables(
    space: _Space, vias: _Vias, chose: Ints, ended: Ints, unresolved: Ints
) -> dict[tuple[str, str], OptionUsage]:
    import numpy as np

    n_menus = len(space.menus)
    could_be = np.zeros(len(vias.names), dtype=np.int64)
    for (m, place), candidates in vias.candidates.items():
        could_be[candidates] += unresolved[m, place]
    tables = {}
    for i, (menu_id, name) in enumerate(vias.names):
        if name in (NO_INPUT, NO_MATCH, ZERO_OUT):
            continue
        row = ended[i]
        where = [
            (space.dests[j - n_menus], int(row[j]))
            for j in np.flatnonzero(row)
            if n_menus <= j < space.unknown
        ]
        tables[(menu_id, name)] = OptionUsage(
            menu=menu_id,
            key=name,
            calls=int(chose[i]),
            unresolved=int(could_be[i]),
            ended=tuple(sorted(where, key=lambda p: (-p[1], p[0]))),
        )
    return tables


class MenuCalls:
    """One event log as call data for any number of menu files (``CallSource``): each
    file's tables are computed on first use and kept."""

    def __init__(self, log: EventLog, node_map: Mapping[str, str] | None = None) -> None:
        self.log = log
        self.node_map = dict(node_map or {})
        self._usage: dict[int, tuple[MenuFile, CallUsage]] = {}

    def usage_for(self, menu: MenuFile) -> CallUsage:
        kept = self._usage.get(id(menu))
        if kept is None or kept[0] is not menu:
            kept = self._usage[id(menu)] = (menu, menu_usage(self.log, menu, self.node_map))
        return kept[1]

    def computed(self) -> list[tuple[MenuFile, CallUsage]]:
        """The files asked about so far, in the order they were asked."""
        return list(self._usage.values())
