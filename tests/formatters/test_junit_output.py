from __future__ import annotations

from defusedxml import ElementTree as SafeET
from report_sample import NASTY, sample_report

from ivrlint.diagnostics import Severity
from ivrlint.formatters import FORMATTERS, Report


def test_parses_as_junit_with_one_case_per_file_and_rule() -> None:
    report = sample_report()
    text = FORMATTERS["junit"]().format(report)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    root = SafeET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("9", "2", "0")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == list(report.files)
    bank = suites[0]
    assert (bank.get("tests"), bank.get("failures")) == ("3", "1")
    cases = bank.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "IVR102 structure.max-options",
        "IVR105 structure.unknown-target",
        "IVR111 navigation.no-repeat",
    ]
    assert all(c.get("classname") == "menus/bank-ru.yaml" for c in cases)
    assert cases[0].find("failure") is None
    assert cases[0].find("system-out") is None
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.get("type") == "IVR105"
    assert failure.get("message") == NASTY  # attributes keep quotes, <, & and newlines
    assert failure.text == (
        f"menus/bank-ru.yaml:7:9: IVR105 [error] {NASTY}\n    hint: did you mean 'billing'?"
    )
    # Below the failing severity (warning here), diagnostics are output, not failures.
    assert cases[2].find("failure") is None
    out = cases[2].find("system-out")
    assert out is not None
    assert "IVR111 [info]" in (out.text or "")


def test_without_known_checks_a_clean_file_is_one_passing_case() -> None:
    text = FORMATTERS["junit"]().format(Report(("a.yaml",), (), fail_on=Severity.ERROR))
    root = SafeET.fromstring(text.encode("utf-8"))
    [case] = root.iter("testcase")
    assert (case.get("name"), case.get("classname")) == ("ivrlint", "a.yaml")
    assert root.get("failures") == "0"


def test_characters_xml_cannot_carry_are_replaced() -> None:
    report = sample_report()
    from dataclasses import replace

    bad = replace(report.diagnostics[0], message="bell\x07 and nul\x00")
    text = FORMATTERS["junit"]().format(Report(("x.yaml",), (bad,)))
    failure = SafeET.fromstring(text.encode("utf-8")).find(".//failure")
    assert failure is not None
    assert failure.get("message") == "bell\ufffd and nul\ufffd"
