"""A menu file as a Graphviz DOT graph, for ``ivrlint graph``.

Menus are boxes with their id and the first words of their prompt; options are edges labelled
with their key and label; destinations are shaped by kind (a person, an automated service, a
hang-up). The entry is marked by a "call" node and a double border. Navigation options
(repeat, back, main menu) are listed inside the menu's box rather than drawn, since they
always lead back up and would double every edge. Menus below each choice of the entry menu
are grouped in a cluster, laid out left to right, so a line of thirty menus stays readable.

With diagnostics, every menu, destination and option they concern is coloured by the worst
severity and carries the codes; the SVG tooltip holds the messages. Every text that comes
from the file goes through ``html_label`` (labels) or ``dot_label`` (ids, tooltips).
"""

from __future__ import annotations

import bisect
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ivrlint.callusage import percent
from ivrlint.diagnostics import Diagnostic, Pos, Severity
from ivrlint.flow import HANGUP, Flow, dest_node, menu_node
from ivrlint.model import Destination, Menu, MenuFile, Option, Target
from ivrlint.render import dot_label, html_label

if TYPE_CHECKING:
    from ivrlint.callusage import CallUsage

SEVERITY_COLOURS = {
    Severity.ERROR: "#d62728",
    Severity.WARNING: "#e68a00",
    Severity.INFO: "#1f77b4",
}
TRAFFIC_COLOUR = "#1f6fb2"
PROMPT_WORDS = 8
WRAP = 28
START = "start"
_HANDLER_NAMES = {"no_input": "no input", "no_match": "no match"}
_NAVIGATION_NAMES = {"repeat": "repeat", "back": "back", "main": "main menu"}
_KEY = "ellipse: a person · hexagon: automated service · note: voicemail · octagon: hang-up"


@dataclass
class _Marks:
    """The diagnostics that concern one element of the graph."""

    items: list[Diagnostic] = field(default_factory=list)

    @property
    def colour(self) -> str | None:
        return SEVERITY_COLOURS[max(d.severity for d in self.items)] if self.items else None

    @property
    def codes(self) -> str:
        """The codes, each in the colour of its severity, as an HTML-like label part."""
        worst: dict[str, Severity] = {}
        for d in self.items:
            worst[d.code] = max(worst.get(d.code, d.severity), d.severity)
        return " ".join(
            f'<font color="{SEVERITY_COLOURS[severity]}">{html_label(code)}</font>'
            for code, severity in sorted(worst.items())
        )

    @property
    def tooltip(self) -> str:
        return "\n".join(f"{d.code} {d.severity.label}: {d.message}" for d in self.items)


@dataclass(frozen=True)
class _EdgeSpec:
    source: str
    target: str
    label: str  # HTML-like label body, escaped
    key: str  # the option key, or "handler" for no_input / no_match
    dashed: bool = False


