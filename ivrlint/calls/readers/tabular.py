"""Canonical tables as CSV, TSV, Parquet and JSON Lines, with ``--map`` column mapping.

CSV and TSV are parsed by pyarrow (multi-threaded, straight into dictionary-encoded
columns). Rows with the wrong number of fields are reported with their line; blank lines
are ignored. Bytes that are not UTF-8 are replaced (and counted in a note) rather than
failing the whole file.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ivrlint.calls.table import COLUMNS, BadRow, RawTable, ReadError

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

NAME_COLUMNS = ("call_id", "node", "kind", "event", "agent", "key")


def resolve_columns(header: list[str], column_map: Mapping[str, str], path: str) -> dict[str, str]:
    """Source column for each canonical column the file has: mapped names first, then
    exact canonical names, then canonical names in any case."""
    present = set(header)
    by_lower = {h.strip().lower(): h for h in reversed(header)}
    chosen: dict[str, str] = {}
    for canonical, mapped in column_map.items():
        if mapped not in present:
            raise ReadError(
                f"{path}: column '{mapped}' (given with --map {canonical}={mapped}) is not in "
                "the file",
                f"its columns are: {', '.join(header[:30])}",
            )
        chosen[canonical] = mapped
    taken = set(chosen.values())
    for canonical in COLUMNS:
        if canonical in chosen:
            continue
        source: str | None = canonical if canonical in present else by_lower.get(canonical)
        if source is not None and source not in taken:
            chosen[canonical] = source
    return chosen


def _rename(table: pa.Table, chosen: dict[str, str]) -> Any:
    return _to_pandas({canonical: table.column(source) for canonical, source in chosen.items()})


def _to_pandas(columns: dict[str, Any]) -> Any:
    """The canonical columns (pyarrow) as one pandas frame, converted one at a time, each
    column's memory given back as soon as it is converted (the caller keeps no other
    reference to the table). Text call ids become a categorical here, by pyarrow; other
    columns convert as they are: dictionary-encoded names to categoricals, timestamps to
    datetimes."""
    import pandas as pd
    import pyarrow as pa

    from ivrlint.calls.table import arrow_names

    converted: dict[str, Any] = {}
    for canonical in list(columns):
        column = columns.pop(canonical)
        if canonical == "call_id" and column.type in (pa.string(), pa.large_string()):
            converted[canonical] = arrow_names(column)
        else:
            converted[canonical] = column.to_pandas()
        del column
        pa.default_memory_pool().release_unused()
    return pd.DataFrame(converted, copy=False)


def read_delimited(
    path: Path, column_map: Mapping[str, str], delimiter: str, times_as_text: bool = False
) -> RawTable:
    """A CSV or TSV file; ``times_as_text`` leaves ``timestamp`` and ``end`` as text (for
    a --time-format, which pyarrow's parser would not know)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    notes: list[str] = []
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    bom = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    newline = head.find(b"\n")
    first_line = head[bom : newline if newline >= 0 else None].decode("utf-8", errors="replace")
    first_line = first_line.rstrip("\r")
    if not first_line.strip():
        raise ReadError(f"{path}: the file is empty or starts with a blank line", "")
    source: Any = str(path)  # pyarrow reads the file itself: no copy of it in Python
    try:
        header = next(csv.reader([first_line], delimiter=delimiter))
    except csv.Error as exc:  # a stray carriage return, as in old Mac files or binary data
        kind = "CSV" if delimiter == "," else "TSV"
        raise ReadError(
            f"{path}:1: the header line cannot be read as {kind}: {exc}",
            "save the log with one record per line (\\n line ends)",
        ) from None
    chosen = resolve_columns(header, column_map, str(path))
    invalid: list[tuple[int | None, str, int, int]] = []

    def on_invalid(row: Any) -> str:
        invalid.append((row.number, row.text, row.expected_columns, row.actual_columns))
        return "skip"

    # Few distinct names: dictionary-encoded while parsing. Call ids are nearly all
    # distinct: plain strings, factorised once in pandas (cheaper than merging per-block
    # dictionaries). Timestamps: parsed by pyarrow when they all carry a zone.
    types: dict[str, pa.DataType] = {
        chosen[c]: pa.dictionary(pa.int32(), pa.string()) for c in NAME_COLUMNS if c in chosen
    }
    for c in ("call_id", "end", "duration"):
        if c in chosen:
            types[chosen[c]] = pa.string()
    time_column = chosen.get("timestamp")
    if time_column is not None:
        types[time_column] = pa.string() if times_as_text else pa.timestamp("ns", tz="UTC")

    def parse(threads: bool) -> pa.Table:
        return pacsv.read_csv(
            source if isinstance(source, str) else io.BytesIO(source),
            read_options=pacsv.ReadOptions(use_threads=threads, block_size=1 << 20),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, invalid_row_handler=on_invalid, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                include_columns=list(dict.fromkeys(chosen.values())),
                column_types=types,
                strings_can_be_null=True,
            ),
        )

    try:
        try:
            try:
                table = parse(True)
            except pa.ArrowInvalid:
                if time_column is None or times_as_text:
                    raise
                # some timestamps lack a zone or are epochs: read them as text instead
                invalid.clear()
                types[time_column] = pa.string()
                table = parse(True)
        except pa.ArrowInvalid as exc:
            if "UTF8" not in str(exc):
                raise
            # not UTF-8: read again with the bad bytes replaced, and say so
            invalid.clear()
            text = path.read_bytes().decode("utf-8", errors="replace")
            replaced = text.count("\ufffd")
            notes.append(f"{replaced} byte sequences that are not UTF-8 were replaced by '\ufffd'")
            source = text.encode("utf-8")
            table = parse(True)
        if invalid and any(number is None for number, *_ in invalid):
            invalid.clear()  # line numbers are known only to the single-threaded parser
            table = parse(False)
    except pa.ArrowInvalid as exc:
        raise ReadError(f"{path}: cannot be read as {_name(delimiter)}: {exc}") from exc
    if not times_as_text:
        table = _parse_times_in_arrow(table, chosen)
    # a blank line is a row of nulls: none when some column has no null at all
    maybe_blank = all(table.column(source).null_count for source in set(chosen.values()))
    columns = {canonical: table.column(source) for canonical, source in chosen.items()}
    del table  # the columns' memory is freed as they are converted
    frame = _to_pandas(columns)
    bad = [
        BadRow(str(path), number, f"{actual} fields where the header has {expected}")
        for number, _text, expected, actual in invalid
    ]
    lines = _row_lines(len(frame), [n or 0 for n, *_ in invalid])
    ignored: Counter[str] = Counter()
    blank = frame.isna().all(axis=1).to_numpy() if maybe_blank else np.zeros(0, dtype=bool)
    if blank.any():
        ignored["blank line"] = int(blank.sum())
        frame = frame[~blank].reset_index(drop=True)
        lines = np.asarray(lines)[~blank]
    return RawTable(frame, lines, len(frame) + len(invalid), bad, ignored, notes)


