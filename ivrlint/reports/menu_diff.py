"""``ivrlint diff`` output as text (terminal), JSON (tools) or Markdown (a pull request)."""

from __future__ import annotations

import json

from ivrlint import __version__
from ivrlint.diagnostics import Diagnostic
from ivrlint.diff import Figure, MenuChange, MenuDiff, OptionChange, OptionRef, PathChange
from ivrlint.formatters.markdown import code, escape
from ivrlint.reports.menu_stats import keys_text, table
from ivrlint.text.speech import word_count

_MENU_VERBS = {
    "added": "added",
    "removed": "removed",
    "moved": "moved",
    "prompt": "prompt changed",
    "no_input": "no-input handling changed",
    "no_match": "no-match handling changed",
}


def option_text(ref: OptionRef) -> str:
    label = f'"{ref.label}"' if ref.label else "(no label)"
    return f"{ref.menu} {ref.key} {label} → {ref.target or '(nothing)'}"


def option_change_text(change: OptionChange) -> str:
    kinds = ", ".join(change.kinds)
    if change.old is None or change.new is None:
        ref = change.new or change.old
        assert ref is not None
        return f"{kinds}: {option_text(ref)}"
    return f"{kinds}: {option_text(change.old)}  ⇒  {option_text(change.new)}"


def menu_change_text(change: MenuChange) -> str:
    verb = _MENU_VERBS.get(change.kind, change.kind)
    if change.kind == "moved":
        return f"menu '{change.menu}' moved: under {change.old} → under {change.new}"
    if change.kind in ("added", "removed"):
        return f"menu '{change.menu}' {verb}"
    if change.kind == "prompt" and change.old_seconds is not None:
        words = f"{word_count(change.old or '')} → {word_count(change.new or '')} words"
        return (
            f"menu '{change.menu}': {verb}: {words}, "
            f"{change.old_seconds:.1f} s → {change.new_seconds or 0.0:.1f} s to say"
        )
    return f"menu '{change.menu}': {verb}: {change.old or '(none)'} → {change.new or '(none)'}"


def diagnostic_text(d: Diagnostic, version: str) -> str:
    """A diagnostic of one version, located in that version as the user named it."""
    return f"{d.code} [{d.severity.label}] {d.message} ({version}:{d.line}:{d.column})"


def _number(value: float, digits: int, sign: str = "") -> str:
    rounded = round(value, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    return f"{rounded:{sign}g}"


def figure_cells(f: Figure) -> list[str]:
    """figure, old, new, change, verdict: the cells of one row of the figures table."""

    def show(value: float | None) -> str:
        if value is None:
            return "—"
        return f"{value:.0%}" if f.unit == "%" else _number(value, f.digits)

    delta = f.delta
    if delta is None:
        change = ""
    elif f.verdict == "same" or abs(delta) < 0.5 * 10**-f.digits:
        change = "="
    elif f.unit == "%":
        change = f"{delta * 100:+.0f} pts"
    else:
        change = _number(delta, f.digits, "+") + (f" {f.unit}" if f.unit else "")
    return [f.name, show(f.old), show(f.new), change, f.verdict if f.verdict != "same" else ""]


def path_text(p: PathChange) -> str:
    def side(keys: tuple[str, ...] | None, seconds: float | None) -> str:
        if keys is None or seconds is None:
            return "unreachable"
        return f"{keys_text(keys)} ({seconds:.1f} s)"

    who = f"{p.name} (person)" if p.human else p.name
    return f"{who}: {side(p.old_keys, p.old_seconds)} → {side(p.new_keys, p.new_seconds)}"


def headline(diff: MenuDiff) -> str:
    person = next(f for f in diff.figures if f.name == "mean seconds to a person")
    parts = [
        f"{len(diff.new_diagnostics)} new diagnostic{'s' if len(diff.new_diagnostics) != 1 else ''}"
        f" ({len(diff.new_errors)} error{'s' if len(diff.new_errors) != 1 else ''})",
        f"{len(diff.fixed_diagnostics)} fixed",
    ]
    if person.delta is not None and abs(person.delta) >= 0.05:
        parts.append(
            f"mean time to a person {person.old:.1f} s → {person.new:.1f} s ({person.verdict})"
        )
    elif person.delta is not None:
        parts.append(f"mean time to a person unchanged ({person.new:.1f} s)")
    return "; ".join(parts)


def format_text(diff: MenuDiff) -> str:
    lines = [f"{diff.old_path} → {diff.new_path}", headline(diff), ""]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"{title}:", *(f"  {item}" for item in items), ""])

    if not diff.structure_changed:
        lines.extend(["No menus, options or destinations changed.", ""])
    for title, items in _changes(diff):
        section(title, items)
    lines.append("Figures:")
    lines.extend(
        table(
            ["figure", "old", "new", "change", "for callers"],
            [figure_cells(f) for f in diff.figures],
            right={1, 2, 3},
        )
    )
    lines.append("")
    for title, items in _details(diff):
        section(title, items)
    return "\n".join(lines).rstrip("\n") + "\n"


