"""Configuration files: what they say, where mistakes are, which one a file uses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ivrlint.files
from ivrlint.config import ConfigError, ConfigFinder, TomlLines, glob_regex, load_config
from ivrlint.diagnostics import Severity

Write = Callable[[str, str], Path]


def test_a_full_config_file(write: Write) -> None:
    path = write(
        ".ivrlint.toml",
        """\
        select = ["IVR1", "navigation"]
        ignore = ["IVR114"]

        [rules.IVR102]
        max_options = 6
        severity = "error"

        [rules."time.to-human"]
        max_seconds = 45

        [per-file-ignores]
        "legacy/**" = ["IVR111", "navigation.no-back"]
        """,
    )
    settings = load_config(path).settings
    assert settings.select == ("IVR1", "navigation")
    assert settings.ignore == ("IVR114",)
    assert settings.severity == {"IVR102": Severity.ERROR}
    assert settings.options == {"IVR102": {"max_options": 6}, "IVR115": {"max_seconds": 45.0}}
    [ignore] = settings.per_file_ignores
    assert ignore.selectors == ("IVR111", "navigation.no-back")
    assert ignore.matches(str(path.parent / "legacy" / "old" / "menu.yaml"))
    assert not ignore.matches(str(path.parent / "current" / "menu.yaml"))


def test_pyproject_reads_the_tool_table(write: Write) -> None:
    path = write(
        "pyproject.toml",
        """\
        [project]
        name = "lines"

        [tool.ivrlint]
        ignore = ["IVR111"]

        [tool.ivrlint.rules.IVR101]
        max_depth = 4
        """,
    )
    settings = load_config(path).settings
    assert settings.ignore == ("IVR111",)
    assert settings.options == {"IVR101": {"max_depth": 4}}


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        ('selct = ["IVR1"]\n', 1, "unknown key 'selct'", "did you mean 'select'?"),
        ('select = "IVR1"\n', 1, 'select takes a list of rule codes or names, like ["IVR1"]', ""),
        (
            '\nignore = ["IVR999"]\n',
            2,
            "'IVR999' in ignore matches no rule code or name",
            "did you mean 'IVR109'?",
        ),
        (
            "[rules.IVR102]\nmax_option = 6\n",
            2,
            "IVR102 (structure.max-options) has no option 'max_option'",
            "did you mean 'max_options'?",
        ),
        (
            '[rules.IVR102]\nseverity = "error"\nmax_options = "six"\n',
            3,
            "IVR102: option 'max_options' takes int, not str 'six'",
            "",
        ),
        (
            '[rules.IVR102]\nseverity = "fatal"\n',
            2,
            "unknown severity 'fatal'; choose one of info, warning, error",
            'write severity = "error", "warning" or "info"',
        ),
        (
            '[rules]\n"structure.max-dept" = { max_depth = 2 }\n',
            2,
            "rules.structure.max-dept: no rule has this code or name",
            "did you mean 'structure.max-depth'?",
        ),
        (
            "rules.IVR101 = { max_depth = true }\n",
            1,
            "IVR101: option 'max_depth' takes int, not bool True",
            "",
        ),
        ('[per-file-ignores]\n"a/*" = ["IVR9"]\n', 2, "'IVR9' in per-file-ignores.a/* ", ""),
        ('select = [\n  "IVR1",\n]\nmax = 1\n', 4, "unknown key 'max'", ""),
        ('select = ["IVR1"\n', 1, "is not valid TOML: Unclosed array", ""),
        ("[rules.IVR102]\nmax_options = 6\nmax_options = 7\n", 3, "is not valid TOML", ""),
    ],
)
def test_mistakes_name_the_line(
    write: Write, text: str, line: int, message: str, hint: str
) -> None:
    path = write(".ivrlint.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == line
    assert message in caught.value.message
    assert caught.value.hint.startswith(hint)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_mistakes_in_pyproject_name_the_line(write: Write) -> None:
    path = write(
        "pyproject.toml",
        """\
        [project]
        name = "x"

        [tool.ivrlint.rules.IVR115]
        max_seconds = 30
        words_per_minit = 140
        """,
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.line, caught.value.hint) == (6, "did you mean 'words_per_minute'?")


def test_a_pyproject_named_with_config_must_have_the_table(write: Write) -> None:
    path = write("pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"has no \[tool.ivrlint\] table"):
        load_config(path)


def test_extends_merges_the_base_under_the_file(write: Write) -> None:
    write(
        "shared/base.toml",
        """\
        ignore = ["IVR111"]
        [rules.IVR102]
        max_options = 7
        severity = "error"
        [per-file-ignores]
        "*.draft.yaml" = ["ALL"]
        """,
    )
    path = write(
        "team/.ivrlint.toml",
        """\
        extends = "../shared/base.toml"
        [rules.IVR102]
        max_options = 4
        """,
    )
    config = load_config(path)
    assert config.settings.ignore == ("IVR111",)
    assert config.settings.options == {"IVR102": {"max_options": 4}}
    assert config.settings.severity == {"IVR102": Severity.ERROR}
    [ignore] = config.settings.per_file_ignores
    assert ignore.base == path.parent.parent.resolve() / "shared"  # relative to its own file
    assert [p.name for p in config.files] == [".ivrlint.toml", "base.toml"]


def test_extends_cycles_are_errors(write: Write) -> None:
    write("a.toml", 'extends = "b.toml"\n')
    write("b.toml", '# the base\nextends = "a.toml"\n')
    path = write(".ivrlint.toml", 'extends = "a.toml"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.path.endswith("b.toml")
    assert caught.value.line == 2
    assert "extends makes a cycle" in caught.value.message
    assert caught.value.message.endswith("a.toml")


def test_extends_of_a_missing_file(write: Write) -> None:
    path = write(".ivrlint.toml", 'extends = "nowhere.toml"\n')
    with pytest.raises(ConfigError, match=r"extends names 'nowhere\.toml', which is not a file"):
        load_config(path)


def test_nearest_config_wins_and_ivrlint_toml_beats_pyproject(write: Write) -> None:
    root = write("pyproject.toml", '[tool.ivrlint]\nignore = ["IVR111"]\n').parent
    write("team/pyproject.toml", '[tool.ivrlint]\nignore = ["IVR112"]\n')
    write("team/.ivrlint.toml", 'ignore = ["IVR113"]\n')
    write("other/pyproject.toml", '[project]\nname = "no ivrlint table here"\n')
    finder = ConfigFinder()
    team = finder.for_path(root / "team" / "deep" / "menu.yaml")
    other = finder.for_path(root / "other" / "menu.yaml")
    top = finder.for_path(root / "menu.yaml")
    assert team is not None
    assert team.path.name == ".ivrlint.toml"
    assert team.settings.ignore == ("IVR113",)
    assert other is not None
    assert other.settings.ignore == ("IVR111",)
    assert top is other


def test_each_folder_is_looked_up_once(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write("pyproject.toml", '[tool.ivrlint]\nignore = ["IVR111"]\n').parent
    reads: list[Path] = []
    original = ivrlint.files.read_bounded

    def counting(path: Path, limit: int) -> bytes:
        reads.append(path)
        return original(path, limit)

    monkeypatch.setattr(ivrlint.files, "read_bounded", counting)
    finder = ConfigFinder()
    configs = {id(finder.for_path(root / "a" / f"m{i}.yaml")) for i in range(1000)}
    configs |= {id(finder.for_path(root / "b" / "c" / f"m{i}.yaml")) for i in range(1000)}
    assert len(configs) == 1
    assert reads == [root / "pyproject.toml"]


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.yaml", "menu.yaml", True),
        ("*.yaml", "deep/folder/menu.yaml", True),  # no '/': a file name anywhere
        ("legacy/*.yaml", "legacy/menu.yaml", True),
        ("legacy/*.yaml", "legacy/old/menu.yaml", False),
        ("legacy/**", "legacy/old/menu.yaml", True),
        ("**/draft-?.yaml", "a/b/draft-1.yaml", True),
        ("**/draft-?.yaml", "draft-1.yaml", True),
        ("menus/[ab]*.yaml", "menus/bank.yaml", True),
        ("menus/[!ab]*.yaml", "menus/bank.yaml", False),
        ("./menus/x.yaml", "menus/x.yaml", True),
        ("menus/x.yaml", "other/menus/x.yaml", False),
    ],
)
def test_globs(pattern: str, path: str, expected: bool) -> None:
    assert (glob_regex(pattern).fullmatch(path) is not None) is expected


def test_toml_lines_finds_keys_in_tables_inline_tables_and_dotted_keys() -> None:
    lines = TomlLines(
        '[tool.ivrlint]\nselect = ["IVR1"]\ndoc = """\nfake = 1\n"""\n'
        'rules.IVR101.max_depth = 2\n[tool.ivrlint.rules]\n"IVR102" = { max_options = 1 }\n'
    )
    assert lines.line_of(("tool", "ivrlint", "select")) == 2
    assert lines.line_of(("tool", "ivrlint", "fake")) == 1  # inside a string: not a key
    assert lines.line_of(("tool", "ivrlint", "rules", "IVR101", "max_depth")) == 6
    assert lines.line_of(("tool", "ivrlint", "rules", "IVR102", "max_options")) == 8
