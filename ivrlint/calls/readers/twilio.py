"""Twilio Call resources: the REST API's ``{"calls": [...]}``, a JSON array, JSON Lines,
or the console's CSV export (headers such as ``Call Sid``/``Parent Call Sid`` or
``sid``/``parent_call_sid``).

A call is the root leg and every leg under it (``parent_call_sid``, followed up to the
root). The root leg is the number called, kind ``ivr`` (the TwiML application answering
it). Each child leg that was answered is a place the call went: ``client:NAME`` and
``sip:`` addresses are agents, phone numbers are ``external``. Child legs that were never
answered (``no-answer``, ``busy``, ``failed``, ``canceled``: a ring attempt, such as one
phone of a ring group) are not places the caller reached; they are counted as ignored.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ivrlint.calls.readers.jsonrecords import load_records
from ivrlint.calls.table import RawTable

UNANSWERED = frozenset({"no-answer", "busy", "failed", "canceled"})
FIELDS = ("sid", "parent_call_sid", "to", "from", "status", "start_time", "end_time", "duration")


def looks_like(head: str) -> bool:
    lowered = head.lower()
    return ("parent_call_sid" in lowered or "parent call sid" in lowered) and "sid" in lowered


def _normal(name: str) -> str:
    normal = name.strip().lower().replace(" ", "_")
    return "sid" if normal == "call_sid" else normal


def read(path: Path, tabular: bool) -> RawTable:
    import numpy as np
    import pandas as pd

    bad: list[Any] = []
    unit = "line"
    if tabular:
        frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding_errors="replace")
        frame.columns = pd.Index([_normal(str(c)) for c in frame.columns])
        lines = np.arange(2, len(frame) + 2, dtype=np.int64)
        total = len(frame)
    else:
        records, bad, unit = load_records(path, ("calls",))
        frame = pd.DataFrame.from_records(
            [{_normal(k): v for k, v in r.items() if _normal(k) in FIELDS} for _, r in records]
        )
        lines = np.array([n for n, _ in records], dtype=np.int64)
        total = len(records) + len(bad)
    for field in FIELDS:
        if field not in frame:
            frame[field] = None
    text = {f: frame[f].astype("string").str.strip() for f in FIELDS}
    text = {f: v.where(v != "") for f, v in text.items()}
    sid = text["sid"]
    parent = text["parent_call_sid"]
    root = _roots(sid, parent)
    status = text["status"].str.lower()
    is_child = parent.notna()
    unanswered = is_child & status.isin(list(UNANSWERED))
    to = text["to"]
    agentish = to.str.lower().str.startswith(("client:", "sip:"))
    kind = np.where(~is_child, "ivr", np.where(agentish.fillna(False), "agent", "external"))
    event = np.where(
        is_child,
        "answer",
        np.where(status.isin(list(UNANSWERED)).fillna(False), "abandon", "hangup"),
    )
    out = pd.DataFrame(
        {
            "call_id": root,
            "timestamp": text["start_time"],
            "node": to,
            "kind": kind,
            "event": event,
            "agent": to.where(agentish.fillna(False)),
            "end": text["end_time"],
        }
    )
    keep = ~unanswered.fillna(False).to_numpy()
    ignored: Counter[str] = Counter()
    if not keep.all():
        ignored["dial leg never answered"] = int((~keep).sum())
    return RawTable(out[keep].reset_index(drop=True), lines[keep], total, bad, ignored, [], unit)


def _roots(sid: Any, parent: Any) -> Any:
    """Each leg's root call sid, following parents a few levels up (vectorised per level)."""
    parent_of = dict(zip(sid.dropna(), parent[sid.notna()], strict=True))
    root = parent.where(parent.notna(), sid)
    for _ in range(8):
        up = root.map(parent_of)
        moved = up.notna() & (up != root)
        if not moved.any():
            break
        root = root.where(~moved, up)
    return root
