"""``ivrlint convert FILE``: write a platform's exported flow in ivrlint's menu format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ivrlint.cli.common import ExitCode, FromOption, fail_usage


def convert(
    path: Annotated[Path, typer.Argument(help="The exported flow (or an ivrlint menu file).")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the menu here (default: standard output)."),
    ] = None,
    source_format: FromOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> None:
    """Convert an exported flow to ivrlint's YAML menu format, with source line comments.

    Reads Twilio Studio, Amazon Connect, Asterisk, FreeSWITCH, VoiceXML and Genesys exports."""
    from ivrlint.loader import load_path
    from ivrlint.output import OutputError, check_output_path, write_output
    from ivrlint.writer import write

    if output is not None:
        try:
            check_output_path(output, force=force, inputs=[path])
        except OutputError as exc:
            fail_usage(str(exc))
    try:
        loaded = load_path(path, source_format.value if source_format else None)
    except OSError as exc:
        fail_usage(f"cannot read {path}: {exc.strerror or exc}")
    for code, finding in loaded.findings:
        typer.echo(
            f"{path}:{finding.pos.line}:{finding.pos.column}: {code} {finding.message}", err=True
        )
        if finding.hint:
            typer.echo(f"    hint: {finding.hint}", err=True)
    if loaded.menu is None:
        typer.echo(f"ivrlint: error: {path} cannot be converted", err=True)
        raise typer.Exit(ExitCode.FAILED)
    text = write(loaded.menu, loaded.notes, source=str(path))
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_output(output, text, force=force, inputs=[path])
    except OutputError as exc:
        fail_usage(str(exc))
    typer.echo(f"wrote {output}", err=True)
