"""The menu format's JSON Schema (ivrlint/data/menu.schema.json) agrees with the loader:
what loads without IVR001/IVR002 validates, and schema mistakes are rejected by both."""

from __future__ import annotations

import json
import textwrap
from importlib.resources import files
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT
from typer.testing import CliRunner

from ivrlint.cli import app
from ivrlint.loader import load_text

SCHEMA: dict[str, Any] = json.loads(
    files("ivrlint").joinpath("data/menu.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def as_editor_sees_it(value: Any) -> Any:
    """YAML mapping keys as strings, the way yaml-language-server hands them to the schema."""
    if isinstance(value, dict):
        return {str(k): as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees_it(v) for v in value]
    return value


def schema_errors(text: str) -> list[str]:
    document = as_editor_sees_it(yaml.safe_load(text))
    return sorted(e.message for e in VALIDATOR.iter_errors(document))


def fixtures() -> list[Any]:
    params = [
        pytest.param(p.read_text(encoding="utf-8"), id=p.name)
        for p in sorted((ROOT / "menus").glob("*.yaml"))
    ]
    for path in sorted((ROOT / "tests" / "rules" / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case["menu"], id=f"{path.stem}: {case['name']}"))
    return params


def test_the_schema_is_a_valid_draft_7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("text", fixtures())
def test_valid_menus_validate(text: str) -> None:
    assert [c for c, _ in load_text(text, "m.yaml").findings if c == "IVR002"] == []
    assert schema_errors(text) == []


VALID = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: For billing, press 1.
    options:
      "1": { label: Billing, transfer: billing }
      "0": { label: Agent, transfer: "tel:+15551234567" }
    no_input: { retries: 2, then: { action: hangup } }
destinations:
  billing: { kind: queue, name: Billing team }
"""


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "    options:",
            "    opitons:",
            "Additional properties are not allowed ('opitons' was unexpected)",
        ),
        ("ivrlint: 1", "ivrlint: 2", "1 was expected"),
        ("entry: main\n", "", "'entry' is a required property"),
        ("retries: 2", "retries: two", "'two' is not of type 'integer'"),
        ("kind: queue,", "kind: queu,", "'queu' is not one of"),
        ("transfer: billing }", "transfer: billing, goto: main }", "is valid under each of"),
        (
            "{ label: Billing, transfer: billing }",
            "{ label: Billing }",
            "is not valid under any of",
        ),
        ("action: hangup", "action: dance", "'dance' is not one of"),
        ("  billing: {", "  bill ing: {", "'bill ing' does not match"),
        ("    prompt: For billing, press 1.", "    prompt: [a, b]", "['a', 'b'] is not of type"),
    ],
)
def test_schema_mistakes_are_rejected_by_both(old: str, new: str, error: str) -> None:
    assert old in VALID
    text = VALID.replace(old, new, 1)
    assert [c for c, _ in load_text(text, "m.yaml").findings] != [], "the loader must object"
    errors = schema_errors(text)
    assert any(error in e for e in errors), errors


def test_the_unchanged_menu_is_valid_for_both() -> None:
    assert load_text(VALID, "m.yaml").findings == []
    assert schema_errors(VALID) == []


def test_schema_command_prints_the_shipped_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == SCHEMA


def test_list_options_validate() -> None:
    text = VALID.replace(
        '      "1": { label: Billing, transfer: billing }\n      "0": { label: Agent, transfer: "tel:+15551234567" }\n',
        "      - { key: 1, label: Billing, transfer: billing }\n",
    )
    assert load_text(textwrap.dedent(text), "m.yaml").findings == []
    assert schema_errors(text) == []
    assert schema_errors(text.replace("key: 1, ", "")) != []
