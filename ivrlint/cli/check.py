"""``ivrlint check PATH...``: lint menu files and report diagnostics."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ivrlint.cli.common import ExitCode, SourceFormat, fail_usage, split_list, use_color


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


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
    source_format: Annotated[
        SourceFormat | None,
        typer.Option("--from", help="Read the files as this format (default: detect it)."),
    ] = None,
) -> None:
    """Check menu files and report problems with file, line, column, rule code and a hint."""
    from ivrlint.diagnostics import Severity
    from ivrlint.discover import PathNotFound, menu_files
    from ivrlint.engine import Linter, Settings, SettingsError
    from ivrlint.formatters import FORMATTERS, Report

    try:
        linter = Linter(Settings(select=split_list(select), ignore=split_list(ignore)))
    except SettingsError as exc:
        fail_usage(str(exc))
    try:
        files = menu_files(paths)
    except PathNotFound as exc:
        fail_usage(f"no such file or folder: {exc}")
    if not files:
        fail_usage(
            f"no menu files (*.yaml, *.yml, *.json) under {', '.join(paths)}",
            "name a menu file, or a folder that holds some",
        )
    fmt = source_format.value if source_format else None
    diagnostics = [d for path in files for d in linter.lint_path(path, fmt)]
    threshold = None if fail_on is FailOn.never else Severity.parse(fail_on.value)
    failed = threshold is not None and any(d.severity >= threshold for d in diagnostics)
    report = Report(tuple(files), tuple(diagnostics), failed=failed, fail_on=threshold)
    formatter = FORMATTERS[output_format.value](
        color=use_color(color.value, sys.stdout), quiet=quiet
    )
    sys.stdout.write(formatter.format(report))
    if failed and not exit_zero:
        raise typer.Exit(ExitCode.FAILED)
