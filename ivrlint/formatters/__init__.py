"""Formatters turn diagnostics into text for people and machines. Each one is a small class
with one method, so adding an output format touches no other code."""

from __future__ import annotations

from ivrlint.formatters.base import Formatter, Report
from ivrlint.formatters.json import JsonFormatter
from ivrlint.formatters.text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    "text": TextFormatter,
    "json": JsonFormatter,
}

__all__ = ["FORMATTERS", "Formatter", "Report"]
