"""``ivrlint diff OLD NEW``: what changed between two versions of a menu, for a review."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ivrlint.cli.common import (
    ConfigOption,
    ExitCode,
    FromOption,
    IsolatedOption,
    finite,
)


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def diff(
    old: Annotated[
        str, typer.Argument(help="The old version: a file, or REVISION:PATH (HEAD~1:menu.yaml).")
    ],
    new: Annotated[str, typer.Argument(help="The new version: a file, or REVISION:PATH.")],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.text,
    fail_on_new: Annotated[
        bool,
        typer.Option("--fail-on-new", help="Exit 1 when the new version adds an error diagnostic."),
    ] = False,
    source_format: FromOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    words_per_minute: Annotated[
        float,
        typer.Option(help="Speaking rate of prompts (as IVR115).", min=1.0, callback=finite),
    ] = 150.0,
) -> None:
    """What changed between two versions: menus, options, diagnostics, time to a person."""
    from ivrlint.cli.menus import checker, lint, load_menu
    from ivrlint.diff import diff_menus
    from ivrlint.reports.menu_diff import FORMATS

    rules = checker(config, isolated)
    old_loaded, old_menu = load_menu(old, source_format)
    new_loaded, new_menu = load_menu(new, source_format)
    result = diff_menus(
        old_menu,
        new_menu,
        lint(rules, old_loaded),
        lint(rules, new_loaded),
        old_path=old,
        new_path=new,
        words_per_minute=words_per_minute,
    )
    sys.stdout.write(FORMATS[output_format.value](result))
    if fail_on_new and result.new_errors:
        raise typer.Exit(ExitCode.FAILED)
