"""The Wilson score interval against published values, and how shares are written."""

from __future__ import annotations

import pytest

from ivrlint.callusage import interval_text, percent, wilson


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (5, 10, 0.2366, 0.7634),  # the textbook example (Wilson 1927; Newcombe 1998)
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (81, 263, 0.2553, 0.3662),  # Newcombe 1998, table I, example (a)
        (1, 29, 0.0061, 0.1718),
        (0, 0, 0.0, 1.0),  # no trials: nothing is known
    ],
)
def test_wilson_matches_known_values(successes: int, trials: int, low: float, high: float) -> None:
    got = wilson(successes, trials)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_wilson_stays_within_bounds_and_narrows_with_more_calls() -> None:
    small, large = wilson(3, 10), wilson(300, 1000)
    assert 0 <= small[0] < 0.3 < small[1] <= 1
    assert small[1] - small[0] > large[1] - large[0]


def test_wilson_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError, match=r"within 0\.\.10"):
        wilson(11, 10)


@pytest.mark.parametrize(
    ("share", "text"),
    [(0.0, "0%"), (0.004, "0.4%"), (0.01, "1%"), (0.075, "7.5%"), (0.3333, "33%"), (1.0, "100%")],
)
def test_percent(share: float, text: str) -> None:
    assert percent(share) == text


def test_interval_text() -> None:
    assert interval_text(100, 300) == "95% CI 28–39%"
    assert interval_text(0, 860) == "95% CI 0–0.4%"


def test_narrow_intervals_keep_a_decimal() -> None:
    assert interval_text(16_696, 55_868) == "95% CI 29.5–30.3%"
