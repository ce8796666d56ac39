"""Each importer on a fixture in the shape of a real export: exact diagnostics and positions,
the same problems after ``ivrlint convert``, and a clear IVR001/IVR002 on broken input."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ivrlint.cli import app
from ivrlint.diagnostics import Pos
from ivrlint.engine import Linter
from ivrlint.importers.detect import detect
from ivrlint.loader import load_path, load_text
from ivrlint.model import MenuFile
from ivrlint.writer import write

FIXTURES = Path(__file__).parent / "fixtures"

# fixture → (format, expected (code, line, column) of every diagnostic)
EXPECTED = {
    "extensions.conf": (
        "asterisk",
        [
            ("IVR202", 24, 10),
            ("IVR105", 24, 14),
            ("IVR303", 26, 10),
            ("IVR113", 33, 10),
            ("IVR110", 36, 2),
            ("IVR111", 36, 2),
            ("IVR113", 36, 2),
            ("IVR113", 36, 2),
            ("IVR202", 43, 10),
        ],
    ),
    "studio-flow.json": (
        "twilio",
        [
            ("IVR113", 61, 9),
            ("IVR113", 88, 9),
            ("IVR202", 144, 24),
            ("IVR109", 176, 15),
            ("IVR110", 176, 15),
            ("IVR111", 176, 15),
            ("IVR112", 176, 15),
            ("IVR113", 186, 9),
            ("IVR113", 212, 9),
            ("IVR105", 230, 19),
        ],
    ),
    "connect-flow.json": (
        "connect",
        [
            ("IVR111", 45, 5),
            ("IVR109", 130, 5),
            ("IVR110", 130, 5),
            ("IVR111", 130, 5),
            ("IVR112", 130, 5),
            ("IVR113", 130, 5),
            ("IVR113", 141, 27),
            ("IVR105", 160, 27),
        ],
    ),
    "connect-legacy.json": (
        "connect",
        [
            ("IVR110", 3, 5),
            ("IVR111", 3, 5),
            ("IVR113", 21, 25),
            ("IVR113", 132, 5),
        ],
    ),
    "ivr.conf.xml": (
        "freeswitch",
        [
            # menu-top on '*' in the top menu plays it again: no IVR111
            ("IVR113", 16, 23),
            ("IVR113", 17, 23),
            ("IVR114", 21, 45),
            ("IVR202", 21, 45),
            ("IVR110", 26, 17),
            ("IVR113", 26, 17),
            ("IVR113", 26, 17),
            ("IVR202", 27, 21),
            ("IVR113", 31, 23),
            ("IVR105", 33, 55),
        ],
    ),
    "menu.vxml": (
        "voicexml",
        [
            ("IVR113", 3, 3),
            ("IVR111", 5, 13),
            ("IVR110", 14, 13),
            ("IVR111", 14, 13),
            ("IVR113", 14, 13),
            ("IVR113", 26, 51),
            ("IVR105", 30, 21),
        ],
    ),
    "archy-flow.yaml": (
        "genesys",
        [
            ("IVR113", 27, 12),
            ("IVR113", 27, 12),
            ("IVR110", 30, 15),
            ("IVR110", 53, 23),
            ("IVR111", 53, 23),
            ("IVR113", 59, 26),
            ("IVR113", 59, 26),
            ("IVR113", 59, 26),
            ("IVR113", 59, 26),
            ("IVR202", 86, 21),
            ("IVR105", 87, 30),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_detects_the_format(name: str) -> None:
    path = FIXTURES / name
    assert detect(path.read_text(encoding="utf-8"), name) == EXPECTED[name][0]
    loaded = load_path(path)
    assert loaded.menu is not None
    assert loaded.menu.source_format == EXPECTED[name][0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_diagnostics_point_into_the_export(name: str) -> None:
    diagnostics = Linter().lint_path(str(FIXTURES / name))
    assert [(d.code, d.line, d.column) for d in diagnostics] == EXPECTED[name][1]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_converted_file_has_the_same_problems(name: str, tmp_path: Path) -> None:
    loaded = load_path(FIXTURES / name)
    assert loaded.menu is not None
    converted = tmp_path / "menu.yaml"
    converted.write_text(write(loaded.menu, loaded.notes, name), encoding="utf-8")
    before = Linter().lint_path(str(FIXTURES / name))
    after = Linter().lint_path(str(converted))
    assert Counter((d.code, d.message) for d in after) == Counter(
        (d.code, d.message) for d in before
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_writer_round_trips_the_model(name: str) -> None:
    loaded = load_path(FIXTURES / name)
    assert loaded.menu is not None
    again = load_text(write(loaded.menu, loaded.notes, name), "menu.yaml")
    assert again.findings == []
    assert again.menu is not None
    assert _structure(again.menu) == _structure(loaded.menu)


def _structure(model: MenuFile) -> object:
    """The model without positions (and without where it was read from)."""
    menus = {
        m.id: (
            m.prompt,
            [(o.key, o.label, _t(o.target), o.say, o.say_first) for o in m.options],
            [(h.retries, _t(h.then)) if h else None for h in (m.no_input, m.no_match)],
        )
        for m in model.menus.values()
    }
    dests = {d.id: (d.kind, d.name, d.human, d.say) for d in model.destinations.values()}
    return model.entry, model.name, model.language, menus, dests


def _t(target: object) -> object:
    return (target.kind, target.value) if target is not None else None  # type: ignore[attr-defined]


def test_asterisk_model() -> None:
    model = load_path(FIXTURES / "extensions.conf").menu
    assert model is not None
    main = model.menus["ivr-main"]
    assert main.prompt == "welcome. for sales press 1. for support press 2"
    assert [(o.key, o.label, _t(o.target)) for o in main.options] == [
        ("1", "Sales", ("transfer", "queue-sales")),
        ("2", "Support", ("goto", "ivr-support")),
        ("3", "ivr billing", ("goto", "ivr-billing")),
        ("9", "Hear the options again", ("action", "repeat")),
        ("0", "PJSIP/100", ("transfer", "dial-PJSIP-100")),
    ]
    assert main.no_input is not None
    assert (main.no_input.retries, _t(main.no_input.then)) == (2, ("transfer", "dial-PJSIP-100"))
    support = model.menus["ivr-support"]
    # _[12] gives two keys; * and # come from the included context
    assert [o.key for o in support.options] == ["1", "2", "*", "#"]


def test_labels_derived_are_noted_in_the_converted_file() -> None:
    loaded = load_path(FIXTURES / "extensions.conf")
    assert loaded.menu is not None
    text = write(loaded.menu, loaded.notes, "extensions.conf")
    assert (
        '      "1": { label: Sales, transfer: queue-sales, say_first: connecting you }'
        "  # from extensions.conf:19; label derived from the prompt's announcement"
    ) in text.splitlines()
    assert "# extensions.conf:27: pattern _1XX in context 'ivr-main' matches numbers" in text


def test_twilio_regex_condition_gives_one_option_per_key() -> None:
    model = load_path(FIXTURES / "studio-flow.json").menu
    assert model is not None
    keys = [(o.key, _t(o.target)) for o in model.menus["main_menu"].options]
    assert ("0", ("transfer", "front_desk")) in keys
    assert ("#", ("transfer", "front_desk")) in keys


def test_connect_loop_gives_retries() -> None:
    model = load_path(FIXTURES / "connect-flow.json").menu
    assert model is not None
    menu = model.menus["a1b2c3d4-0002-4000-8000-000000000002"]
    assert menu.no_input is not None
    assert menu.no_input.retries == 2
    assert _t(menu.no_input.then) == ("transfer", "queue-Front-desk")


BROKEN = [
    ("studio-flow.json", "twilio", lambda t: t[: len(t) // 2], "IVR001"),
    ("connect-flow.json", "connect", lambda t: t[: len(t) // 3], "IVR001"),
    ("ivr.conf.xml", "freeswitch", lambda t: t[: len(t) // 2], "IVR001"),
    ("menu.vxml", "voicexml", lambda t: t[: len(t) // 2], "IVR001"),
    ("archy-flow.yaml", "genesys", lambda t: t.replace("  menus:", "  menus: [", 1), "IVR001"),
    ("studio-flow.json", "connect", lambda t: t, "IVR001"),
    ("menu.vxml", "freeswitch", lambda t: t, "IVR002"),
    ("archy-flow.yaml", "asterisk", lambda t: t, "IVR002"),
    ("extensions.conf", "voicexml", lambda t: t, "IVR001"),
    ("connect-flow.json", "genesys", lambda t: t, "IVR001"),
    ("ivr.conf.xml", "twilio", lambda t: t, "IVR001"),
]


@pytest.mark.parametrize(("name", "fmt", "damage", "code"), BROKEN)
def test_broken_or_wrong_format_is_a_diagnostic(
    name: str, fmt: str, damage: object, code: str
) -> None:
    text = damage((FIXTURES / name).read_text(encoding="utf-8"))  # type: ignore[operator]
    loaded = load_text(text, name, fmt)
    assert loaded.menu is None
    assert [c for c, _ in loaded.findings] == [code]
    finding = loaded.findings[0][1]
    assert finding.pos.line >= 1
    assert finding.message


def test_truncated_xml_names_the_line() -> None:
    text = (FIXTURES / "menu.vxml").read_text(encoding="utf-8")
    loaded = load_text(text[: text.index('<form id="sales">')], "menu.vxml")
    ((code, finding),) = loaded.findings
    assert code == "IVR001"
    assert finding.message == "not well-formed XML: no element found"
    assert finding.pos == Pos(39, 3)  # where the text stops
    assert "truncated" in finding.hint


def test_xml_entities_are_refused() -> None:
    text = '<?xml version="1.0"?><!DOCTYPE vxml [<!ENTITY a "aaaa">]><vxml>&a;</vxml>'
    loaded = load_text(text, "bomb.vxml")
    assert [c for c, _ in loaded.findings] == ["IVR001"]
    assert loaded.findings[0][1].message.startswith("XML refused for safety")


def test_unknown_file_is_reported() -> None:
    loaded = load_text("just some notes\n", "notes.txt")
    assert [c for c, _ in loaded.findings] == ["IVR001"]
    assert loaded.findings[0][1].message == "file is not in a format ivrlint reads"


def test_own_yaml_stays_the_default() -> None:
    assert detect("ivrlint: 1\nentry: main\nmenus: {}\n", "menu.yaml") == "ivrlint"
    assert detect('{"ivrlint": 1, "menus": {}}', "menu.json") == "ivrlint"
    assert detect("broken: [\n", "menu.yaml") == "ivrlint"


runner = CliRunner()


def test_convert_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "menu.yaml"
    source = str(FIXTURES / "ivr.conf.xml")
    result = runner.invoke(app, ["convert", source, "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = out.read_text(encoding="utf-8")
    assert first.startswith("# Converted by ivrlint from ivr.conf.xml (freeswitch)")
    result = runner.invoke(app, ["convert", source, "-o", str(out)])
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.output
    result = runner.invoke(app, ["convert", source, "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == first  # deterministic


def test_convert_of_a_broken_file_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "flow.json"
    bad.write_text('{"states": [', encoding="utf-8")
    result = runner.invoke(app, ["convert", str(bad), "--from", "twilio"])
    assert result.exit_code == 1
    assert f"{bad}:2:1: IVR001 not valid JSON" in result.output
    assert "is it truncated?" in result.output
    assert "cannot be converted" in result.output


def test_check_from_option_and_subprocess() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ivrlint",
            "check",
            "--from",
            "asterisk",
            "-q",
            str(FIXTURES / "extensions.conf"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "extensions.conf:24:14: IVR105 [error]" in result.stdout
    assert "Traceback" not in result.stderr


def test_checking_own_yaml_imports_no_importer() -> None:
    code = (
        "import sys; from ivrlint.loader import load_text;"
        "load_text('ivrlint: 1\\nentry: m\\nmenus: {}\\n', 'm.yaml');"
        "print(sorted(m for m in sys.modules"
        " if m.startswith(('defusedxml', 'ivrlint.importers.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['ivrlint.importers.detect']"
