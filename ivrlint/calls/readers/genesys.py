"""Genesys Cloud conversation details (the analytics API's ``{"conversations": [...]}``,
a JSON array of conversations, or one conversation per line).

One conversation is one call. Each participant except the customer is one arrival, at its
first ``segmentStart``:

- ``ivr``, ``workflow``, ``bot`` → the flow (``participantName``), kind ``ivr``;
- ``acd`` → the queue (``participantName``, else the segment's ``queueId``), kind ``queue``;
  event ``abandon`` when the session has a ``tAbandon`` metric or no agent joined after it;
- ``agent``, ``user`` → the queue the agent's segments name (so queue → its agent folds into
  one node), else ``agent:NAME``; the agent goes to the ``agent`` column; event ``transfer``
  when the agent's last segment ended with a ``transfer`` disconnect, else ``answer``;
- ``external`` → the outside party, kind ``external``; ``voicemail`` → kind ``voicemail``.

An ``acd`` segment ending in ``disconnectType: transfer`` is the queue handing the call to
its agent, not a transfer: transfers are read from the order of places, never from
disconnect types.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ivrlint.calls.readers.jsonrecords import load_records
from ivrlint.calls.table import BadRow, RawTable

IVR_PURPOSES = frozenset({"ivr", "workflow", "bot"})
AGENT_PURPOSES = frozenset({"agent", "user"})


def looks_like(head: str) -> bool:
    return '"conversationId"' in head or ('"participants"' in head and '"purpose"' in head)


def read(path: Path) -> RawTable:
    import numpy as np
    import pandas as pd

    records, bad, unit = load_records(path, ("conversations",))
    ignored: Counter[str] = Counter()
    rows: list[tuple[Any, ...]] = []
    for number, conversation in records:
        call = conversation.get("conversationId")
        participants = conversation.get("participants")
        if not isinstance(participants, list):
            bad.append(BadRow(str(path), number, "conversation without a participants list", unit))
            continue
        rows.extend(_conversation_rows(number, call, participants, ignored))
    columns = ["line", "call_id", "timestamp", "node", "kind", "agent", "event"]
    frame = pd.DataFrame.from_records(rows, columns=columns)
    lines = frame.pop("line").to_numpy(dtype=np.int64)
    return RawTable(frame, lines, len(records) + len(bad), bad, ignored, [], unit)


def _segments(participant: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        segment
        for session in participant.get("sessions") or []
        if isinstance(session, dict)
        for segment in session.get("segments") or []
        if isinstance(segment, dict)
    ]


def _metric_names(participant: dict[str, Any]) -> set[str]:
    return {
        str(metric.get("name"))
        for session in participant.get("sessions") or []
        if isinstance(session, dict)
        for metric in session.get("metrics") or []
        if isinstance(metric, dict)
    }


def _conversation_rows(
    number: int, call: Any, participants: list[Any], ignored: Counter[str]
) -> list[tuple[Any, ...]]:
    timed = []
    for participant in participants:
        if not isinstance(participant, dict):
            continue
        segments = _segments(participant)
        starts = sorted(str(s["segmentStart"]) for s in segments if s.get("segmentStart"))
        timed.append((starts[0] if starts else None, participant, segments))
    queue_names = {
        segment.get("queueId"): participant.get("participantName")
        for _, participant, segments in timed
        if participant.get("purpose") == "acd" and participant.get("participantName")
        for segment in segments
        if segment.get("queueId")
    }
    agent_starts = sorted(
        start for start, p, _ in timed if start and p.get("purpose") in AGENT_PURPOSES
    )
    rows = []
    for start, participant, segments in timed:
        purpose = str(participant.get("purpose") or "").lower()
        name = participant.get("participantName")
        if purpose in IVR_PURPOSES:
            rows.append((number, call, start, name or "IVR", "ivr", None, "enter"))
        elif purpose == "acd":
            queue_id = next((s.get("queueId") for s in segments if s.get("queueId")), None)
            answered = any(start is not None and a >= start for a in agent_starts)
            abandoned = "tAbandon" in _metric_names(participant) or not answered
            event = "abandon" if abandoned else "enter"
            rows.append((number, call, start, name or queue_id, "queue", None, event))
        elif purpose in AGENT_PURPOSES:
            queue_id = next((s.get("queueId") for s in segments if s.get("queueId")), None)
            agent = name or participant.get("userId")
            last = max(segments, key=lambda s: str(s.get("segmentEnd") or ""), default={})
            ended = str(last.get("disconnectType") or "")
            event = "transfer" if ended.startswith("transfer") else "answer"
            if queue_id:
                node, kind = queue_names.get(queue_id) or queue_id, "queue"
            else:
                node, kind = f"agent:{agent}", "agent"
            rows.append((number, call, start, node, kind, agent, event))
        elif purpose in ("external", "voicemail"):
            rows.append((number, call, start, name or purpose, purpose, None, "enter"))
        else:
            ignored[f"participant with purpose '{purpose or 'none'}'"] += 1
    return rows
