"""Load menu files into the model, with every problem of the file itself as a finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ivrlint.diagnostics import Finding
from ivrlint.files import TooLarge, read_bounded
from ivrlint.gcpause import paused_gc
from ivrlint.loader.schema import SchemaReader
from ivrlint.loader.yamlsource import MAX_FILE_BYTES, SourceError, decode, parse, too_large
from ivrlint.model import MenuFile, Source

SYNTAX = "IVR001"
SCHEMA = "IVR002"


@dataclass
class Loaded:
    """A loaded file: the model (None when the file cannot describe one) and its problems."""

    path: str
    menu: MenuFile | None
    findings: list[tuple[str, Finding]] = field(default_factory=list)
    text: str = ""
    # What an importer inferred rather than read (a label derived from the prompt, say);
    # ``ivrlint convert`` writes them as comments.
    notes: list[Finding] = field(default_factory=list)


def load_path(path: str | Path, source_format: str | None = None) -> Loaded:
    """Read and load one file. Raises OSError only when the file cannot be read at all.

    ``source_format`` names the format (``ivrlint``, ``twilio``, ``asterisk``, ...); when it
    is None the format is detected from the content (see ``ivrlint.importers.detect``).
    """
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except TooLarge as exc:
        error = too_large(exc)
        return Loaded(str(path), None, [(SYNTAX, Finding(error.pos, error.message, error.hint))])
    return load_bytes(data, str(path), source_format)


def load_bytes(data: bytes, path: str, source_format: str | None = None) -> Loaded:
    try:
        text = decode(data)
    except SourceError as exc:
        return Loaded(path, None, [(SYNTAX, Finding(exc.pos, exc.message, exc.hint))])
    return load_text(text, path, source_format)


def load_text(text: str, path: str, source_format: str | None = None) -> Loaded:
    if source_format != "ivrlint":
        # Importers are imported only for the files that need them.
        from ivrlint.importers.detect import detect

        found = source_format or detect(text, path)
        if found != "ivrlint":
            from ivrlint.importers import import_text

            with paused_gc():
                return import_text(text, path, found)
    with paused_gc():
        return _load_text(text, path)


def _load_text(text: str, path: str) -> Loaded:
    is_json = path.lower().endswith(".json")
    try:
        document = parse(text, is_json=is_json)
    except SourceError as exc:
        return Loaded(path, None, [(SYNTAX, Finding(exc.pos, exc.message, exc.hint))], text)
    reader = SchemaReader(path, Source(document.text, document.joined))
    menu = reader.read(document.root)
    option_keys = (
        {o.key_pos for m in menu.menus.values() for o in m.options} if menu is not None else set()
    )
    reader.report_duplicates(document.duplicates, option_keys)
    findings = [(SCHEMA, f) for f in reader.findings]
    findings.sort(key=lambda item: item[1].pos)
    return Loaded(path, menu, findings, text)
