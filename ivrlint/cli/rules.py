"""``ivrlint rules`` and ``ivrlint explain CODE``: the rule catalogue, from rule metadata."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ivrlint.cli.common import fail_usage


class ListFormat(StrEnum):
    text = "text"
    json = "json"


def rules(
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.text,
) -> None:
    """List every rule: code, name, default severity, options with defaults, summary."""
    import json

    from ivrlint.ruledocs import options_text, plain, rule_record
    from ivrlint.rules import RULES

    if output_format is ListFormat.json:
        records = [rule_record(rule) for rule in RULES]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    rows = [("CODE", "NAME", "SEVERITY", "OPTIONS", "SUMMARY")]
    rows += [
        (r.code, r.name, r.severity.label, options_text(r) or "-", plain(r.summary()))
        for r in RULES
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[4]]).rstrip())


def explain(
    rule: Annotated[
        str, typer.Argument(help="A rule code (IVR101) or name (structure.max-depth).")
    ],
) -> None:
    """Print a rule's documentation: what it catches, why, a bad and a good example, options."""
    from ivrlint.ruledocs import explain_text, find_rule

    try:
        found = find_rule(rule)
    except LookupError as exc:
        fail_usage(str(exc))
    typer.echo(explain_text(found), nl=False)
