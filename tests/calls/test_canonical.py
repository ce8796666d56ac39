"""The canonical table in CSV, TSV, Parquet and JSON Lines, and its traps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calls.standard_log import CHAINS, EVENTS, analyse, check_standard
from ivrlint.calls import (
    BadRowsFound,
    EventLog,
    ReadError,
    TransferMetrics,
    build_chains,
    read_events,
    transfer_metrics,
)

HEADER = ("call_id", "timestamp", "node", "kind", "event")


def write_csv(path: Path, header: tuple[str, ...] = HEADER, sep: str = ",") -> Path:
    lines = [sep.join(header)] + [sep.join(row) for row in EVENTS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_csv_every_metric(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "calls.csv")
    check_standard(analyse([path]))
    log = read_events([path])
    assert build_chains(log).handler_chains() == CHAINS
    assert log.summary.files[0].format == "csv"
    assert log.summary.files[0].detected


def test_paths_keep_ivr_and_fold_repeats(tmp_path: Path) -> None:
    chains = build_chains(read_events([write_csv(tmp_path / "calls.csv")]))
    paths = chains.paths()
    assert paths["c1"] == ("main", "billing", "main", "sales")
    assert paths["c6"] == ("sales",)


def test_tsv_detected(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "calls.tsv", sep="\t")
    log = read_events([path])
    assert log.summary.files[0].format == "tsv"
    check_standard(analyse([path]))


def test_column_map(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", header=("CaseID", "Time", "Team", "Type", "What"))
    mapping = {"call_id": "CaseID", "timestamp": "Time", "node": "Team", "kind": "Type",
               "event": "What"}  # fmt: skip
    check_standard(analyse([path], column_map=mapping))


def test_map_to_missing_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "calls.csv")
    with pytest.raises(ReadError, match=r"column 'Case' .* is not in the file"):
        read_events([path], column_map={"call_id": "Case"})


def test_parquet(tmp_path: Path) -> None:
    import pandas as pd

    path = tmp_path / "calls.parquet"
    pd.DataFrame(EVENTS, columns=list(HEADER)).to_parquet(path)
    assert read_events([path]).summary.files[0].format == "parquet"
    check_standard(analyse([path]))


def test_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "calls.jsonl"
    path.write_text(
        "\n".join(json.dumps(dict(zip(HEADER, row, strict=True))) for row in EVENTS) + "\n"
    )
    assert read_events([path]).summary.files[0].format == "jsonl"
    check_standard(analyse([path]))


def test_several_files_and_globs(tmp_path: Path) -> None:
    half = len(EVENTS) // 2
    for name, rows in (("a.csv", EVENTS[:half]), ("b.csv", EVENTS[half:])):
        lines = [",".join(HEADER)] + [",".join(r) for r in rows]
        (tmp_path / name).write_text("\n".join(lines) + "\n")
    check_standard(analyse([str(tmp_path / "*.csv")]))


def test_bad_rows_reported_with_line_and_skipped(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "calls.csv")
    with path.open("a") as handle:
        handle.write("c9,yesterday,A,queue,enter\n")  # line 20
        handle.write("c9,2024-03-01T09:00:00Z,A\n")  # line 21: too few fields
        handle.write("\n")  # line 22: blank, ignored
        handle.write(",2024-03-01T09:00:00Z,A,queue,enter\n")  # line 23
        handle.write("c9,2024-03-01T09:00:00Z,A,desk,enter\n")  # line 24
    log = read_events([path])
    assert [(b.line, b.reason) for b in log.summary.bad_rows] == [
        (20, "timestamp 'yesterday' is not ISO 8601, RFC 2822 or epoch seconds"),
        (21, "3 fields where the header has 5"),
        (23, "missing call_id"),
        (24, "unknown kind 'desk' (expected ivr, queue, agent, team, self-service, external, "
             "voicemail)"),
    ]  # fmt: skip
    assert log.summary.skipped == 4
    assert dict(log.summary.ignored_by_reason) == {"blank line": 1}
    check_standard(transfer_metrics_of(log))


def transfer_metrics_of(log: EventLog) -> TransferMetrics:
    return transfer_metrics(build_chains(log))


def test_on_bad_row_fail(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "calls.csv")
    with path.open("a") as handle:
        handle.write("c9,never,A,queue,enter\n")
    with pytest.raises(BadRowsFound) as caught:
        read_events([path], on_bad_row="fail")
    assert caught.value.bad_rows[0].where() == f"{path}:20"


def test_non_utf8_bytes_replaced_with_note(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "calls.csv")
    path.write_bytes(path.read_bytes().replace(b"billing", b"b\xe9lling"))
    log = read_events([path])
    assert "not UTF-8" in log.summary.files[0].notes[0]
    assert build_chains(log).handler_chains()["c1"] == ("b\ufffdlling", "sales")


def test_empty_and_binary_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ReadError, match="empty"):
        read_events([empty])
    binary = tmp_path / "blob.csv"
    binary.write_bytes(b"\x00\x01\x02garbage")
    with pytest.raises(ReadError, match="binary"):
        read_events([binary])


def test_missing_file_and_unmatched_glob(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_events([tmp_path / "nope.csv"])
    with pytest.raises(ReadError, match="no files match"):
        read_events([str(tmp_path / "*.csv")])


def test_same_timestamp_keeps_file_order(tmp_path: Path) -> None:
    path = tmp_path / "ties.csv"
    path.write_text("call_id,timestamp,node\nx,100,B\nx,100,A\nx,100,C\n")
    assert build_chains(read_events([path])).handler_chains() == {"x": ("B", "A", "C")}


def test_epoch_milliseconds(tmp_path: Path) -> None:
    path = tmp_path / "ms.csv"
    path.write_text("call_id,timestamp,node\nx,1709283600500,B\nx,1709283600,A\n")
    assert build_chains(read_events([path])).handler_chains() == {"x": ("A", "B")}


def test_spaces_around_names_do_not_make_another_place(tmp_path: Path) -> None:
    path = tmp_path / "spaces.csv"
    path.write_text(
        "call_id,timestamp,node\nx,1,front-desk\nx,2, billing \nx,3,billing\ny ,1,billing\ny,2,sales\n"
    )
    chains = build_chains(read_events([path]))
    assert chains.handler_chains() == {"x": ("front-desk", "billing"), "y": ("billing", "sales")}


def test_carriage_returns_only_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"call_id,timestamp,node\rx,1,a\rx,2,b\r")
    with pytest.raises(ReadError, match=r"mac.csv:1: the header line cannot be read as CSV"):
        read_events([path])
