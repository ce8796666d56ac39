"""The ``ivrlint`` command line: a thin layer that wires options to library functions.

Each command lives in its own module and is registered here. Command modules import only
what their options need; the work (and its heavy imports) happens inside the command.
"""

from __future__ import annotations

import sys

import typer

from ivrlint import __version__
from ivrlint.cli import check, convert, diff, graph, rules, schema, stats

app = typer.Typer(
    name="ivrlint",
    help="Lint IVR phone menus for the caller's experience, and analyse their call logs.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ivrlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """Lint IVR menus and analyse call logs."""


app.command("check")(check.check)
app.command("convert")(convert.convert)
app.command("rules")(rules.rules)
app.command("explain")(rules.explain)
app.command("schema")(schema.schema)
app.command("stats")(stats.stats)
app.command("diff")(diff.diff)
app.command("graph")(graph.graph)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # e.g. `ivrlint check menus/ | head`
        sys.stderr.close()
        sys.exit(1)
