"""Amazon Connect contact records (CTR), as a JSON array, JSON Lines, or objects written
one after another (Kinesis Firehose).

One record is one leg of a call; legs share ``InitialContactId`` (the call id). Records can
arrive more than once: per ``ContactId`` the one with the latest ``LastUpdateTimestamp`` is
kept (the last in file order on a tie). Each leg gives, in time order:

- an ``IVR`` node (kind ``ivr``) at ``InitiationTimestamp`` when the leg started in a contact
  flow (``InitiationMethod`` ``INBOUND``, ``API``, ``CALLBACK``);
- its queue at ``Queue.EnqueueTimestamp`` (kind ``queue``; an agent's personal queue, whose
  ARN holds ``/queue/agent/``, is the node ``agent:USERNAME`` of kind ``agent``), with
  ``Agent.Username`` as the agent; event ``answer`` when an agent connected, ``abandon`` when
  the customer hung up waiting, else ``enter``;
- the ``TransferredToEndpoint.Address`` (kind ``external``) when the leg was transferred to
  a number and no next leg was recorded.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ivrlint.calls.readers.jsonrecords import dig, load_records
from ivrlint.calls.table import RawTable, parse_times

FLOW_METHODS = frozenset({"INBOUND", "API", "CALLBACK", "OUTBOUND"})
IVR_NODE = "IVR"


def looks_like(head: str) -> bool:
    return '"ContactId"' in head and ('"InitiationMethod"' in head or '"Channel"' in head)


def read(path: Path) -> RawTable:
    import numpy as np
    import pandas as pd

    records, bad, unit = load_records(path, ("ContactTraceRecords", "records", "Records"))
    ignored: Counter[str] = Counter()
    notes: list[str] = []
    kept = _latest(records)
    if len(kept) < len(records):
        dropped = len(records) - len(kept)
        ignored["older copy of a contact record (same ContactId)"] += dropped
        notes.append(
            f"{dropped} duplicate contact records dropped (latest LastUpdateTimestamp kept)"
        )
    rows: list[tuple[Any, ...]] = []
    for number, record in kept:
        call = record.get("InitialContactId") or record.get("ContactId")
        start = record.get("InitiationTimestamp")
        method = str(record.get("InitiationMethod") or "").upper()
        if method in FLOW_METHODS:
            rows.append((number, call, start, IVR_NODE, "ivr", None, "enter"))
        queue = record.get("Queue") if isinstance(record.get("Queue"), dict) else None
        agent = dig(record, "Agent", "Username")
        if queue is not None:
            arn = str(queue.get("ARN") or "")
            name = queue.get("Name")
            if "/queue/agent/" in arn or not name:
                node, kind = f"agent:{agent or arn.rsplit('/', 1)[-1] or 'unknown'}", "agent"
            else:
                node, kind = name, "queue"
            if dig(record, "Agent", "ConnectedToAgentTimestamp") or agent:
                event = "answer"
            elif str(record.get("DisconnectReason") or "").upper() == "CUSTOMER_DISCONNECT":
                event = "abandon"
            else:
                event = "enter"
            when = queue.get("EnqueueTimestamp") or start
            rows.append((number, call, when, node, kind, agent, event))
        elif agent:
            when = dig(record, "Agent", "ConnectedToAgentTimestamp") or start
            rows.append((number, call, when, f"agent:{agent}", "agent", agent, "answer"))
        address = dig(record, "TransferredToEndpoint", "Address")
        if address and not record.get("NextContactId"):
            when = record.get("TransferCompletedTimestamp") or record.get("DisconnectTimestamp")
            rows.append((number, call, when or start, str(address), "external", None, "enter"))
    columns = ["line", "call_id", "timestamp", "node", "kind", "agent", "event"]
    frame = pd.DataFrame.from_records(rows, columns=columns)
    lines = frame.pop("line").to_numpy(dtype=np.int64)
    return RawTable(frame, lines, len(records) + len(bad), bad, ignored, notes, unit)


def _latest(records: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
    """Per ContactId, the record with the latest LastUpdateTimestamp (later in the file on
    a tie); records without a ContactId are kept (and reported as missing a call id)."""
    import pandas as pd

    if not records:
        return []
    frame = pd.DataFrame(
        {
            "id": [r.get("ContactId") for _, r in records],
            "updated": parse_times(pd.Series([r.get("LastUpdateTimestamp") for _, r in records])),
            "order": range(len(records)),
        }
    )
    frame["updated"] = frame["updated"].fillna(pd.Timestamp.min.tz_localize("UTC"))
    has_id = frame["id"].notna()
    latest = (
        frame[has_id]
        .sort_values(["updated", "order"], kind="stable")
        .drop_duplicates("id", keep="last")["order"]
    )
    keep = sorted([*latest.tolist(), *frame.loc[~has_id, "order"].tolist()])
    return [records[i] for i in keep]
