"""Loading the one menu a command works on (``graph``, ``stats``, ``diff``), with the errors
users see when it cannot be used."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ivrlint.cli.common import ExitCode, SourceFormat, fail_usage
from ivrlint.diagnostics import Diagnostic
from ivrlint.loader import Loaded
from ivrlint.model import MenuFile

if TYPE_CHECKING:
    from ivrlint.callusage import CallSource
    from ivrlint.engine import Checker


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


def checker(config: str | None, isolated: bool, calls: CallSource | None = None) -> Checker:
    """The rules and settings ``ivrlint check`` would use: the nearest configuration file of
    each menu, or ``config``, or none with ``isolated``; ``calls`` for the IVR4xx rules."""
    from ivrlint.config import ConfigError
    from ivrlint.engine import Checker, SettingsError

    if config is not None and isolated:
        fail_usage("--config and --isolated exclude each other", "pass one of them")
    try:
        return Checker(config=config, isolated=isolated, calls=calls)
    except (SettingsError, ConfigError) as exc:
        fail_usage(str(exc), getattr(exc, "hint", ""))


def lint(checker: Checker, loaded: Loaded) -> list[Diagnostic]:
    """Diagnostics of a loaded menu, configured as for its path in the working tree (for a
    git revision, the file's path in the repository)."""
    from ivrlint.config import ConfigError
    from ivrlint.engine import SettingsError

    try:
        return checker.linter_for(loaded.path).lint_loaded(loaded)
    except (SettingsError, ConfigError) as exc:
        fail_usage(str(exc), getattr(exc, "hint", ""))
