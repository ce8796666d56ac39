"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ivrlint import __version__
from ivrlint.diagnostics import Diagnostic, Severity
from ivrlint.formatters.base import Formatter, Report, relative_path
from ivrlint.rules import RULES
from ivrlint.rules.base import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifFormatter(Formatter):
    """One run of the ``ivrlint`` tool: every rule as a descriptor, every diagnostic as a
    result located by a URI relative to the checkout (``%SRCROOT%``) and a line and column,
    with the end line and column when the diagnostic is about words inside a text."""

    def format(self, report: Report) -> str:
        artifacts = {path: i for i, path in enumerate(dict.fromkeys(report.files))}
        for d in report.diagnostics:
            artifacts.setdefault(d.path, len(artifacts))
        rule_index = {rule.code: i for i, rule in enumerate(RULES)}
        run: dict[str, Any] = {
            "tool": {"driver": _driver()},
            "artifacts": [{"location": _location(path)} for path in artifacts],
            "columnKind": "unicodeCodePoints",
            "results": [_result(d, rule_index, artifacts[d.path]) for d in report.diagnostics],
        }
        document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _driver() -> dict[str, Any]:
    from ivrlint.ruledocs import PROJECT_URL

    return {
        "name": "ivrlint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": PROJECT_URL,
        "rules": [_descriptor(rule) for rule in RULES],
    }


def _descriptor(rule: type[Rule]) -> dict[str, Any]:
    from ivrlint.ruledocs import explain_text, help_uri, markdown_section, plain

    doc = rule.doc()
    full = plain(doc.split("\nBad:", 1)[0].strip())
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": plain(rule.summary())},
        "fullDescription": {"text": full},
        "help": {"text": explain_text(rule), "markdown": markdown_section(rule)},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.name.split(".", 1)[0]]},
    }
    return descriptor


def _location(path: str) -> dict[str, str]:
    relative = relative_path(path)
    if relative is None:
        return {"uri": Path(path).resolve().as_uri()}
    # A file name that is not UTF-8 reaches Python as surrogates; its URI carries the bytes.
    return {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": SRCROOT}


def _result(d: Diagnostic, rule_index: dict[str, int], artifact: int) -> dict[str, Any]:
    text = f"{d.message}\nhint: {d.hint}" if d.hint else d.message
    result: dict[str, Any] = {"ruleId": d.code}
    if d.code in rule_index:
        result["ruleIndex"] = rule_index[d.code]
    result["level"] = LEVELS[d.severity]
    result["message"] = {"text": text}
    region: dict[str, int] = {"startLine": d.line, "startColumn": d.column}
    if d.end_line is not None and d.end_column is not None:
        # SARIF's end column is the one after the region, as ivrlint's end is.
        region["endLine"] = d.end_line
        region["endColumn"] = d.end_column
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": {**_location(d.path), "index": artifact},
                "region": region,
            }
        }
    ]
    properties = {"menu": d.menu, "key": d.key}
    if any(v is not None for v in properties.values()):
        result["properties"] = {k: v for k, v in properties.items() if v is not None}
    return result
