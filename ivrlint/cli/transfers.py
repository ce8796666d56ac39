"""``ivrlint transfers LOG...``: transfer chains from call logs, as a report, a graph and
CI thresholds."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ivrlint.cli.calllog import TimeFormatOption
from ivrlint.cli.common import (
    ExitCode,
    InputFormat,
    SourceFormat,
    fail_usage,
    finite,
    split_list,
)

if TYPE_CHECKING:
    from ivrlint.calls.table import EventLog, ReadSummary

PROGRESS_ABOVE_BYTES = 16 << 20
SHOWN_BAD_ROWS = 20


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


class OnBadRow(StrEnum):
    skip = "skip"
    fail = "fail"


def parse_column_map(values: list[str] | None) -> dict[str, str]:
    from ivrlint.calls.table import COLUMNS

    mapping: dict[str, str] = {}
    for item in split_list(values):
        canonical, sep, source = item.partition("=")
        canonical, source = canonical.strip(), source.strip()
        if not sep or not canonical or not source:
            fail_usage(
                f"cannot read --map '{item}'", "write CANONICAL=YOUR_COLUMN, e.g. call_id=CaseID"
            )
        if canonical not in COLUMNS:
            fail_usage(f"--map {item}: '{canonical}' is not a column of the event log",
                       f"map one of: {', '.join(COLUMNS)}")  # fmt: skip
        mapping[canonical] = source
    return mapping


def _say(message: str, quiet: bool = False) -> None:
    if not quiet:
        typer.echo(message, err=True)


def _show_progress(quiet: bool, total: int) -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    return (
        not quiet and total >= PROGRESS_ABOVE_BYTES and bool(isatty and isatty())
        and not os.environ.get("CI")
    )  # fmt: skip


def report_read(summary: ReadSummary, quiet: bool) -> None:
    for f in summary.files:
        how = "detected" if f.detected else "as given"
        _say(f"ivrlint: reading {f.path} as {f.format} ({how})", quiet)
        for note in f.notes:
            _say(f"  note: {note}", quiet)
    for bad in summary.bad_rows[:SHOWN_BAD_ROWS]:
        typer.echo(f"{bad.where()}: skipped: {bad.reason}", err=True)
    if summary.skipped > SHOWN_BAD_ROWS:
        typer.echo(f"... and {summary.skipped - SHOWN_BAD_ROWS} more malformed rows", err=True)
    line = (
        f"ivrlint: read {summary.rows} rows from {len(summary.files)} file(s): "
        f"{summary.used} events"
    )
    if summary.skipped:
        reasons = ", ".join(f"{n} {r}" for r, n in summary.skipped_by_reason)
        line += f", {summary.skipped} skipped ({reasons})"
    if summary.ignored:
        reasons = ", ".join(f"{n} {r}" for r, n in summary.ignored_by_reason)
        line += f", {summary.ignored} ignored ({reasons})"
    _say(line, quiet and not summary.skipped)
    if summary.used:  # with no event at all, the error that follows gives the hint
        for hint in _time_format_hints(summary):
            typer.echo(f"  hint: {hint}", err=True)


def _time_format_hints(summary: ReadSummary) -> list[str]:
    """What --time-format would read the timestamps that could not be read, once for each
    layout found (files of one export share theirs)."""
    hints: dict[object, str] = {}
    for guess in (f.time_format_guess for f in summary.files):
        if guess is not None:
            hints.setdefault(guess.formats or guess.example, guess.hint())
    return list(hints.values())


def require_events(log: EventLog, files: list[Path]) -> None:
    """A usage error when nothing in ``files`` was a call event, saying what to try."""
    if len(log.frame):
        return
    hints = _time_format_hints(log.summary)
    fail_usage(
        f"no call events in {', '.join(str(f) for f in files)}",
        hints[0] if hints else "check the format (--input-format) and the column names (--map)",
    )


def transfers(
    paths: Annotated[list[str], typer.Argument(help="Call logs: files or glob patterns.")],
    input_format: Annotated[
        InputFormat, typer.Option("--input-format", "-i", help="Format of the logs.")
    ] = InputFormat.auto,
    column_map: Annotated[
        list[str] | None,
        typer.Option("--map", help="Column names: call_id=CaseID,node=Team,timestamp=Time."),
    ] = None,
    time_format: TimeFormatOption = None,
    menu: Annotated[
        str | None,
        typer.Option(
            help="Menu file, or REVISION:PATH in git: its menu ids are IVR nodes, its "
            "destinations give kinds."
        ),
    ] = None,
    source_format: Annotated[
        SourceFormat | None,
        typer.Option("--from", help="Read the --menu file as this format (default: detect it)."),
    ] = None,
    long_at: Annotated[
        int, typer.Option(min=1, help="A call with this many transfers or more is a long chain.")
    ] = 3,
    top: Annotated[
        int, typer.Option(min=0, help="How many of the most common chains to list.")
    ] = 10,
    graph: Annotated[
        Path | None, typer.Option(help="Draw the transfer graph: FILE.svg, .png, .pdf or .dot.")
    ] = None,
    min_share: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            callback=finite,
            help="Leave out of the graph edges made by fewer calls (0.01 = 1%).",
        ),
    ] = 0.0,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.text,
    out: Annotated[
        Path | None, typer.Option("--output", "--out", "-o", help="Write the report to FILE.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing output files.")] = False,
    fail_if: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-if",
            help="Exit 1 when this holds: 'transfer_rate > 0.2', 'long_chain_calls > 1%'.",
        ),
    ] = None,
    on_bad_row: Annotated[
        OnBadRow, typer.Option(help="Malformed rows: report and skip them, or fail the run.")
    ] = OnBadRow.skip,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress or read summary on stderr.")
    ] = False,
) -> None:
    """Rebuild each call's chain of places from call logs and report transfers."""
    from ivrlint.calls.gates import GateError, evaluate, parse_gate
    from ivrlint.calls.readers import BadRowsFound, expand_paths
    from ivrlint.calls.table import ReadError
    from ivrlint.files import exists
    from ivrlint.output import OutputError, check_output_path

    try:
        gates = [parse_gate(text) for text in fail_if or ()]
    except GateError as exc:
        fail_usage(str(exc))
    mapping = parse_column_map(column_map)
    if source_format is not None and menu is None:
        fail_usage("--from is the format of the --menu file", "name the menu with --menu MENU")
    try:
        files = expand_paths(paths)
    except ReadError as exc:
        fail_usage(exc.message, exc.hint)
    try:
        inputs = [*files, Path(menu)] if menu is not None and exists(menu) else files
        for target in (out, graph):
            if target is not None:
                check_output_path(target, force=force, inputs=inputs)
        if graph is not None:
            _graph_format(graph)
    except (OutputError, ValueError) as exc:
        fail_usage(str(exc))
    if out is not None and graph is not None and out.resolve() == graph.resolve():
        fail_usage("--out and --graph name the same file")
    kinds = _menu_kinds(menu, source_format) if menu is not None else None
    try:
        log = read_log(files, input_format.value, mapping, on_bad_row.value, quiet, time_format)
    except BadRowsFound as exc:
        for bad in exc.bad_rows[:SHOWN_BAD_ROWS]:
            typer.echo(f"{bad.where()}: {bad.reason}", err=True)
        typer.echo(f"ivrlint: error: {exc.message} (--on-bad-row fail)", err=True)
        raise typer.Exit(ExitCode.FAILED) from None
    except ReadError as exc:
        fail_usage(exc.message, exc.hint)
    report_read(log.summary, quiet)
    require_events(log, files)
    _analyse_and_write(log, kinds, long_at, top, graph, min_share, output_format.value, out,
                       force, files, gates, evaluate)  # fmt: skip


