"""What a new user might feed ivrlint by mistake: each gets a clear IVR001/IVR002 at a position."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ivrlint.diagnostics import Finding
from ivrlint.loader import load_bytes, load_path, load_text
from ivrlint.loader.yamlsource import MAX_FILE_BYTES


def only(loaded_findings: list[tuple[str, Finding]]) -> tuple[str, int, int, str]:
    assert len(loaded_findings) == 1, loaded_findings
    code, finding = loaded_findings[0]
    return code, finding.pos.line, finding.pos.column, finding.message


def test_empty_file() -> None:
    assert only(load_text("", "m.yaml").findings) == ("IVR002", 1, 1, "file is empty")


def test_comments_only_is_empty_too() -> None:
    assert only(load_text("# nothing yet\n", "m.yaml").findings)[3] == "file is empty"


def test_list_at_top_level() -> None:
    code, line, column, message = only(load_text("- a\n- b\n", "m.yaml").findings)
    assert (code, line, column) == ("IVR002", 1, 1)
    assert message == "the top level of a menu file must be a mapping (key: value), not a list"


def test_binary_garbage() -> None:
    loaded = load_bytes(bytes(range(256)) * 4, "m.yaml")
    code, _, _, message = only(loaded.findings)
    assert code == "IVR001"
    assert "binary" in message
    assert loaded.menu is None


def test_invalid_utf8_points_at_the_byte() -> None:
    data = b"ivrlint: 1\nname: Caf" + b"\xe9 Acme\n"
    code, line, column, message = only(load_bytes(data, "m.yaml").findings)
    assert (code, line, column) == ("IVR001", 2, 10)
    assert "UTF-8" in message


def test_utf8_bom_and_utf16_are_read() -> None:
    text = "ivrlint: 1\nentry: main\nmenus: {}\n"
    assert load_bytes(b"\xef\xbb\xbf" + text.encode(), "m.yaml").findings == []
    assert load_bytes(text.encode("utf-16"), "m.yaml").findings == []


def test_huge_file_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"a: 1\n" * (MAX_FILE_BYTES // 5 + 10))
    start = time.perf_counter()
    code, _, _, message = only(load_path(path).findings)
    assert time.perf_counter() - start < 2
    assert code == "IVR001"
    assert "MB" in message


def test_billion_laughs_is_bounded() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    start = time.perf_counter()
    code, _, _, message = only(load_text("\n".join(lines) + "\n", "m.yaml").findings)
    assert time.perf_counter() - start < 2
    assert code == "IVR001"
    assert "alias" in message


def test_legitimate_aliases_are_expanded() -> None:
    text = """\
ivrlint: 1
entry: main
menus:
  main:
    options: { "1": { label: Billing, transfer: desk } }
    no_input: &retry { retries: 2, then: { transfer: desk } }
    no_match: *retry
destinations:
  desk: { kind: queue }
"""
    loaded = load_text(text, "m.yaml")
    assert loaded.findings == []
    assert loaded.menu is not None
    no_input, no_match = loaded.menu.menus["main"].no_input, loaded.menu.menus["main"].no_match
    assert no_input is not None
    assert no_match is not None
    assert (
        (no_match.retries, no_match.then) == (no_input.retries, no_input.then) == (2, no_input.then)
    )


def test_recursive_alias() -> None:
    code, _, _, message = only(load_text("a: &x\n  b: *x\n", "m.yaml").findings)
    assert code == "IVR001"
    assert "recursive" in message


def test_tab_indentation() -> None:
    code, line, _, message = only(load_text("ivrlint: 1\nmenus:\n\tmain: {}\n", "m.yaml").findings)
    assert (code, line) == ("IVR001", 3)
    assert "tab" in message


def test_json_with_tabs_is_fine() -> None:
    text = '{\n\t"ivrlint": 1,\n\t"entry": "main",\n\t"menus": {\n\t\t"main": {"options": {}}\n\t}\n}\n'
    loaded = load_text(text, "m.json")
    assert loaded.findings == []
    assert loaded.menu is not None
    assert loaded.menu.menus["main"].pos == (5, 3)


def test_unquoted_star_key_gets_a_quoting_hint() -> None:
    text = "ivrlint: 1\nentry: main\nmenus:\n  main:\n    options:\n      *: { label: Back, action: back }\n"
    loaded = load_text(text, "m.yaml")
    code, finding = loaded.findings[0]
    assert code == "IVR001"
    assert finding.pos.line == 6
    assert "quote" in finding.hint


def test_python_object_tags_are_refused() -> None:
    loaded = load_text("a: !!python/object/apply:os.system ['echo hi']\n", "m.yaml")
    code, line, column, message = only(loaded.findings)
    assert (code, line, column) == ("IVR001", 1, 4)
    assert "tag" in message


def test_unreadable_yaml_reports_parser_position() -> None:
    code, line, _, _ = only(load_text("ivrlint: 1\nentry: [main\nmenus: {}\n", "m.yaml").findings)
    assert code == "IVR001"
    assert line == 3


@pytest.mark.parametrize(
    "text",
    ["ivrlint: 1\n---\nentry: x\n", "{{{{", "'unterminated", "key: value: other\n"],
)
def test_other_broken_yaml_is_one_syntax_error(text: str) -> None:
    assert only(load_text(text, "m.yaml").findings)[0] == "IVR001"
