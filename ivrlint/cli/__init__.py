"""The ``ivrlint`` command line: a thin layer that wires options to library functions.

Each command lives in its own module, listed in ``COMMANDS``. Command modules import only
what their options need; the work (and its heavy imports) happens inside the command.

A command is built only when it is needed: Typer makes a command's options by reading its
function's signature, about 2 ms a command, and ``ivrlint check`` on every save should not pay
for the eight other commands. ``ivrlint --help`` and a mistyped command's suggestions still
see every command (``_Commands`` lists them all and builds each one on first use).
"""

from __future__ import annotations

import codecs
import errno
import gc
import io
import os
import sys
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info
from typer.models import CommandInfo

from ivrlint import __version__
from ivrlint.cli.common import ExitCode

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
    """Run the command line. What escapes a command ends here, as a one-line message and a
    documented exit code (docs/cli.md), never a traceback."""
    _prepare_streams()
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # a full disk or a closed pipe shows here, inside the handlers
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:  # e.g. `ivrlint check menus/ | head`: exit 1, as Click does
        _discard_stdout()
        sys.exit(ExitCode.FAILED)
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRNOS:
            _internal_error(exc)
        _discard_stdout()
        sys.stderr.write(f"ivrlint: error: cannot write the output: {exc.strerror or exc}\n")
        sys.exit(ExitCode.USAGE)
    except Exception as exc:  # the last line of defence; every known failure is handled earlier
        _internal_error(exc)
    finally:
        # At exit the interpreter runs the cyclic collector over every object left, several
        # times: 15-25 ms of a 150 ms check. Frozen objects are skipped; nothing is collected
        # that exiting would not free anyway.
        gc.freeze()


# Errors of writing to standard output (a full disk, a closed stream, a device error).
OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF", "EROFS")
    if hasattr(errno, name)
)


def _internal_error(exc: BaseException) -> NoReturn:
    if os.environ.get("IVRLINT_TRACEBACK"):
        raise exc
    sys.stderr.write(
        f"ivrlint: internal error: {type(exc).__name__}: {exc}\n"
        "  this is a bug in ivrlint; please report it with the command and the input files "
        "(IVRLINT_TRACEBACK=1 shows the traceback)\n"
    )
    sys.exit(ExitCode.INTERNAL)


def _prepare_streams() -> None:
    """Standard output as the commands expect it: present, and able to write any text."""
    if sys.stdout is None:  # started with stdout closed (`ivrlint check menu.yaml >&-`)
        sys.stdout = _ClosedStream()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=UNENCODABLE)


def _discard_stdout() -> None:
    """Point standard output at the null device, so the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind it
        pass


class _ClosedStream(io.TextIOBase):
    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


# File names that are not UTF-8 reach Python as surrogates: they are written back as the bytes
# they were. Text the output's encoding cannot hold (Cyrillic on a Latin-1 console) is written
# as escapes rather than stopping the run.
UNENCODABLE = "ivrlint-unencodable"


def _unencodable(exc: UnicodeError) -> tuple[str | bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    piece = exc.object[exc.start : exc.end]
    if all("\udc80" <= c <= "\udcff" for c in piece):
        return bytes(ord(c) - 0xDC00 for c in piece), exc.end
    return codecs.backslashreplace_errors(exc)


codecs.register_error(UNENCODABLE, _unencodable)
