"""Asterisk ``queue_log``: ``epoch|callid|queue|agent|EVENT|data1|data2|...``.

Nodes are queues. ``ENTERQUEUE`` is an arrival, ``CONNECT`` an answer, ``ABANDON`` and the
``EXIT*`` events an abandon, ``COMPLETECALLER``/``COMPLETEAGENT`` a hang-up.
``BLINDTRANSFER``, ``ATTENDEDTRANSFER`` and (before Asterisk 12) ``TRANSFER`` are transfers
out of the queue: when the call next enters another queue, that queue is the next node;
otherwise the call left the queues, and the target (``exten@context`` of a blind transfer,
``(attended transfer)`` otherwise) becomes an ``external`` node. Queue and agent status lines
(``QUEUESTART``, ``ADDMEMBER``, ``PAUSE``, ..., call id ``NONE``) and ring attempts
(``RINGNOANSWER``) are not call movements: they are counted as ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from ivrlint.calls.table import BadRow, RawTable

LINE = re.compile(rb"^\d{9,11}(\.\d+)?\|[^|\n]*\|[^|\n]*\|[^|\n]*\|[A-Z_]+")
EVENTS = {
    "ENTERQUEUE": "enter",
    "CONNECT": "answer",
    "ABANDON": "abandon",
    "EXITWITHTIMEOUT": "abandon",
    "EXITEMPTY": "abandon",
    "EXITWITHKEY": "abandon",
    "COMPLETECALLER": "hangup",
    "COMPLETEAGENT": "hangup",
    "BLINDTRANSFER": "transfer",
    "ATTENDEDTRANSFER": "transfer",
    "TRANSFER": "transfer",
}
ATTENDED_TARGET = "(attended transfer)"


def looks_like(head: bytes) -> bool:
    return LINE.match(head.lstrip(b"\xef\xbb\xbf")) is not None


def read(path: Path) -> RawTable:
    import numpy as np
    import pandas as pd

    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    bad: list[BadRow] = []
    ignored: Counter[str] = Counter()
    rows: list[tuple[Any, ...]] = []  # (line, epoch, callid, node, kind, agent, event, target)
    total = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        total += 1
        fields = line.split("|")
        if len(fields) < 5:
            bad.append(
                BadRow(str(path), number, f"{len(fields)} fields; queue_log lines have 5 or more")
            )
            continue
        stamp, callid, queue, agent, event = (f.strip() for f in fields[:5])
        data = fields[5:]
        mapped = EVENTS.get(event)
        if callid in ("", "NONE") or mapped is None:
            ignored[f"{event or 'empty'} (not a call movement)"] += 1
            continue
        if queue in ("", "NONE"):
            bad.append(BadRow(str(path), number, f"{event} without a queue name"))
            continue
        who = None if agent in ("", "NONE") else agent
        rows.append((number, stamp, callid, queue, "queue", who, mapped))
        if mapped == "transfer":
            if event == "ATTENDEDTRANSFER":
                target = ATTENDED_TARGET
            else:
                exten = data[0].strip() if data else ""
                context = data[1].strip() if len(data) > 1 else ""
                target = f"{exten}@{context}" if exten and context else exten or ATTENDED_TARGET
            rows.append((number, stamp, callid, target, "external", None, "enter"))
    columns = ["line", "timestamp", "call_id", "node", "kind", "agent", "event"]
    frame = pd.DataFrame.from_records(rows, columns=columns)
    if len(frame):
        frame = _drop_targets_followed_by_queue(frame)
    lines = frame.pop("line").to_numpy(dtype=np.int64) if len(frame) else np.zeros(0, np.int64)
    return RawTable(frame, lines, total, bad, ignored)


def _drop_targets_followed_by_queue(frame: Any) -> Any:
    """A transfer target row whose call next enters a queue is only a dial step: drop it,
    so the chain goes queue → queue."""
    import numpy as np
    import pandas as pd

    stamp = pd.to_numeric(frame["timestamp"], errors="coerce").to_numpy()
    call = frame["call_id"].astype("category").cat.codes.to_numpy()
    order = np.lexsort((np.arange(len(frame)), stamp, call))
    is_target = (frame["kind"].to_numpy() == "external")[order]
    enters_queue = ((frame["event"].to_numpy() == "enter") & (frame["kind"].to_numpy() == "queue"))[
        order
    ]
    same_call_next = np.r_[call[order][1:] == call[order][:-1], False]
    next_enters = np.r_[enters_queue[1:], False] & same_call_next
    drop = np.zeros(len(frame), dtype=bool)
    drop[order[is_target & next_enters]] = True
    return frame[~drop].reset_index(drop=True)
