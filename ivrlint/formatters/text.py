from __future__ import annotations

from ivrlint.diagnostics import Diagnostic, Severity
from ivrlint.formatters.base import Formatter, Report

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


class TextFormatter(Formatter):
    """``path:line:col: CODE [severity] message``, a hint under it, and a summary line."""

    def format(self, report: Report) -> str:
        lines: list[str] = []
        for d in report.diagnostics:
            lines.append(self._line(d))
            if d.hint and not self.quiet:
                lines.append(f"    {self._paint('2', 'hint:')} {d.hint}")
        if not self.quiet:
            lines.append(self._summary(report))
        return "\n".join(lines) + "\n" if lines else ""

    def _line(self, d: Diagnostic) -> str:
        where = self._paint("1", f"{d.path}:{d.line}:{d.column}:")
        code = self._paint(_COLOURS[d.severity], f"{d.code} [{d.severity.label}]")
        return f"{where} {code} {d.message}"

    def _summary(self, report: Report) -> str:
        files = len(report.files)
        noun = "file" if files == 1 else "files"
        if not report.diagnostics:
            return self._paint("32", f"All good: no problems in {files} {noun}.")
        parts = [
            f"{n} {label}{'s' if n != 1 and label != 'info' else ''}"
            for label, n in report.counts.items()
            if n
        ]
        total = len(report.diagnostics)
        text = (
            f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) "
            f"in {files} {noun}."
        )
        return self._paint("1", text)

    def _paint(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text
