"""A report whose texts break naive output, shared by the formatter tests."""

from __future__ import annotations

from ivrlint.diagnostics import Diagnostic, Severity
from ivrlint.formatters import Report

# Text that breaks naive output: quotes, markup, separators, newlines, Cyrillic, percent.
NASTY = "label \"Счета & <оплата>\" | 100% 'sure',\nsecond: line"


def sample_report() -> Report:
    diagnostics = (
        Diagnostic(
            path="menus/bank-ru.yaml",
            line=7,
            column=9,
            code="IVR105",
            name="structure.unknown-target",
            severity=Severity.ERROR,
            message=NASTY,
            hint="did you mean 'billing'?",
            menu="main",
            key="1",
        ),
        Diagnostic(
            path="menus/bank-ru.yaml",
            line=12,
            column=5,
            code="IVR111",
            name="navigation.no-repeat",
            severity=Severity.INFO,
            message="menu 'main' has no choice to hear the options again",
            menu="main",
        ),
        Diagnostic(
            path="menus/меню, v2:test.yaml",
            line=1,
            column=1,
            code="IVR102",
            name="structure.max-options",
            severity=Severity.WARNING,
            message="menu 'main' offers 7 choices; the limit is 5",
        ),
    )
    files = ("menus/bank-ru.yaml", "menus/clean.yaml", "menus/меню, v2:test.yaml")
    checks = dict.fromkeys(files, ("IVR102", "IVR105", "IVR111"))
    return Report(files, diagnostics, failed=True, fail_on=Severity.WARNING, checks=checks)


def worded_report() -> Report:
    """Diagnostics about words inside a prompt: on one line and over two."""
    path, code, name, info = "menus/bank-ru.yaml", "IVR205", "prompt.tone", Severity.INFO
    return Report(
        (path,),
        (
            Diagnostic(path, 5, 13, code, name, info, "one line", end_line=5, end_column=24),
            Diagnostic(path, 6, 14, code, name, info, "two lines", end_line=7, end_column=9),
        ),
    )
