"""Asterisk CDR ``Master.csv`` (``cdr_csv``).

Columns, in order: accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp,
lastdata, start, answer, end, duration, billsec, disposition, amaflags — then uniqueid
(``loguniqueid``), userfield (``loguserfield``), and peeraccount, linkedid, sequence
(``newcdrcolumns``): 16 to 21 columns. A header row (as some exports add) is used when
present. Rows sharing ``linkedid`` are one call (``uniqueid`` when there is no linkedid,
else each row is its own call), ordered by start time, then ``sequence``.

What a row's node is comes from ``lastapp``: ``Queue`` → the queue (first argument),
``Dial`` → the dialled peer (``SIP/201-0000a`` → ``SIP/201``), ``VoiceMail`` → voicemail,
anything else (``BackGround``, ``Read``, ``Playback``, ``Hangup``, ...) → the dialplan
context, as an IVR node.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

from ivrlint.calls.table import BadRow, RawTable

BASE = (
    "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp",
    "lastdata", "start", "answer", "end", "duration", "billsec", "disposition", "amaflags",
)  # fmt: skip
NEW = ("peeraccount", "linkedid", "sequence")
UNIQUEID = re.compile(r"^\d+\.\d+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
EVENTS = {"ANSWERED": "answer", "NO ANSWER": "abandon", "BUSY": "hangup", "FAILED": "hangup",
          "CONGESTION": "hangup"}  # fmt: skip
PEER_SUFFIX = re.compile(r"-[0-9a-fA-F]+(;\d)?$")


def looks_like(first_row: list[str]) -> bool:
    if first_row and first_row[0].strip().lower() == "accountcode" and "lastapp" in first_row:
        return True
    return 16 <= len(first_row) <= 21 and bool(DATE.match(first_row[9]))


def layout(row: list[str]) -> tuple[str, ...] | None:
    """Column names of a header-less row, from its length (and whether column 17 looks
    like a uniqueid when the length leaves that open)."""
    extra = len(row) - len(BASE)
    if extra < 0 or extra > 5:
        return None
    uniqueid_next = extra > 0 and bool(UNIQUEID.match(row[16]))
    names = {
        0: (),
        1: ("uniqueid",) if uniqueid_next else ("userfield",),
        2: ("uniqueid", "userfield"),
        3: NEW,
        4: (("uniqueid",) if uniqueid_next else ("userfield",)) + NEW,
        5: ("uniqueid", "userfield", *NEW),
    }[extra]
    return BASE + names


def read(path: Path) -> RawTable:
    import numpy as np
    import pandas as pd

    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    notes = []
    replaced = text.count("\ufffd")
    if replaced:
        notes.append(f"{replaced} byte sequences that are not UTF-8 were replaced by '\ufffd'")
    bad: list[BadRow] = []
    records: list[dict[str, str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    total = 0
    reader = csv.reader(text.splitlines())
    for row in reader:
        number = reader.line_num
        if not row or not any(f.strip() for f in row):
            continue
        if header is None and number == 1 and row[0].strip().lower() == "accountcode":
            header = [h.strip().lower() for h in row]
            continue
        total += 1
        names: tuple[str, ...] | list[str] | None
        names = header if header is not None else layout(row)
        if names is None or len(row) != len(names):
            expected = len(names) if names is not None else "16 to 21"
            bad.append(
                BadRow(str(path), number, f"{len(row)} fields where CDR rows have {expected}")
            )
            continue
        records.append(dict(zip(names, row, strict=True)))
        lines.append(number)
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame(columns=list(BASE))
    line_array = np.asarray(lines, dtype=np.int64)
    if "linkedid" not in frame and len(frame):
        notes.append(
            "no linkedid column (newcdrcolumns=no): each row's "
            + ("uniqueid" if "uniqueid" in frame else "line")
            + " is its own call, so transfers between legs cannot be seen"
        )
    raw = _canonical(frame, path, line_array)
    if "sequence" in frame and len(frame):
        order = np.argsort(pd.to_numeric(frame["sequence"], errors="coerce").fillna(0).to_numpy(),
                           kind="stable")  # fmt: skip
        raw = raw.iloc[order].reset_index(drop=True)
        line_array = line_array[order]
    return RawTable(raw, line_array, total, bad, Counter(), notes)


def _canonical(frame: Any, path: Path, lines: Any) -> Any:
    import numpy as np
    import pandas as pd

    if not len(frame):
        return pd.DataFrame({"call_id": [], "timestamp": [], "node": []})
    col = {c: frame[c].astype("string").str.strip() for c in frame.columns}
    app = col["lastapp"].str.lower()
    queue = col["lastdata"].str.split(",").str[0].str.strip()
    peer = col["dstchannel"].str.replace(PEER_SUFFIX, "", regex=True)
    peer = peer.where(peer.notna() & (peer != ""), col["dst"])
    is_queue = app == "queue"
    is_dial = app == "dial"
    is_vm = app == "voicemail"
    node = np.where(is_queue, queue, np.where(is_dial, peer, np.where(
        is_vm, "voicemail:" + col["dst"], col["dcontext"])))  # fmt: skip
    kind = np.where(
        is_queue, "queue", np.where(is_dial, "agent", np.where(is_vm, "voicemail", "ivr"))
    )
    if "linkedid" in col:
        call = col["linkedid"]
    elif "uniqueid" in col:
        call = col["uniqueid"]
    else:
        call = pd.Series([f"{path.name}:{n}" for n in lines], dtype="string")
    event = col["disposition"].str.upper().map(EVENTS)
    return pd.DataFrame(
        {
            "call_id": call,
            "timestamp": col["start"],
            "node": pd.Series(node, dtype="string"),
            "kind": kind,
            "event": event,
            "agent": peer.where(is_dial),
            "end": col["end"],
        }
    )