class MenuGraph:
    """Builds the DOT source of one menu file; ``diagnostics=None`` draws a clean picture."""

    def __init__(
        self,
        menu_file: MenuFile,
        diagnostics: Sequence[Diagnostic] | None = None,
        traffic: CallUsage | None = None,
    ):
        self.file = menu_file
        self.flow = Flow(menu_file)
        self.traffic = traffic
        self.show_diagnostics = diagnostics is not None
        self.node_marks: dict[str, _Marks] = {}
        self.edge_marks: dict[tuple[str, str], _Marks] = {}  # (menu, key)
        self.file_marks = _Marks()
        self.edges = self._edges()
        self._assign(diagnostics or ())

    # -- what is drawn ---------------------------------------------------------------------

    def _edges(self) -> list[_EdgeSpec]:
        edges: list[_EdgeSpec] = []
        for menu in self.file.menus.values():
            for option in menu.options:
                if option.target is None or option.is_navigation:
                    continue
                label = f"<b>{html_label(option.key)}</b> {_wrap(option.label or '')}".rstrip()
                for node in self._targets(menu, option.target):
                    edges.append(_EdgeSpec(menu.id, node, label, option.key))
            edges.extend(self._handler_edges(menu))
        return edges

    def _handler_edges(self, menu: Menu) -> list[_EdgeSpec]:
        """no_input / no_match as dashed edges; one edge when both go to the same place."""
        by_target: dict[str, list[tuple[str, int | None]]] = {}
        for name in ("no_input", "no_match"):
            handler = getattr(menu, name)
            if handler is not None and handler.then is not None:
                for node in self._targets(menu, handler.then):
                    by_target.setdefault(node, []).append((name, handler.retries))
        edges = []
        for node, handlers in by_target.items():
            names = " / ".join(_HANDLER_NAMES[name] for name, _ in handlers)
            retries = sorted({r for _, r in handlers if r is not None})
            counts = ", ".join(str(r) for r in retries)
            text = f"{names}, {counts} retries" if retries else names
            edges.append(_EdgeSpec(menu.id, node, html_label(text), "handler", dashed=True))
        return edges

    def _targets(self, menu: Menu, target: Target) -> list[str]:
        """Drawn nodes for a target: hang-ups are drawn next to each menu, and targets the
        file does not define get a node of their own so that IVR105 is visible."""
        if target.kind == "action" and target.value == "hangup":
            return [f"{HANGUP}:{menu.id}"]
        if target.kind == "goto" and target.value not in self.file.menus:
            return [f"missing:{target.value}"]
        if target.kind == "transfer":
            return [dest_node(target.value)]
        return self.flow.target_nodes(menu, target)

    def _assign(self, diagnostics: Iterable[Diagnostic]) -> None:
        drawn = {(e.source, e.key) for e in self.edges}
        for d in diagnostics:
            if d.menu is not None and d.key is not None and (d.menu, d.key) in drawn:
                self.edge_marks.setdefault((d.menu, d.key), _Marks()).items.append(d)
                continue
            node = menu_node(d.menu) if d.menu in self.file.menus else self._node_at(d)
            if node is None:
                self.file_marks.items.append(d)
            else:
                self.node_marks.setdefault(node, _Marks()).items.append(d)

    def _node_at(self, d: Diagnostic) -> str | None:
        """The menu or destination whose text holds a diagnostic that names neither (a
        schema finding, IVR106 on a destination): the last one that starts before it, when
        the diagnostic is indented inside it. The entry line marks the "call" node."""
        if (d.line, d.column) == (self.file.entry_pos.line, self.file.entry_pos.column):
            return START
        here = Pos(d.line, d.column)
        index = bisect.bisect_right(self._starts, (here, "\uffff")) - 1
        if index < 0:
            return None
        pos, node = self._starts[index]
        inside = here == pos or here.column > pos.column
        return node if inside else None

    @cached_property
    def _starts(self) -> list[tuple[Pos, str]]:
        """Where each menu and destination starts in the file, in file order."""
        starts = [(m.pos, menu_node(m.id)) for m in self.file.menus.values()]
        starts += [(x.pos, dest_node(x.id)) for x in self.file.destinations.values()]
        return sorted(starts)

    def _destinations(self) -> list[Destination]:
        """Declared destinations, then transfer targets the file does not declare."""
        found = dict(self.file.destinations)
        for edge in self.edges:
            if edge.target.startswith("dest:") and edge.target[5:] not in found:
                dest_id = edge.target[5:]
                known = self.file.destination_for(Target("transfer", dest_id, Pos(0, 0)))
                found[dest_id] = known or Destination(dest_id, "undeclared", Pos(0, 0), None, False)
        return list(found.values())

    def _branches(self) -> dict[str, str]:
        """Menu id → the entry-menu key its shortest path starts with ("" for the entry)."""
        branches = {m: keys[0] if keys else "" for m, keys in self.flow.shortest_keys.items()}
        for menu_id in self.file.menus:
            branches.setdefault(menu_id, "unreachable")
        return branches

    # -- DOT -------------------------------------------------------------------------------

    def dot(self) -> str:
        branches = self._branches()
        lines = [
            'digraph "ivr" {',
            "  graph ["
            + ", ".join(
                [
                    "rankdir=LR",
                    "ordering=out",
                    "newrank=true",
                    "nodesep=0.2",
                    "ranksep=0.45",
                    'fontname="Helvetica,Arial,sans-serif"',
                    "fontsize=12",
                    "labelloc=t",
                    f"label=<{self._title()}>",
                ]
            )
            + "];",
            '  node [fontname="Helvetica,Arial,sans-serif", fontsize=10];',
            '  edge [fontname="Helvetica,Arial,sans-serif", fontsize=9, color="#555555"];',
            f'  "{START}" [shape=circle, style=filled, fillcolor="#333333", fontcolor=white, '
            f"label=<call>{self._mark_attrs(START)}];",
        ]
        if self.file.entry in self.file.menus:
            lines.append(f'  "{START}" -> "{dot_label(menu_node(self.file.entry))}" [penwidth=2];')
        else:
            missing = f"missing:{self.file.entry}"
            lines.append(self._extra_line(missing))
            lines.append(f'  "{START}" -> "{dot_label(missing)}";')
        placement = self._placement(branches)
        for branch in sorted(placement, key=_branch_order):
            lines.extend(self._cluster(branch, placement[branch]))
        lines.extend(self._edge_lines())
        lines.append("}")
        return "\n".join(lines) + "\n"

    def _placement(self, branches: dict[str, str]) -> dict[str, list[str]]:
        """Branch → node lines. A destination or hang-up used by one branch only sits in it."""
        placement: dict[str, list[str]] = {}
        for menu in self.file.menus.values():
            placement.setdefault(branches[menu.id], []).append(self._menu_line(menu))
        users: dict[str, set[str]] = {}
        for edge in self.edges:
            users.setdefault(edge.target, set()).add(branches[edge.source])
        for dest in self._destinations():
            node = dest_node(dest.id)
            placement.setdefault(_single(users.get(node)), []).append(self._dest_line(node, dest))
        extra = sorted(n for n in users if n.startswith((f"{HANGUP}:", "missing:")))
        for node in extra:
            placement.setdefault(_single(users[node]), []).append(self._extra_line(node))
        return placement

    def _cluster(self, branch: str, nodes: list[str]) -> list[str]:
        if not branch:
            return nodes
        title = self._branch_title(branch)
        return [
            f'  subgraph "cluster_{dot_label(branch)}" {{',
            f'    graph [label=<{title}>, style="rounded,dashed", color="#999999", '
            "fontsize=11, labeljust=l];",
            *(f"  {line}" for line in nodes),
            "  }",
        ]

    def _branch_title(self, branch: str) -> str:
        if branch == "unreachable":
            return "<i>not reachable from the entry</i>"
        entry = self.file.menus.get(self.file.entry)
        option = entry.option(branch) if entry else None
        name = _HANDLER_NAMES.get(branch, branch)
        label = f" · {html_label(option.label)}" if option and option.label else ""
        return f"<b>{html_label(name)}</b>{label}"

    def _title(self) -> str:
        name = html_label(self.file.name or self.file.path)
        parts = [f"<b>{name}</b>", f'<font point-size="9">{html_label(_KEY)}</font>']
        if self.show_diagnostics and self.file_marks.items:
            colour = self.file_marks.colour
            parts.append(f'<font color="{colour}">file:</font> {self.file_marks.codes}')
        return "<br/>".join(parts)

    def _menu_line(self, menu: Menu) -> str:
        node = menu_node(menu.id)
        parts = [f"<b>{html_label(menu.id)}</b>"]
        words = _first_words(menu.prompt or "")
        if words:
            parts.append(f'<font point-size="9">{_wrap(words)}</font>')
        else:
            parts.append('<font point-size="9"><i>(no prompt)</i></font>')
        extras = [_option_note(o) for o in menu.options if _listed_in_box(o)]
        if extras:
            text = html_label(" · ".join(extras))
            parts.append(f'<font point-size="8" color="#555555">{text}</font>')
        parts.extend(self._codes_line(node))
        parts.extend(self._menu_traffic(menu.id))
        entry = ", peripheries=2, penwidth=1.5" if menu.id == self.file.entry else ""
        return (
            f'  "{dot_label(node)}" [shape=box, style="rounded,filled", fillcolor="#f7f7f7", '
            f"label=<{'<br/>'.join(parts)}>{entry}{self._mark_attrs(node)}];"
        )

    def _dest_line(self, node: str, dest: Destination) -> str:
        if dest.kind == "hangup":
            shape, fill = "octagon", "#e8e8e8"
        elif dest.kind == "undeclared":
            shape, fill = "ellipse", "#ffffff"
        elif dest.human:
            shape, fill = "ellipse", "#dff2d8"
        elif dest.kind == "voicemail":
            shape, fill = "note", "#f3ecd6"
        else:
            shape, fill = "hexagon", "#dbe8f6"
        who = "person" if dest.human else "no person"
        parts = [
            f"<b>{_wrap(dest.display_name)}</b>",
            f'<font point-size="8">{html_label(dest.kind)} · {who}</font>',
            *self._codes_line(node),
        ]
        style = "dashed" if dest.kind == "undeclared" else "filled"
        return (
            f'  "{dot_label(node)}" [shape={shape}, style={style}, fillcolor="{fill}", '
            f"label=<{'<br/>'.join(parts)}>{self._mark_attrs(node)}];"
        )

    def _extra_line(self, node: str) -> str:
        if node.startswith("missing:"):
            name = html_label(node[len("missing:") :])
            return (
                f'  "{dot_label(node)}" [shape=box, style="rounded,dashed", color="#d62728", '
                f"label=<<b>{name}</b><br/><i>not defined</i>>];"
            )
        return (
            f'  "{dot_label(node)}" [shape=octagon, style=filled, fillcolor="#e8e8e8", '
            "label=<hang up>, fontsize=9];"
        )

    def _edge_lines(self) -> list[str]:
        """One drawn edge per (menu, target): the 0 key and the no-input handling that go
        to the same queue share an edge with both labels, which halves the edges of a
        large line."""
        groups: dict[tuple[str, str], list[_EdgeSpec]] = {}
        for edge in self.edges:
            groups.setdefault((edge.source, edge.target), []).append(edge)
        # With ordering=out and rankdir=LR, Graphviz stacks a node's edges bottom-up; listing
        # them in reverse puts key 1 at the top, as a caller hears it.
        return [self._edge_line(group) for group in reversed(groups.values())]

    def _edge_line(self, group: list[_EdgeSpec]) -> str:
        source = dot_label(menu_node(group[0].source))
        target = dot_label(group[0].target)
        labels: list[str] = []
        marks = _Marks()
        for edge in group:
            label = edge.label if not edge.dashed else f'<font color="#666666">{edge.label}</font>'
            found = self.edge_marks.get((edge.source, edge.key)) if self.show_diagnostics else None
            if found is not None:
                marks.items.extend(found.items)
                label += f" {found.codes}"
            labels.append(label)
        attrs = []
        moved = self._edge_traffic(group[0].source, group[0].target)
        if moved is not None:
            labels.append(f'<font color="{TRAFFIC_COLOUR}">{moved[0]}</font>')
            attrs.append(f"penwidth={moved[1]:.1f}")
        if marks.items:
            colour = marks.colour
            width = [] if moved is not None else ["penwidth=2"]
            attrs += [f'color="{colour}"', *width, f'tooltip="{dot_label(marks.tooltip)}"']
        if all(edge.dashed for edge in group):
            attrs.append("style=dashed")
        rest = "".join(f", {a}" for a in attrs)
        return f'  "{source}" -> "{target}" [label=<{"<br/>".join(labels)}>{rest}];'

    def _menu_traffic(self, menu_id: str) -> list[str]:
        """With call data: how many calls heard the menu, and how many hung up there."""
        if self.traffic is None:
            return []
        used = self.traffic.menu(menu_id)
        if not used.reached:
            return [f'<font point-size="8" color="{TRAFFIC_COLOUR}">no calls</font>']
        text = f"{used.reached:,} calls · {percent(used.hangups / used.reached)} hung up"
        return [f'<font point-size="8" color="{TRAFFIC_COLOUR}">{html_label(text)}</font>']

    def _edge_traffic(self, menu_id: str, node: str) -> tuple[str, float] | None:
        """With call data: the calls that took an edge (and their share of the menu's
        callers) as label text, and a pen width that grows with the share."""
        if self.traffic is None:
            return None
        calls = self.traffic.moves.get((menu_id, node), 0)
        reached = self.traffic.menu(menu_id).reached
        share = calls / reached if reached else 0.0
        text = f"{calls:,} calls · {percent(share)}"
        return html_label(text), 1.0 + 5.0 * share

    def _codes_line(self, node: str) -> list[str]:
        marks = self.node_marks.get(node)
        if not self.show_diagnostics or marks is None:
            return []
        return [marks.codes]

    def _mark_attrs(self, node: str) -> str:
        marks = self.node_marks.get(node)
        if not self.show_diagnostics or marks is None:
            return ""
        return f', color="{marks.colour}", penwidth=2, tooltip="{dot_label(marks.tooltip)}"'


