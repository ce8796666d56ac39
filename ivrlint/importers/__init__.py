"""Importers: the menu model built from flows that IVR platforms export.

One module per format named in ``ivrlint.sourceformats``; each has ``read(text, path) ->
Loaded`` and is imported only when a file of its format is read, so checking ivrlint's own
YAML never loads XML parsers.
"""

from __future__ import annotations

import importlib

from ivrlint.diagnostics import Finding, Pos
from ivrlint.importers.detect import UNKNOWN
from ivrlint.loader import SYNTAX, Loaded
from ivrlint.sourceformats import FORMATS, importer_module


def import_text(text: str, path: str, source_format: str) -> Loaded:
    """The model of ``text`` read as ``source_format`` (a detected or ``--from`` name)."""
    if source_format == "ivrlint":
        from ivrlint.loader import load_text

        return load_text(text, path, "ivrlint")
    module_name = importer_module(source_format)
    if module_name is None and source_format == UNKNOWN and not text.strip("\ufeff \t\r\n"):
        finding = Finding(
            Pos(), "file is empty", "point ivrlint at a menu file or an exported flow"
        )
        return Loaded(path, None, [(SYNTAX, finding)], text)
    if module_name is None:
        what = "is not in a format ivrlint reads" if source_format == UNKNOWN else ""
        message = what or f"unknown source format '{source_format}'"
        finding = Finding(
            Pos(),
            f"file {message}",
            f"name the format with --from ({', '.join(FORMATS)})",
        )
        return Loaded(path, None, [(SYNTAX, finding)], text)
    module = importlib.import_module(module_name)
    loaded: Loaded = module.read(text, path)
    return loaded
