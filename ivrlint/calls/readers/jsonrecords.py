"""JSON documents as a list of records: a JSON array, an object holding the array under
a known key (API responses), JSON Lines, or objects written one after another (as Kinesis
Firehose delivers contact records)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ivrlint.calls.table import BadRow, ReadError

_SPACE = re.compile(r"\s*")


def load_records(
    path: Path, container_keys: tuple[str, ...] = ()
) -> tuple[list[tuple[int, dict[str, Any]]], list[BadRow], str]:
    """``(number, record)`` pairs, the records that are not objects, and the unit of
    ``number``: "line" for JSON Lines and concatenated objects, "record" for arrays."""
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    stripped = text.lstrip()
    if not stripped:
        return [], [], "line"
    if stripped.startswith("["):
        try:
            array = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
        return _objects(path, list(enumerate(array, start=1)), "record")
    decoder = json.JSONDecoder()
    items: list[tuple[int, Any]] = []
    bad: list[BadRow] = []
    index, line, counted = 0, 1, 0
    while True:
        index = _SPACE.match(text, index).end()  # type: ignore[union-attr]
        if index >= len(text):
            break
        line += text.count("\n", counted, index)
        counted = index
        try:
            value, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as exc:
            next_line = text.find("\n", index)
            bad.append(BadRow(str(path), exc.lineno, f"not valid JSON: {exc.msg}"))
            if next_line < 0:
                break
            index = next_line + 1
            line += text.count("\n", counted, index)
            counted = index
            continue
        items.append((line, value))
        index = end
    if len(items) == 1 and isinstance(items[0][1], dict):
        document = items[0][1]
        for key in container_keys:
            if isinstance(document.get(key), list):
                return _objects(path, list(enumerate(document[key], start=1)), "record")
    records, not_objects, unit = _objects(path, items, "line")
    return records, bad + not_objects, unit


def _objects(
    path: Path, items: list[tuple[int, Any]], unit: str
) -> tuple[list[tuple[int, dict[str, Any]]], list[BadRow], str]:
    records = [(n, v) for n, v in items if isinstance(v, dict)]
    bad = [
        BadRow(str(path), n, "not a JSON object", unit) for n, v in items if not isinstance(v, dict)
    ]
    return records, bad, unit


def dig(record: dict[str, Any], *keys: str) -> Any:
    """``record[k1][k2]...``, or None where a level is missing or not an object."""
    value: Any = record
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value
