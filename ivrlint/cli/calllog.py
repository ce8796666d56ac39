"""``--calls LOG``, shared by check, graph and stats: read call logs and join them to menus.

The log options are those of ``ivrlint transfers`` (``--input-format``, ``--map``,
``--time-format``), plus ``--node-map`` for log node names that are not the menu's ids.
What was read, and how many calls could be joined to each menu file, goes to stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ivrlint.cli.common import InputFormat, fail_usage

if TYPE_CHECKING:
    from ivrlint.calls.menu_paths import MenuCalls
    from ivrlint.callusage import CallUsage

CallsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--calls", help="Call logs (files or globs) to join to the menu: runs IVR401-IVR405."
    ),
]
InputFormatOption = Annotated[
    InputFormat, typer.Option("--input-format", "-i", help="Format of the --calls logs.")
]
MapOption = Annotated[
    list[str] | None,
    typer.Option("--map", help="Log column names: call_id=CaseID,node=Team,key=Digits."),
]
TimeFormatOption = Annotated[
    str | None,
    typer.Option(
        "--time-format",
        help="Layout of the log's times in strptime codes, e.g. '%d.%m.%y %H:%M' for "
        "9.3.10 8:05 (CSV, TSV, Parquet, JSON Lines).",
    ),
]
LogQuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No read summary of --calls on stderr.")
]
NodeMapOption = Annotated[
    Path | None,
    typer.Option("--node-map", help="YAML mapping of log node names to menu/destination ids."),
]


def require_log(
    calls: list[str] | None,
    column_map: list[str] | None,
    node_map: Path | None,
    time_format: str | None = None,
) -> None:
    """A usage error when --map, --node-map or --time-format are given without a log to
    apply them to."""
    if calls is None and (column_map or node_map is not None or time_format is not None):
        fail_usage(
            "--map, --node-map and --time-format describe a call log",
            "name the log with --calls LOG",
        )


def call_files(paths: list[str] | None) -> list[Path]:
    """The log files ``--calls`` names; a usage error when one is missing."""
    from ivrlint.calls.readers import expand_paths
    from ivrlint.calls.table import ReadError

    try:
        return expand_paths(paths or ())
    except ReadError as exc:
        fail_usage(exc.message, exc.hint)


def read_calls(
    files: list[Path],
    input_format: InputFormat,
    column_map: list[str] | None,
    node_map: Path | None,
    quiet: bool,
    time_format: str | None = None,
) -> MenuCalls:
    """The event log of ``files`` as call data for menus; usage errors for what cannot be
    read (malformed rows are reported and skipped, as by ``ivrlint transfers``)."""
    from ivrlint.calls.menu_paths import MenuCalls, read_node_map
    from ivrlint.calls.table import ReadError
    from ivrlint.cli.transfers import parse_column_map, read_log, report_read, require_events

    mapping = parse_column_map(column_map)
    try:
        nodes = read_node_map(node_map) if node_map is not None else {}
        log = read_log(files, input_format.value, mapping, "skip", quiet, time_format)
    except ReadError as exc:
        fail_usage(exc.message, exc.hint)
    report_read(log.summary, quiet)
    require_events(log, files)
    return MenuCalls(log, nodes)


def report_mapping(source: MenuCalls, quiet: bool) -> None:
    """How many calls each menu file could be joined to, on stderr. A usage error when no
    call passed any menu of any file: the names do not match, and every rule would be
    silent for that reason alone."""
    computed = source.computed()
    for menu, usage in computed:
        for line in mapping_lines(menu.path, usage):
            if not quiet or line.startswith("ivrlint: warning"):
                typer.echo(line, err=True)
    if computed and all(usage.summary.no_menu == usage.summary.calls for _, usage in computed):
        fail_usage(
            "no call in the log passed a menu of " + ", ".join(menu.path for menu, _ in computed),
            "the log's node names must be the menu ids, or be mapped to them with "
            "--node-map FILE (docs/call-data-rules.md)",
        )


def mapping_lines(path: str, usage: CallUsage) -> list[str]:
    s = usage.summary
    line = f"ivrlint: calls for {path}: {s.calls:,} in the log, {s.mapped:,} joined to the menu"
    if s.no_menu:
        line += f", {s.no_menu:,} passed none of its menus"
    if s.unidentified:
        line += f", {s.unidentified:,} with a choice that could not be told"
    lines = [line]
    if s.unexplained:
        moves = ", ".join(f"{menu} → {name} ({calls:,})" for menu, name, calls in s.unexplained)
        lines.append(
            f"  note: calls went from a menu to places none of its options leads to: {moves}; "
            "a log name for one of the file's destinations goes in --node-map"
        )
    for name, ident in s.bad_node_map:
        lines.append(
            f"ivrlint: warning: --node-map maps '{name}' to '{ident}', "
            f"which is neither a menu nor a destination of {path}"
        )
    return lines
