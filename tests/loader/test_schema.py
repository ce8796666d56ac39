from __future__ import annotations

import textwrap

from ivrlint.loader import load_text


def findings(text: str) -> list[tuple[str, int, int, str, str]]:
    loaded = load_text(textwrap.dedent(text), "m.yaml")
    return [(c, f.pos.line, f.pos.column, f.message, f.hint) for c, f in loaded.findings]


def test_typo_gets_did_you_mean_and_no_second_missing_report() -> None:
    assert findings(
        """\
        ivrlint: 1
        entry: main
        menus:
          main:
            prompt: Hello
            opitons:
              "1": { label: Billing, transfer: desk }
        """
    ) == [("IVR002", 6, 5, "unknown key 'opitons' in menu 'main'", "did you mean 'options'?")]


def test_missing_required_keys() -> None:
    found = findings("name: x\n")
    assert [(c, line, col, msg) for c, line, col, msg, _ in found] == [
        ("IVR002", 1, 1, "the file has no 'ivrlint'"),
        ("IVR002", 1, 1, "the file has no 'entry'"),
        ("IVR002", 1, 1, "the file has no 'menus'"),
    ]


def test_wrong_types_point_at_the_value() -> None:
    found = findings(
        """\
        ivrlint: 2
        entry: main
        menus:
          main:
            prompt: [a, b]
            options:
              "1": { label: yes, transfer: desk }
              "2": { label: Orders, action: dance }
              "3": { label: Returns, goto: main, transfer: desk }
              "4": { label: Nothing }
            no_input: { retries: -1, then: { transfer: desk } }
        destinations:
          desk: { kind: queu, human: maybe }
          "bad id!": { kind: queue }
        """
    )
    assert [(line, col, msg) for _, line, col, msg, _ in found] == [
        (1, 10, "format version 2 is not supported; this ivrlint reads version 1"),
        (5, 13, "prompt must be text, not a list"),
        (7, 21, "label must be text, not the boolean 'yes'"),
        (8, 37, "unknown action 'dance'"),
        (9, 42, "option '3' of menu 'main' has more than one target (goto, transfer)"),
        (10, 12, "option '4' of menu 'main' has no target"),
        (11, 26, "no_input.retries must be a whole number ≥ 0"),
        (13, 17, "unknown destination kind 'queu'"),
        (13, 30, "human must be true or false, not the text 'maybe'"),
        (14, 3, "destination id 'bad id!' has characters an id cannot have"),
    ]
    assert all(code == "IVR002" for code, *_ in found)


def test_comma_inside_flow_mapping_text() -> None:
    found = findings(
        """\
        ivrlint: 1
        entry: main
        menus:
          main:
            options: { "1": { label: Orders, transfer: bot } }
        destinations:
          bot: { kind: self-service, say: Reads the status, then hangs up }
        """
    )
    assert len(found) == 1
    code, line, _, _, hint = found[0]
    assert (code, line) == ("IVR002", 7)
    assert "comma" in hint


def test_duplicate_keys_outside_options_are_schema_errors() -> None:
    found = findings(
        """\
        ivrlint: 1
        entry: main
        entry: other
        menus:
          main:
            options: { "1": { label: A, transfer: "tel:+1555" } }
        """
    )
    assert [(c, line, col) for c, line, col, _, _ in found] == [("IVR002", 3, 1)]
    assert "first at line 2" in found[0][3]


def test_options_as_a_list_and_unquoted_keys() -> None:
    loaded = load_text(
        textwrap.dedent(
            """\
            ivrlint: 1
            entry: main
            menus:
              main:
                options:
                  - { key: 1, label: Billing, transfer: desk, say: [billing, bills] }
                  - { key: "*", label: Back, action: back, say_first: One moment. }
            destinations:
              desk: { kind: queue }
            """
        ),
        "m.yaml",
    )
    assert loaded.findings == []
    assert loaded.menu is not None
    first, second = loaded.menu.menus["main"].options
    assert (first.key, first.label, first.say, first.key_pos) == (
        "1",
        "Billing",
        ("billing", "bills"),
        (6, 16),
    )
    assert (second.key, second.action, second.say_first) == ("*", "back", "One moment.")


def test_merge_keys_are_understood() -> None:
    loaded = load_text(
        textwrap.dedent(
            """\
            ivrlint: 1
            entry: main
            menus:
              main:
                options: { "1": { label: Billing, transfer: desk } }
                no_input: &handling { retries: 2, then: { transfer: desk } }
                no_match:
                  <<: *handling
                  retries: 3
            destinations:
              desk: { kind: queue }
            """
        ),
        "m.yaml",
    )
    assert loaded.findings == []
    assert loaded.menu is not None
    handler = loaded.menu.menus["main"].no_match
    assert handler is not None
    assert handler.retries == 3
    assert handler.then is not None
    assert handler.then.value == "desk"
