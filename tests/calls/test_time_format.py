"""``--time-format``: logs whose times are neither ISO 8601, RFC 2822 nor epoch seconds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from ivrlint.calls import read_events
from ivrlint.calls.table import ReadError
from ivrlint.calls.timeformat import check_time_format, guess_time_format
from ivrlint.cli import app

runner = CliRunner()
DAY_FIRST = "%d.%m.%y %H:%M"
# A front-line / back-line help desk, dates written day first as the export writes them:
# case 1 goes Helen → Henk (back line) → Helen; case 2 stays with Susi.
LOG = """\
Case,Operation,Start,End,Agent
Case 1,Inbound Call,9.3.10 8:05,9.3.10 8:10,Helen
Case 1,Handle Case,11.3.10 10:30,11.3.10 10:32,Henk
Case 2,Inbound Call,4.3.10 11:43,4.3.10 11:46,Susi
Case 1,Call Outbound,25.3.10 11:45,25.3.10 11:52,Helen
"""
ISO = {
    "9.3.10 8:05": "2010-03-09T08:05:00",
    "9.3.10 8:10": "2010-03-09T08:10:00",
    "11.3.10 10:30": "2010-03-11T10:30:00",
    "11.3.10 10:32": "2010-03-11T10:32:00",
    "4.3.10 11:43": "2010-03-04T11:43:00",
    "4.3.10 11:46": "2010-03-04T11:46:00",
    "25.3.10 11:45": "2010-03-25T11:45:00",
    "25.3.10 11:52": "2010-03-25T11:52:00",
}
MAP = "call_id=Case,node=Agent,timestamp=Start,end=End"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "helpdesk.csv"
    path.write_text(LOG, encoding="utf-8")
    return path


def _without_read(report: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(report)
    del data["read"]
    return data


def test_the_layout_reads_as_the_same_times_in_iso(log: Path, tmp_path: Path) -> None:
    code, out, err = run("transfers", str(log), "--map", MAP, "--time-format", DAY_FIRST,
                         "-f", "json")  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert (data["calls"], data["transferred_calls"], data["transfers"]) == (2, 1, 2)
    assert [(e["from"], e["to"]) for e in data["edges"]] == [("Helen", "Henk"), ("Henk", "Helen")]
    # Helen 9 March 8:05 → Henk 11 March 10:30 (181,500 s) → Helen 25 March 11:45 (1,214,100 s)
    assert data["seconds_per_transfer"] == {"mean": 697_800.0, "median": 697_800.0}
    assert data["read"]["skipped"] == 0
    iso = tmp_path / "iso.csv"
    text = LOG
    for local, standard in ISO.items():
        text = re.sub(rf"(?<=,){re.escape(local)}(?=,)", standard, text)
    iso.write_text(text, encoding="utf-8")
    _, iso_out, _ = run("transfers", str(iso), "--map", MAP, "-f", "json")
    assert _without_read(out) == _without_read(iso_out)


def test_values_that_do_not_match_are_malformed_rows(log: Path) -> None:
    with log.open("a", encoding="utf-8") as handle:
        handle.write("Case 3,Inbound Call,2010-03-09 08:05,9.3.10 8:09,Mary\n")
        handle.write("Case 3,Handle Case,9.3.10 8:07,9.3.10 25:00,Mary\n")
    code, out, err = run("transfers", str(log), "--map", MAP, "--time-format", DAY_FIRST,
                         "-f", "json")  # fmt: skip
    assert code == 0, err
    assert (
        f"{log}:6: skipped: timestamp '2010-03-09 08:05' does not match --time-format "
        f"'{DAY_FIRST}'" in err
    )
    assert f"{log}:7: skipped: end time '9.3.10 25:00' does not match --time-format" in err
    read = json.loads(out)["read"]
    assert read["skipped_by_reason"] == {"end time unreadable": 1, "timestamp unreadable": 1}
    code, _, err = run("transfers", str(log), "--map", MAP, "--time-format", DAY_FIRST,
                       "--on-bad-row", "fail")  # fmt: skip
    assert code == 1
    assert "2 malformed rows" in err


def test_without_the_option_the_error_suggests_the_layout(log: Path) -> None:
    code, _, err = run("transfers", str(log), "--map", MAP, "-q")
    assert code == 2
    assert f"ivrlint: error: no call events in {log}" in err
    # 25.3.10 settles it: there is no 25th month
    assert (
        "hint: timestamps such as '9.3.10 8:05' can be read with "
        "--time-format '%d.%m.%y %H:%M'\n" in err
    )


def test_an_ambiguous_date_offers_both_orders(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("call_id,timestamp,node\nc1,03/04/2024 09:00:00,desk\n", encoding="utf-8")
    code, _, err = run("transfers", str(path))
    assert code == 2
    assert (
        "hint: timestamps such as '03/04/2024 09:00:00' can be read with "
        "--time-format '%m/%d/%Y %H:%M:%S' (month first) or "
        "--time-format '%d/%m/%Y %H:%M:%S' (day first): no value in the log tells which"
    ) in err


def test_some_unreadable_rows_get_the_hint_after_the_summary(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(
        "call_id,timestamp,node\nc1,2024-03-04T09:00:00Z,desk\nc1,4.3.2024 9:05,billing\n",
        encoding="utf-8",
    )
    code, _, err = run("transfers", str(path), "-f", "json")
    assert code == 0
    lines = err.splitlines()
    assert lines[-2] == (
        "ivrlint: read 2 rows from 1 file(s): 1 events, 1 skipped (1 timestamp unreadable)"
    )
    assert lines[-1].startswith("  hint: timestamps such as '4.3.2024 9:05' can be read with")


@pytest.mark.parametrize("suffix", ["tsv", "jsonl", "parquet"])
def test_other_tabular_formats(tmp_path: Path, suffix: str) -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {
            "call_id": ["a", "a", "b"],
            "timestamp": ["04/03/2024 09:00:00", "04/03/2024 09:01:30", "05/03/2024 10:00:00"],
            "node": ["desk", "billing", "desk"],
        }
    )
    path = tmp_path / f"calls.{suffix}"
    if suffix == "tsv":
        frame.to_csv(path, sep="\t", index=False)
    elif suffix == "jsonl":
        frame.to_json(path, orient="records", lines=True)
    else:
        frame.to_parquet(path)
    code, out, err = run("transfers", str(path), "--time-format", "%d/%m/%Y %H:%M:%S", "-f",
                         "json")  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert (data["calls"], data["transferred_calls"]) == (2, 1)
    assert data["seconds_per_transfer"]["median"] == 90.0


def test_zones_in_the_layout_are_converted_to_utc() -> None:
    import pandas as pd

    from ivrlint.calls.table import parse_times

    values = pd.Series(["04.03.2024 09:00 +0100", "04.03.2024 08:00 Z", "x", None])
    times = parse_times(values, "%d.%m.%Y %H:%M %z")
    assert [str(t) for t in times] == [
        "2024-03-04 08:00:00+00:00",
        "2024-03-04 08:00:00+00:00",
        "NaT",
        "NaT",
    ]


def test_times_out_of_range_are_malformed_rows_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(
        "call_id,timestamp,node\na,9999-12-31T00:00:00,desk\na,2024-03-04T09:00:00,desk\n"
        "b,31.12.9999,desk\nb,04.03.2024,desk\n",
        encoding="utf-8",
    )
    code, _, err = run("transfers", str(path), "-q")
    assert code == 0, err
    assert f"{path}:2: skipped: timestamp '9999-12-31T00:00:00' is not ISO 8601" in err
    code, _, err = run("transfers", str(path), "-q", "--time-format", "%d.%m.%Y")
    assert code == 0, err
    assert f"{path}:4: skipped: timestamp '31.12.9999' does not match" in err


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ("dd.mm.yy", "--time-format 'dd.mm.yy' has no strptime code"),
        ("%d.%m.%Q", "--time-format '%d.%m.%Q': 'Q' is a bad directive"),
        ("%d.%m.%y %", "stray % in format"),
    ],
)
def test_a_layout_that_is_not_one_is_a_usage_error(log: Path, layout: str, message: str) -> None:
    code, _, err = run("transfers", str(log), "--map", MAP, "--time-format", layout)
    assert code == 2
    assert message in err
    with pytest.raises(ReadError):
        check_time_format(layout)


def test_platform_formats_refuse_the_option(tmp_path: Path) -> None:
    path = tmp_path / "queue_log"
    path.write_text("1709283600|c1|sales|NONE|ENTERQUEUE||100|1\n", encoding="utf-8")
    code, _, err = run("transfers", str(path), "--time-format", DAY_FIRST)
    assert code == 2
    assert "--time-format applies to CSV, TSV, Parquet and JSON Lines, not to" in err
    assert "asterisk-queue-log" in err


def test_check_graph_and_stats_read_the_calls_with_it(tmp_path: Path) -> None:
    menu = str(ROOT / "menus" / "acme-support.yaml")
    example = (ROOT / "docs" / "examples" / "acme-calls.csv").read_text(encoding="utf-8")
    # 2024-03-04T08:00:08Z → 04/03/2024 08:00:08
    local = re.sub(r"(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d)Z", r"\3/\2/\1 \4", example, flags=re.M)
    assert local != example
    path = tmp_path / "calls.csv"
    path.write_text(local, encoding="utf-8")
    layout = "%d/%m/%Y %H:%M:%S"
    standard = run("check", menu, "--calls", str(ROOT / "docs/examples/acme-calls.csv"), "-q")
    code, out, err = run("check", menu, "--calls", str(path), "--time-format", layout, "-q")
    assert (code, out) == (standard[0], standard[1]), err
    assert "IVR401" in out
    code, out, _ = run("stats", menu, "--calls", str(path), "--time-format", layout, "-q")
    assert code == 0
    assert out == run("stats", menu, "--calls", str(ROOT / "docs/examples/acme-calls.csv"),
                      "-q")[1]  # fmt: skip
    code, _, err = run("graph", menu, "--calls", str(path), "-q")
    assert code == 2
    # every call is on 4 March: nothing tells day from month
    assert "or --time-format '%d/%m/%Y %H:%M:%S' (day first)" in err


@pytest.mark.parametrize("command", ["check", "graph", "stats"])
def test_the_option_needs_a_log(command: str) -> None:
    menu = str(ROOT / "menus" / "acme-support.yaml")
    code, _, err = run(command, menu, "--time-format", DAY_FIRST)
    assert code == 2
    assert "--map, --node-map and --time-format describe a call log" in err


def test_the_api_takes_it(log: Path) -> None:
    events = read_events([log], column_map={"call_id": "Case", "node": "Agent",
                                            "timestamp": "Start"}, time_format=DAY_FIRST)  # fmt: skip
    assert [str(t) for t in events.frame["timestamp"]][:2] == [
        "2010-03-09 08:05:00+00:00",
        "2010-03-11 10:30:00+00:00",
    ]


@pytest.mark.parametrize(
    ("values", "formats"),
    [
        (["9.3.10 8:05"], ("%d.%m.%y %H:%M", "%m.%d.%y %H:%M")),
        (["9.3.10 8:05", "25.3.10 9:32"], ("%d.%m.%y %H:%M",)),
        (["3/9/2010 8:05 PM", "3/25/2010 9:32 AM"], ("%m/%d/%Y %I:%M %p",)),
        (["09-Mar-2010 08:05:00"], ("%d-%b-%Y %H:%M:%S",)),
        (["9 March 2010"], ("%d %B %Y",)),
        (["Mar 9, 2010 08:05"], ("%b %d, %Y %H:%M",)),
        (["2010/03/09 08:05:00.250 +0100"], ("%Y/%m/%d %H:%M:%S.%f %z",)),
        (["13.13.10 8:05"], ()),  # neither order reads it
        (["soon"], ()),
    ],
)
def test_guesses(values: list[str], formats: tuple[str, ...]) -> None:
    guess = guess_time_format(values)
    assert guess is not None
    assert (guess.example, guess.formats) == (values[0], formats)


def test_no_guess_without_values_and_a_generic_hint_without_a_layout() -> None:
    assert guess_time_format(["", "  "]) is None
    guess = guess_time_format(["soon"])
    assert guess is not None
    assert guess.hint() == (
        "timestamps such as 'soon' need their layout named with --time-format in strptime "
        "codes, e.g. --time-format '%d.%m.%Y %H:%M:%S'"
    )


# Values pyarrow's strptime would take wrongly or leniently, and values it reads right.
LENIENT = {
    "%d.%m.%y %H:%M": ["9.3.10 8:05", "09.03.10 08:05", "9.3.10  8:05", "9.3.108:05",
                       "31.2.10 8:05", "9.3.10 24:00", "9.3.10 8:5", "9.3.69 1:00",
                       "9.3.68 1:00", "+9.3.10 8:05", "9.3.2010 8:05", "9.3.10 8:05:00",
                       "29.2.12 0:00", "29.2.11 0:00", "31.12.99 23:59"],
    "%d/%m/%Y %I:%M %p": ["09/03/2010 08:05 PM", "9/3/2010 8:05 am", "9/3/2010 13:05 PM",
                          "9/3/2010 12:05 AM", "9/3/2010 12:05 pm"],
    "%d-%b-%Y %H:%M:%S": ["09-Mar-2010 08:05:00", "09-mar-2010 08:05:00",
                          "09-March-2010 08:05:00", "09-Foo-2010 08:05:00"],
    "%Y-%m-%d %H:%M:%S %z": ["2010-03-09 08:05:00 +0100", "2010-03-09 08:05:00 +01:00",
                             "2010-03-09 08:05:00 Z", "2010-03-09 08:05:00 +01",
                             "2010-03-09 08:05:00", "2010-03-09 08:05:00 +0000"],
    "%Y-%m-%d %H:%M:%S.%f": ["2010-03-09 08:05:00.25", "2010-03-09 08:05:00"],
    "%d.%m.%Y": ["9.3.2010", "9.3.10", "31.12.9999", "1.1.1600", "0.1.2010"],
    "%a %d.%m.%Y": ["Tue 09.03.2010", "Mon 09.03.2010"],
}  # fmt: skip


@pytest.mark.parametrize("layout", sorted(LENIENT))
def test_reading_is_what_pandas_reads(layout: str) -> None:
    import pandas as pd

    from ivrlint.calls.table import to_ns
    from ivrlint.calls.timeformat import parse_with_format

    values = pd.Series(LENIENT[layout] * 3 + [None, ""])
    expected = pd.to_datetime(values, format=layout, exact=True, errors="coerce", utc=True)
    got = parse_with_format(values, layout)
    assert str(got.dtype) == "datetime64[ns, UTC]"
    assert [str(t) for t in got] == [str(t) for t in to_ns(pd.Series(expected))]
