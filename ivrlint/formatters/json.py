from __future__ import annotations

import json

from ivrlint import __version__
from ivrlint.formatters.base import Formatter, Report


class JsonFormatter(Formatter):
    """``{"diagnostics": [...], "summary": {...}}``, stable for diffing in CI."""

    def format(self, report: Report) -> str:
        document = {
            "version": __version__,
            "diagnostics": [d.to_dict() for d in report.diagnostics],
            "summary": report.summary(),
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
