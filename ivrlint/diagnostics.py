"""The records every check produces: positions, severities and diagnostics."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(enum.IntEnum):
    """How bad a finding is; higher is worse, so severities compare naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r}; choose one of {choices}") from None


class Pos(NamedTuple):
    """A 1-based line and column in a source file. A tuple: cheap to make by the million."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Finding:
    """What a rule yields: the rule-independent facts of one problem.

    The engine adds the rule's code, name and severity and the file's path. ``end``, when
    known, is the position just after the words the finding is about (a word of a prompt).
    """

    pos: Pos
    message: str
    hint: str = ""
    menu: str | None = None
    key: str | None = None
    related: tuple[str, ...] = ()
    end: Pos | None = None


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in one file, ready for a formatter."""

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str
    hint: str = ""
    menu: str | None = None
    key: str | None = None
    related: tuple[str, ...] = field(default=())
    # Just after the last character of the words at fault, when a rule knows them (a word
    # inside a prompt or a label); None otherwise. Columns count code points, like ``column``.
    end_line: int | None = None
    end_column: int | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "hint": self.hint,
            "menu": self.menu,
            "key": self.key,
            "related": list(self.related),
        }
