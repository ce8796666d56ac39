"""The call flow of a menu file as a directed graph, and the questions rules ask of it.

Nodes are ``menu:ID``, ``dest:ID`` and ``hangup``; an edge is a way the caller can move (an
option, or what happens on no input / no match). The traversals are breadth-first searches
and one Dijkstra over a graph of tens to thousands of nodes; they are written on the standard
library so that ``ivrlint check`` does not pay networkx's import (about 150 ms, longer than the
whole check) on every save. ``to_networkx()`` gives the same graph to the commands that draw
or compare menus, and the tests check these answers against networkx's algorithms.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from ivrlint.model import Destination, Menu, MenuFile, Target
from ivrlint.text.prompts import heard_until
from ivrlint.text.speech import (
    DEFAULT_WORDS_PER_MINUTE,
    prefix_word_counts,
    spoken_seconds,
    words_to_seconds,
)

if TYPE_CHECKING:
    import networkx as nx

HANGUP = "hangup"
# How long a menu waits for a key before its no-input handling starts.
NO_INPUT_TIMEOUT_SECONDS = 5.0


def menu_node(menu_id: str) -> str:
    return f"menu:{menu_id}"


def dest_node(dest_id: str) -> str:
    return f"dest:{dest_id}"


class Edge(NamedTuple):
    """A way the caller can move. A tuple, as ``Pos``: a large file has one per option, and
    a frozen dataclass costs three times as much to make (and 0.6 ms to define)."""

    source: str  # menu id
    target: str  # node name
    via: str  # the option key, or "no_input" / "no_match"
    seconds: float  # prompt time the caller listens to before taking this edge


class Flow:
    """All ways a caller can move through one menu file."""

    def __init__(self, menu: MenuFile, words_per_minute: float = DEFAULT_WORDS_PER_MINUTE) -> None:
        self.file = menu
        self.wpm = words_per_minute
        self.edges: list[Edge] = []
        self.out: dict[str, list[Edge]] = {menu_node(m): [] for m in menu.menus}
        self.parents: dict[str, set[str]] = {m: set() for m in menu.menus}
        for m in menu.menus.values():
            for option in m.options:
                if (
                    option.target
                    and option.target.kind == "goto"
                    and option.target.value in menu.menus
                ):
                    self.parents[option.target.value].add(m.id)
        for m in menu.menus.values():
            for edge in self._edges_of(m):
                self.edges.append(edge)
                self.out[menu_node(m.id)].append(edge)

    # -- building -----------------------------------------------------------------------

    def target_nodes(self, menu: Menu, target: Target) -> list[str]:
        """Where ``target`` leads from ``menu``: empty when it goes nowhere new."""
        if target.kind == "goto":
            return [menu_node(target.value)] if target.value in self.file.menus else []
        if target.kind == "transfer":
            # An undeclared destination is still somewhere the call leaves to (IVR105 says
            # it is undeclared); only whether a person answers there is unknown.
            dest = self.file.destination_for(target)
            return [
                HANGUP if dest is not None and dest.kind == "hangup" else dest_node(target.value)
            ]
        if target.value == "hangup":
            return [HANGUP]
        if target.value == "main":
            return [menu_node(self.file.entry)] if self.file.entry in self.file.menus else []
        if target.value == "back":
            return [menu_node(p) for p in sorted(self.parents.get(menu.id, ()))]
        return []  # repeat: the caller stays where they are

    def _edges_of(self, menu: Menu) -> Iterator[Edge]:
        prompt = menu.prompt or ""
        heard_until_key = heard_until(prompt)
        # the words of the prompt counted once, not again for each key's part of it
        counts = prefix_word_counts(prompt, [len(prompt), *(len(t) for _, t in heard_until_key)])
        heard_by_key = {
            key: words_to_seconds(counts[len(t)], self.wpm) for key, t in heard_until_key
        }
        whole = words_to_seconds(counts[len(prompt)], self.wpm)
        for option in menu.options:
            if option.target is None:
                continue
            heard = heard_by_key.get(option.key, whole)
            if option.say_first:
                heard += spoken_seconds(option.say_first, self.wpm)
            for node in self.target_nodes(menu, option.target):
                yield Edge(menu.id, node, option.key, heard)
        full = whole + NO_INPUT_TIMEOUT_SECONDS
        for name, handler in (("no_input", menu.no_input), ("no_match", menu.no_match)):
            if handler is not None and handler.then is not None:
                attempts = (handler.retries or 0) + 1
                for node in self.target_nodes(menu, handler.then):
                    yield Edge(menu.id, node, name, attempts * full)

    # -- questions ----------------------------------------------------------------------

    @cached_property
    def shortest_keys(self) -> dict[str, tuple[str, ...]]:
        """Menu id → the keys of the shortest way there from the entry (breadth first)."""
        entry = self.file.entry
        if entry not in self.file.menus:
            return {}
        keys: dict[str, tuple[str, ...]] = {entry: ()}
        queue = deque([entry])
        while queue:
            current = queue.popleft()
            for edge in self.out[menu_node(current)]:
                nxt = _menu_id(edge.target)
                if nxt is not None and nxt not in keys:
                    keys[nxt] = (*keys[current], edge.via)
                    queue.append(nxt)
        return keys

    @cached_property
    def depth(self) -> dict[str, int]:
        """Menu id → level on the shortest path from the entry (the entry is level 1)."""
        return {menu_id: len(keys) + 1 for menu_id, keys in self.shortest_keys.items()}

    @cached_property
    def reachable(self) -> set[str]:
        """Every node a caller can reach from the entry menu, the entry included."""
        if self.file.entry not in self.file.menus:
            return set()
        return self.reachable_from(menu_node(self.file.entry))

    def reachable_from(self, node: str) -> set[str]:
        return _search([node], self._successors)

    @cached_property
    def reaches_exit(self) -> set[str]:
        """Menu nodes from which some path leaves the menus: a destination or a hang-up."""
        exits = [e.target for e in self.edges if not e.target.startswith("menu:")]
        return _search(exits, self._predecessors)

    @cached_property
    def reaches_human(self) -> set[str]:
        """Menu nodes from which some path reaches a destination a person answers."""
        humans = [e.target for e in self.edges if self.is_human(e.target)]
        return _search(humans, self._predecessors)

    def is_human(self, node: str) -> bool:
        dest = self.destination(node)
        return dest is not None and dest.human

    def destination(self, node: str) -> Destination | None:
        if not node.startswith("dest:"):
            return None
        dest_id = node[len("dest:") :]
        found = self.file.destinations.get(dest_id)
        if found is None:
            found = self.file.destination_for(Target("transfer", dest_id, self.file.entry_pos))
        return found

    def fastest_path(self, goal: Iterable[str]) -> tuple[float, list[Edge]] | None:
        """Least prompt time from the entry to any node of ``goal``, with the edges taken."""
        goals = set(goal)
        start = menu_node(self.file.entry)
        if self.file.entry not in self.file.menus or not goals:
            return None
        best: dict[str, float] = {start: 0.0}
        came_by: dict[str, Edge] = {}
        heap: list[tuple[float, str]] = [(0.0, start)]
        while heap:
            seconds, node = heapq.heappop(heap)
            if seconds > best.get(node, float("inf")):
                continue
            if node in goals:
                return seconds, _walk_back(node, came_by, start)
            for edge in self.out.get(node, ()):
                cost = seconds + edge.seconds
                if cost < best.get(edge.target, float("inf")):
                    best[edge.target] = cost
                    came_by[edge.target] = edge
                    heapq.heappush(heap, (cost, edge.target))
        return None

    def _successors(self, node: str) -> Iterator[str]:
        return (e.target for e in self.out.get(node, ()))

    @cached_property
    def _incoming(self) -> dict[str, list[str]]:
        incoming: dict[str, list[str]] = {}
        for edge in self.edges:
            incoming.setdefault(edge.target, []).append(menu_node(edge.source))
        return incoming

    def _predecessors(self, node: str) -> Iterator[str]:
        return iter(self._incoming.get(node, ()))

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """The same graph for drawing and comparison (imports networkx on first use)."""
        import networkx as nx

        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for menu_id in self.file.menus:
            graph.add_node(menu_node(menu_id), kind="menu")
        for dest_id, dest in self.file.destinations.items():
            graph.add_node(dest_node(dest_id), kind="destination", human=dest.human)
        for edge in self.edges:
            graph.add_edge(menu_node(edge.source), edge.target, via=edge.via, seconds=edge.seconds)
        return graph


def _menu_id(node: str) -> str | None:
    return node[len("menu:") :] if node.startswith("menu:") else None


def _search(starts: Iterable[str], neighbours: Callable[[str], Iterable[str]]) -> set[str]:
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for nxt in neighbours(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _walk_back(node: str, came_by: dict[str, Edge], start: str) -> list[Edge]:
    path: list[Edge] = []
    while node != start:
        edge = came_by[node]
        path.append(edge)
        node = menu_node(edge.source)
    return path[::-1]