def _changes(diff: MenuDiff) -> list[tuple[str, list[str]]]:
    """The sections on what changed, as titles and lines, for every output format."""
    return [
        ("Menus", [menu_change_text(c) for c in diff.menus]),
        ("Options", [option_change_text(c) for c in diff.options]),
        (
            "Destinations",
            [
                f"{c.kind}: {c.id}" + (f": {c.old} → {c.new}" if c.old else "")
                for c in diff.destinations
            ],
        ),
        ("New diagnostics", [diagnostic_text(d, diff.new_path) for d in diff.new_diagnostics]),
        ("Fixed diagnostics", [diagnostic_text(d, diff.old_path) for d in diff.fixed_diagnostics]),
    ]


def _details(diff: MenuDiff) -> list[tuple[str, list[str]]]:
    """The sections after the figures: fastest paths and widths that changed."""
    return [
        ("Fastest paths that changed", [path_text(p) for p in diff.paths]),
        ("Choices per menu that changed", [f"{w.menu}: {w.old} → {w.new}" for w in diff.widths]),
    ]


def format_markdown(diff: MenuDiff) -> str:
    lines = [
        f"### Menu changes: {code(diff.old_path)} → {code(diff.new_path)}",
        "",
        f"**{escape(headline(diff))}**",
        "",
        "| figure | old | new | change | for callers |",
        "|---|---:|---:|---:|---|",
        *("| " + " | ".join(escape(c) for c in figure_cells(f)) + " |" for f in diff.figures),
        "",
    ]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"#### {title}", "", *(f"- {escape(item)}" for item in items), ""])

    for title, items in _changes(diff):
        section(title, items)
    for title, items in _details(diff):
        section(title, items)
    if not diff.structure_changed:
        lines.extend(["No menus, options or destinations changed.", ""])
    return "\n".join(lines).rstrip("\n") + "\n"


def _ref_dict(ref: OptionRef | None) -> dict[str, str] | None:
    if ref is None:
        return None
    return {"menu": ref.menu, "key": ref.key, "label": ref.label, "target": ref.target}


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def to_dict(diff: MenuDiff) -> dict[str, object]:
    return {
        "old": diff.old_path,
        "new": diff.new_path,
        "menus": [{"kind": c.kind, "menu": c.menu, "old": c.old, "new": c.new} for c in diff.menus],
        "options": [
            {"kinds": list(c.kinds), "old": _ref_dict(c.old), "new": _ref_dict(c.new)}
            for c in diff.options
        ],
        "destinations": [
            {"kind": c.kind, "id": c.id, "old": c.old, "new": c.new} for c in diff.destinations
        ],
        "diagnostics": {
            "new": [d.to_dict() for d in diff.new_diagnostics],
            "fixed": [d.to_dict() for d in diff.fixed_diagnostics],
            "new_errors": len(diff.new_errors),
        },
        "figures": [
            {
                "name": f.name,
                "old": _num(f.old),
                "new": _num(f.new),
                "delta": _num(f.delta),
                "better": f.better or None,
                "verdict": f.verdict or None,
            }
            for f in diff.figures
        ],
        "paths": [
            {
                "destination": p.id,
                "name": p.name,
                "human": p.human,
                "old_keys": None if p.old_keys is None else list(p.old_keys),
                "new_keys": None if p.new_keys is None else list(p.new_keys),
                "old_seconds": _num(p.old_seconds),
                "new_seconds": _num(p.new_seconds),
            }
            for p in diff.paths
        ],
        "widths": [{"menu": w.menu, "old": w.old, "new": w.new} for w in diff.widths],
    }


def format_json(diff: MenuDiff) -> str:
    document = {"version": __version__, **to_dict(diff)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": format_text, "json": format_json, "markdown": format_markdown}
