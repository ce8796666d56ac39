"""``ivrlint stats`` output: a table per destination and per menu, then the summary."""

from __future__ import annotations

import json

from ivrlint import __version__
from ivrlint.stats import DestinationStats, MenuFileStats, Summary


def keys_text(keys: tuple[str, ...]) -> str:
    """``("1", "no_input", "2")`` → ``1 → (wait) → 2``."""
    names = {"no_input": "(wait)", "no_match": "(wrong key)"}
    return " → ".join(names.get(k, k) for k in keys) if keys else "—"


def seconds_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def mean_text(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def share_text(summary: Summary) -> str:
    share = summary.share_within_presses
    if share is None:
        return "—"
    return f"{share:.0%} ({summary.within_presses} of {summary.destinations})"


def summary_rows(summary: Summary) -> list[tuple[str, str]]:
    """The summary as (figure, value) rows: shared by the text and Markdown outputs."""
    weighted = " (weighted by calls)" if summary.weighted else ""
    return [
        ("menus", str(summary.menus)),
        (
            "destinations",
            f"{summary.destinations} ({summary.reachable_destinations} reachable)",
        ),
        (
            "depth, max / mean" + weighted,
            f"{summary.max_depth or '—'} / {mean_text(summary.mean_depth, 2)}",
        ),
        ("seconds to the nearest person", seconds_text(summary.seconds_to_person)),
        ("mean seconds to a person" + weighted, mean_text(summary.mean_seconds_to_person)),
        (f"reachable within {summary.max_presses} key presses", share_text(summary)),
        (
            "choices per menu, max / mean",
            f"{summary.max_choices} / {mean_text(summary.mean_choices, 2)}",
        ),
    ]


def table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """Rows padded into columns; columns in ``right`` are right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  " + "  ".join(parts).rstrip()

    return [line(header), *(line(r) for r in rows)]


def _destination_row(d: DestinationStats, with_calls: bool) -> list[str]:
    row = [
        d.name if d.name == d.id else f"{d.name} ({d.id})",
        d.kind,
        "yes" if d.human else "no",
        keys_text(d.keys) if d.reachable else "unreachable",
        "—" if d.presses is None else str(d.presses),
        "—" if d.depth is None else str(d.depth),
        seconds_text(d.seconds),
    ]
    return [*row, str(d.calls or 0)] if with_calls else row


def format_text(stats: MenuFileStats) -> str:
    title = f"{stats.name} ({stats.path})" if stats.name else stats.path
    with_calls = stats.summary.weighted
    header = ["destination", "kind", "person", "keys", "presses", "depth", "seconds"]
    lines = [
        f"{title}: entry '{stats.entry}', {stats.words_per_minute:g} words per minute",
        "",
        "Destinations, by the fastest path from the entry:",
        *table(
            header + (["calls"] if with_calls else []),
            [_destination_row(d, with_calls) for d in stats.destinations],
            right={4, 5, 6, 7},
        ),
        "",
        "Menus:",
        *table(
            ["menu", "depth", "choices", "options", "prompt seconds"],
            [
                [
                    m.id,
                    "—" if m.depth is None else str(m.depth),
                    str(m.choices),
                    str(m.options),
                    seconds_text(m.prompt_seconds),
                ]
                for m in stats.menus
            ],
            right={1, 2, 3, 4},
        ),
        "",
        "Summary:",
        *table(["figure", "value"], [list(r) for r in summary_rows(stats.summary)], right=set())[
            1:
        ],
    ]
    return "\n".join(lines) + "\n"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def to_dict(stats: MenuFileStats) -> dict[str, object]:
    s = stats.summary
    return {
        "path": stats.path,
        "name": stats.name,
        "entry": stats.entry,
        "words_per_minute": stats.words_per_minute,
        "destinations": [
            {
                "id": d.id,
                "name": d.name,
                "kind": d.kind,
                "human": d.human,
                "declared": d.declared,
                "reachable": d.reachable,
                "keys": list(d.keys),
                "menus": list(d.menus),
                "presses": d.presses,
                "depth": d.depth,
                "seconds": _round(d.seconds),
                **({"calls": d.calls} if d.calls is not None else {}),
            }
            for d in stats.destinations
        ],
        "menus": [
            {
                "id": m.id,
                "depth": m.depth,
                "choices": m.choices,
                "options": m.options,
                "prompt_seconds": _round(m.prompt_seconds),
            }
            for m in stats.menus
        ],
        "summary": {
            "menus": s.menus,
            "destinations": s.destinations,
            "reachable_destinations": s.reachable_destinations,
            "max_depth": s.max_depth,
            "mean_depth": _round(s.mean_depth),
            "seconds_to_person": _round(s.seconds_to_person),
            "mean_seconds_to_person": _round(s.mean_seconds_to_person),
            "max_presses": s.max_presses,
            "within_presses": s.within_presses,
            "share_within_presses": _round(s.share_within_presses),
            "max_choices": s.max_choices,
            "mean_choices": _round(s.mean_choices),
            "weighted_by_calls": s.weighted,
        },
    }


def format_json(stats: MenuFileStats) -> str:
    document = {"version": __version__, **to_dict(stats)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
