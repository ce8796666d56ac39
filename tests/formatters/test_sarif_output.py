from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_sample import NASTY, sample_report, worded_report

from ivrlint.formatters import FORMATTERS, Report
from ivrlint.rules import RULES

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"


def sarif(report: Report) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(FORMATTERS["sarif"]().format(report))
    return result


def test_validates_against_the_official_schema() -> None:
    report = sample_report()
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(sarif(report)))
    assert errors == []


def test_an_empty_report_validates_too() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    document = sarif(Report((), ()))
    jsonschema.Draft4Validator(schema).validate(document)
    assert document["runs"][0]["results"] == []


def test_results_are_located_the_way_code_scanning_wants() -> None:
    report = sample_report()
    run = sarif(report)["runs"][0]
    first, info, odd_name = run["results"]
    assert first == {
        "ruleId": "IVR105",
        "ruleIndex": [r.code for r in RULES].index("IVR105"),
        "level": "error",
        "message": {"text": NASTY + "\nhint: did you mean 'billing'?"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": "menus/bank-ru.yaml",
                        "uriBaseId": "%SRCROOT%",
                        "index": 0,
                    },
                    "region": {"startLine": 7, "startColumn": 9},
                }
            }
        ],
        "properties": {"menu": "main", "key": "1"},
    }
    assert info["level"] == "note"
    location = odd_name["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "menus/%D0%BC%D0%B5%D0%BD%D1%8E%2C%20v2%3Atest.yaml"
    assert [a["location"]["uri"] for a in run["artifacts"]][:2] == [
        "menus/bank-ru.yaml",
        "menus/clean.yaml",
    ]


def test_rule_descriptors_come_from_rule_metadata() -> None:
    report = sample_report()
    driver = sarif(report)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "ivrlint"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    ivr102 = next(r for r in driver["rules"] if r["id"] == "IVR102")
    assert ivr102["name"] == "structure.max-options"
    assert ivr102["shortDescription"] == {"text": "A menu offers more than `max_options` choices."}
    assert ivr102["helpUri"].endswith("/docs/rules.md#ivr102-structuremax-options")
    assert ivr102["defaultConfiguration"] == {"level": "warning"}
    assert "Bad:" in ivr102["help"]["text"]
    assert "max_options = 5" in ivr102["help"]["text"]


def test_a_file_outside_the_current_folder_gets_an_absolute_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    outside = Report((str(tmp_path / "menu.yaml"),), ())
    [artifact] = sarif(outside)["runs"][0]["artifacts"]
    assert artifact["location"] == {"uri": (tmp_path / "menu.yaml").as_uri()}


def test_output_is_byte_identical_between_runs() -> None:
    report = sample_report()
    formatter = FORMATTERS["sarif"]()
    assert formatter.format(report) == formatter.format(report)


def test_words_inside_a_text_get_a_region_with_an_end() -> None:
    document = sarif(worded_report())
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    regions = [
        r["locations"][0]["physicalLocation"]["region"] for r in document["runs"][0]["results"]
    ]
    assert regions == [
        {"startLine": 5, "startColumn": 13, "endLine": 5, "endColumn": 24},
        {"startLine": 6, "startColumn": 14, "endLine": 7, "endColumn": 9},
    ]
