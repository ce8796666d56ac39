"""A Markdown table for a CI job summary (``$GITHUB_STEP_SUMMARY``) or a pull-request
comment. Every text from a menu file is escaped, so a label cannot break the table or
inject HTML."""

from __future__ import annotations

import re

from ivrlint.diagnostics import Diagnostic
from ivrlint.formatters.base import Formatter, Report

# What can start markup inside a table cell: emphasis, code, links, the cell separator,
# strikethrough and GitHub's math. (&, < and > are turned into entities first.)
_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")


def escape(text: str) -> str:
    """``text`` as literal Markdown inside a table cell, on one line."""
    html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _SPECIAL.sub(r"\\\1", html)
    return "<br>".join(escaped.splitlines()) if "\n" in escaped or "\r" in escaped else escaped


def code(text: str) -> str:
    """``text`` as an inline code span: fenced with more backticks than it contains, so a
    backtick in a file name cannot end the span early."""
    flat = " ".join(text.splitlines())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


class MarkdownFormatter(Formatter):
    """A heading, a one-line summary and a table of the diagnostics."""

    def format(self, report: Report) -> str:
        lines = ["## ivrlint", "", self._summary(report), ""]
        if report.diagnostics:
            lines += [
                "| severity | file | position | rule | message |",
                "|---|---|---|---|---|",
            ]
            lines += [self._row(d) for d in report.diagnostics]
            lines.append("")
        return "\n".join(lines)

    @staticmethod
    def _summary(report: Report) -> str:
        files = len(report.files)
        noun = "file" if files == 1 else "files"
        if not report.diagnostics:
            return f"No problems in {files} {noun}."
        total = len(report.diagnostics)
        parts = ", ".join(
            f"{n} {label}{'s' if n != 1 and label != 'info' else ''}"
            for label, n in report.counts.items()
            if n
        )
        verdict = " The check failed." if report.failed else ""
        return (
            f"**{total} problem{'s' if total != 1 else ''}** ({parts}) in {files} {noun}.{verdict}"
        )

    @staticmethod
    def _row(d: Diagnostic) -> str:
        from ivrlint.ruledocs import help_uri
        from ivrlint.rules import BY_CODE

        rule = BY_CODE.get(d.code)
        code = f"[{d.code}]({help_uri(rule)})" if rule is not None else escape(d.code)
        message = escape(d.message)
        if d.hint:
            message += f"<br>*hint:* {escape(d.hint)}"
        return (
            f"| {d.severity.label} | {escape(d.path)} | {d.line}:{d.column} | "
            f"{code} {escape(d.name)} | {message} |"
        )
