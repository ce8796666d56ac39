from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from ivrlint.diagnostics import Diagnostic
from ivrlint.engine import Linter, Settings
from ivrlint.loader import load_text

ROOT = Path(__file__).resolve().parent.parent


def lint_text(text: str, *select: str, path: str = "menu.yaml") -> list[Diagnostic]:
    """Diagnostics of a menu written inline (dedented), limited to ``select`` when given."""
    linter = Linter(Settings(select=select))
    return linter.lint_loaded(load_text(textwrap.dedent(text), path))


def codes_at(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in diagnostics]


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


def needs_dot() -> pytest.MarkDecorator:
    """Rendering tests run wherever Graphviz is installed, and must run in CI."""
    missing = shutil.which("dot") is None
    if missing and os.environ.get("CI"):
        pytest.fail("Graphviz 'dot' must be installed in CI (scripts/test installs it)")
    return pytest.mark.skipif(missing, reason="Graphviz 'dot' is not installed")