def menu_graph_dot(
    menu_file: MenuFile,
    diagnostics: Sequence[Diagnostic] | None = None,
    traffic: CallUsage | None = None,
) -> str:
    """The DOT source of ``menu_file``, coloured by ``diagnostics`` unless it is None; with
    ``traffic`` (call data), every edge carries the calls that took it."""
    return MenuGraph(menu_file, diagnostics, traffic).dot()


def _first_words(prompt: str, count: int = PROMPT_WORDS) -> str:
    words = prompt.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _wrap(text: str) -> str:
    return "<br/>".join(html_label(line) for line in textwrap.wrap(text, WRAP)) if text else ""


def _listed_in_box(option: Option) -> bool:
    return option.target is None or option.is_navigation


def _option_note(option: Option) -> str:
    if option.target is None:
        return f"{option.key} (no target)"
    return f"{option.key} {_NAVIGATION_NAMES.get(option.target.value, option.target.value)}"


def _single(branches: set[str] | None) -> str:
    """The one branch that uses a node, or "" (outside every cluster) when shared or unused."""
    return next(iter(branches)) if branches and len(branches) == 1 else ""


def _branch_order(branch: str) -> tuple[int, str]:
    order = "1234567890*#"
    if branch == "":
        return (-1, "")
    return (order.index(branch), "") if branch in order else (len(order), branch)
