"""``# ivrlint: disable=...`` comments, and IVR003 for those that suppress nothing."""

from __future__ import annotations

import textwrap

import pytest

from ivrlint.diagnostics import Pos
from ivrlint.engine import Linter, Settings
from ivrlint.loader import load_text
from ivrlint.suppressions import DISABLE, DISABLE_FILE, Directive, parse

# Without suppressions: IVR105 at 8:40 ("1") and 9:38 ("2"), IVR111 at 7:5, IVR102 at 5:3
# when max_options is 1.
MENU = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: For billing, press 1. For sales, press 2. To speak with an agent, press 0.
    options:
      "1": { label: Billing, transfer: biling }
      "2": { label: Sales, transfer: sales }
      "0": { label: Speak with an agent, transfer: desk }
    no_input: { retries: 2, then: { transfer: desk } }
    no_match: { retries: 2, then: { transfer: desk } }
destinations:
  desk: { kind: queue }
"""


def found(text: str, **options: int) -> list[tuple[str, int, int, str]]:
    settings = Settings(options={"IVR102": options} if options else {})
    diagnostics = Linter(settings).lint_loaded(load_text(textwrap.dedent(text), "menu.yaml"))
    return [(d.code, d.line, d.column, d.message) for d in diagnostics]


def codes(text: str, **options: int) -> list[tuple[str, int, int]]:
    return [(c, line, col) for c, line, col, _ in found(text, **options)]


def edit(old: str, new: str) -> str:
    assert old in MENU
    return MENU.replace(old, new, 1)


def test_the_menu_without_comments() -> None:
    assert codes(MENU) == [("IVR111", 6, 5), ("IVR105", 7, 40), ("IVR105", 8, 38)]


def test_a_trailing_comment_covers_its_line() -> None:
    text = edit("sales }", "sales }  # ivrlint: disable=IVR105")
    assert codes(text) == [("IVR111", 6, 5), ("IVR105", 7, 40)]


def test_a_comment_line_covers_the_next_line_with_content() -> None:
    text = edit(
        '      "1"', '      # ivrlint: disable=structure.unknown-target -- added later\n\n      "1"'
    )
    assert codes(text) == [("IVR111", 6, 5), ("IVR105", 10, 38)]


def test_a_comment_on_the_menu_line_covers_what_is_said_about_the_menu() -> None:
    text = edit("  main:\n", "  main:  # ivrlint: disable=IVR111, IVR102\n")
    assert codes(text, max_options=1) == [("IVR105", 7, 40), ("IVR105", 8, 38)]


def test_a_comment_on_a_block_option_key_covers_its_lines() -> None:
    text = edit(
        '      "1": { label: Billing, transfer: biling }\n',
        '      "1":  # ivrlint: disable=IVR105\n        label: Billing\n        transfer: biling\n',
    )
    assert codes(text) == [("IVR111", 6, 5), ("IVR105", 10, 38)]


def test_a_comment_where_a_text_starts_covers_the_words_inside_it() -> None:
    prompt = """\
    prompt: >-  # ivrlint: disable=IVR205, IVR202
      For billing, press 1. For sales, press 2.
      Hey there, to speak with an agent, press 0. For help, press 7.
"""
    text = edit(
        "    prompt: For billing, press 1. For sales, press 2. To speak with an agent, press 0.\n",
        prompt,
    )
    # IVR205 and IVR202 point inside the text (line 7); the comment on line 5 covers them.
    assert codes(text) == [("IVR111", 8, 5), ("IVR105", 9, 40), ("IVR105", 10, 38)]
    assert codes(text.replace("  # ivrlint: disable=IVR205, IVR202", ""))[:2] == [
        ("IVR205", 7, 7),
        ("IVR202", 7, 61),
    ]


def test_disable_file_covers_the_whole_file() -> None:
    text = "# ivrlint: disable-file=IVR105,navigation\n" + MENU
    assert codes(text) == []


def test_unused_and_malformed_suppressions_are_reported_as_ivr003() -> None:
    text = edit(
        '      "0": { label: Speak with an agent, transfer: desk }\n',
        '      "0": { label: Speak with an agent, transfer: desk }  # ivrlint: disable=IVR105\n'
        "    # ivrlint: disabel=IVR113\n"
        "    # ivrlint: disable=IVR1O5\n"
        "    # ivrlint: disable IVR105\n",
    )
    assert found(text) == [
        ("IVR111", 6, 5, "menu 'main' has no choice to hear the options again"),
        (
            "IVR105",
            7,
            40,
            "key 1 of menu 'main' transfers to 'biling', which is not declared under destinations",
        ),
        (
            "IVR105",
            8,
            38,
            "key 2 of menu 'main' transfers to 'sales', which is not declared under destinations",
        ),
        ("IVR003", 9, 79, "unused suppression: no IVR105 diagnostic on line 9"),
        ("IVR003", 10, 16, "'disabel' is not an ivrlint directive"),
        ("IVR003", 11, 24, "'IVR1O5' in a suppression names no rule"),
        ("IVR003", 12, 16, "'disable' needs rule codes or names after '='"),
    ]


def test_suppressions_of_rules_that_did_not_run_are_not_reported() -> None:
    text = edit("sales }", "sales }  # ivrlint: disable=IVR105,IVR102")
    diagnostics = Linter(Settings(ignore=("IVR105",))).lint_loaded(load_text(text, "m.yaml"))
    assert [(d.code, d.line, d.column) for d in diagnostics] == [
        ("IVR111", 6, 5),
        ("IVR003", 8, 73),  # IVR102 ran and found nothing there; IVR105 did not run
    ]


def test_ivr003_can_be_silenced_and_ignored() -> None:
    text = "# ivrlint: disable-file=IVR003\n" + edit(
        "sales }", "sales }  # ivrlint: disable=IVR102"
    )
    assert codes(text) == [("IVR111", 7, 5), ("IVR105", 8, 40), ("IVR105", 9, 38)]
    quiet = edit("sales }", "sales }  # ivrlint: disable=IVR102")
    diagnostics = Linter(Settings(ignore=("IVR003",))).lint_loaded(load_text(quiet, "m.yaml"))
    assert "IVR003" not in {d.code for d in diagnostics}


@pytest.mark.parametrize(
    "line",
    [
        '      "#": { label: "Say # ivrlint: disable=IVR105", transfer: biling }',
        "      \"#\": { label: 'it''s # ivrlint: disable=IVR105', transfer: biling }",
        '      "#": { label: press#ivrlint:disable=IVR105, transfer: biling }',
    ],
)
def test_hashes_inside_text_are_not_comments(line: str) -> None:
    assert parse(MENU + line + "\n").directives == ()


def test_parse_positions_and_anchors() -> None:
    text = "a: 1  # ivrlint: disable=IVR101 , structure.trap\n\n# ivrlint: disable-file=all\n"
    assert parse(text).directives == (
        Directive(DISABLE, "IVR101", Pos(1, 26), 1),
        Directive(DISABLE, "structure.trap", Pos(1, 35), 1),
        Directive(DISABLE_FILE, "all", Pos(3, 25), 0),
    )


def test_cyrillic_text_before_a_comment_keeps_columns_in_characters() -> None:
    text = edit(
        "label: Sales, transfer: sales }",
        "label: Продажи, transfer: sales }  # ivrlint: disable=IVR102",
    )
    assert codes(text)[2:] == [("IVR105", 8, 40), ("IVR003", 8, 68)]
