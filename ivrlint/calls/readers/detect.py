"""Telling a log's format from its name and first bytes (``--input-format auto``)."""

from __future__ import annotations

import csv
from pathlib import Path

from ivrlint.calls.readers import asterisk_cdr, connect, genesys, queue_log, twilio
from ivrlint.calls.table import ReadError

FORMATS = (
    "csv",
    "tsv",
    "parquet",
    "jsonl",
    "asterisk-queue-log",
    "asterisk-cdr",
    "amazon-connect",
    "genesys",
    "twilio",
)
HEAD_BYTES = 1 << 16


def detect(path: Path) -> str:
    """The format of ``path``; ReadError when the file is empty or binary of no known kind."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if path.suffix.lower() in (".parquet", ".pq") or head.startswith(b"PAR1"):
        return "parquet"
    if not head.strip():
        raise ReadError(f"{path}: the file is empty", "export the log again, or leave it out")
    if b"\x00" in head:
        raise ReadError(
            f"{path}: looks like a binary file, not a call log",
            "call logs are read as CSV, TSV, Parquet, JSON or JSON Lines, queue_log or Master.csv",
        )
    head = head.lstrip(b"\xef\xbb\xbf")
    text = head.decode("utf-8", errors="replace")
    start = text.lstrip()[:1]
    if start in ("[", "{"):
        if connect.looks_like(text):
            return "amazon-connect"
        if genesys.looks_like(text):
            return "genesys"
        if twilio.looks_like(text):
            return "twilio"
        return "jsonl"
    if queue_log.looks_like(head):
        return "asterisk-queue-log"
    first_line = text.lstrip().splitlines()[0] if text.strip() else ""
    if "\t" in first_line and first_line.count("\t") >= first_line.count(","):
        return "tsv"
    row = next(csv.reader([first_line]), [])
    if asterisk_cdr.looks_like(row):
        return "asterisk-cdr"
    if twilio.looks_like(first_line):
        return "twilio"
    return "csv"
