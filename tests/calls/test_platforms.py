"""Platform formats: each builds logs with known chains and checks the figures exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ivrlint.calls import build_chains, read_events, transfer_metrics


def chains_of(path: Path) -> dict[str, tuple[str, ...]]:
    return build_chains(read_events([path])).handler_chains()


# --- Asterisk queue_log -------------------------------------------------------------------

QUEUE_LOG = """\
1709283500|NONE|NONE|NONE|QUEUESTART|
1709283600|1709283600.1|sales|NONE|ENTERQUEUE||5551000|1
1709283610|1709283600.1|sales|SIP/201|CONNECT|10|1709283605.2|2
1709283700|1709283600.1|sales|SIP/201|BLINDTRANSFER|700|from-queue|10|90|1
1709283701|1709283600.1|billing|NONE|ENTERQUEUE||5551000|1
1709283720|1709283600.1|billing|SIP/301|CONNECT|19|1709283705.3|2
1709283800|1709283600.1|billing|SIP/301|ATTENDEDTRANSFER|BRIDGE|abc-123|19|80|1
1709283801|1709283600.1|sales|NONE|ENTERQUEUE||5551000|1
1709283830|1709283600.1|sales|NONE|ABANDON|1|1|29
1709283600|1709283650.7|support|NONE|ENTERQUEUE||5552000|1
1709283615|1709283650.7|support|SIP/401|RINGNOANSWER|15000
1709283620|1709283650.7|support|SIP/402|CONNECT|20|1709283655.8|3
1709283700|1709283650.7|support|SIP/402|BLINDTRANSFER|5559999|from-internal|20|80|1
1709283600|1709283690.9|sales|NONE|ENTERQUEUE||5553000|1
1709283660|1709283690.9|sales|SIP/201|CONNECT|60|1709283695.1|5
1709283900|1709283690.9|sales|SIP/201|COMPLETECALLER|60|240|1
garbage line
1709283600|1709283690.9|sales
"""


def test_queue_log(tmp_path: Path) -> None:
    path = tmp_path / "queue_log"
    path.write_text(QUEUE_LOG)
    log = read_events([path])
    assert log.summary.files[0].format == "asterisk-queue-log"
    assert chains_of(path) == {
        # transferred by extension 700 into billing: the extension is a dial step, folded out
        "1709283600.1": ("sales", "billing", "sales"),
        "1709283650.7": ("support", "5559999@from-internal"),
        "1709283690.9": ("sales",),
    }
    metrics = transfer_metrics(build_chains(log))
    assert (metrics.calls, metrics.transferred_calls, metrics.ping_pong_calls) == (3, 2, 1)
    assert metrics.abandoned_after_transfer == 1
    assert [(b.line, b.reason) for b in log.summary.bad_rows] == [
        (17, "1 fields; queue_log lines have 5 or more"),
        (18, "3 fields; queue_log lines have 5 or more"),
    ]
    assert dict(log.summary.ignored_by_reason) == {
        "QUEUESTART (not a call movement)": 1,
        "RINGNOANSWER (not a call movement)": 1,
    }


# --- Asterisk CDR Master.csv --------------------------------------------------------------

BASE = [
    # accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata,
    # start, answer, end, duration, billsec, disposition, amaflags
    ["", "5551000", "s", "ivr-main", '"Ann" <5551000>', "SIP/trunk-0001", "", "BackGround",
     "welcome", "2024-03-01 09:00:00", "2024-03-01 09:00:00", "2024-03-01 09:00:10", "10", "10",
     "ANSWERED", "DOCUMENTATION"],
    ["", "5551000", "600", "from-ivr", '"Ann" <5551000>', "SIP/trunk-0001", "SIP/201-0000a1",
     "Queue", "sales,t,,,300", "2024-03-01 09:00:10", "2024-03-01 09:00:20",
     "2024-03-01 09:02:00", "110", "100", "ANSWERED", "DOCUMENTATION"],
    ["", "5551000", "301", "from-internal", '"Ann" <5551000>', "SIP/trunk-0001",
     "SIP/301-0000a2", "Dial", "SIP/301,20", "2024-03-01 09:02:00", "2024-03-01 09:02:05",
     "2024-03-01 09:05:00", "180", "175", "ANSWERED", "DOCUMENTATION"],
    ["", "5552000", "s", "ivr-main", '"Bob" <5552000>', "SIP/trunk-0002", "", "Hangup", "",
     "2024-03-01 09:10:00", "", "2024-03-01 09:10:30", "30", "0", "NO ANSWER", "DOCUMENTATION"],
]  # fmt: skip
IDS = [("1709283600.1", "1709283600.1", "1"), ("1709283610.2", "1709283600.1", "2"),
       ("1709283720.3", "1709283600.1", "3"), ("1709284200.4", "1709284200.4", "4")]  # fmt: skip


def cdr_rows(columns: int) -> list[list[str]]:
    rows = []
    for base, (uniqueid, linkedid, sequence) in zip(BASE, IDS, strict=True):
        extra = {
            16: [],
            17: [uniqueid],
            18: [uniqueid, "note"],
            19: ["", linkedid, sequence],
            20: [uniqueid, "", linkedid, sequence],
            21: [uniqueid, "note", "", linkedid, sequence],
        }[columns]
        rows.append(base + extra)
    return rows


def write_cdr(path: Path, rows: list[list[str]], header: list[str] | None = None) -> Path:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    if header:
        writer.writerow(header)
    writer.writerows(reversed(rows))  # written out of order on purpose
    path.write_text(buffer.getvalue())
    return path


@pytest.mark.parametrize("columns", [19, 20, 21])
def test_cdr_linked_calls(tmp_path: Path, columns: int) -> None:
    path = write_cdr(tmp_path / "Master.csv", cdr_rows(columns))
    log = read_events([path])
    assert log.summary.files[0].format == "asterisk-cdr"
    assert chains_of(path) == {"1709283600.1": ("sales", "SIP/301"), "1709284200.4": ()}
    metrics = transfer_metrics(build_chains(log))
    assert (metrics.calls, metrics.transferred_calls) == (2, 1)
    assert metrics.median_seconds_per_transfer == 110.0


@pytest.mark.parametrize("columns", [16, 17, 18])
def test_cdr_without_linkedid(tmp_path: Path, columns: int) -> None:
    path = write_cdr(tmp_path / "Master.csv", cdr_rows(columns))
    log = read_events([path])
    assert "no linkedid column" in log.summary.files[0].notes[0]
    assert transfer_metrics(build_chains(log)).calls == 4


def test_cdr_with_header_and_latin1(tmp_path: Path) -> None:
    from ivrlint.calls.readers.asterisk_cdr import BASE as NAMES

    header = [*NAMES, "uniqueid", "userfield", "peeraccount", "linkedid", "sequence"]
    path = write_cdr(tmp_path / "Master.csv", cdr_rows(21), header)
    path.write_bytes(path.read_bytes().replace(b"Ann", b"Ren\xe9e"))
    log = read_events([path])
    assert log.summary.files[0].format == "asterisk-cdr"
    assert "not UTF-8" in log.summary.files[0].notes[0]
    assert chains_of(path)["1709283600.1"] == ("sales", "SIP/301")


def test_cdr_bad_row(tmp_path: Path) -> None:
    path = write_cdr(tmp_path / "Master.csv", cdr_rows(21))
    with path.open("a") as handle:
        handle.write('"a","b","c"\n')
    log = read_events([path], input_format="asterisk-cdr")
    assert [(b.line, b.reason) for b in log.summary.bad_rows] == [
        (5, "3 fields where CDR rows have 16 to 21")
    ]


# --- Amazon Connect contact records -------------------------------------------------------


def ctr(
    contact: str, initial: str, method: str, start: str, updated: str, **extra: object
) -> dict[str, object]:
    record: dict[str, object] = {
        "ContactId": contact,
        "InitialContactId": initial,
        "InitiationMethod": method,
        "Channel": "VOICE",
        "InitiationTimestamp": start,
        "LastUpdateTimestamp": updated,
    }
    record.update(extra)
    return record


CTRS = [
    ctr("a1", "a1", "INBOUND", "2024-03-01T09:00:00Z", "2024-03-01T09:05:00Z",
        Queue={"Name": "Billing", "ARN": "arn:aws:connect:x:instance/i/queue/q1",
               "EnqueueTimestamp": "2024-03-01T09:00:30Z"},
        Agent={"Username": "ann", "ConnectedToAgentTimestamp": "2024-03-01T09:01:00Z"},
        NextContactId="a2"),
    ctr("a2", "a1", "TRANSFER", "2024-03-01T09:05:00Z", "2024-03-01T09:09:00Z",
        PreviousContactId="a1",
        Queue={"Name": "Sales", "ARN": "arn:aws:connect:x:instance/i/queue/q2",
               "EnqueueTimestamp": "2024-03-01T09:05:01Z"},
        DisconnectReason="CUSTOMER_DISCONNECT"),
    # the same leg delivered twice: the older copy (no agent yet) must not win
    ctr("a2", "a1", "TRANSFER", "2024-03-01T09:05:00Z", "2024-03-01T09:06:00Z",
        PreviousContactId="a1",
        Queue={"Name": "Sales", "ARN": "arn:aws:connect:x:instance/i/queue/q2",
               "EnqueueTimestamp": "2024-03-01T09:05:01Z"},
        Agent={"Username": "bob"}),
    ctr("b1", "b1", "INBOUND", "2024-03-01T10:00:00Z", "2024-03-01T10:03:00Z",
        Queue={"Name": "Sales", "ARN": "arn:aws:connect:x:instance/i/queue/q2",
               "EnqueueTimestamp": "2024-03-01T10:00:20Z"},
        Agent={"Username": "bob"},
        TransferredToEndpoint={"Address": "+15557654321", "Type": "TELEPHONE_NUMBER"},
        TransferCompletedTimestamp="2024-03-01T10:02:00Z"),
    ctr("c1", "c1", "INBOUND", "2024-03-01T11:00:00Z", "2024-03-01T11:00:40Z",
        DisconnectReason="CUSTOMER_DISCONNECT"),
]  # fmt: skip


@pytest.mark.parametrize("layout", ["array", "lines", "firehose"])
def test_connect(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "ctr.json"
    if layout == "array":
        path.write_text(json.dumps(CTRS, indent=1))
    elif layout == "lines":
        path.write_text("\n".join(json.dumps(r) for r in CTRS) + "\n")
    else:
        path.write_text("".join(json.dumps(r) for r in CTRS))
    log = read_events([path])
    assert log.summary.files[0].format == "amazon-connect"
    assert chains_of(path) == {
        "a1": ("Billing", "Sales"),
        "b1": ("Sales", "+15557654321"),
        "c1": (),
    }
    metrics = transfer_metrics(build_chains(log))
    # the latest copy of a2 says the caller hung up waiting in Sales
    assert (metrics.abandoned_calls, metrics.abandoned_after_transfer) == (1, 1)
    assert log.summary.ignored == 1


# --- Genesys Cloud conversation details ---------------------------------------------------


def participant(
    purpose: str, name: str, start: str, end: str, disconnect: str, **segment: str
) -> dict[str, object]:
    start, end = f"2024-03-01{start}Z", f"2024-03-01{end}Z"
    return {
        "purpose": purpose,
        "participantName": name,
        "sessions": [{"mediaType": "voice", "segments": [
            {"segmentStart": start, "segmentEnd": end, "segmentType": "interact",
             "disconnectType": disconnect, **segment}]}],
    }  # fmt: skip


CONVERSATIONS = {
    "conversations": [
        {
            "conversationId": "g1",
            "participants": [
                participant("customer", "Caller", "T09:00:00", "T09:20:00", "client"),
                participant("ivr", "Main IVR", "T09:00:00.100", "T09:00:40", "transfer"),
                # the queue handing the call to its agent ends in "transfer": not a transfer
                participant("acd", "Billing", "T09:00:40", "T09:01:10", "transfer", queueId="q-b"),
                participant("agent", "Ann", "T09:01:10", "T09:05:00", "transfer", queueId="q-b"),
                participant("acd", "Sales", "T09:05:00", "T09:06:00", "transfer", queueId="q-s"),
                participant("agent", "Bob", "T09:06:00", "T09:20:00", "peer", queueId="q-s"),
            ],
        },
        {
            "conversationId": "g2",
            "participants": [
                participant("customer", "Caller", "T10:00:00", "T10:05:00", "client"),
                participant("ivr", "Main IVR", "T10:00:00", "T10:00:30", "transfer"),
                participant("acd", "Sales", "T10:00:30", "T10:05:00", "peer", queueId="q-s"),
            ],
        },
    ]
}  # fmt: skip


def test_genesys(tmp_path: Path) -> None:
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps(CONVERSATIONS))
    log = read_events([path])
    assert log.summary.files[0].format == "genesys"
    assert chains_of(path) == {"g1": ("Billing", "Sales"), "g2": ("Sales",)}
    metrics = transfer_metrics(build_chains(log))
    assert (metrics.calls, metrics.transferred_calls, metrics.abandoned_calls) == (2, 1, 1)
    assert metrics.abandoned_after_transfer == 0
    assert [(e.source, e.target, e.calls) for e in metrics.edges] == [("Billing", "Sales", 1)]


# --- Twilio call records ------------------------------------------------------------------

TWILIO: list[dict[str, str | None]] = [
    {"sid": "CA1", "parent_call_sid": None, "to": "+15550001", "from": "+15551111",
     "status": "completed", "start_time": "Fri, 01 Mar 2024 09:00:00 +0000",
     "end_time": "Fri, 01 Mar 2024 09:10:00 +0000", "duration": "600"},
    {"sid": "CA2", "parent_call_sid": "CA1", "to": "client:ann", "from": "+15550001",
     "status": "completed", "start_time": "Fri, 01 Mar 2024 09:00:30 +0000",
     "end_time": "Fri, 01 Mar 2024 09:04:00 +0000", "duration": "210"},
    {"sid": "CA3", "parent_call_sid": "CA1", "to": "client:bob", "from": "+15550001",
     "status": "no-answer", "start_time": "Fri, 01 Mar 2024 09:04:00 +0000",
     "end_time": "Fri, 01 Mar 2024 09:04:20 +0000", "duration": "0"},
    {"sid": "CA4", "parent_call_sid": "CA1", "to": "+15557777", "from": "+15550001",
     "status": "completed", "start_time": "Fri, 01 Mar 2024 09:04:30 +0000",
     "end_time": "Fri, 01 Mar 2024 09:10:00 +0000", "duration": "330"},
    {"sid": "CA9", "parent_call_sid": None, "to": "+15550001", "from": "+15552222",
     "status": "completed", "start_time": "Fri, 01 Mar 2024 11:00:00 +0000",
     "end_time": "Fri, 01 Mar 2024 11:01:00 +0000", "duration": "60"},
]  # fmt: skip


def test_twilio_json(tmp_path: Path) -> None:
    path = tmp_path / "calls.json"
    path.write_text(json.dumps({"calls": TWILIO, "page": 0}))
    log = read_events([path])
    assert log.summary.files[0].format == "twilio"
    assert chains_of(path) == {"CA1": ("client:ann", "+15557777"), "CA9": ()}
    assert dict(log.summary.ignored_by_reason) == {"dial leg never answered": 1}


def test_twilio_csv(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "twilio.csv"
    names = {"sid": "Call Sid", "parent_call_sid": "Parent Call Sid", "to": "To", "from": "From",
             "status": "Status", "start_time": "Start Time", "end_time": "End Time",
             "duration": "Duration"}  # fmt: skip
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(names.values()))
        writer.writeheader()
        for record in TWILIO:
            writer.writerow({names[k]: v or "" for k, v in record.items()})
    assert read_events([path]).summary.files[0].format == "twilio"
    assert chains_of(path) == {"CA1": ("client:ann", "+15557777"), "CA9": ()}
