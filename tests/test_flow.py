"""The call-flow answers, checked against networkx's algorithms on random menu designs."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrlint.diagnostics import Pos
from ivrlint.flow import Flow, menu_node
from ivrlint.model import Destination, Handler, Menu, MenuFile, Option, Target

P = Pos()


@st.composite
def menu_files(draw: st.DrawFn) -> MenuFile:
    n_menus = draw(st.integers(1, 7))
    menu_ids = [f"m{i}" for i in range(n_menus)]
    dest_ids = [f"d{i}" for i in range(draw(st.integers(0, 3)))]
    destinations = {
        d: Destination(
            d,
            draw(st.sampled_from(["queue", "self-service", "hangup"])),
            P,
            human=draw(st.booleans()),
        )
        for d in dest_ids
    }
    targets = st.one_of(
        st.sampled_from(menu_ids).map(lambda m: Target("goto", m, P)),
        st.sampled_from(["repeat", "back", "main", "hangup"]).map(lambda a: Target("action", a, P)),
        *([st.sampled_from(dest_ids).map(lambda d: Target("transfer", d, P))] if dest_ids else []),
    )
    words = st.lists(st.sampled_from(["for", "billing", "press", "help", "the"]), max_size=12)
    menus = {}
    for menu_id in menu_ids:
        keys = draw(st.lists(st.sampled_from("0123456789*#"), unique=True, max_size=4))
        options = tuple(Option(k, "x", draw(targets), P, P) for k in keys)
        prompt_parts = [" ".join(draw(words)) + f", press {k}." for k in keys]
        no_input = (
            Handler(draw(st.integers(0, 3)), draw(targets), P) if draw(st.booleans()) else None
        )
        menus[menu_id] = Menu(menu_id, P, " ".join(prompt_parts), P, options, None, no_input)
    return MenuFile("m.yaml", "m0", P, menus, destinations)


def graph_of(flow: Flow) -> nx.MultiDiGraph[str]:
    graph = flow.to_networkx()
    graph.add_node(menu_node(flow.file.entry))
    return graph


@settings(max_examples=300, deadline=None)
@given(menu_files())
def test_reachability_and_depth_match_networkx(menu: MenuFile) -> None:
    flow = Flow(menu)
    graph = graph_of(flow)
    entry = menu_node(menu.entry)
    assert flow.reachable == nx.descendants(graph, entry) | {entry}
    menus_only = graph.subgraph(n for n in graph if n.startswith("menu:"))
    expected_depth = {
        node.removeprefix("menu:"): length + 1
        for node, length in nx.single_source_shortest_path_length(menus_only, entry).items()
    }
    assert flow.depth == expected_depth


@settings(max_examples=300, deadline=None)
@given(menu_files())
def test_exits_and_people_match_networkx(menu: MenuFile) -> None:
    flow = Flow(menu)
    graph = graph_of(flow)
    exits = {n for n in graph if not n.startswith("menu:") and graph.in_degree(n)}
    humans = {n for n in exits if flow.is_human(n)}
    for node in (n for n in graph if n.startswith("menu:")):
        descendants = nx.descendants(graph, node)
        assert (node in flow.reaches_exit) == bool(descendants & exits)
        assert (node in flow.reaches_human) == bool(descendants & humans)


@settings(max_examples=300, deadline=None)
@given(menu_files())
def test_fastest_path_matches_dijkstra(menu: MenuFile) -> None:
    flow = Flow(menu)
    graph: nx.DiGraph[str] = nx.DiGraph()
    for edge in flow.edges:  # parallel edges: the quickest one counts
        source = menu_node(edge.source)
        if (
            not graph.has_edge(source, edge.target)
            or graph[source][edge.target]["w"] > edge.seconds
        ):
            graph.add_edge(source, edge.target, w=edge.seconds)
    humans = [n for n in flow.reachable if flow.is_human(n)]
    found = flow.fastest_path(humans)
    if not humans:
        assert found is None
        return
    lengths = nx.single_source_dijkstra_path_length(graph, menu_node(menu.entry), weight="w")
    assert found is not None
    seconds, path = found
    assert abs(seconds - min(lengths[h] for h in humans)) < 1e-9
    assert abs(sum(e.seconds for e in path) - seconds) < 1e-9
    assert path[-1].target in humans
