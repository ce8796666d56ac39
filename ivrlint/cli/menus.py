"""Loading the one menu a command works on (``graph``, ``stats``, ``diff``), with the errors
users see when it cannot be used."""

from __future__ import annotations

import typer

from ivrlint.cli.common import ExitCode, SourceFormat, fail_usage
from ivrlint.loader import Loaded
from ivrlint.model import MenuFile


def load_menu(spec: str, source_format: SourceFormat | None = None) -> tuple[Loaded, MenuFile]:
    """The menu ``spec`` names (a file or ``REV:PATH``).

    A missing file or revision is a usage error (exit 2); a file that cannot describe a menu
    at all (broken YAML, not a menu) prints its problems and exits 1, like ``ivrlint check``.
    """
    from ivrlint.revision import SourceError, load_source

    try:
        loaded = load_source(spec, source_format.value if source_format else None)
    except SourceError as exc:
        fail_usage(str(exc))
    if loaded.menu is None:
        for code, finding in loaded.findings:
            pos = finding.pos
            typer.echo(f"{loaded.path}:{pos.line}:{pos.column}: {code} {finding.message}", err=True)
            if finding.hint:
                typer.echo(f"    hint: {finding.hint}", err=True)
        typer.echo(f"ivrlint: error: {spec} does not describe a menu; fix it first", err=True)
        raise typer.Exit(ExitCode.FAILED)
    return loaded, loaded.menu
