"""GitHub Actions workflow commands: each diagnostic becomes an annotation on the file."""

from __future__ import annotations

from ivrlint.diagnostics import Diagnostic, Severity
from ivrlint.formatters.base import Formatter, Report, relative_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    """``::warning file=F,line=L,col=C,title=CODE name::message``, one line per diagnostic;
    ``endColumn=E`` after ``col`` when the diagnostic is about words on one line."""

    def format(self, report: Report) -> str:
        return "".join(self._line(d) + "\n" for d in report.diagnostics)

    @staticmethod
    def _line(d: Diagnostic) -> str:
        path = relative_path(d.path) or d.path
        fields = [("file", path), ("line", str(d.line)), ("col", str(d.column))]
        if d.end_line == d.line and d.end_column is not None:
            # GitHub takes an end column on the annotation's line only; as in the JSON and
            # SARIF output, it is the column after the words.
            fields.append(("endColumn", str(d.end_column)))
        fields.append(("title", f"{d.code} {d.name}"))
        properties = ",".join(f"{key}={escape_property(value)}" for key, value in fields)
        message = f"{d.message}\nhint: {d.hint}" if d.hint else d.message
        return f"::{COMMANDS[d.severity]} {properties}::{escape_data(message)}"
