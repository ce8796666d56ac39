from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ivrlint.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Report:
    """The outcome of one ``ivrlint check`` run."""

    files: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    failed: bool = False
    fail_on: Severity | None = Severity.ERROR
    # The codes of the rules that ran on each file, when known (JUnit reports passed checks).
    checks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    counts: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        counter = Counter(d.severity.label for d in self.diagnostics)
        object.__setattr__(self, "counts", {s.label: counter[s.label] for s in reversed(Severity)})

    def summary(self) -> dict[str, object]:
        by_code = Counter(d.code for d in self.diagnostics)
        return {
            "files": len(self.files),
            "files_with_problems": len({d.path for d in self.diagnostics}),
            "diagnostics": len(self.diagnostics),
            **{f"{label}s" if label != "info" else label: n for label, n in self.counts.items()},
            "by_code": dict(sorted(by_code.items())),
            "failed": self.failed,
        }


class Formatter:
    """Turns a report into the text written to the output."""

    def __init__(self, *, color: bool = False, quiet: bool = False) -> None:
        self.color = color
        self.quiet = quiet

    def format(self, report: Report) -> str:
        raise NotImplementedError


def relative_path(path: str) -> str | None:
    """``path`` relative to the current folder, with ``/`` separators; None when it is
    outside it (CI annotations and SARIF locations are relative to the checkout)."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:  # another drive on Windows
        return None
    relative = relative.replace(os.sep, "/")
    return None if relative == ".." or relative.startswith("../") else relative
