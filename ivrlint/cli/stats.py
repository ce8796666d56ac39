"""``ivrlint stats MENU``: how far each destination is from the entry, and how wide menus are."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ivrlint.cli.calllog import (
    CallsOption,
    InputFormatOption,
    LogQuietOption,
    MapOption,
    NodeMapOption,
    TimeFormatOption,
    require_log,
)
from ivrlint.cli.common import FromOption, InputFormat, finite


class StatsFormat(StrEnum):
    text = "text"
    json = "json"


def stats(
    menu: Annotated[str, typer.Argument(help="Menu file, or REVISION:PATH in a git repository.")],
    output_format: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StatsFormat.text,
    words_per_minute: Annotated[
        float,
        typer.Option(help="Speaking rate of prompts (as IVR115).", min=1.0, callback=finite),
    ] = 150.0,
    source_format: FromOption = None,
    max_presses: Annotated[
        int, typer.Option(help="Count destinations reachable within this many key presses.", min=1)
    ] = 3,
    calls: CallsOption = None,
    input_format: InputFormatOption = InputFormat.auto,
    column_map: MapOption = None,
    node_map: NodeMapOption = None,
    time_format: TimeFormatOption = None,
    quiet: LogQuietOption = False,
) -> None:
    """Keys, seconds and depth to every destination on the fastest path; menu widths; summary.

    With --calls, the means are weighted by how many logged calls the menus sent to each
    destination."""
    from ivrlint.cli.menus import load_menu
    from ivrlint.reports.menu_stats import format_json, format_text
    from ivrlint.stats import compute_stats

    _, menu_file = load_menu(menu, source_format)
    routed = None
    require_log(calls, column_map, node_map, time_format)
    if calls is not None:
        from ivrlint.cli.calllog import call_files, read_calls, report_mapping

        source = read_calls(
            call_files(calls), input_format, column_map, node_map, quiet, time_format
        )
        routed = source.usage_for(menu_file).routed
        report_mapping(source, quiet)
    result = compute_stats(menu_file, words_per_minute, max_presses=max_presses, calls=routed)
    formatter = format_json if output_format is StatsFormat.json else format_text
    sys.stdout.write(formatter(result))
