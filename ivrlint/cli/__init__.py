"""The ``ivrlint`` command line: a thin layer that wires options to library functions.

Each command lives in its own module, listed in ``COMMANDS``. Command modules import only
what their options need; the work (and its heavy imports) happens inside the command.

A command is built only when it is needed: Typer makes a command's options by reading its
function's signature, about 2 ms a command, and ``ivrlint check`` on every save should not pay
for the eight other commands. ``ivrlint --help`` and a mistyped command's suggestions still
see every command (``_Commands`` lists them all and builds each one on first use).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info
from typer.models import CommandInfo

from ivrlint import __version__

if TYPE_CHECKING:
    from typer._click import Command

# Command name → (module in ivrlint.cli, function), in the order ``ivrlint --help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "check"),
    "convert": ("convert", "convert"),
    "rules": ("rules", "rules"),
    "explain": ("rules", "explain"),
    "schema": ("schema", "schema"),
    "stats": ("stats", "stats"),
    "diff": ("diff", "diff"),
    "graph": ("graph", "graph"),
    "transfers": ("transfers", "transfers"),
}


class _Commands(MutableMapping[str, "Command"]):
    """The group's commands: every name of ``COMMANDS``, each built on first use."""

    def __init__(self, group: TyperGroup) -> None:
        self.group = group
        self.built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self.built:
            module, function = COMMANDS[name]  # KeyError: no such command
            callback = getattr(import_module(f"ivrlint.cli.{module}"), function)
            self.built[name] = get_command_from_info(
                CommandInfo(name=name, callback=callback),
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=self.group.rich_markup_mode,
            )
        return self.built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        raise TypeError("ivrlint's commands are listed in ivrlint.cli.COMMANDS")

    def __delitem__(self, name: str) -> None:
        raise TypeError("ivrlint's commands are listed in ivrlint.cli.COMMANDS")

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _LazyGroup(TyperGroup):
    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self)


app = typer.Typer(
    name="ivrlint",
    help="Lint IVR phone menus for the caller's experience, and analyse their call logs.",
    cls=_LazyGroup,
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


def main() -> None:
    """The ``ivrlint`` program: one command, then the process ends."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # e.g. `ivrlint check menus/ | head`
        sys.stderr.close()
        sys.exit(1)
    finally:
        # At exit the interpreter runs the cyclic collector over every object left, several
        # times: 15-25 ms of a 150 ms check. Frozen objects are skipped; nothing is collected
        # that exiting would not free anyway.
        gc.freeze()
