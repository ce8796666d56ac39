"""Every command with bad input, through a real process: the documented exit code, one line on
stderr naming the file and what to do, and never a traceback (docs/cli.md, "Exit codes")."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from ivrlint.cli import app, main

ROOT = Path(__file__).resolve().parent.parent.parent
MENU = (ROOT / "menus" / "acme-support.yaml").read_text(encoding="utf-8")
PLANTED = (ROOT / "menus" / "planted-problems.yaml").read_text(encoding="utf-8")
COMMANDS = ("check", "convert", "graph", "stats", "diff", "rules", "explain", "schema")


def ivrlint(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdout: IO[str] | int = subprocess.PIPE,
    preexec_fn: Callable[[], object] | None = None,
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "ivrlint", *args],
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        check=False,
        timeout=60,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec_fn,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "menu.yaml").write_text(MENU, encoding="utf-8")
    (tmp_path / "bad.toml").write_text("select = [\n", encoding="utf-8")
    (tmp_path / "wpm.toml").write_text("[rules.IVR115]\nwords_per_minute = 0\n", encoding="utf-8")
    (tmp_path / "key.toml").write_text('[rules.IVR110]\nkey = ""\n', encoding="utf-8")
    (tmp_path / "glob.toml").write_text('[per-file-ignores]\n"[z-a].yaml" = ["IVR1"]\n')
    (tmp_path / "nul.toml").write_text('extends = "a\\u0000b"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
    return tmp_path


# (arguments, exit code, the first line on stderr)
CASES = [
    (["check", ""], 2, "ivrlint: error: no such file or folder: '' (an empty path)"),
    (["check", "menu.yaml/x"], 2, "ivrlint: error: no such file or folder: menu.yaml/x"),
    (
        ["check", "menu.yaml", "--config", "bad.toml"],
        2,
        "ivrlint: error: bad.toml:1: is not valid TOML: Invalid value",
    ),
    (
        ["check", "menu.yaml", "--config", "/dev/zero"],
        2,
        "ivrlint: error: /dev/zero: is not a configuration file: file is larger than 4 MB",
    ),
    (
        ["check", "menu.yaml", "--config", "sub"],
        2,
        "ivrlint: error: sub: cannot be read: it is a folder, not a file",
    ),
    (
        ["check", "menu.yaml", "--config", "wpm.toml"],
        2,
        "ivrlint: error: wpm.toml:2: IVR115: option 'words_per_minute' must be at least 1, not 0.0",
    ),
    (
        ["check", "menu.yaml", "--config", "key.toml"],
        2,
        "ivrlint: error: key.toml:2: IVR110: option 'key' takes one of '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#', not ''",
    ),
    (
        ["check", "menu.yaml", "--config", "glob.toml"],
        2,
        "ivrlint: error: glob.toml:2: '[z-a].yaml' is not a valid glob: bad character range z-a",
    ),
    (
        ["check", "menu.yaml", "--config", "nul.toml"],
        2,
        "ivrlint: error: nul.toml:1: extends names a path with a NUL character",
    ),
    (
        ["check", "menu.yaml", "-o", "x" * 5000],
        2,
        f"ivrlint: error: cannot write {'x' * 5000}: File name too long",
    ),
    (
        ["check", "menu.yaml", "-o", "/dev/full"],
        2,
        "ivrlint: error: cannot write /dev/full: No space left on device",
    ),
    (["check", "x" * 5000], 1, ""),
    (
        ["stats", "menu.yaml", "--words-per-minute", "nan"],
        2,
        "Invalid value for '--words-per-minute': nan is not a finite number",
    ),
    (
        ["diff", "menu.yaml", "menu.yaml", "--words-per-minute", "inf"],
        2,
        "Invalid value for '--words-per-minute': inf is not a finite number",
    ),
    (
        ["diff", "--", "--output=x:menu.yaml", "menu.yaml"],
        2,
        "ivrlint: error: '--output=x:menu.yaml': a git revision cannot start with '-'",
    ),
    (["graph", "sub"], 2, "ivrlint: error: sub is a folder; name one menu file"),
    (["graph", "x" * 5000], 2, f"ivrlint: error: cannot read {'x' * 5000}: File name too long"),
    (
        ["graph", "menu.yaml", "-o", "menu.unknownext"],
        2,
        "ivrlint: error: cannot tell the image format from 'menu.unknownext': use .svg, .png, .pdf or .dot",
    ),
    (["convert", "sub"], 2, "ivrlint: error: cannot read sub: it is a folder, not a file"),
    (
        ["convert", "menu.yaml", "-o", "menu.yaml"],
        2,
        "ivrlint: error: menu.yaml is one of the inputs; choose another output file",
    ),
    (
        ["convert", "menu.yaml", "-o", "/dev/full"],
        2,
        "ivrlint: error: cannot write /dev/full: No space left on device",
    ),
    ([], 2, ""),
]


@pytest.mark.parametrize(("args", "code", "first_line"), CASES)
def test_bad_input(folder: Path, args: list[str], code: int, first_line: str) -> None:
    done = ivrlint(*args, cwd=folder)
    assert done.returncode == code, done.stderr
    if first_line.startswith("ivrlint: "):
        assert done.stderr.splitlines()[0] == first_line
    else:  # Click's usage errors, in a box
        assert first_line in done.stderr


def test_too_long_a_name_is_a_diagnostic_of_that_file(folder: Path) -> None:
    done = ivrlint("check", "x" * 5000, cwd=folder)
    assert done.stdout.startswith(
        f"{'x' * 5000}:1:1: IVR001 [error] cannot read the file: File name too long\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", ["check", "graph", "stats", "convert"])
def test_named_pipe_without_a_writer(folder: Path, command: str) -> None:
    done = ivrlint(command, "pipe.yaml", cwd=folder)
    message = "it is a named pipe and nothing is writing to it"
    if command == "check":
        assert done.returncode == 1
        assert f"pipe.yaml:1:1: IVR001 [error] cannot read the file: {message}" in done.stdout
    else:
        assert done.returncode == 2
        assert done.stderr == f"ivrlint: error: cannot read pipe.yaml: {message}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_folder_walk_skips_pipes(folder: Path) -> None:
    done = ivrlint("check", ".", "-q", cwd=folder)
    assert done.returncode == 0, done.stdout
    assert "pipe.yaml" not in done.stdout


@pytest.mark.parametrize("command", ["check", "graph", "stats", "convert"])
def test_endless_device(folder: Path, command: str) -> None:
    done = ivrlint(command, "/dev/zero", cwd=folder)
    assert done.returncode == 1
    message = "file is larger than 20 MB; a menu file is at most 20 MB"
    assert f"/dev/zero:1:1: IVR001 {'[error] ' if command == 'check' else ''}{message}" in (
        done.stdout + done.stderr
    )


def test_file_of_30_mb(folder: Path) -> None:
    (folder / "big.yaml").write_bytes(b"a" * (30 * 1_048_576))
    done = ivrlint("check", "big.yaml", cwd=folder)
    assert done.returncode == 1
    assert done.stdout.startswith(
        "big.yaml:1:1: IVR001 [error] file is 30.0 MB; a menu file is at most 20 MB\n"
    )


def test_output_into_a_device_needs_no_force(folder: Path) -> None:
    done = ivrlint("check", "menu.yaml", "-o", os.devnull, cwd=folder)
    assert (done.returncode, done.stderr) == (0, "")
    assert Path(os.devnull).exists()
    assert not Path(os.devnull).is_file()


def test_output_through_a_link_keeps_the_link(folder: Path) -> None:
    (folder / "report.txt").write_text("old\n", encoding="utf-8")
    (folder / "link.txt").symlink_to("report.txt")
    done = ivrlint("check", "menu.yaml", "-o", "link.txt", "--force", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert (folder / "link.txt").is_symlink()
    assert (folder / "report.txt").read_text(encoding="utf-8").startswith("All good")


# -- standard output ----------------------------------------------------------------------


def test_closed_standard_output(folder: Path) -> None:
    done = ivrlint("check", "menu.yaml", cwd=folder, preexec_fn=lambda: os.close(1))
    assert done.returncode == 2
    assert done.stderr == "ivrlint: error: cannot write the output: standard output is closed\n"


@pytest.mark.parametrize("args", [["rules"], ["check", "menu.yaml"], ["--version"]])
def test_full_disk_on_standard_output(folder: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = ivrlint(*args, cwd=folder, stdout=full)
    assert done.returncode == 2
    assert done.stderr == "ivrlint: error: cannot write the output: No space left on device\n"


def test_reader_that_stops_early(folder: Path) -> None:
    """`ivrlint check menus/ | head -1`: exit 1, as Click does, and nothing on stderr."""
    for i in range(60):
        (folder / f"p{i}.yaml").write_text(PLANTED, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "ivrlint", "check", ".", "-f", "json"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert error == ""


def test_file_names_that_are_not_utf8(folder: Path) -> None:
    name = os.fsdecode(b"men\xfc.yaml")
    (folder / name).write_text("ivrlint: 1\nentry: nowhere\nmenus: {}\n", encoding="utf-8")
    env = {"PYTHONIOENCODING": "utf-8:strict"}
    done = subprocess.run(
        [sys.executable, "-m", "ivrlint", "check", name, "-q"],
        cwd=folder,
        capture_output=True,
        check=False,
        env={**os.environ, **env},
    )
    assert done.returncode == 1
    assert done.stdout.startswith(b"men\xfc.yaml:2:8: IVR105 [error] entry 'nowhere'")
    sarif = ivrlint("check", name, "-f", "sarif", cwd=folder, env=env)
    assert '"uri": "men%FC.yaml"' in sarif.stdout


def test_text_the_console_cannot_hold(folder: Path) -> None:
    (folder / "ru.yaml").write_text(
        (ROOT / "menus" / "bank-ru.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    done = ivrlint("graph", "ru.yaml", cwd=folder, env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0
    assert "\\u" in done.stdout


# -- help, and the last line of defence --------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command(folder: Path, command: str) -> None:
    done = ivrlint(command, "--help", cwd=folder)
    assert done.returncode == 0
    assert f"Usage: python -m ivrlint {command} [OPTIONS]" in done.stdout


def test_no_arguments_shows_the_help(folder: Path) -> None:
    done = ivrlint(cwd=folder)
    assert done.returncode == 2
    assert "Usage: python -m ivrlint [OPTIONS] COMMAND" in done.stdout


def test_unexpected_error_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something no test foresaw")

    monkeypatch.setattr(type(app), "__call__", broken)
    monkeypatch.delenv("IVRLINT_TRACEBACK", raising=False)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 3
    assert capsys.readouterr().err == (
        "ivrlint: internal error: RuntimeError: something no test foresaw\n"
        "  this is a bug in ivrlint; please report it with the command and the input files "
        "(IVRLINT_TRACEBACK=1 shows the traceback)\n"
    )
    monkeypatch.setenv("IVRLINT_TRACEBACK", "1")
    with pytest.raises(RuntimeError, match="something no test foresaw"):
        main()
