"""Regression tests for what real exports showed: each fixture here is written for the test,
in the shape of a public export that an importer got wrong (see docs/importers.md,
"Checked on real exports")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importers.helpers import converted_and_read_back, targets
from ivrlint.diagnostics import Pos
from ivrlint.engine import Linter
from ivrlint.importers.base import announced_label
from ivrlint.loader import load_path, load_text
from ivrlint.model import MenuFile, Target

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def _codes(path: Path) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in Linter().lint_path(str(path))]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- Twilio Studio ----------------------------------------------------------------------------


def test_twilio_data_entry_gathers_are_followed_not_menus() -> None:
    loaded = load_path(SHAPES / "twilio-data-entry.json")
    model = loaded.menu
    assert model is not None
    # the card number (16 digits) and the spoken name are collected, not chosen from
    assert list(model.menus) == ["main", "confirm"]
    # the keypress split is the one the gather reaches, not the first testing its Digits
    assert targets(model, "main") == {"1": ("goto", "confirm"), "0": ("transfer", "agent")}
    line = (SHAPES / "twilio-data-entry.json").read_text(encoding="utf-8").splitlines()[14]
    assert model.menus["main"].options[0].key_pos == Pos(15, line.index('"value": "1"') + 10)


def test_twilio_split_on_another_widget_is_named() -> None:
    loaded = load_path(SHAPES / "twilio-data-entry.json")
    ((code, finding),) = loaded.findings
    assert code == "IVR002"
    assert finding.pos == Pos(29, 52)
    assert finding.message == (
        "the keys pressed in 'confirm' reach 'confirm_keys', which tests "
        "{{widgets.main.Digits}}, not {{widgets.confirm.Digits}}: the choice made here is "
        "never read"
    )


def test_twilio_wrapped_in_a_revision_is_read() -> None:
    flow = json.loads((SHAPES / "twilio-data-entry.json").read_text(encoding="utf-8"))
    wrapped = json.dumps({"sid": "FW0", "friendlyName": "Card line", "definition": flow})
    loaded = load_text(wrapped, "revision.json")
    assert loaded.menu is not None
    assert list(loaded.menu.menus) == ["main", "confirm"]


def test_label_from_courtesy_and_two_keys_in_one_sentence() -> None:
    prompt = "Please press 1 to confirm or 2 to start again."
    assert announced_label(prompt, "1") == "Confirm"
    assert announced_label("Press 1 for cash and 2 for card.", "1") == "Cash"


# -- Asterisk --------------------------------------------------------------------------------


def test_asterisk_dialplan_shapes() -> None:
    loaded = load_path(SHAPES / "dialplan.conf")
    model = loaded.menu
    assert model is not None
    # [demo] (the sample context) leads nowhere; [welcome] leads to [english]: the entry
    assert model.entry == "welcome"
    demo, welcome = model.menus["demo"], model.menus["welcome"]
    # Background() then Goto(): the sound is said first, the Goto() is the target
    assert demo.options[0].target == Target("action", "repeat", Pos(9, 12))
    assert demo.options[0].say_first == "demo moreinfo"
    # the start is _1XX (after an 'h' extension); the prompt is the text-to-speech text
    assert welcome.prompt == "Hello, and welcome. For English press 1, for French press 2"
    assert welcome.prompt_pos == Pos(15, 12)
    assert targets(model, "welcome") == {
        "1": ("goto", "english"),
        "2": None,  # Goto(done): no such label, reported below
        "3": ("action", "hangup"),  # Read() collects an account number, then hangs up
    }
    assert welcome.options[0].say_first == "en intro"
    assert [(c, f.pos, f.message.split(":")[0]) for c, f in loaded.findings] == [
        (
            "IVR002",
            Pos(30, 12),
            "Goto() names priority 'done' of extension 's' in context 'lookup', which has "
            "no priority labelled so",
        )
    ]


def test_asterisk_diagnostics_point_into_the_dialplan() -> None:
    codes = _codes(SHAPES / "dialplan.conf")
    assert ("IVR106", 4, 2) in codes  # [demo] is not reached from the entry
    assert ("IVR002", 30, 12) in codes
    assert not any(c == "IVR111" and line == 4 for c, line, _ in codes)  # 2 repeats [demo]


# -- Amazon Connect --------------------------------------------------------------------------

_FLOW = {
    "Version": "2019-10-30",
    "StartAction": "menu",
    "Actions": [
        {
            "Identifier": "menu",
            "Type": "GetParticipantInput",
            "Parameters": {"Text": "For sales, press 1.", "InputTimeLimitSeconds": "5"},
            "Transitions": {
                "NextAction": "bye",
                "Conditions": [
                    {
                        "NextAction": "nowhere",
                        "Condition": {"Operator": "Equals", "Operands": ["1"]},
                    }
                ],
                "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingCondition"}],
            },
        },
        {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}},
    ],
}


def test_connect_flow_inside_content_string_keeps_outer_positions(tmp_path: Path) -> None:
    content = json.dumps(_FLOW, separators=(",", ":"))
    text = json.dumps({"Name": "Main", "Type": "CONTACT_FLOW", "Content": content}, indent=2)
    loaded = load_text(text, "describe-contact-flow.json")
    assert loaded.menu is not None
    assert loaded.findings == []
    line = text.splitlines()[3]
    assert line.startswith('  "Content": "{')
    option = loaded.menu.menus["menu"].options[0]
    # the operand "1" inside the string: written \"1\" in the file
    assert option.key_pos == Pos(4, line.index('\\"1\\"') + 1)
    codes = _codes(_write(tmp_path, "describe-contact-flow.json", text))
    assert ("IVR105", 4, line.index('\\"nowhere\\"') + 1) in codes


def test_connect_content_string_is_detected() -> None:
    text = json.dumps({"Name": "Main", "Content": json.dumps(_FLOW)})
    loaded = load_text(text, "flow.json")
    assert loaded.menu is not None
    assert loaded.menu.source_format == "connect"


def test_connect_legacy_attribute_prompt_and_generated_ids() -> None:
    flow = {
        "modules": [
            {
                "id": "0b7f0c1e-1111-4222-8333-944455556666",
                "type": "GetUserInput",
                "branches": [
                    {
                        "condition": "Evaluate",
                        "conditionType": "Equals",
                        "conditionValue": "1",
                        "transition": "9c1d2e3f-aaaa-4bbb-8ccc-ddddeeeeffff",
                    },
                    {"condition": "Timeout", "transition": "end"},
                    {"condition": "NoMatch", "transition": "end"},
                ],
                "parameters": [{"name": "Text", "value": "MENU_PROMPT", "namespace": "External"}],
            },
            {
                "id": "9c1d2e3f-aaaa-4bbb-8ccc-ddddeeeeffff",
                "type": "GetUserInput",
                "branches": [{"condition": "Evaluate", "conditionValue": "1", "transition": "end"}],
                "parameters": [{"name": "Text", "value": "Press 1 to leave."}],
            },
            {"id": "end", "type": "Disconnect", "branches": []},
        ],
        "start": "0b7f0c1e-1111-4222-8333-944455556666",
    }
    loaded = load_text(json.dumps(flow, indent=1), "legacy.json")
    model = loaded.menu
    assert model is not None
    first = model.menus["0b7f0c1e-1111-4222-8333-944455556666"]
    assert first.prompt == "$.External.MENU_PROMPT"  # read from an attribute when the call runs
    assert first.options[0].label is None  # not "9c1d2e3f aaaa ..."


# -- FreeSWITCH ------------------------------------------------------------------------------


def test_freeswitch_ivr_conf_that_only_includes() -> None:
    text = (
        '<configuration name="ivr.conf" description="IVR menus">\n'
        "  <menus>\n"
        '    <X-PRE-PROCESS cmd="include" data="../ivr_menus/*.xml"/>\n'
        "  </menus>\n"
        "</configuration>\n"
    )
    loaded = load_text(text, "ivr.conf.xml")
    ((code, finding),) = loaded.findings
    assert (code, finding.pos) == ("IVR002", Pos(3, 5))
    assert finding.message == "this ivr.conf holds no menu itself: it includes ../ivr_menus/*.xml"


def test_freeswitch_menu_top_in_the_top_menu_repeats(tmp_path: Path) -> None:
    text = (
        "<include>\n"
        '  <menu name="top" greet-long="say:For help, press 1. To hear this again, press 9."\n'
        '        max-failures="2" max-timeouts="2">\n'
        '    <entry action="menu-sub" digits="1" param="help"/>\n'
        '    <entry action="menu-top" digits="9"/>\n'
        "  </menu>\n"
        '  <menu name="help" greet-long="say:For the main menu, press 9.">\n'
        '    <entry action="menu-top" digits="9"/>\n'
        "  </menu>\n"
        "</include>\n"
    )
    loaded = load_text(text, "demo_ivr.xml")
    model = loaded.menu
    assert model is not None
    assert targets(model, "top") == {"1": ("goto", "help"), "9": ("action", "repeat")}
    assert targets(model, "help") == {"9": ("action", "main")}
    assert not any(
        c == "IVR111" and line == 2 for c, line, _ in _codes(_write(tmp_path, "demo_ivr.xml", text))
    )


# -- VoiceXML --------------------------------------------------------------------------------


def test_voicexml_voice_only_menu_is_named() -> None:
    text = (
        '<?xml version="1.0"?>\n<vxml version="2.0">\n  <menu>\n'
        "    <prompt>Say one of <enumerate/></prompt>\n"
        '    <choice next="news.vxml">News</choice>\n  </menu>\n</vxml>\n'
    )
    loaded = load_text(text, "menu.vxml")
    ((code, finding),) = loaded.findings
    assert (code, finding.pos) == ("IVR002", Pos(3, 3))
    assert "answered by voice only" in finding.message


def test_voicexml_number_entry_form_is_followed() -> None:
    text = (
        '<?xml version="1.0"?>\n<vxml version="2.0">\n'
        '  <menu id="main">\n    <prompt>For an extension, press 1.</prompt>\n'
        '    <choice dtmf="1" next="#ext"/>\n  </menu>\n'
        '  <form id="ext">\n    <field name="num" type="digits">\n'
        '      <grammar type="application/grammar+regex">[0-9][0-9][0-9]</grammar>\n'
        '      <filled><goto next="#call"/></filled>\n    </field>\n  </form>\n'
        '  <form id="call"><transfer dest="tel:+15550100"/></form>\n</vxml>\n'
    )
    loaded = load_text(text, "ext.vxml")
    model = loaded.menu
    assert model is not None
    assert list(model.menus) == ["main"]
    option = model.menus["main"].options[0]
    assert option.target is not None
    assert option.target.kind == "transfer"
    assert model.destinations[option.target.value].name == "tel:+15550100"


# -- Genesys ---------------------------------------------------------------------------------


def test_genesys_template_placeholders_are_read_as_text() -> None:
    text = (
        "inboundCall:\n"
        "  name: Template line\n"
        '  startUpRef: "/inboundCall/menus/menu[Main_1]"\n'
        "  initialGreeting:\n"
        "    tts: {{ivr_greeting}}\n"
        "  menus:\n"
        "    - menu:\n"
        "        name: Main\n"
        "        refId: Main_1\n"
        "        audio:\n"
        "          tts: {{main_prompt}}\n"
        "        choices:\n"
        "          - menuDisconnect:\n"
        "              name: Goodbye\n"
        "              dtmf: digit_9\n"
    )
    loaded = load_text(text, "flow.yaml")
    assert loaded.findings == []
    model = loaded.menu
    assert model is not None
    assert model.menus["Main"].prompt == "{{main_prompt}}"
    assert model.menus["Main"].options[0].key_pos == Pos(15, 21)
    assert [(n.pos, n.message.split(" are ")[0]) for n in loaded.notes][:1] == [
        (Pos(5, 10), "template placeholders such as {{ivr_greeting}}")
    ]


# -- a file of another format named with --from ----------------------------------------------


def test_json_format_on_a_dialplan_names_the_first_character() -> None:
    text = "; my dialplan\n\n[main]\nexten => s,1,Background(hello)\n"
    loaded = load_text(text, "extensions.conf", "twilio")
    ((code, finding),) = loaded.findings
    assert (code, finding.pos) == ("IVR001", Pos(1, 1))
    assert finding.message == "not a JSON document: it starts with '; my dialplan'"
    assert "--from" in finding.hint


def test_xml_format_on_yaml_names_the_first_character() -> None:
    loaded = load_text("\n\ninboundCall:\n  name: x\n", "flow.yaml", "voicexml")
    ((code, finding),) = loaded.findings
    assert (code, finding.pos) == ("IVR001", Pos(3, 1))
    assert finding.message == "not an XML document: it starts with 'inboundCall:'"


# -- Twilio negative conditions ----------------------------------------------------------------


def test_twilio_not_equal_to_is_the_no_match_and_the_key_it_leaves_out_an_option() -> None:
    loaded = load_path(SHAPES / "twilio-negative.json")
    model = loaded.menu
    assert model is not None
    assert loaded.findings == []
    # 1 and 2 are taken first; 'not_equal_to 0' catches every other key; 0 goes to noMatch
    assert targets(model, "main") == {
        "1": ("transfer", "sales"),
        "2": ("transfer", "billing"),
        "0": ("transfer", "front_desk"),
    }
    no_match = model.menus["main"].no_match
    assert no_match is not None
    assert no_match.then is None  # "not a choice", then main again
    assert no_match.pos == Pos(41, 9)
    assert [(n.pos.line, n.message) for n in loaded.notes if "label" not in n.message] == [
        (
            26,
            "key 0 of 'main' matches no condition and goes where noMatch goes: written as "
            "an option",
        ),
        (41, "condition 'not_equal_to 0' of 'main' catches every other key: read as no_match"),
        (
            48,
            "condition 'equal_to 3' of 'main' is never taken: an earlier condition catches "
            "its keys first",
        ),
        (
            59,
            "condition 'is_after_time 17:00' of 'main' does not test a key a caller presses; "
            "its transition is skipped",
        ),
    ]


def test_twilio_code_rejected_by_a_negative_condition_is_data_not_a_menu() -> None:
    loaded = load_path(SHAPES / "twilio-pin-check.json")
    model = loaded.menu
    assert model is not None
    # 'not_equal_to 2580' compares the answer with a code: 'secret' collects it, and a right
    # code goes on past the rejection, to noMatch, not to "That code is not right."
    assert list(model.menus) == ["start"]
    assert targets(model, "start") == {"1": ("action", "hangup"), "0": ("transfer", "team")}
    assert model.menus["start"].options[0].say_first == "You have 12 pounds left."
    assert loaded.findings == []
    assert "IVR107" not in [code for code, _, _ in _codes(SHAPES / "twilio-pin-check.json")]


SPLIT = """{"states": [
 {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "m"}]},
 {"name": "m", "type": "gather-input-on-call", "properties": {"say": "Choose."},
  "transitions": [{"event": "keypress", "next": "s"}]},
 {"name": "s", "type": "split-based-on", "properties": {"input": "{{widgets.m.Digits}}"},
  "transitions": [%s]},
 {"name": "a", "type": "enqueue-call"}, {"name": "b", "type": "enqueue-call"}]}"""


def _no_match(model: MenuFile, menu: str) -> tuple[str, str] | None:
    handler = model.menus[menu].no_match
    then = handler.then if handler is not None else None
    return (then.kind, then.value) if then is not None else None


def _split(*transitions: str) -> MenuFile:
    loaded = load_text(SPLIT % ", ".join(transitions), "flow.json")
    assert loaded.menu is not None, loaded.findings
    return loaded.menu


def _match(next_: str, *conditions: tuple[str, str]) -> str:
    written = ", ".join(f'{{"type": "{t}", "value": "{v}"}}' for t, v in conditions)
    return f'{{"event": "match", "next": "{next_}", "conditions": [{written}]}}'


_NO_MATCH = '{"event": "noMatch", "next": "%s"}'


ENTRY = """{"states": [
 {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "m"}]},
 {"name": "m", "type": "gather-input-on-call", "properties": {"say": "Press 1 to pay."},
  "transitions": [{"event": "keypress", "next": "s"}]},
 {"name": "s", "type": "split-based-on", "properties": {"input": "{{widgets.m.Digits}}"},
  "transitions": [{"event": "match", "next": "amount",
                   "conditions": [{"type": "equal_to", "value": "1"}]}]},
 {"name": "amount", "type": "gather-input-on-call", "properties": {"say": "Key the amount."},
  "transitions": [{"event": "keypress", "next": "check"}]},
 {"name": "check", "type": "split-based-on", "properties": {"input": "{{widgets.amount.Digits}}"},
  "transitions": [%s]},
 {"name": "ok", "type": "enqueue-call"}, {"name": "wrong", "type": "enqueue-call"}]}"""


@pytest.mark.parametrize(
    ("transitions", "then"),
    [
        # rejections come first; a right answer goes on to the next match or to noMatch
        (
            [_match("wrong", ("does_not_match_any_of", "1111, 2222")), _NO_MATCH % "ok"],
            ("transfer", "ok"),
        ),
        (
            [_match("wrong", ("is_blank", "")), _match("ok", ("is_not_blank", ""))],
            ("transfer", "ok"),
        ),
        ([_match("wrong", ("not_equal_to", "77"))], ("action", "hangup")),  # noMatch: nowhere
        # a bound no single key reaches: an amount, not a choice of keys
        ([_match("ok", ("less_than", "500")), _NO_MATCH % "wrong"], ("transfer", "ok")),
    ],
)
def test_twilio_data_entry_split_follows_the_accepted_answer(
    transitions: list[str], then: tuple[str, str]
) -> None:
    loaded = load_text(ENTRY % ", ".join(transitions), "flow.json")
    model = loaded.menu
    assert model is not None
    assert list(model.menus) == ["m"]
    assert targets(model, "m") == {"1": then}


def test_twilio_conditions_of_one_transition_must_all_hold() -> None:
    model = _split(_match("a", ("less_than", "5"), ("not_equal_to", "1")))
    # 0, 2, 3, 4: fewer keys than it leaves out, so options, not the no-match branch
    assert targets(model, "m") == dict.fromkeys("2340", ("transfer", "a"))
    assert model.menus["m"].no_match is None


def test_twilio_keys_left_without_no_match_end_the_flow() -> None:
    model = _split(_match("a", ("not_equal_to", "5")))
    assert targets(model, "m") == {"5": ("action", "hangup")}
    assert _no_match(model, "m") == ("transfer", "a")


def test_twilio_negative_that_leaves_no_key_elsewhere_gives_options() -> None:
    # 'not_equal_to x' holds for every key: nothing is left for a no-match branch, so every
    # key is a choice that leads to b (was: no options, a false IVR107)
    model = _split(_match("b", ("not_equal_to", "x")))
    assert targets(model, "m") == dict.fromkeys("123456789*0#", ("transfer", "b"))
    assert model.menus["m"].no_match is None


def test_twilio_keys_left_out_by_a_negative_reach_later_transitions() -> None:
    model = _split(
        _match("a", ("does_not_match_any_of", "1,2")),
        _match("b", ("matches_any_of", "2,1")),
    )
    assert targets(model, "m") == {"2": ("transfer", "b"), "1": ("transfer", "b")}
    assert _no_match(model, "m") == ("transfer", "a")


def test_twilio_other_key_conditions() -> None:
    model = _split(
        _match("a", ("greater_than", "7")),
        _match("b", ("starts_with", "*")),
        _match("a", ("contains", "#")),
    )
    assert targets(model, "m") == {
        "8": ("transfer", "a"),
        "9": ("transfer", "a"),
        "*": ("transfer", "b"),
        "#": ("transfer", "a"),
    }
    assert model.menus["m"].no_match is None


def test_twilio_negative_condition_converts_and_reads_back(tmp_path: Path) -> None:
    loaded = load_path(SHAPES / "twilio-negative.json")
    converted, again = converted_and_read_back(loaded, "twilio-negative.json", tmp_path)
    assert (
        "    no_match: {}  # from twilio-negative.json:41; condition 'not_equal_to 0' of 'main' "
        "catches every other key: read as no_match\n" in converted
    )
    assert loaded.menu is not None
    assert targets(again, "main") == targets(loaded.menu, "main")
