"""Inputs that once crashed or misled ivrlint (found by tests/test_fuzz_inputs.py and by hand),
each with the exact finding it now gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ivrlint.diagnostics import Finding
from ivrlint.engine import Linter, Settings
from ivrlint.files import TooLarge, read_bounded
from ivrlint.importers.base import whole_number
from ivrlint.loader import load_path, load_text
from ivrlint.writer import write

FIXTURES = Path(__file__).resolve().parent.parent / "importers" / "fixtures"
NESTED = "lists and mappings nest more than 100 levels deep here"


def findings(text: str, path: str, *codes: str) -> list[tuple[str, int, int, str]]:
    loaded = load_text(text, path)
    return [
        (code, f.pos.line, f.pos.column, f.message)
        for code, f in loaded.findings
        if not codes or code in codes
    ]


def fixture(name: str, old: str, new: str) -> str:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


# -- deep nesting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "column"),
    [
        ("[" * 101 + "]" * 101, "deep.json", 101),  # flow: the 101st bracket
        ("[" * 5000 + "]" * 5000, "deep.json", 101),  # past the cheap bound: the event scan
        ("- " * 150 + "x\n", "deep.yaml", 201),  # block: the 101st dash
        ("a:\n" + "".join(" " * i + "b:\n" for i in range(1, 120)), "deep.yaml", None),
    ],
)
def test_deep_nesting_is_reported_where_it_passes_the_limit(
    text: str, path: str, column: int | None
) -> None:
    found = findings(text, path)
    assert len(found) == 1
    code, line, col, message = found[0]
    assert (code, message) == ("IVR001", NESTED)
    if column is not None:
        assert (line, col) == (1, column)
    else:
        assert (line, col) == (101, 101)


def test_nesting_of_100_levels_is_read() -> None:
    found = findings("[" * 100 + "]" * 100, "deep.json")
    assert found == [
        (
            "IVR002",
            1,
            1,
            "the top level of a menu file must be a mapping (key: value), not a list",
        )
    ]


def test_nesting_that_crashed_the_yaml_parser_is_an_ivr001(tmp_path: Path) -> None:
    """200 000 levels made libyaml's composer overflow the C stack: the process died."""
    menu = tmp_path / "bomb.json"
    menu.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "ivrlint", "check", str(menu)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert f"bomb.json:1:101: IVR001 [error] {NESTED}" in done.stdout


# -- JSON escapes ------------------------------------------------------------------------------

MENU_JSON = (
    '{"ivrlint": 1, "entry": "main", "menus": {"main": {"prompt": "%s", '
    '"options": {"1": {"label": "Sales", "action": "hangup"}}}}}'
)


@pytest.mark.parametrize(
    ("escaped", "prompt"),
    [
        ("Hi \\ud83d\\ude00", "Hi 😀"),  # json.dumps writes characters past U+FFFF so
        ("Hi \\uD83D\\uDE00!", "Hi 😀!"),
        ("half \\ud83d", "half \ufffd"),  # half a pair: JSON allows it, no text holds it
        ("not an escape \\\\ud83d", "not an escape \\ud83d"),
    ],
)
def test_utf16_escapes_in_json(escaped: str, prompt: str) -> None:
    loaded = load_text(MENU_JSON % escaped, "menu.json")
    assert [c for c, _ in loaded.findings] == []
    assert loaded.menu is not None
    assert loaded.menu.menus["main"].prompt == prompt


def test_json_syntax_errors_say_json() -> None:
    loaded = load_text('{"ivrlint": 1,,}', "menu.json")
    assert [(c, f.pos, f.message, f.hint) for c, f in loaded.findings] == [
        (
            "IVR001",
            (1, 15),
            "not valid JSON: did not find expected node content (while parsing a flow node)",
            "fix the JSON syntax at this position",
        )
    ]


# -- numbers in exports ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("3", 3),
        (" 12 ", 12),
        ("²", None),
        ("٣", None),
        ("9" * 5000, None),
        ("-1", None),
        ("", None),
    ],
)
def test_whole_number(written: str, number: int | None) -> None:
    assert whole_number(written) == number


@pytest.mark.parametrize(
    ("name", "old", "new", "path"),
    [
        ("ivr.conf.xml", 'max-failures="3"', 'max-failures="²"', "ivr.conf.xml"),
        ("archy-flow.yaml", "lit: 2", 'lit: "²"', "archy-flow.yaml"),
        ("studio-flow.json", '"number_of_digits": 1', '"number_of_digits": "²"', "flow.json"),
        ("extensions.conf", ">= 3]", ">= " + "9" * 5000 + "]", "extensions.conf"),
    ],
)
def test_numbers_int_refuses_are_read_as_absent(name: str, old: str, new: str, path: str) -> None:
    """A superscript digit passes str.isdigit and 5000 digits pass a regex; int() refused both."""
    loaded = load_text(fixture(name, old, new), path)
    assert loaded.menu is not None
    assert not [f for code, f in loaded.findings if code == "IVR001"]


