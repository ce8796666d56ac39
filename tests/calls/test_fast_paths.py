"""The shortcuts that keep five million events fast give exactly what the plain way gives:
call ids encoded by pyarrow, unused categories dropped by counting, one packed sort for
logs out of order, rows of chains compared as numbers, percentiles from the histogram."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from ivrlint.calls import build_chains, read_events, transfer_metrics
from ivrlint.calls.chains import _chain_order
from ivrlint.calls.metrics import _distinct, _percentile, _unique_rows
from ivrlint.calls.table import arrow_names, drop_unused


@pytest.mark.parametrize(
    "values",
    [
        ["a", "a", None, None, "b", "a", "c", "c"],  # a call that comes back later
        ["x"] * 5 + ["y"] * 5,  # long runs: only their first rows are hashed
        ["p", "q", "r", "p", "q"],  # every row a new run
        [None, None],
        [],
        # one width: hashed as integers of their varying bytes
        ["C07", "C12", "C07", "C70", "C21", "C12"],
        ["ab", "ba", "ab", "aa", "bb", "ba"],  # same bytes in other places
        ["0123456789", "0123456789", "9876543210", "0000000000", "9876543210"],  # >8 vary
        ["ЖЖ1", "ЖЯ1", "ЖЖ1", "ЖЯ2"],  # multi-byte letters
        ["ÿÿÿÿ", "ÿÿÿÿ", "ĀĀĀĀ", "ÿÿÿÿ"],  # 8 varying bytes, the top one above 0x7f
        ["C1", None, "C2", "C1", "C2", "C3"],  # a null: the text path
        ["C1", "C22", "C1", "C3", "C22", "C4"],  # widths differ: the text path
        [f"C{i % 7}{i % 5}" for i in range(40)],
    ],
)
def test_arrow_names_is_first_appearance_factorisation(values: list[str | None]) -> None:
    chunked = pa.chunked_array([values[:3], values[3:]], type=pa.string())
    got = arrow_names(chunked)
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    assert got.cat.codes.tolist() == codes.tolist()
    assert got.cat.categories.tolist() == list(uniques)


def test_drop_unused_keeps_order_and_missing() -> None:
    cat = pd.Series(pd.Categorical(["d", None, "b", "d"], categories=["a", "d", "c", "b"]))
    dropped = drop_unused(cat)
    assert dropped.cat.categories.tolist() == ["d", "b"]
    assert dropped.cat.codes.tolist() == [0, -1, 1, 0]
    assert drop_unused(dropped) is dropped  # nothing to drop: the same column back


def _two_sorts(call: np.ndarray, ns: np.ndarray) -> np.ndarray:
    order = np.argsort(ns, kind="stable")
    return order[np.argsort(call[order], kind="stable")]


@pytest.mark.parametrize("packed", [True, False])
def test_one_packed_sort_orders_like_two_stable_sorts(packed: bool) -> None:
    rng = np.random.default_rng(3)
    call = rng.integers(0, 50, 2000).astype(np.int32)
    # 40 distinct times, so many ties: whole minutes (the key packs), or any nanoseconds
    # up to 2**62 (call and time do not fit in 63 bits together: two sorts)
    times = np.arange(40) * 60 * 10**9 if packed else rng.integers(0, 2**62, 40)
    ns = rng.choice(times, 2000).astype(np.int64)
    order = _chain_order(call, ns)
    assert order is not None
    assert order.tolist() == _two_sorts(call, ns).tolist()


def test_grouped_log_needs_no_sort() -> None:
    call = np.array([0, 0, 1, 1, 1, 2], dtype=np.int32)
    ns = np.array([5, 5, 1, 2, 2, 0], dtype=np.int64)
    assert _chain_order(call, ns) is None
    assert _chain_order(call[::-1].copy(), ns) is not None


def test_unique_rows_as_numbers_match_row_comparison() -> None:
    rng = np.random.default_rng(5)
    for width, size in ((3, 4), (7, 1), (1000, 7)):  # (1000, 7) does not fit in 63 bits
        rows = rng.integers(0, width, (500, size))
        unique, counts = _unique_rows(rows, width)
        expected, expected_counts = np.unique(rows, axis=0, return_counts=True)
        assert unique.tolist() == expected.tolist()
        assert counts.tolist() == expected_counts.tolist()


def test_distinct_and_percentiles() -> None:
    values = np.array([5, 1, 5, 3, 1, 1], dtype=np.int64)
    assert _distinct(values).tolist() == [1, 3, 5]
    histogram = np.bincount(values)
    for q, total in itertools.product((0.0, 0.1, 0.5, 0.9, 1.0), (len(values),)):
        ordered = np.sort(values)
        expected = int(ordered[max(int(np.ceil(q * total)) - 1, 0)])
        assert _percentile(histogram, total, q) == expected


def test_events_never_share_memory_with_the_log(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(
        "call_id,timestamp,node,kind,event\n"
        "a,2024-01-01T00:00:00Z,main,ivr,enter\n"
        "a,2024-01-01T00:00:10Z,sales,queue,answer\n"
        "b,2024-01-01T00:00:20Z,main,ivr,enter\n"
    )
    log = read_events([path])
    chains = build_chains(log)  # grouped: no sort, so no sorted copies either
    before = log.frame.copy()
    events = chains.events
    assert events.dtypes.astype(str).to_dict() == {
        "call": "int64", "node": "int64", "ns": "int64", "kind": "int64", "event": "int8",
        "source_row": "int64", "automated": "bool",
    }  # fmt: skip
    for position in range(len(events.columns)):
        value: Any = events.iat[1, position]
        events.iat[0, position] = value
    pd.testing.assert_frame_equal(log.frame, before)


def test_call_codes_follow_first_appearance_and_chains_sort_by_id(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(
        "call_id,timestamp,node\n"
        "z9,2024-01-01T00:00:00Z,A\n"
        "a1,2024-01-01T00:00:05Z,B\n"
        "z9,2024-01-01T00:00:10Z,B\n"
    )
    chains = build_chains(read_events([path]))
    assert chains.call_ids.tolist() == ["z9", "a1"]
    assert list(chains.handler_chains()) == ["a1", "z9"]
    assert chains.handler_chains() == {"a1": ("B",), "z9": ("A", "B")}
    assert transfer_metrics(chains).transferred_calls == 1
