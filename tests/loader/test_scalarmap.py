"""Positions of the characters inside a YAML text: every style, and where they fall back."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ivrlint.diagnostics import Pos
from ivrlint.engine import Linter, Settings
from ivrlint.loader import load_text
from ivrlint.loader.scalarmap import in_label, in_prompt, locate, position, prompt_text, spans_of
from ivrlint.model import Menu

STYLES = ("", "'", '"', "|", ">")
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class Styled(str):
    """A text the dumper writes in ``style``."""

    style: str | None = None


class StyledDumper(yaml.SafeDumper):
    pass


def _represent(dumper: yaml.SafeDumper, data: Styled) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=data.style)


StyledDumper.add_representer(Styled, _represent)


def styled(text: str, style: str) -> Styled:
    value = Styled(text)
    value.style = style or None
    return value


def menu_text(prompt: str, style: str, **dump: Any) -> str:
    document = {
        "ivrlint": 1,
        "entry": "main",
        "menus": {"main": {"prompt": styled(prompt, style), "options": {}}},
    }
    text: str = yaml.dump(document, Dumper=StyledDumper, sort_keys=False, **dump)
    return text


def index_of(text: str, pos: Pos) -> int:
    """The index in ``text`` of a 1-based line and column, lines broken as YAML breaks them."""
    line_start = 0
    for _ in range(pos.line - 1):
        found = _BREAK.search(text, line_start)
        assert found is not None
        line_start = found.end()
    return line_start + pos.column - 1


def stands_for(source: str, char: str, style: str) -> bool:
    """Whether ``source``, as written in a scalar of ``style``, reads as ``char``."""
    if source == char:
        return True
    if _BREAK.fullmatch(source):  # a line break reads as a space or a line break
        return char in (" ", "\n")
    if style == "'" and source == "''":
        return char == "'"
    if style == '"' and source.startswith("\\"):
        decoded: str = yaml.safe_load(f'"{source}"')
        return decoded == char
    return False


def check_every_character(text: str, menu: Menu) -> None:
    """Each character of the prompt is located at its source, in order, exactly."""
    assert menu.prompt is not None
    assert menu.prompt_pos is not None
    style = text[index_of(text, menu.prompt_pos)]
    style = style if style in "'\"|>" else ""
    previous = -1
    for i, char in enumerate(menu.prompt):
        start, end = in_prompt(menu, i, i + 1)
        assert end is not None, f"character {i} ({char!r}) is not located"
        a, b = index_of(text, start), index_of(text, end)
        assert previous < a < b
        assert stands_for(text[a:b], char, style), (i, char, text[a:b])
        previous = a


# Pieces that matter to YAML (blanks, breaks, quotes, indicators), words, and any character.
PIECE = st.one_of(
    st.sampled_from([*" \n\t'\"\\#:-,.?!&*[]{}|>%@`", "Для", "нажмите", "😀", "é", "  ", "\n\n"]),
    st.characters(exclude_categories=["Cs"]),
)
TEXT = st.lists(PIECE, max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    text=TEXT,
    style=st.sampled_from(STYLES),
    width=st.integers(10, 80),
    unicode=st.booleans(),
    crlf=st.booleans(),
)
@example(text="For billing,  press 2.\n\nThanks ", style="", width=10, unicode=True, crlf=False)
@example(text="It's  a\n'quote'  ", style="'", width=10, unicode=True, crlf=True)
@example(text='Café\t"x"\\ \n\n  y  ', style='"', width=12, unicode=False, crlf=False)
@example(text="  Для\n\n  оплаты\n\n\n", style="|", width=20, unicode=True, crlf=False)
@example(text="a b c\n  d\ne\n\n", style=">", width=10, unicode=True, crlf=True)
def test_every_character_maps_to_its_source(
    text: str, style: str, width: int, unicode: bool, crlf: bool
) -> None:
    dumped = menu_text(
        text, style, width=width, allow_unicode=unicode, line_break="\r\n" if crlf else None
    )
    loaded = load_text(dumped, "menu.yaml")
    assume(loaded.menu is not None)
    assert loaded.menu is not None
    menu = loaded.menu.menus["main"]
    assume(menu.prompt == text)  # a text YAML cannot hold (a control character) is refused
    check_every_character(dumped, menu)


# Prompt-like text, which the dumper can write plain and fold at its width.
WORDS = st.lists(
    st.sampled_from(["For", "billing,", "press", "2.", "Для", "оплаты", "нажмите", "it's", "é"]),
    min_size=1,
    max_size=40,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=WORDS, style=st.sampled_from(STYLES), width=st.integers(10, 60))
def test_every_character_of_prompt_like_text_maps_to_its_source(
    text: str, style: str, width: int
) -> None:
    dumped = menu_text(text, style, width=width, allow_unicode=True)
    loaded = load_text(dumped, "menu.yaml")
    assert loaded.menu is not None
    menu = loaded.menu.menus["main"]
    assert menu.prompt == text
    check_every_character(dumped, menu)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    "text",
    [
        "For billing, press 2. For orders, press 1. To hear this again, press 9.",
        "Для оплаты счёта нажмите 1. Чтобы узнать баланс, нажмите двойку. Минуточку!",
    ],
)
def test_long_prompts_in_each_style_at_each_width(style: str, text: str) -> None:
    for width in (20, 40, 80):
        dumped = menu_text(text, style, width=width, allow_unicode=True, indent=4)
        loaded = load_text(dumped, "menu.yaml")
        assert loaded.menu is not None
        menu = loaded.menu.menus["main"]
        assert menu.prompt_pos is not None
        written = dumped[index_of(dumped, menu.prompt_pos)]
        assert written == (style or written[0].strip("'\"|>"))
        check_every_character(dumped, menu)


def prompt_of(text: str, path: str = "menu.yaml") -> Menu:
    loaded = load_text(textwrap.dedent(text), path)
    assert loaded.menu is not None
    return loaded.menu.menus["main"]


def test_anchors_and_tags_are_skipped_and_an_alias_points_at_the_anchor() -> None:
    menus = load_text(
        textwrap.dedent(
            """\
            ivrlint: 1
            entry: main
            menus:
              main:
                prompt: &welcome !!str "Hey there, press 1."
                options: {}
              other:
                prompt: *welcome
                options: {}
            """
        ),
        "menu.yaml",
    ).menu
    assert menus is not None
    for menu in menus.menus.values():
        assert in_prompt(menu, 0, 3) == (Pos(5, 29), Pos(5, 32))


def test_json_with_tabs_between_tokens() -> None:
    menu = prompt_of(
        '{"ivrlint": 1, "entry": "main", "menus": {"main": {\n'
        '\t"prompt":\t"For billing, press 4.",\n\t"options": {}}}}\n',
        "menu.json",
    )
    assert in_prompt(menu, 13, 20) == (Pos(2, 26), Pos(2, 33))


def test_crlf_nel_and_line_separators_count_as_line_breaks() -> None:
    text = "ivrlint: 1\r\nentry: main\r\nmenus:\r\n  main:\r\n    prompt: one\r\n      two\r\n"
    menu = prompt_of(text + "    options: {}\r\n")
    assert menu.prompt == "one two"
    assert in_prompt(menu, 4, 7) == (Pos(6, 7), Pos(6, 10))
    document = "x\ny\n    a\x85b\u2028c\r\nd\re"
    assert [position(document, i) for i in (8, 9, 10, 12, 15, 17)] == [
        Pos(3, 5),
        Pos(3, 6),
        Pos(4, 1),
        Pos(5, 1),
        Pos(6, 1),
        Pos(7, 1),
    ]


def test_a_text_without_a_source_or_with_another_value_falls_back() -> None:
    menu = prompt_of(
        """\
        ivrlint: 1
        entry: main
        menus:
          main:
            prompt: "For billing, press 4."
            options: {}
        """
    )
    text = prompt_text(menu)
    assert text is not None
    fallback = Pos(9, 9)
    assert locate(None, fallback, 0, 3) == (fallback, None)
    assert locate(text, fallback, 5, 99) == (fallback, None)
    # a value the source does not give (the model's text was changed after loading)
    other = text._replace(value="For billing, press 5.")
    assert spans_of(other) is None
    assert locate(other, fallback, 0, 3) == (fallback, None)
    # a position that is not where the text is written
    assert locate(text._replace(pos=Pos(5, 5)), fallback, 0, 3) == (fallback, None)
    assert locate(text._replace(pos=Pos(99, 1)), fallback, 0, 3) == (fallback, None)
    # an empty span is a point before its character
    assert locate(text, fallback, 4, 4) == (Pos(5, 18), Pos(5, 18))


def test_an_imported_menu_has_no_source_and_points_at_the_prompt() -> None:
    fixture = Path(__file__).resolve().parent.parent / "importers" / "fixtures" / "menu.vxml"
    vxml = fixture.read_text(encoding="utf-8").replace("Welcome to Acme.", "Hey there, buddy!")
    loaded = load_text(vxml, "menu.vxml")
    assert loaded.menu is not None
    menu = loaded.menu.menus["main"]
    assert menu.source is None
    assert menu.prompt_pos == Pos(6, 5)
    assert in_prompt(menu, 0, 3) == (Pos(6, 5), None)
    [tone] = Linter(Settings(select=("IVR205",))).lint_loaded(loaded)
    assert (tone.line, tone.column, tone.end_line, tone.end_column) == (6, 5, None, None)


def test_escaped_utf16_pairs_joined_in_json_fall_back_to_the_text() -> None:
    menu = prompt_of(
        '{"ivrlint": 1, "entry": "main", "menus": {"main": {"prompt": '
        '"\\ud83d\\ude00 Hey there, press 4.", "options": {}}}}',
        "menu.json",
    )
    assert menu.prompt == "😀 Hey there, press 4."
    assert in_prompt(menu, 2, 5) == (menu.prompt_pos, None)


def test_labels_are_located_too() -> None:
    menu = prompt_of(
        """\
        ivrlint: 1
        entry: main
        menus:
          main:
            prompt: For help, press 1.
            options:
              "1": { label: 'The ''Tier 2'' desk', transfer: q }
        destinations:
          q: { kind: queue }
        """
    )
    option = menu.options[0]
    assert option.label == "The 'Tier 2' desk"
    assert in_label(option, 5, 11) == (Pos(7, 28), Pos(7, 34))
