from __future__ import annotations

from report_sample import sample_report

from ivrlint.formatters import FORMATTERS, Report
from ivrlint.formatters.markdown import escape

URL = "https://github.com/ivrlint/ivrlint/blob/main/docs/rules.md"


def test_job_summary_table() -> None:
    report = sample_report()
    assert FORMATTERS["markdown"]().format(report) == (
        "## ivrlint\n"
        "\n"
        "**3 problems** (1 error, 1 warning, 1 info) in 3 files. The check failed.\n"
        "\n"
        "| severity | file | position | rule | message |\n"
        "|---|---|---|---|---|\n"
        f"| error | menus/bank-ru.yaml | 7:9 | [IVR105]({URL}#ivr105-structureunknown-target) "
        "structure.unknown-target | label \"Счета &amp; &lt;оплата&gt;\" \\| 100% 'sure',"
        "<br>second: line<br>*hint:* did you mean 'billing'? |\n"
        f"| info | menus/bank-ru.yaml | 12:5 | [IVR111]({URL}#ivr111-navigationno-repeat) "
        "navigation.no-repeat | menu 'main' has no choice to hear the options again |\n"
        f"| warning | menus/меню, v2:test.yaml | 1:1 | [IVR102]({URL}#ivr102-structuremax-options) "
        "structure.max-options | menu 'main' offers 7 choices; the limit is 5 |\n"
    )


def test_escaping_keeps_text_literal() -> None:
    assert escape("*bold* _it_ `code` [link](x) ~~s~~ $x$ a|b \\") == (
        "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\~\\~s\\~\\~ \\$x\\$ a\\|b \\\\"
    )
    assert escape("<script>alert('x')</script> & co") == (
        "&lt;script&gt;alert('x')&lt;/script&gt; &amp; co"
    )
    assert escape("one\ntwo\r\nthree") == "one<br>two<br>three"


def test_no_problems() -> None:
    text = FORMATTERS["markdown"]().format(Report(("a.yaml", "b.yaml"), ()))
    assert text == "## ivrlint\n\nNo problems in 2 files.\n"
