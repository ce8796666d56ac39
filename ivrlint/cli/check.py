"""``ivrlint check PATH...``: lint menu files and report diagnostics.

No ``from __future__ import annotations`` here: Typer reads the options from the function's
annotations, and with postponed annotations it has to evaluate each from its text (about
2 ms on every run).
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ivrlint.cli.calllog import (
    CallsOption,
    InputFormatOption,
    MapOption,
    NodeMapOption,
    TimeFormatOption,
    require_log,
)
from ivrlint.cli.common import (
    ConfigOption,
    ExitCode,
    FromOption,
    InputFormat,
    IsolatedOption,
    fail_usage,
    split_list,
    use_color,
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def check(
    paths: Annotated[
        list[str],
        typer.Argument(help="Menu files, or folders to search for *.yaml, *.yml, *.json."),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Only these rules: codes, code prefixes or names (comma-separated)."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Skip these rules: codes, code prefixes or names.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Lowest severity that makes the run fail (exit 1).")
    ] = FailOn.error,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when problems are found.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the diagnostics: no hints, no summary.")
    ] = False,
    color: Annotated[Color, typer.Option(help="Colour the text output.")] = Color.auto,
    source_format: FromOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the report to this file, not the terminal."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
    calls: CallsOption = None,
    input_format: InputFormatOption = InputFormat.auto,
    column_map: MapOption = None,
    node_map: NodeMapOption = None,
    time_format: TimeFormatOption = None,
) -> None:
    """Check menu files and report problems with file, line, column, rule code and a hint."""
    from ivrlint.config import ConfigError
    from ivrlint.diagnostics import Severity
    from ivrlint.discover import PathNotFound, menu_files
    from ivrlint.engine import Checker, Settings, SettingsError
    from ivrlint.formatters import FORMATTERS, Report

    if config is not None and isolated:
        fail_usage("--config and --isolated exclude each other", "pass one of them")
    require_log(calls, column_map, node_map, time_format)
    settings = Settings(select=split_list(select), ignore=split_list(ignore))
    try:
        checker = Checker(settings, config=config, isolated=isolated)
    except (SettingsError, ConfigError) as exc:
        fail_usage(str(exc), getattr(exc, "hint", ""))
    try:
        files = menu_files(paths)
    except PathNotFound as exc:
        fail_usage(f"no such file or folder: {exc}")
    if not files:
        fail_usage(
            f"no menu files (*.yaml, *.yml, *.json) under {', '.join(paths)}",
            "name a menu file, or a folder that holds some",
        )
    logs = _call_files(calls)
    # Everything read is an input that --output must never replace.
    inputs = [*files, *map(str, logs), *(str(p) for p in (node_map, config) if p is not None)]
    target = _output_target(output, force, inputs)
    source = None
    if calls is not None:
        from ivrlint.cli.calllog import read_calls

        source = read_calls(logs, input_format, column_map, node_map, quiet, time_format)
        checker.calls = source  # linters are built per file, after this
    fmt = source_format.value if source_format else None
    try:
        diagnostics = [d for path in files for d in checker.lint_path(path, fmt)]
        checks = {path: checker.codes_for(path) for path in files}
    except (SettingsError, ConfigError) as exc:
        fail_usage(str(exc), getattr(exc, "hint", ""))
    if source is not None:
        from ivrlint.cli.calllog import report_mapping

        report_mapping(source, quiet)
    threshold = None if fail_on is FailOn.never else Severity.parse(fail_on.value)
    failed = threshold is not None and any(d.severity >= threshold for d in diagnostics)
    report = Report(
        tuple(files), tuple(diagnostics), failed=failed, fail_on=threshold, checks=checks
    )
    stream = sys.stdout if target is None else None
    formatter = FORMATTERS[output_format.value](color=use_color(color.value, stream), quiet=quiet)
    text = formatter.format(report)
    if target is None:
        sys.stdout.write(text)
    else:
        _write(target, text, force, inputs)
    if failed and not exit_zero:
        raise typer.Exit(ExitCode.FAILED)


def _call_files(calls: list[str] | None) -> list[Path]:
    if calls is None:
        return []
    from ivrlint.cli.calllog import call_files

    return call_files(calls)


def _output_target(output: str | None, force: bool, files: list[str]) -> Path | None:
    """The --output file, checked before any work so a long run does not end in a refusal."""
    if output is None or output == "-":
        return None
    from ivrlint.output import OutputError, check_output_path  # only when writing a file

    target = Path(output)
    try:
        check_output_path(target, force=force, inputs=[Path(f) for f in files])
    except OutputError as exc:
        fail_usage(str(exc))
    return target


def _write(target: Path, text: str, force: bool, files: list[str]) -> None:
    from ivrlint.output import OutputError, write_output

    try:
        write_output(target, text, force=force, inputs=[Path(f) for f in files])
    except OutputError as exc:
        fail_usage(str(exc))
