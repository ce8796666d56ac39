from __future__ import annotations

import subprocess
import sys

from ivrlint import __version__


def test_module_runs_and_reports_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ivrlint", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"ivrlint {__version__}"
