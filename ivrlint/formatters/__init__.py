"""Formatters turn diagnostics into text for people and machines. Each one is a small class
with one method, so adding an output format touches no other code.

The registry imports a formatter's module only when that format is asked for, so a plain
``ivrlint check`` does not pay for SARIF's rule catalogue or JUnit's XML writer.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from ivrlint.formatters.base import Formatter, Report

_MODULES: dict[str, str] = {
    "text": "ivrlint.formatters.text:TextFormatter",
    "json": "ivrlint.formatters.json:JsonFormatter",
    "sarif": "ivrlint.formatters.sarif:SarifFormatter",
    "junit": "ivrlint.formatters.junit:JunitFormatter",
    "github": "ivrlint.formatters.github:GithubFormatter",
    "markdown": "ivrlint.formatters.markdown:MarkdownFormatter",
}


class _Registry(Mapping[str, type[Formatter]]):
    """Format name → formatter class, imported on first use."""

    def __getitem__(self, name: str) -> type[Formatter]:
        module, _, attribute = _MODULES[name].partition(":")
        formatter: type[Formatter] = getattr(importlib.import_module(module), attribute)
        return formatter

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS: Mapping[str, type[Formatter]] = _Registry()

__all__ = ["FORMATTERS", "Formatter", "Report"]
