"""What changed between two versions of a menu, and whether callers are better off.

Structure: menus and destinations added or removed; menus moved under another parent;
options added, removed, moved to another menu, rekeyed, relabelled or retargeted. Options are
matched by what they are (menu, label, target) before their key, so swapping two keys reads
as two rekeys and reordering the file reads as nothing at all.

Diagnostics: matched by code, menu, key and message (line numbers in messages ignored), never
by position, so inserting a line at the top does not turn every diagnostic into new + fixed.

Figures: the ``ivrlint stats`` summary of both versions, and each destination whose fastest
path changed. The module returns records; ``ivrlint.reports.menu_diff`` prints them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ivrlint.diagnostics import Diagnostic, Severity
from ivrlint.flow import Flow
from ivrlint.model import NAVIGATION_ACTIONS, Handler, Menu, MenuFile, Option
from ivrlint.stats import MenuFileStats, compute_stats
from ivrlint.text.speech import DEFAULT_WORDS_PER_MINUTE, spoken_seconds

OPTION_KINDS = ("added", "removed", "moved", "rekeyed", "relabelled", "retargeted")
_LINE_NUMBER = re.compile(r"\bline \d+")


@dataclass(frozen=True, order=True)
class OptionRef:
    menu: str
    key: str
    label: str
    target: str  # "goto orders", "transfer billing", "action back"; "" when missing

    @property
    def is_navigation(self) -> bool:
        return self.target.startswith("action ") and self.target[7:] in NAVIGATION_ACTIONS


@dataclass(frozen=True)
class OptionChange:
    kinds: tuple[str, ...]  # from OPTION_KINDS, in that order
    old: OptionRef | None
    new: OptionRef | None

    @property
    def sort_key(self) -> tuple[str, str, str]:
        ref = self.new or self.old
        assert ref is not None
        return (ref.menu, ref.key, (self.old or ref).key)


@dataclass(frozen=True)
class MenuChange:
    kind: str  # added, removed, moved, prompt, no_input, no_match
    menu: str
    old: str | None = None
    new: str | None = None
    old_seconds: float | None = None  # for a prompt: how long it takes to say
    new_seconds: float | None = None


@dataclass(frozen=True)
class DestinationChange:
    kind: str  # added, removed, changed
    id: str
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True)
class Figure:
    """One summary figure in both versions; ``better`` says which direction helps callers."""

    name: str
    old: float | None
    new: float | None
    better: str  # "lower", "higher" or "" (neither)
    unit: str = ""
    digits: int = 1  # decimals worth showing

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def verdict(self) -> str:
        """``better``, ``worse`` or ``same`` for callers; "" when it cannot be told."""
        delta = self.delta
        if delta is None or not self.better:
            return ""
        if abs(delta) < 0.5 * 10**-self.digits:
            return "same"
        return "better" if (delta < 0) == (self.better == "lower") else "worse"


@dataclass(frozen=True)
class PathChange:
    """A destination whose fastest path from the entry changed."""

    id: str
    name: str
    human: bool
    old_keys: tuple[str, ...] | None  # None: unreachable (or absent) in that version
    new_keys: tuple[str, ...] | None
    old_seconds: float | None
    new_seconds: float | None


@dataclass(frozen=True)
class WidthChange:
    menu: str
    old: int
    new: int


@dataclass(frozen=True)
class MenuDiff:
    old_path: str
    new_path: str
    menus: tuple[MenuChange, ...]
    options: tuple[OptionChange, ...]
    destinations: tuple[DestinationChange, ...]
    new_diagnostics: tuple[Diagnostic, ...]
    fixed_diagnostics: tuple[Diagnostic, ...]
    figures: tuple[Figure, ...]
    paths: tuple[PathChange, ...]
    widths: tuple[WidthChange, ...]

    @property
    def structure_changed(self) -> bool:
        return bool(self.menus or self.options or self.destinations)

    @property
    def new_errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.new_diagnostics if d.severity >= Severity.ERROR)


def diff_menus(
    old: MenuFile,
    new: MenuFile,
    old_diagnostics: Sequence[Diagnostic] = (),
    new_diagnostics: Sequence[Diagnostic] = (),
    *,
    old_path: str | None = None,
    new_path: str | None = None,
    words_per_minute: float = DEFAULT_WORDS_PER_MINUTE,
) -> MenuDiff:
    old_stats = compute_stats(old, words_per_minute)
    new_stats = compute_stats(new, words_per_minute)
    added, fixed = match_diagnostics(old_diagnostics, new_diagnostics)
    return MenuDiff(
        old_path=old_path or old.path,
        new_path=new_path or new.path,
        menus=tuple(_menu_changes(old, new, words_per_minute)),
        options=tuple(diff_options(old, new)),
        destinations=tuple(_destination_changes(old, new)),
        new_diagnostics=added,
        fixed_diagnostics=fixed,
        figures=figures(old_stats, new_stats),
        paths=tuple(_path_changes(old_stats, new_stats)),
        widths=tuple(_width_changes(old_stats, new_stats)),
    )


# -- options ------------------------------------------------------------------------------


def option_refs(menu_file: MenuFile) -> list[OptionRef]:
    return [_ref(m, o) for m in menu_file.menus.values() for o in m.options]


def _ref(menu: Menu, option: Option) -> OptionRef:
    target = option.target.describe() if option.target else ""
    return OptionRef(menu.id, option.key, option.label or "", target)


Identity = Callable[[OptionRef], tuple[str, ...] | None]

# Matching passes, most certain first: two options match in a pass when it gives them the same
# identity. Navigation options (repeat, back, main) look alike in every menu, so they are only
# ever matched within their own menu by key or label (None: not matched in this pass).
_PASSES: tuple[Identity, ...] = (
    lambda o: (o.menu, o.key, o.label, o.target),
    lambda o: (o.menu, o.key, o.target),  # relabelled
    lambda o: (o.menu, o.label, o.target),  # rekeyed
    lambda o: (o.menu, o.key, o.label),  # retargeted
    lambda o: None if o.is_navigation else (o.menu, o.target),  # rekeyed and relabelled
    lambda o: None if o.is_navigation else (o.label, o.target),  # moved
)


def diff_options(old: MenuFile, new: MenuFile) -> list[OptionChange]:
    """Every option change; options of added or removed menus are not listed one by one,
    except those that moved to or from another menu."""
    olds, news = sorted(option_refs(old)), sorted(option_refs(new))
    changes: list[OptionChange] = []
    for identity in _PASSES:
        waiting: dict[tuple[str, ...], list[OptionRef]] = {}
        for b in reversed(news):  # reversed, so that pop() takes the first in sorted order
            key = identity(b)
            if key is not None:
                waiting.setdefault(key, []).append(b)
        matched: set[OptionRef] = set()
        left: list[OptionRef] = []
        for a in olds:
            key = identity(a)
            candidates = waiting.get(key) if key is not None else None
            if not candidates:
                left.append(a)
                continue
            b = candidates.pop()
            matched.add(b)
            if a != b:
                changes.append(OptionChange(_kinds(a, b), a, b))
        olds, news = left, [b for b in news if b not in matched]
    changes += [OptionChange(("removed",), a, None) for a in olds if a.menu in new.menus]
    changes += [OptionChange(("added",), None, b) for b in news if b.menu in old.menus]
    return sorted(changes, key=lambda c: c.sort_key)


def _kinds(a: OptionRef, b: OptionRef) -> tuple[str, ...]:
    differs = {
        "moved": a.menu != b.menu,
        "rekeyed": a.key != b.key,
        "relabelled": a.label != b.label,
        "retargeted": a.target != b.target,
    }
    return tuple(kind for kind, changed in differs.items() if changed)


# -- menus and destinations ----------------------------------------------------------------


def _menu_changes(old: MenuFile, new: MenuFile, words_per_minute: float) -> list[MenuChange]:
    changes = [MenuChange("removed", m) for m in old.menus if m not in new.menus]
    changes += [MenuChange("added", m) for m in new.menus if m not in old.menus]
    old_flow, new_flow = Flow(old), Flow(new)
    for menu_id in sorted(set(old.menus) & set(new.menus)):
        before, after = old.menus[menu_id], new.menus[menu_id]
        old_parents, new_parents = old_flow.parents[menu_id], new_flow.parents[menu_id]
        if old_parents != new_parents:
            changes.append(MenuChange("moved", menu_id, _names(old_parents), _names(new_parents)))
        if (before.prompt or "") != (after.prompt or ""):
            seconds = [spoken_seconds(m.prompt or "", words_per_minute) for m in (before, after)]
            changes.append(MenuChange("prompt", menu_id, before.prompt, after.prompt, *seconds))
        for name, was, now in (
            ("no_input", _handling(before.no_input), _handling(after.no_input)),
            ("no_match", _handling(before.no_match), _handling(after.no_match)),
        ):
            if was != now:
                changes.append(MenuChange(name, menu_id, was, now))
    order = {"removed": 0, "added": 1}
    return sorted(changes, key=lambda c: (order.get(c.kind, 2), c.menu, c.kind))


def _names(ids: Iterable[str]) -> str:
    return ", ".join(sorted(ids)) or "(nothing)"


def _handling(handler: Handler | None) -> str | None:
    if handler is None:
        return None
    then = handler.then.describe() if handler.then else "?"
    return f"{handler.retries or 0} retries, then {then}"


def _destination_changes(old: MenuFile, new: MenuFile) -> list[DestinationChange]:
    changes = [
        DestinationChange("removed", d) for d in old.destinations if d not in new.destinations
    ]
    changes += [
        DestinationChange("added", d) for d in new.destinations if d not in old.destinations
    ]
    for dest_id in sorted(set(old.destinations) & set(new.destinations)):
        a, b = old.destinations[dest_id], new.destinations[dest_id]
        was = f"{a.kind}, {a.display_name}, {'person' if a.human else 'no person'}"
        now = f"{b.kind}, {b.display_name}, {'person' if b.human else 'no person'}"
        if was != now:
            changes.append(DestinationChange("changed", dest_id, was, now))
    return sorted(changes, key=lambda c: (c.id, c.kind))


# -- diagnostics ---------------------------------------------------------------------------


def diagnostic_identity(d: Diagnostic) -> tuple[str, str, str, str]:
    """What makes two diagnostics the same problem in two versions: not where it is written."""
    return (d.code, d.menu or "", d.key or "", _LINE_NUMBER.sub("line N", d.message))


def match_diagnostics(
    old: Sequence[Diagnostic], new: Sequence[Diagnostic]
) -> tuple[tuple[Diagnostic, ...], tuple[Diagnostic, ...]]:
    """(diagnostics only the new version has, diagnostics only the old version had)."""

    def unmatched(mine: Sequence[Diagnostic], theirs: Sequence[Diagnostic]) -> list[Diagnostic]:
        left = Counter(diagnostic_identity(d) for d in theirs)
        out = []
        for d in sorted(mine, key=lambda d: d.sort_key):
            identity = diagnostic_identity(d)
            if left[identity]:
                left[identity] -= 1
            else:
                out.append(d)
        return out

    return tuple(unmatched(new, old)), tuple(unmatched(old, new))


# -- figures -------------------------------------------------------------------------------


def figures(old: MenuFileStats, new: MenuFileStats) -> tuple[Figure, ...]:
    a, b = old.summary, new.summary
    return (
        Figure("menus", a.menus, b.menus, ""),
        Figure("destinations", a.destinations, b.destinations, ""),
        Figure("seconds to the nearest person", a.seconds_to_person, b.seconds_to_person,
               "lower", "s"),
        Figure("mean seconds to a person", a.mean_seconds_to_person, b.mean_seconds_to_person,
               "lower", "s"),
        Figure("max depth", a.max_depth, b.max_depth, "lower"),
        Figure("mean depth", a.mean_depth, b.mean_depth, "lower", digits=2),
        Figure(f"share within {a.max_presses} key presses", a.share_within_presses,
               b.share_within_presses, "higher", "%", digits=2),
        Figure("max choices per menu", a.max_choices, b.max_choices, ""),
        Figure("mean choices per menu", a.mean_choices, b.mean_choices, "", digits=2),
    )  # fmt: skip


def _path_changes(old: MenuFileStats, new: MenuFileStats) -> list[PathChange]:
    changes = []
    for dest in sorted({d.id for d in (*old.destinations, *new.destinations)}):
        a, b = old.destination(dest), new.destination(dest)
        old_keys = a.keys if a and a.reachable else None
        new_keys = b.keys if b and b.reachable else None
        old_s = a.seconds if a else None
        new_s = b.seconds if b else None
        if old_keys == new_keys and _same_seconds(old_s, new_s):
            continue
        shown = b or a
        assert shown is not None
        changes.append(PathChange(dest, shown.name, shown.human, old_keys, new_keys, old_s, new_s))
    return changes


def _same_seconds(a: float | None, b: float | None) -> bool:
    return a == b if a is None or b is None else abs(a - b) < 0.05


def _width_changes(old: MenuFileStats, new: MenuFileStats) -> list[WidthChange]:
    before = {m.id: m.choices for m in old.menus}
    return [
        WidthChange(m.id, before[m.id], m.choices)
        for m in sorted(new.menus, key=lambda m: m.id)
        if m.id in before and before[m.id] != m.choices
    ]