def _parse_times_in_arrow(table: pa.Table, chosen: dict[str, str]) -> pa.Table:
    """Timestamps parsed by pyarrow where it can, so 5 million strings never become
    Python objects; the rest is left to :func:`~ivrlint.calls.table.parse_times`."""
    from ivrlint.calls.table import arrow_times

    for column in ("timestamp", "end"):
        source = chosen.get(column)
        if source is None:
            continue
        parsed = arrow_times(table.column(source))
        if parsed is not None:
            table = table.set_column(table.schema.get_field_index(source), source, parsed)
    return table


def _name(delimiter: str) -> str:
    return "TSV" if delimiter == "\t" else "CSV"


def _row_lines(rows: int, skipped_lines: list[int]) -> np.ndarray[Any, Any] | range:
    """Line of each parsed row, the header being line 1 and ``skipped_lines`` (sorted)
    not producing rows."""
    import numpy as np

    if not skipped_lines:
        return range(2, rows + 2)
    index = np.arange(rows, dtype=np.int64)
    skipped = np.sort(np.asarray(skipped_lines, dtype=np.int64))
    threshold = skipped - 2 - np.arange(len(skipped))
    return index + 2 + np.searchsorted(threshold, index, side="right")


def read_parquet(path: Path, column_map: Mapping[str, str]) -> RawTable:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        chosen = resolve_columns(list(schema.names), column_map, str(path))
        table = pq.read_table(path, columns=list(dict.fromkeys(chosen.values())))
    except (pa.ArrowInvalid, OSError) as exc:
        raise ReadError(f"{path}: cannot be read as Parquet: {exc}") from exc
    frame = _rename(table, chosen)
    return RawTable(frame, np.arange(1, len(frame) + 1), len(frame), unit="row")


def read_json_lines(path: Path, column_map: Mapping[str, str]) -> RawTable:
    """One JSON object per line (a JSON array of objects is accepted too)."""
    import numpy as np
    import pandas as pd

    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
        if not isinstance(records, list):
            raise ReadError(f"{path}: expected a JSON array of events")
        numbered = [(i + 1, r) for i, r in enumerate(records)]
        unit = "record"
        bad: list[BadRow] = []
    else:
        numbered, bad = [], []
        unit = "line"
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                numbered.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                bad.append(BadRow(str(path), number, f"not valid JSON: {exc.msg}"))
    good = [(n, r) for n, r in numbered if isinstance(r, dict)]
    bad += [
        BadRow(str(path), n, "not a JSON object", unit)
        for n, r in numbered
        if not isinstance(r, dict)
    ]
    frame = pd.DataFrame.from_records([r for _, r in good]) if good else pd.DataFrame()
    header = [str(c) for c in frame.columns]
    frame.columns = pd.Index(header)
    chosen = resolve_columns(header, column_map, str(path))
    frame = pd.DataFrame({canonical: frame[source] for canonical, source in chosen.items()})
    lines = np.array([n for n, _ in good], dtype=np.int64)
    return RawTable(frame, lines, len(numbered) + len(bad), bad, unit=unit)
