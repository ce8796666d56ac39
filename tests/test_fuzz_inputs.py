"""Property-based fuzzing of everything a user can feed ivrlint: random bytes and text, and
mutations of the shipped menus and of the importers' fixtures.

Whatever the input, loading gives a ``Loaded`` with findings (never an exception), every
finding points inside the file, and everything built on the model (the rules, stats, the
graph, ``convert``'s writer, ``diff``) runs without a crash. The engine turns a crashing rule
into an "internal error" diagnostic; here that counts as a failure too.

The normal suite runs a few hundred examples in a few seconds. To hunt for bugs, run more:
``IVRLINT_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz_inputs.py``.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ivrlint.diagnostics import Diagnostic, Finding
from ivrlint.diff import diff_menus
from ivrlint.engine import Linter, Settings
from ivrlint.formatters import FORMATTERS, Report
from ivrlint.importers.detect import FORMATS
from ivrlint.loader import Loaded, load_bytes, load_text
from ivrlint.render.menu_graph import menu_graph_dot
from ivrlint.stats import compute_stats
from ivrlint.writer import write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("IVRLINT_FUZZ_EXAMPLES", "0")) or None
FUZZ = settings(
    max_examples=EXAMPLES or 50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES is None,  # the normal suite is reproducible; hunting is not
)

SEEDS: dict[str, str] = {
    str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
    for folder in (ROOT / "menus", ROOT / "tests" / "importers" / "fixtures")
    for path in sorted(folder.rglob("*"))
    if path.is_file()
}
PARSED = {
    name: yaml.load(text, Loader=yaml.CSafeLoader)
    for name, text in SEEDS.items()
    if name.endswith((".yaml", ".yml", ".json"))
}
SOURCE_FORMATS: list[str | None] = [None, *FORMATS]
SUFFIXES = [".yaml", ".yml", ".json", ".conf", ".xml", ".vxml", ".txt", ""]
LINTER = Linter(Settings())


# -- the properties ---------------------------------------------------------------------


def exercise(loaded: object, text: str | None) -> None:
    """Everything ivrlint does with a loaded file, asserting nothing crashes."""
    assert isinstance(loaded, Loaded)
    for code, finding in loaded.findings:
        assert code in ("IVR001", "IVR002"), code
        assert isinstance(finding, Finding)
        assert finding.message
        assert finding.pos.line >= 1
        assert finding.pos.column >= 1
        if text is not None:  # "\r" alone ends a line too, as in editors and YAML
            assert finding.pos.line <= len(text.splitlines()) + 1, (finding, len(text))
    if loaded.menu is None:
        assert loaded.findings, "a file without a model must say why"
    diagnostics = LINTER.lint_loaded(loaded)
    crashed = [d for d in diagnostics if "internal error" in d.message]
    assert not crashed, crashed
    report = Report((loaded.path,), tuple(diagnostics), failed=bool(diagnostics))
    for name in FORMATTERS:
        FORMATTERS[name]().format(report)
    if loaded.menu is not None:
        exercise_model(loaded, diagnostics)


def exercise_model(loaded: Loaded, diagnostics: list[Diagnostic]) -> None:
    assert loaded.menu is not None
    compute_stats(loaded.menu)
    menu_graph_dot(loaded.menu, diagnostics)
    diff_menus(loaded.menu, loaded.menu, diagnostics, diagnostics)
    written = write(loaded.menu, loaded.notes, source=loaded.path)
    again = load_text(written, "converted.yaml", "ivrlint")
    # What convert writes is always YAML ivrlint reads back; from a source without problems,
    # a menu file without problems.
    syntax = [f for code, f in again.findings if code == "IVR001"]
    assert not syntax, (written, syntax)
    if not loaded.findings and not any(d.code == "IVR105" for d in diagnostics):
        assert again.menu is not None, (written, again.findings)
        assert not again.findings, (written, again.findings)


def check_bytes(data: bytes, path: str, source_format: str | None) -> None:
    loaded = load_bytes(data, path, source_format)
    exercise(loaded, loaded.text or None)


def check_text(text: str, path: str, source_format: str | None) -> None:
    exercise(load_text(text, path, source_format), text)


# -- mutations ------------------------------------------------------------------------------

_VALUES: list[Any] = ["", "x", "2", 0, -1, 3.5, 10**30, None, True, False, [], {}, ["a"], {"a": 1}]


def swap_types(data: Any, rng: random.Random, times: int) -> Any:
    """``data`` with ``times`` random nodes replaced by a value of another type."""
    for _ in range(times):
        data = _swap_one(data, rng)
    return data


def _swap_one(node: Any, rng: random.Random, depth: int = 0) -> Any:
    children: list[Any] = []
    if isinstance(node, dict):
        children = list(node)
    elif isinstance(node, list):
        children = list(range(len(node)))
    if not children or rng.random() < 0.15 + depth * 0.02:
        return _other_value(node, rng)
    key = rng.choice(children)
    node = dict(node) if isinstance(node, dict) else list(node)
    node[key] = _swap_one(node[key], rng, depth + 1)
    return node


def _other_value(node: Any, rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.1:
        return deep(rng.randint(20, 200), rng)
    if roll < 0.2 and isinstance(node, list) and node:
        return node + node  # duplicated items: duplicate keys, menus, ids
    if roll < 0.3:
        return [node]
    if roll < 0.4:
        return {"x": node}
    if roll < 0.5 and isinstance(node, str | int | float):
        return str(node) * rng.choice([0, 2, 50])
    return rng.choice([v for v in _VALUES if type(v) is not type(node)] or _VALUES)


def deep(levels: int, rng: random.Random) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def dump_like(seed_name: str, data: Any) -> str:
    if seed_name.endswith(".json"):
        return json.dumps(data, ensure_ascii=False, indent=1)
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


def mutate_text(text: str, rng: random.Random, times: int) -> str:
    for _ in range(times):
        text = rng.choice(_TEXT_MUTATIONS)(text, rng)
    return text


def _truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randint(0, len(text))]


def _delete_line(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    if lines:
        del lines[rng.randrange(len(lines))]
    return "".join(lines)


def _duplicate_line(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    if lines:
        i = rng.randrange(len(lines))
        lines.insert(rng.randrange(len(lines) + 1), lines[i])
    return "".join(lines)


def _swap_lines(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    if len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


_SPECIAL: list[str] = [
    *"{}[]<>\"'&:=,;#!*|>-\t\n\r\x00\ufeff\u2028\\%$@`?²٣",
    *("&a", "*a", "!!python/", "${X}", "9" * 5000, "\\u12", "\\x", "&amp;", "<!--", "]]>"),
]


def _flip_char(text: str, rng: random.Random) -> str:
    if not text:
        return rng.choice(_SPECIAL)
    i = rng.randrange(len(text))
    new = rng.choice([*_SPECIAL, chr(rng.randint(32, 0x44F)), ""])
    return text[:i] + new + text[i + 1 :]


def _insert_junk(text: str, rng: random.Random) -> str:
    i = rng.randint(0, len(text))
    junk = rng.choice(_SPECIAL) * rng.choice([1, 2, 3, 500])
    return text[:i] + junk + text[i:]


def _replace_number(text: str, rng: random.Random) -> str:
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    if not digits:
        return text
    i = rng.choice(digits)
    return (
        text[:i]
        + rng.choice(["-1", "0", "99999999999999999999", "1e400", "nan", "x", "²", "9" * 5000])
        + text[i + 1 :]
    )


_TEXT_MUTATIONS = [
    _truncate,
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _flip_char,
    _flip_char,
    _insert_junk,
    _replace_number,
]


# -- the tests ------------------------------------------------------------------------------


@FUZZ
@given(
    data=st.binary(max_size=2000),
    suffix=st.sampled_from(SUFFIXES),
    source_format=st.sampled_from(SOURCE_FORMATS),
)
@example(b"", ".yaml", None)
@example(b"\xff\xfe\x00", ".json", "twilio")
@example(b"\x00" * 64, ".conf", None)
@example(b"\xef\xbb\xbf", ".xml", "voicexml")
def test_random_bytes(data: bytes, suffix: str, source_format: str | None) -> None:
    check_bytes(data, f"fuzz{suffix}", source_format)


@FUZZ
@given(
    text=st.text(max_size=500),
    suffix=st.sampled_from(SUFFIXES),
    source_format=st.sampled_from(SOURCE_FORMATS),
)
@example("", ".json", "connect")
@example("[" * 5000, ".json", None)
@example("{" * 5000, ".json", "twilio")
@example("- " * 3000 + "x", ".yaml", None)
@example("<a>" * 3000, ".xml", "freeswitch")
@example("<vxml>" + "<form>" * 2000, ".vxml", None)
def test_random_text(text: str, suffix: str, source_format: str | None) -> None:
    check_text(text, f"fuzz{suffix}", source_format)


@FUZZ
@given(
    seed_name=st.sampled_from(sorted(SEEDS)),
    rng=st.randoms(use_true_random=False),
    times=st.integers(1, 6),
    as_format=st.sampled_from(SOURCE_FORMATS),
    detect=st.booleans(),
)
def test_text_mutations_of_real_files(
    seed_name: str, rng: random.Random, times: int, as_format: str | None, detect: bool
) -> None:
    text = mutate_text(SEEDS[seed_name], rng, times)
    check_text(text, seed_name, None if detect else as_format)


@FUZZ
@given(
    seed_name=st.sampled_from(sorted(PARSED)),
    rng=st.randoms(use_true_random=False),
    times=st.integers(1, 8),
)
def test_type_swaps_in_real_files(seed_name: str, rng: random.Random, times: int) -> None:
    text = dump_like(seed_name, swap_types(PARSED[seed_name], rng, times))
    check_text(text, seed_name, None)


@FUZZ
@given(
    seed_name=st.sampled_from(sorted(SEEDS)),
    rng=st.randoms(use_true_random=False),
    times=st.integers(1, 4),
    source_format=st.sampled_from(SOURCE_FORMATS),
)
def test_bytes_mutations_of_real_files(
    seed_name: str, rng: random.Random, times: int, source_format: str | None
) -> None:
    """Real files in another encoding, with a bad byte, or cut inside a character."""
    text = SEEDS[seed_name]
    data = bytearray(text.encode(rng.choice(["utf-8", "utf-16", "utf-8-sig", "utf-16-le"])))
    for _ in range(times):
        action = rng.random()
        i = rng.randrange(len(data) + 1)
        if action < 0.4:
            del data[i:]
        elif action < 0.8:
            data[i:i] = bytes([rng.randrange(256)])
        else:
            data[i:i] = b"\x00"
    check_bytes(bytes(data), seed_name, source_format)


@pytest.mark.parametrize("seed_name", sorted(SEEDS))
@pytest.mark.parametrize("source_format", SOURCE_FORMATS)
def test_every_file_read_as_every_format(seed_name: str, source_format: str | None) -> None:
    """A file given with the wrong --from is reported, never a crash."""
    check_text(SEEDS[seed_name], seed_name, source_format)
