"""The nesting bound that lets a large file skip the parser's event scan: exact figures on
the shapes menu files take, and never below the depth libyaml really reaches."""

from __future__ import annotations

import random

import pytest
import yaml

from ivrlint.loader.nesting import nesting_bound

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


def real_depth(text: str) -> int:
    """The deepest nesting libyaml reaches, up to the end or to its first error."""
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return deepest


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("a: 1\n", 2),
        ('menus:\n  m0:\n    options:\n      "1": { label: A, goto: b }\n', 2 * 7 + 1),
        ("- - - x\n", 2 * 5),
        ("a: [[1], {b: [2]}]\n", 2 + 2 * 3),
        ("a: '[[[['\n", 2),  # brackets inside quotes are text
        ('a: "x ]]] [[[ \\" [["\n', 2),
        ("a: [ \"]]]\", '[[[', x ] # [[[\n", 2 + 2 * 1),
        ("a: Press [1] or [[2\n", 2),  # a block plain scalar: text
        # its continuation too; lines read many at a time count the file's deepest indentation
        ("a: x\n  [[[ more text\n", 2 * 3),
        ("a: >-\n  [[[[ text\n  {{{\nb: [1]\n", 2 * 3 + 1),  # a block scalar
        ("a: [1,\n  [2,\n   [3]]]\n", 2 + 2 * 3),  # over several lines
        ("[1, {a: 2}]\n", 2 + 2 * 2),
        # inside [ ], "a: b" is a mapping of one pair: a level its brackets do not show
        ("k: " + "[a: " * 50 + "]" * 50 + "\n", 2 + 2 * 50),
        ("# [[[[\nkey: value # [[[\n", 2),
        ("a: 'it''s [['\n", 2),
    ],
)
def test_bound_on_what_menu_files_contain(text: str, bound: int) -> None:
    assert nesting_bound(text) == bound
    assert real_depth(text) <= bound


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1]\nb: *x\n",  # anchors and aliases
        "a: !!str x\n",  # tags may hold brackets
        "a: |2\n  x\n",  # indentation digits
        "a:\tb\n",  # tabs
        "? a\n: b\n",  # explicit keys
        "a: {b: don't}\n",  # a quote inside a plain scalar of a flow collection
        "[a]: b\n",  # a flow collection as a key
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\r",
        "a: [1,\n---\n]\n",
        "just text\n",
    ],
)
def test_what_the_scan_does_not_follow_is_left_to_the_parser(text: str) -> None:
    assert nesting_bound(text) is None


def test_a_generated_menu_file_is_bounded_low() -> None:
    lines = ["menus:"]
    for i in range(3000):
        lines += [
            f"  m{i}:",
            f"    prompt: For topic {i}, press 1. To hear this again, press 9.",
            "    options:",
            f'      "1": {{ label: Topic {i}, goto: m{i + 1} }}',
            "    no_input: { retries: 2, then: { transfer: desk } }",
        ]
    assert nesting_bound("\n".join(lines) + "\n") == 2 * 7 + 2


def test_deep_nesting_is_not_hidden() -> None:
    for text in (
        "a: " + "[" * 5000 + "]" * 5000 + "\n",
        "a: 'x'\nb: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
        "- " * 3000 + "x\n",
        'a: "]]]]"\nb: [' + '"]]]", ' * 100 + "[" * 3000 + "]" * 3001 + "\n",
    ):
        bound = nesting_bound(text)
        assert bound is None or bound >= real_depth(text) >= 3000


@pytest.mark.parametrize(
    "text",
    [
        "a: x\n  b: " + "[" * 3000 + "]" * 3000 + "\n",  # a key continuing a plain scalar
        "a: x\n\n  " + "[" * 3000 + "]" * 3000 + "\n",  # a blank line inside one
        "- a: x\n  " + "[" * 3000 + "]" * 3000 + "\n",
        "a: x\n# c\n  " + "[" * 3000 + "]" * 3000 + "\n",
        "a:\n  - b: {c: [d]}\n  - " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
        '"k[": {a: [b]}\nc: ' + "[" * 3000 + "]" * 3000 + "\n",
    ],
)
def test_lines_read_many_at_a_time_hide_nothing(text: str) -> None:
    bound = nesting_bound(text)
    assert bound is None or bound >= real_depth(text)


PIECES = [
    "a",
    "b c",
    "key",
    "-",
    "- ",
    "? ",
    ":",
    ": ",
    ",",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\n    ",
    "[",
    "]",
    "{",
    "}",
    "'",
    "''",
    '"',
    '\\"',
    "\\",
    "#",
    " #",
    "x#y",
    "|",
    ">-",
    "&a",
    "*a",
    "!t",
    "---",
    "...",
    "don't",
    "it's",
    "[[",
    "]]",
    "{a: [",
    "]}",
    "'[['",
    '"]]"',
    "- [",
    "k: ",
    "k: [",
    "k: '",
    'k: "',
    "k: {",
    "k: >\n  ",
    "- k: ",
    "%",
    "@",
    "`",
    "1",
    ":x",
]


FLOW_PIECES = [
    "[",
    "]",
    "{",
    "}",
    ", ",
    ",",
    ": ",
    ":",
    "a",
    "b c",
    "'x]'",
    "'[['",
    '"]}"',
    '"[{\\""',
    "''",
    " ",
    "\n",
    "\n  ",
    " # ]]\n",
    "#x",
    "x#",
    "- ",
    "-1",
    "?",
    "'",
    '"',
    "don't",
]
VALUES = [
    "",
    "x",
    "Press [1] or ]] here",
    "'it''s ]]'",
    '"a \\" ]] [["',
    "'multi\n  line ]]'",
    ">-\n  text [[ ]]\n  more",
    "|\n   x: [[\n",
    "plain # [[",
    "a: b",
    "- x",
    "'x' y",
]


def _structured(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 8)):
        line = " " * rng.choice((0, 0, 1, 2, 4, 6)) + "- " * rng.choice((0, 0, 1, 2))
        if rng.random() < 0.7:
            line += rng.choice(("k", "key two", '"q"', "'s'", "a[1]", "x#y")) + ": "
        if rng.random() < 0.5:
            line += "".join(rng.choice(FLOW_PIECES) for _ in range(rng.randint(1, 14)))
        else:
            line += rng.choice(VALUES)
        lines.append(line)
    return "\n".join(lines) + rng.choice(("", "\n"))


@pytest.mark.parametrize("make", ["pieces", "lines"])
def test_never_below_the_real_depth_on_random_texts(make: str) -> None:
    rng = random.Random(20240611)
    answered = 0
    for _ in range(5000):
        if make == "pieces":
            text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        else:
            text = _structured(rng)
        bound = nesting_bound(text)
        if bound is None:
            continue
        answered += 1
        assert bound >= real_depth(text), repr(text)
    assert answered > 300  # the scan answered often enough for this to test something
