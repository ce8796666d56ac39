"""The ``ivrlint`` command line: a thin layer that wires options to library functions.

Each command lives in its own module and is registered here. Command modules import only
what their options need; the work (and its heavy imports) happens inside the command.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from typing import NoReturn

import typer

from ivrlint import __version__
from ivrlint.cli import check, convert, diff, graph, rules, schema, stats, transfers
from ivrlint.cli.common import ExitCode

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
app.command("transfers")(transfers.transfers)


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
