"""CI thresholds on transfer metrics: ``transfer_rate > 0.2``, ``long_chain_calls > 1%``.

A gate is ``METRIC OP NUMBER`` or ``METRIC OP NUMBER%`` with OP one of ``>``, ``>=``,
``<``, ``<=``, ``==``, ``!=``. A percentage is a share of all calls for counts of calls
(``long_chain_calls > 1%``: more than 1 % of calls) and a plain percentage for rates
(``transfer_rate > 20%`` is ``transfer_rate > 0.2``). A gate is *crossed* when its
comparison holds: the build fails.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from ivrlint.calls.metrics import CALL_COUNTS, NUMERIC, TransferMetrics

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}
PATTERN = re.compile(
    r"^\s*(?P<metric>[a-z_0-9]+)\s*(?P<op>>=|<=|==|!=|>|<)\s*(?P<number>[0-9]*\.?[0-9]+)\s*(?P<pct>%?)\s*$"
)


class GateError(ValueError):
    """A threshold expression that cannot be read."""


@dataclass(frozen=True)
class Gate:
    text: str
    metric: str
    op: str
    number: float
    percent: bool


@dataclass(frozen=True)
class GateResult:
    gate: Gate
    actual: float | None  # the metric, in the unit of the comparison (a % when the gate has one)
    crossed: bool

    def message(self) -> str:
        unit = "%" if self.gate.percent else ""
        if self.actual is None:
            return f"{self.gate.text}: not measured (the log has no data for {self.gate.metric})"
        verdict = "crossed" if self.crossed else "ok"
        return f"{self.gate.text}: {verdict} ({self.gate.metric} is {_fmt(self.actual)}{unit})"


def _fmt(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def parse_gate(text: str) -> Gate:
    match = PATTERN.match(text)
    if match is None:
        raise GateError(
            f"cannot read the threshold '{text}': write METRIC OP NUMBER, e.g. "
            "'transfer_rate > 0.2' or 'long_chain_calls > 1%'"
        )
    metric = match["metric"]
    if metric not in NUMERIC:
        raise GateError(f"unknown metric '{metric}' in '{text}': use one of {', '.join(NUMERIC)}")
    percent = bool(match["pct"])
    if percent and metric not in CALL_COUNTS and metric != "transfer_rate":
        raise GateError(
            f"'{text}': a percentage applies to counts of calls and to transfer_rate, "
            f"not to {metric}"
        )
    return Gate(text.strip(), metric, match["op"], float(match["number"]), percent)


def evaluate(gate: Gate, metrics: TransferMetrics) -> GateResult:
    value = metrics.value(gate.metric)
    if value is None:
        return GateResult(gate, None, False)
    if gate.percent and gate.metric in CALL_COUNTS:
        value = 100.0 * value / metrics.calls if metrics.calls else 0.0
    elif gate.percent:
        value = 100.0 * value
    return GateResult(gate, round(value, 6), OPERATORS[gate.op](value, gate.number))
