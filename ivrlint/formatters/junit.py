"""JUnit XML, which CI servers (GitLab, Jenkins, Azure, CircleCI) show as test results.

One test suite per file and one test case per rule that ran on it. A rule's diagnostics at or
above the failing severity make its test case fail, with every diagnostic in the failure;
milder ones leave it passing, with the diagnostics in its ``system-out``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence

from ivrlint.diagnostics import Diagnostic
from ivrlint.formatters.base import Formatter, Report

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class JunitFormatter(Formatter):
    def format(self, report: Report) -> str:
        by_case: dict[tuple[str, str], list[Diagnostic]] = defaultdict(list)
        for d in report.diagnostics:
            by_case[(d.path, d.code)].append(d)
        names = {d.code: d.name for d in report.diagnostics}
        root = ET.Element("testsuites", name="ivrlint")
        totals = [0, 0]
        for path in dict.fromkeys([*report.files, *(d.path for d in report.diagnostics)]):
            codes = sorted({*report.checks.get(path, ()), *(c for p, c in by_case if p == path)})
            suite = ET.SubElement(root, "testsuite", name=_clean(path))
            tests = failures = 0
            for code in codes or ["ivrlint"]:
                failed = self._case(suite, path, code, names, by_case.get((path, code), []), report)
                tests += 1
                failures += failed
            suite.attrib.update(tests=str(tests), failures=str(failures), errors="0", skipped="0")
            totals[0] += tests
            totals[1] += failures
        root.attrib.update(tests=str(totals[0]), failures=str(totals[1]), errors="0")
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'

    @staticmethod
    def _case(
        suite: ET.Element,
        path: str,
        code: str,
        names: dict[str, str],
        diagnostics: Sequence[Diagnostic],
        report: Report,
    ) -> bool:
        name = code if code == "ivrlint" else f"{code} {names.get(code) or _rule_name(code)}"
        case = ET.SubElement(
            suite, "testcase", classname=_clean(path), name=name, file=_clean(path)
        )
        if not diagnostics:
            return False
        text = _clean("\n".join(_describe(d) for d in diagnostics))
        threshold = report.fail_on
        failing = [d for d in diagnostics if threshold is not None and d.severity >= threshold]
        if not failing:
            ET.SubElement(case, "system-out").text = text
            return False
        count = len(diagnostics)
        message = _clean(failing[0].message if count == 1 else f"{count} problems")
        failure = ET.SubElement(case, "failure", message=message, type=code)
        failure.text = text
        return True


def _describe(d: Diagnostic) -> str:
    line = f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity.label}] {d.message}"
    return f"{line}\n    hint: {d.hint}" if d.hint else line


def _rule_name(code: str) -> str:
    from ivrlint.rules import BY_CODE

    rule = BY_CODE.get(code)
    return rule.name if rule is not None else ""
