"""Reading call logs of every supported format into the canonical event log.

``read_events(paths)`` is the entry point: it expands globs, detects each file's format
(or takes the one given), runs that format's reader, checks and types the rows
(:func:`ivrlint.calls.table.canonicalise`) and stacks the files into one
:class:`~ivrlint.calls.table.EventLog` with a read summary.
"""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ivrlint.calls.readers.detect import FORMATS, detect
from ivrlint.calls.table import (
    MAX_KEPT_BAD_ROWS,
    BadRow,
    EventLog,
    FileSummary,
    RawTable,
    ReadError,
    ReadSummary,
    canonicalise,
    concat_frames,
)

__all__ = ["FORMATS", "BadRowsFound", "expand_paths", "read_events", "read_file"]

ON_BAD_ROW = ("skip", "fail")
TABULAR = ("csv", "tsv", "parquet", "jsonl")  # canonical columns: --map and --time-format
# progress(path, done_bytes, total_bytes) after each file
Progress = Callable[[str, int, int], None]


class BadRowsFound(ReadError):
    """Malformed rows with ``on_bad_row="fail"``; ``bad_rows`` lists them."""

    def __init__(self, message: str, bad_rows: tuple[BadRow, ...], hint: str = "") -> None:
        super().__init__(message, hint)
        self.bad_rows = bad_rows


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and files matched by glob patterns (``logs/*.csv``, ``**``), in the
    order given, each once. ReadError for a name or pattern that matches nothing."""
    found: list[Path] = []
    for item in paths:
        text = str(item)
        if any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise ReadError(f"no files match '{text}'")
            found.extend(files)
            continue
        path = Path(text)
        if path.is_dir():
            raise ReadError(f"{text} is a folder", f"name its files, e.g. '{text}/*.csv'")
        if not path.exists():
            raise ReadError(f"no such file: {text}")
        if not path.is_file():
            # A pipe or a device would make the columnar readers wait or read without end.
            raise ReadError(
                f"{text} is not a regular file (a pipe or a device)",
                "save the log to a file first",
            )
        found.append(path)
    return list(dict.fromkeys(found))


def read_file(
    path: Path,
    input_format: str = "auto",
    column_map: Mapping[str, str] | None = None,
    time_format: str | None = None,
) -> tuple[RawTable, str, bool]:
    """One file's raw table, the format read and whether it was detected. With
    ``time_format``, timestamps are left as text for :func:`canonicalise` to read."""
    from ivrlint.calls.readers import asterisk_cdr, connect, genesys, queue_log, tabular, twilio

    detected = input_format == "auto"
    fmt = detect(path) if detected else input_format
    if fmt not in FORMATS:
        raise ReadError(f"unknown input format '{fmt}'", f"use one of: auto, {', '.join(FORMATS)}")
    mapping = dict(column_map or {})
    if mapping and fmt not in TABULAR:
        raise ReadError(
            f"{path}: --map applies to CSV, TSV, Parquet and JSON Lines, not to {fmt}",
            "platform formats are mapped to the canonical columns by ivrlint itself",
        )
    if time_format is not None and fmt not in TABULAR:
        raise ReadError(
            f"{path}: --time-format applies to CSV, TSV, Parquet and JSON Lines, not to {fmt}",
            "the times of platform formats are read by ivrlint itself",
        )
    try:
        if fmt == "csv":
            raw = tabular.read_delimited(path, mapping, ",", time_format is not None)
        elif fmt == "tsv":
            raw = tabular.read_delimited(path, mapping, "\t", time_format is not None)
        elif fmt == "parquet":
            raw = tabular.read_parquet(path, mapping)
        elif fmt == "jsonl":
            raw = tabular.read_json_lines(path, mapping)
        elif fmt == "asterisk-queue-log":
            raw = queue_log.read(path)
        elif fmt == "asterisk-cdr":
            raw = asterisk_cdr.read(path)
        elif fmt == "amazon-connect":
            raw = connect.read(path)
        elif fmt == "genesys":
            raw = genesys.read(path)
        else:
            raw = twilio.read(path, tabular=not _is_json(path))
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not text in UTF-8: {exc}") from exc
    return raw, fmt, detected


def _is_json(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{")


def read_events(
    paths: Iterable[str | Path],
    input_format: str = "auto",
    column_map: Mapping[str, str] | None = None,
    on_bad_row: str = "skip",
    progress: Progress | None = None,
    time_format: str | None = None,
) -> EventLog:
    """Read every file into one canonical event log.

    ``on_bad_row="skip"`` reports malformed rows in the summary and leaves them out;
    ``"fail"`` raises :class:`BadRowsFound` after reading everything, listing them.
    ``time_format`` (strptime codes) is the layout of every ``timestamp`` and ``end`` of
    CSV, TSV, Parquet and JSON Lines files. Raises ReadError when a file cannot be read at
    all, or ``time_format`` is not a layout.
    """
    from ivrlint.calls.timeformat import check_time_format, guess_time_format

    if on_bad_row not in ON_BAD_ROW:
        raise ReadError(f"unknown --on-bad-row '{on_bad_row}'", "use skip or fail")
    if time_format is not None:
        check_time_format(time_format)
    files = expand_paths(paths)
    total = sum(p.stat().st_size for p in files)
    done = 0
    frames, summaries = [], []
    bad_rows: list[BadRow] = []
    skipped: Counter[str] = Counter()
    ignored: Counter[str] = Counter()
    for path in files:
        raw, fmt, detected = read_file(path, input_format, column_map, time_format)
        frame, bad, reasons, unreadable = canonicalise(raw, str(path), time_format)
        early = Counter(_family(b.reason) for b in raw.bad)
        bad_all = sorted(raw.bad + bad, key=lambda b: b.line or 0)
        bad_rows.extend(bad_all[: max(0, MAX_KEPT_BAD_ROWS - len(bad_rows))])
        skipped.update(early)
        skipped.update(reasons)
        ignored.update(raw.ignored)
        count = len(raw.bad) + sum(reasons.values())
        summaries.append(
            FileSummary(
                str(path),
                fmt,
                detected,
                raw.rows,
                len(frame),
                count,
                sum(raw.ignored.values()),
                tuple(raw.notes),
                guess_time_format(list(unreadable)),
            )
        )
        frames.append(frame)
        done += path.stat().st_size
        if progress is not None:
            progress(str(path), done, total)
    summary = ReadSummary(
        tuple(summaries),
        tuple(bad_rows),
        tuple(sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0]))),
        tuple(sorted(ignored.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
    if on_bad_row == "fail" and summary.skipped:
        raise BadRowsFound(
            f"{summary.skipped} malformed rows",
            summary.bad_rows,
            "fix them, or pass --on-bad-row skip",
        )
    return EventLog(concat_frames(frames), summary)


def _family(reason: str) -> str:
    if reason.endswith("fields where the header has") or " fields" in reason:
        return "wrong number of fields"
    if reason.startswith("not valid JSON"):
        return "not valid JSON"
    return reason
