"""Which files a list of paths given on the command line stands for."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

MENU_SUFFIXES = (".yaml", ".yml", ".json")
# Folders that hold tooling, not menus; a walk into them is slow and finds noise.
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


class PathNotFound(FileNotFoundError):
    pass


def menu_files(paths: Iterable[str]) -> list[str]:
    """Files named directly, plus every menu file below the folders named, in a stable order.

    A file named directly is checked whatever its suffix; folders contribute ``*.yaml``,
    ``*.yml`` and ``*.json`` files, skipping hidden folders and tool folders.
    """
    found: list[str] = []
    for raw in paths:
        if not raw:
            raise PathNotFound("'' (an empty path)")
        try:
            is_dir = stat.S_ISDIR(os.stat(raw).st_mode)
        except (FileNotFoundError, NotADirectoryError):
            raise PathNotFound(raw) from None
        except OSError:  # a name too long, a folder without permission: the check says why
            is_dir = False
        if is_dir:
            found.extend(_walk(Path(raw)))
        else:
            found.append(raw)
    return list(dict.fromkeys(found))


def _walk(root: Path) -> list[str]:
    from ivrlint.importers.detect import EXPORT_SUFFIXES, looks_like_export

    files: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(names):
            path = os.path.join(folder, name)
            lower = name.lower()
            if not lower.endswith((*MENU_SUFFIXES, *EXPORT_SUFFIXES)) or _special(path):
                continue
            # Dialplans and XML count only when they hold IVR menus (see docs/importers.md).
            if lower.endswith(MENU_SUFFIXES) or looks_like_export(path):
                files.append(path)
    return files


def _special(path: str) -> bool:
    """A pipe, socket or device found in a folder is no menu file (reading a pipe would wait
    for a writer). A link that leads nowhere is kept, so the check says it cannot be read."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
