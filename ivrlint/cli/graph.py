"""``ivrlint graph MENU``: draw the menu, coloured by its diagnostics."""

from __future__ import annotations

import sys
from pathlib import Path
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
from ivrlint.cli.common import (
    ConfigOption,
    FromOption,
    InputFormat,
    IsolatedOption,
    fail_usage,
)


def graph(
    menu: Annotated[str, typer.Argument(help="Menu file, or REVISION:PATH in a git repository.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to FILE.svg, .png, .pdf or .dot (default: DOT to stdout)."
        ),
    ] = None,
    diagnostics: Annotated[
        bool,
        typer.Option(
            "--diagnostics/--no-diagnostics", help="Colour what the lint rules find, with codes."
        ),
    ] = True,
    source_format: FromOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    calls: CallsOption = None,
    input_format: InputFormatOption = InputFormat.auto,
    column_map: MapOption = None,
    node_map: NodeMapOption = None,
    time_format: TimeFormatOption = None,
    quiet: LogQuietOption = False,
) -> None:
    """Draw the menu with Graphviz: menus, options by key, destinations by kind, the entry.

    With --calls, every edge carries the logged calls that took it, and the call-data rules
    (IVR4xx) colour what they find."""
    from ivrlint.cli.calllog import call_files, read_calls, report_mapping
    from ivrlint.cli.menus import checker, lint, load_menu
    from ivrlint.files import exists
    from ivrlint.output import OutputError, check_output_path, write_output
    from ivrlint.render import output_format, render
    from ivrlint.render.menu_graph import menu_graph_dot

    require_log(calls, column_map, node_map, time_format)
    logs = call_files(calls) if calls is not None else []
    inputs = [Path(menu)] if exists(menu) else []
    inputs += logs
    inputs += [Path(p) for p in (node_map, config) if p is not None]
    fmt = "dot"
    if output is not None:
        try:
            fmt = output_format(output)
            check_output_path(output, force=force, inputs=inputs)
        except (ValueError, OutputError) as exc:
            fail_usage(str(exc))
    loaded, menu_file = load_menu(menu, source_format)
    calls_source = None
    if calls is not None:
        calls_source = read_calls(logs, input_format, column_map, node_map, quiet, time_format)
    rules = checker(config, isolated, calls_source) if diagnostics else None
    found = lint(rules, loaded) if rules is not None else None
    traffic = calls_source.usage_for(menu_file) if calls_source is not None else None
    if calls_source is not None:
        report_mapping(calls_source, quiet)
    source = menu_graph_dot(menu_file, found, traffic)
    if output is None:
        sys.stdout.write(source)
        return
    rendered = render(source, fmt)
    target = output if rendered.format == fmt else output.with_suffix(".dot")
    try:
        write_output(target, rendered.data, force=force, inputs=inputs)
    except OutputError as exc:
        fail_usage(str(exc))
    if rendered.note:
        typer.echo(f"ivrlint: {rendered.note}: {target}", err=True)
    else:
        typer.echo(f"wrote {target}", err=True)
