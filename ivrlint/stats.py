"""Figures a designer compares between versions of a menu: how far each destination is from
the entry (keys, seconds, menus passed) and how wide each menu is.

Every time is the estimate IVR115 uses: ``Flow.fastest_path`` over edges weighted by the part
of each prompt a caller hears before their key is announced. All figures of one destination
describe that one fastest path, so a row of the report is a path a caller can actually follow.
The module returns records; ``ivrlint.reports.menu_stats`` turns them into text or JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ivrlint.flow import HANGUP, Edge, Flow, dest_node, menu_node
from ivrlint.model import DTMF_KEYS, Destination, MenuFile
from ivrlint.rules.base import Context
from ivrlint.text.speech import DEFAULT_WORDS_PER_MINUTE, spoken_seconds

# "Reachable within N key presses": three is the depth design guides accept.
DEFAULT_MAX_PRESSES = 3
HANDLER_VIAS = ("no_input", "no_match")


@dataclass(frozen=True)
class DestinationStats:
    """One destination and the fastest way a caller gets there from the entry menu."""

    id: str
    name: str
    kind: str
    human: bool
    declared: bool  # False for a literal tel:/sip: address or an undeclared name
    keys: tuple[str, ...] = ()  # option keys, or "no_input"/"no_match", in order
    menus: tuple[str, ...] = ()  # the menus heard on the way, the entry first
    seconds: float | None = None  # None: no path from the entry reaches it
    presses: int | None = None  # keys pressed (waiting for no-input presses nothing)
    calls: int | None = None  # how many logged calls ended here (with --calls)

    @property
    def reachable(self) -> bool:
        return self.seconds is not None

    @property
    def depth(self) -> int | None:
        """Menus the caller passes through on the fastest path (the entry counts as one)."""
        return len(self.menus) if self.reachable else None


@dataclass(frozen=True)
class MenuStats:
    id: str
    depth: int | None  # level on the shortest path (entry = 1); None when unreachable
    options: int  # every key, navigation included
    choices: int  # what IVR102 counts: not repeat/back/main, not the operator key
    prompt_seconds: float


@dataclass(frozen=True)
class Summary:
    menus: int
    destinations: int
    reachable_destinations: int
    max_depth: int | None
    mean_depth: float | None
    seconds_to_person: float | None  # the nearest person: IVR115's figure
    mean_seconds_to_person: float | None
    within_presses: int  # destinations reachable in at most ``max_presses`` presses
    max_presses: int
    max_choices: int
    mean_choices: float | None
    weighted: bool = False  # means weighted by logged calls

    @property
    def share_within_presses(self) -> float | None:
        return self.within_presses / self.destinations if self.destinations else None


@dataclass(frozen=True)
class MenuFileStats:
    path: str
    name: str | None
    entry: str
    words_per_minute: float
    menus: tuple[MenuStats, ...]
    destinations: tuple[DestinationStats, ...]
    summary: Summary

    def destination(self, dest_id: str) -> DestinationStats | None:
        return next((d for d in self.destinations if d.id == dest_id), None)


def compute_stats(
    menu_file: MenuFile,
    words_per_minute: float = DEFAULT_WORDS_PER_MINUTE,
    *,
    max_presses: int = DEFAULT_MAX_PRESSES,
    calls: Mapping[str, int] | None = None,
) -> MenuFileStats:
    """The figures of ``menu_file``. ``calls`` (destination id → calls that ended there)
    weights the means by how often callers actually reach each destination."""
    ctx = Context(menu_file, words_per_minute)
    flow = ctx.flow
    destinations = tuple(
        _destination_stats(flow, dest, calls) for dest in _all_destinations(menu_file, flow)
    )
    menus = tuple(_menu_stats(ctx, menu_id) for menu_id in menu_file.menus)
    return MenuFileStats(
        path=menu_file.path,
        name=menu_file.name,
        entry=menu_file.entry,
        words_per_minute=words_per_minute,
        menus=menus,
        destinations=destinations,
        summary=_summary(flow, menus, destinations, max_presses, weighted=calls is not None),
    )


def _all_destinations(menu_file: MenuFile, flow: Flow) -> list[tuple[Destination, bool]]:
    """Declared destinations in file order, then literal or undeclared transfer targets."""
    found = [(d, True) for d in menu_file.destinations.values()]
    seen = set(menu_file.destinations)
    for edge in flow.edges:
        dest_id = edge.target[len("dest:") :]
        if edge.target.startswith("dest:") and dest_id not in seen:
            seen.add(dest_id)
            undeclared = Destination(dest_id, "undeclared", menu_file.entry_pos, human=False)
            found.append((flow.destination(edge.target) or undeclared, False))
    return found


def _destination_stats(
    flow: Flow, found: tuple[Destination, bool], calls: Mapping[str, int] | None
) -> DestinationStats:
    dest, declared = found
    base = DestinationStats(
        id=dest.id,
        name=dest.display_name,
        kind=dest.kind,
        human=dest.human,
        declared=declared,
        calls=None if calls is None else calls.get(dest.id, 0),
    )
    path = _fastest(flow, dest)
    if path is None:
        return base
    seconds, edges = path
    return replace(
        base,
        keys=tuple(e.via for e in edges),
        menus=tuple(e.source for e in edges),
        seconds=seconds,
        presses=sum(_presses(flow, e) for e in edges),
    )


def _fastest(flow: Flow, dest: Destination) -> tuple[float, list[Edge]] | None:
    if dest.kind != "hangup":
        return flow.fastest_path([dest_node(dest.id)])
    # The flow merges every way of ending the call into one hang-up node; a destination of
    # kind hangup is reached only by the edges that transfer to it.
    best: tuple[float, list[Edge]] | None = None
    for edge in flow.edges:
        if edge.target != HANGUP or not _transfers_to(flow, edge, dest.id):
            continue
        before = flow.fastest_path([menu_node(edge.source)])
        if before is not None:
            candidate = (before[0] + edge.seconds, [*before[1], edge])
            if best is None or candidate[0] < best[0]:
                best = candidate
    return best


def _transfers_to(flow: Flow, edge: Edge, dest_id: str) -> bool:
    menu = flow.file.menus[edge.source]
    if edge.via in HANDLER_VIAS:
        handler = menu.no_input if edge.via == "no_input" else menu.no_match
        target = handler.then if handler else None
    else:
        option = menu.option(edge.via)
        target = option.target if option else None
    return target is not None and target.kind == "transfer" and target.value == dest_id


def _presses(flow: Flow, edge: Edge) -> int:
    """Keys pressed to take ``edge``: one for an option; every wrong try for no_match."""
    if edge.via in DTMF_KEYS:
        return 1
    if edge.via == "no_match":
        handler = flow.file.menus[edge.source].no_match
        return (handler.retries or 0) + 1 if handler else 1
    return 0  # an invalid key is reported by IVR104; waiting for no_input presses nothing


def _menu_stats(ctx: Context, menu_id: str) -> MenuStats:
    menu = ctx.file.menus[menu_id]
    return MenuStats(
        id=menu_id,
        depth=ctx.flow.depth.get(menu_id),
        options=len(menu.options),
        choices=len(ctx.choices(menu)),
        prompt_seconds=spoken_seconds(menu.prompt or "", ctx.words_per_minute),
    )


def _summary(
    flow: Flow,
    menus: tuple[MenuStats, ...],
    dests: tuple[DestinationStats, ...],
    max_presses: int,
    *,
    weighted: bool,
) -> Summary:
    reachable = [d for d in dests if d.reachable]
    people = [d for d in reachable if d.human]
    widths = [m.choices for m in menus]
    return Summary(
        menus=len(menus),
        destinations=len(dests),
        reachable_destinations=len(reachable),
        max_depth=max((d.depth or 0 for d in reachable), default=None),
        mean_depth=_mean([(float(d.depth or 0), _weight(d, weighted)) for d in reachable]),
        seconds_to_person=min((d.seconds or 0.0 for d in people), default=None),
        mean_seconds_to_person=_mean([(d.seconds or 0.0, _weight(d, weighted)) for d in people]),
        within_presses=sum(1 for d in reachable if (d.presses or 0) <= max_presses),
        max_presses=max_presses,
        max_choices=max(widths, default=0),
        mean_choices=_mean([(float(w), 1.0) for w in widths]),
        weighted=weighted,
    )


def _weight(dest: DestinationStats, weighted: bool) -> float:
    return float(dest.calls or 0) if weighted else 1.0


def _mean(values: list[tuple[float, float]]) -> float | None:
    """Weighted mean of (value, weight) pairs; None when there is nothing to weigh."""
    total = sum(w for _, w in values)
    if not values or total <= 0:
        return None
    return sum(v * w for v, w in values) / total
