"""Helpers shared by the commands: error exits and list-valued options."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterable
from enum import IntEnum, StrEnum
from typing import Annotated, NoReturn

import typer

from ivrlint.sourceformats import FORMATS


class ExitCode(IntEnum):
    """Exit codes of every ivrlint command (documented in docs/cli.md)."""

    OK = 0
    FAILED = 1  # problems at or above the failing severity, or a crossed threshold
    USAGE = 2  # bad options, a path that does not exist, nothing to check
    INTERNAL = 3  # a bug in ivrlint
    INTERRUPTED = 130  # Ctrl-C


def fail_usage(message: str, hint: str = "") -> NoReturn:
    typer.echo(f"ivrlint: error: {message}", err=True)
    if hint:
        typer.echo(f"  hint: {hint}", err=True)
    raise typer.Exit(ExitCode.USAGE)


def finite(value: float) -> float:
    """A number option's callback: NaN and infinity pass Click's range checks, but no rate or
    limit can be either."""
    if not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a finite number")
    return value


def split_list(values: Iterable[str] | None) -> tuple[str, ...]:
    """``--select IVR1,IVR2 --select IVR3`` → ``("IVR1", "IVR2", "IVR3")``."""
    items: list[str] = []
    for value in values or ():
        items.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(items)


def use_color(choice: str, stream: object = sys.stdout) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


# ``--from`` of check, convert and the other menu commands: the formats ivrlint reads
# (docs/importers.md), one member per name of ivrlint.sourceformats, in its order.
SourceFormat = StrEnum("SourceFormat", [(name, name) for name in FORMATS])  # type: ignore[misc]


class InputFormat(StrEnum):
    """``--input-format`` of the call-log options: the log formats ivrlint reads."""

    auto = "auto"
    csv = "csv"
    tsv = "tsv"
    parquet = "parquet"
    jsonl = "jsonl"
    queue_log = "asterisk-queue-log"
    cdr = "asterisk-cdr"
    connect = "amazon-connect"
    genesys = "genesys"
    twilio = "twilio"


# Options that several commands share, declared once so their names and help agree.
FromOption = Annotated[
    SourceFormat | None,
    typer.Option("--from", help="Read the files as this format (default: detect it)."),
]
ConfigOption = Annotated[
    str | None,
    typer.Option("--config", help="Use this config file instead of the nearest one of each file."),
]
IsolatedOption = Annotated[
    bool, typer.Option("--isolated", help="Ignore every config file; use the defaults.")
]