def _graph_format(path: Path) -> str:
    from ivrlint.render import output_format

    return output_format(path)


def _menu_kinds(menu: str, source_format: SourceFormat | None) -> dict[str, str]:
    """Kinds of the places ``menu`` names, loaded as every command loads a menu."""
    from ivrlint.calls.chains import kinds_from_menu
    from ivrlint.cli.menus import load_menu

    _, menu_file = load_menu(menu, source_format)
    return kinds_from_menu(menu_file)


def read_log(
    files: list[Path],
    fmt: str,
    mapping: dict[str, str],
    on_bad_row: str,
    quiet: bool,
    time_format: str | None = None,
) -> EventLog:
    from ivrlint.calls.readers import read_events

    total = sum(p.stat().st_size for p in files)
    if not _show_progress(quiet, total):
        return read_events(files, fmt, mapping, on_bad_row, time_format=time_format)
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("reading call logs", total=total)

        def advance(path: str, done: int, _total: int) -> None:
            bar.update(task, completed=done, description=f"read {Path(path).name}")

        return read_events(files, fmt, mapping, on_bad_row, advance, time_format)


def _analyse_and_write(
    log: Any, kinds: dict[str, str] | None, long_at: int, top: int, graph: Path | None,
    min_share: float, fmt: str, out: Path | None, force: bool, files: list[Path],
    gates: list[Any], evaluate: Any,
) -> None:  # fmt: skip
    import shutil

    from ivrlint.calls.chains import build_chains
    from ivrlint.calls.metrics import transfer_metrics
    from ivrlint.output import OutputError, write_output
    from ivrlint.render import render
    from ivrlint.reports.transfers import TransferReport, formatter

    metrics = transfer_metrics(build_chains(log, kinds), long_at=long_at, top=top)
    dot = drawn = svg = None
    if graph is not None or fmt == "html":  # only then: the graph needs networkx
        from ivrlint.render.transfer_graph import transfer_dot

        dot = transfer_dot(metrics, min_share)
        drawn = render(dot, _graph_format(graph)) if graph is not None else None
        if fmt == "html" and shutil.which("dot") is not None:
            # an SVG --graph is the picture the page shows: drawn once
            page = drawn if drawn is not None and drawn.format == "svg" else render(dot, "svg")
            svg = page.data.decode("utf-8")
    results = tuple(evaluate(g, metrics) for g in gates)
    report = TransferReport(metrics, log.summary, results, svg, dot)
    text = formatter(fmt)(report)
    try:
        if graph is not None and drawn is not None:
            target = graph
            if drawn.note:
                target = graph.with_suffix(".dot")
                typer.echo(f"ivrlint: {drawn.note}: {target}", err=True)
            write_output(target, drawn.data, force=force, inputs=files)
        if out is not None:
            write_output(out, text, force=force, inputs=files)
        else:
            sys.stdout.write(text)
    except OutputError as exc:
        fail_usage(str(exc))
    for result in results:
        if result.crossed:
            typer.echo(f"ivrlint: threshold crossed: {result.message()}", err=True)
    if report.failed:
        raise typer.Exit(ExitCode.FAILED)