def test_voicexml_count_that_is_no_number() -> None:
    text = fixture("menu.vxml", 'noinput count="2"', 'noinput count="x"')
    assert findings(text, "menu.vxml", "IVR002") == [
        ("IVR002", 26, 23, "count='x' of <noinput> is not a whole number from 1; read as 1")
    ]


# -- choices that lead nowhere -----------------------------------------------------------------


def test_voicexml_key_without_a_branch() -> None:
    text = fixture("menu.vxml", '<goto next="#internet"/>', "")
    assert findings(text, "menu.vxml", "IVR002") == [
        (
            "IVR002",
            20,
            13,
            "ivrlint cannot tell where key 1 of menu 'support' leads: "
            "<filled> has no branch for it",
        )
    ]


def test_genesys_jump_without_a_target() -> None:
    text = fixture(
        "archy-flow.yaml",
        '              targetMenuRef: "/inboundCall/menus/menu[Sales Menu_40]"\n',
        "",
    )
    assert findings(text, "archy-flow.yaml", "IVR002") == [
        (
            "IVR002",
            84,
            13,
            "ivrlint cannot tell where key 3 of menu 'Main-Menu' leads: "
            "this menuJumpToMenu names no menu, task or transfer",
        )
    ]


# -- what convert writes reads back ------------------------------------------------------------


def test_convert_writes_keys_too_long_for_plain_yaml() -> None:
    key = "9" * 1500
    text = fixture("menu.vxml", 'dtmf="0"', f'dtmf="{key}"')
    loaded = load_text(text, "menu.vxml")
    assert loaded.menu is not None
    written = write(loaded.menu, loaded.notes, source="menu.vxml")
    assert f'      ? "{key}"\n      : {{ label: Operator' in written
    again = load_text(written, "converted.yaml")
    assert again.menu is not None
    assert again.menu.menus["main"].option(key) is not None


def test_convert_escapes_what_yaml_cannot_hold() -> None:
    """Raw, these characters are not allowed in YAML or read back as line breaks."""
    menu = (
        "ivrlint: 1\nentry: main\nmenus:\n  main:\n"
        '    prompt: "a\\x85b\\u2028c\\x80d\\ufffee"\n'
        '    options: {"1": {label: Sales, action: hangup}}\n'
    )
    loaded = load_text(menu, "menu.yaml")
    assert loaded.menu is not None
    prompt = loaded.menu.menus["main"].prompt
    assert prompt == "a\x85b\u2028c\x80d\ufffee"
    written = write(loaded.menu, loaded.notes, source="menu.yaml")
    assert 'prompt: "a\\u0085b\\u2028c\\u0080d\\ufffee"' in written
    again = load_text(written, "converted.yaml")
    assert again.menu is not None
    assert again.menu.menus["main"].prompt == prompt


# -- files that are not files ------------------------------------------------------------------


def test_huge_file_stops_at_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(TooLarge) as caught:
        read_bounded(big, 1024)
    assert caught.value.size == 2048


def test_endless_device_stops_at_the_limit() -> None:
    with pytest.raises(TooLarge) as caught:
        read_bounded("/dev/zero", 1024)
    assert caught.value.describe() == "file is larger than 0 MB"
    loaded = load_path("/dev/zero")
    assert [(c, f.message) for c, f in loaded.findings] == [
        ("IVR001", "file is larger than 20 MB; a menu file is at most 20 MB")
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_without_a_writer_is_an_error_not_a_wait(tmp_path: Path) -> None:
    pipe = tmp_path / "menu.yaml"
    os.mkfifo(pipe)
    diagnostics = Linter(Settings()).lint_path(str(pipe))
    assert [(d.code, d.message) for d in diagnostics] == [
        ("IVR001", "cannot read the file: it is a named pipe and nothing is writing to it")
    ]


def test_folder_is_no_file(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="it is a folder, not a file"):
        read_bounded(tmp_path, 1024)


def only_messages(found: list[tuple[str, Finding]]) -> list[str]:
    return [f.message for _, f in found]


def test_empty_file_of_no_known_format() -> None:
    assert only_messages(load_text("", "menu").findings) == ["file is empty"]


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        ('ivrlint: 1\nentry: main\nmenus:\n  main:\n    prompt: "abc\x1b[0m"\n', 5, 17, "001B"),
        ("ivrlint: 1\nentry: é\x01\n", 2, 9, "0001"),  # libyaml counts bytes, not characters
        ("ivrlint: 1\n" + "# filler\n" * 1000 + "entry: \x00\n", 1002, 8, "0000"),
    ],
)
def test_control_characters_are_reported_where_they_are(
    text: str, line: int, column: int, code: str
) -> None:
    assert findings(text, "menu.yaml") == [
        ("IVR001", line, column, f"control character U+{code} is not allowed in a menu file")
    ]


def test_convert_comments_hold_no_control_characters() -> None:
    text = fixture("extensions.conf", "[ivr-main]", "[ivr\x00main]")
    loaded = load_text(text, "extensions.conf")
    assert loaded.menu is not None
    written = write(loaded.menu, loaded.notes, source="extensions.conf")
    assert "\x00" not in written
    assert "ivr\\u0000main" in written
    assert not [f for code, f in load_text(written, "converted.yaml").findings if code == "IVR001"]
