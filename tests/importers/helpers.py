"""What the importer tests ask of a converted menu."""

from __future__ import annotations

from pathlib import Path

from ivrlint.loader import Loaded, load_text
from ivrlint.model import MenuFile
from ivrlint.writer import write


def targets(model: MenuFile, menu: str) -> dict[str, tuple[str, str] | None]:
    """Key → where the choice leads, as (kind, value)."""
    return {
        o.key: (o.target.kind, o.target.value) if o.target else None
        for o in model.menus[menu].options
    }


def converted_and_read_back(loaded: Loaded, source: str, folder: Path) -> tuple[str, MenuFile]:
    """The menu file ``ivrlint convert`` writes for ``loaded``, and that file read again: it
    must load without findings."""
    assert loaded.menu is not None
    text = write(loaded.menu, loaded.notes, source=source)
    again = load_text(text, str(folder / "menu.yaml"))
    assert again.findings == []
    assert again.menu is not None
    return text, again.menu
