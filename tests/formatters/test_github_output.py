from __future__ import annotations

from report_sample import sample_report, worded_report

from ivrlint.formatters import FORMATTERS, Report
from ivrlint.formatters.github import escape_data, escape_property


def test_workflow_commands_with_githubs_escaping() -> None:
    report = sample_report()
    lines = FORMATTERS["github"]().format(report).splitlines()
    assert lines == [
        "::error file=menus/bank-ru.yaml,line=7,col=9,title=IVR105 structure.unknown-target::"
        "label \"Счета & <оплата>\" | 100%25 'sure',%0Asecond: line%0Ahint: did you mean 'billing'?",
        "::notice file=menus/bank-ru.yaml,line=12,col=5,title=IVR111 navigation.no-repeat::"
        "menu 'main' has no choice to hear the options again",
        "::warning file=menus/меню%2C v2%3Atest.yaml,line=1,col=1,"
        "title=IVR102 structure.max-options::menu 'main' offers 7 choices; the limit is 5",
    ]


def test_escaping_rules() -> None:
    assert escape_data("50%\r\nok: a,b") == "50%25%0D%0Aok: a,b"
    assert escape_property("50%\r\nok: a,b") == "50%25%0D%0Aok%3A a%2Cb"


def test_no_problems_no_output() -> None:
    assert FORMATTERS["github"]().format(Report(("a.yaml",), ())) == ""


def test_words_on_one_line_get_an_end_column() -> None:
    lines = FORMATTERS["github"]().format(worded_report()).splitlines()
    assert lines == [
        "::notice file=menus/bank-ru.yaml,line=5,col=13,endColumn=24,title=IVR205 prompt.tone::"
        "one line",
        # GitHub takes no end column across lines: the start alone, as before
        "::notice file=menus/bank-ru.yaml,line=6,col=14,title=IVR205 prompt.tone::two lines",
    ]
