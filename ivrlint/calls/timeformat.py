"""``--time-format``: timestamps written in a layout of their own (``9.3.10 8:05``).

Without it, times are read as ISO 8601, RFC 2822 or epoch seconds. A log whose dates are
none of these needs its layout named in strptime codes (``%d.%m.%y %H:%M``): every value
must then match it exactly, and a value that does not is a malformed row.

When timestamps cannot be read and no format was given, :func:`guess_time_format` proposes
one from the values themselves; day-first and month-first layouts are told apart by values
such as ``25.3.10`` (no 25th month), and both are offered when no value settles it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ivrlint.calls.table import ReadError, to_ns

if TYPE_CHECKING:
    import pandas as pd

_DATE_NUMERIC = r"(?P<a>\d{1,4})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<c>\d{1,4})"
_DATE_DAY_MONTH = r"(?P<d>\d{1,2})(?P<t>[ .-])(?P<mon>[^\W\d_]{3,9})\.?(?P=t)(?P<y>\d{2,4})"
_DATE_MONTH_DAY = r"(?P<mon2>[^\W\d_]{3,9})\.? (?P<d2>\d{1,2})(?P<comma>,?) (?P<y2>\d{4})"
_VALUE = re.compile(
    rf"(?:{_DATE_NUMERIC}|{_DATE_DAY_MONTH}|{_DATE_MONTH_DAY})"
    r"(?:(?P<sep>[ T]+|, ?)(?P<time>\d{1,2}:\d{2}(?::\d{2}(?P<frac>[.,]\d{1,9})?)?)"
    r"(?P<ampm> ?[AaPp]\.?[Mm]\.?)?(?P<zone> ?(?:Z|[+-]\d{2}:?\d{2}))?)?"
)


@dataclass(frozen=True)
class TimeFormatGuess:
    """What to tell a user whose timestamps could not be read."""

    example: str  # the first value that could not be read
    formats: tuple[str, ...]  # layouts that read every sampled value; two when ambiguous

    def hint(self) -> str:
        if not self.formats:
            return (
                f"timestamps such as '{self.example}' need their layout named with "
                "--time-format in strptime codes, e.g. --time-format '%d.%m.%Y %H:%M:%S'"
            )
        first = f"--time-format '{self.formats[0]}'"
        if len(self.formats) == 1:
            return f"timestamps such as '{self.example}' can be read with {first}"
        day_first = self.formats[0].find("%d") < self.formats[0].find("%m")
        order = ("day", "month") if day_first else ("month", "day")
        return (
            f"timestamps such as '{self.example}' can be read with {first} "
            f"({order[0]} first) or --time-format '{self.formats[1]}' ({order[1]} first): "
            "no value in the log tells which"
        )


def check_time_format(fmt: str) -> str:
    """``fmt`` if it is a strptime layout; ReadError saying what is wrong otherwise."""
    example = "e.g. --time-format '%d.%m.%y %H:%M' for 9.3.10 8:05"
    if "%" not in fmt:
        raise ReadError(
            f"--time-format '{fmt}' has no strptime code (%d, %m, %Y, %H, ...)",
            f"{example}; ISO 8601, RFC 2822 and epoch seconds are read without it",
        )
    try:
        datetime.strptime("", fmt)
    except ValueError as exc:
        message = str(exc)
        if "bad directive" in message or "stray %" in message:
            raise ReadError(f"--time-format '{fmt}': {message}", example) from None
    return fmt


def guess_time_format(values: list[str]) -> TimeFormatGuess | None:
    """A layout that reads ``values`` (distinct unreadable timestamps, first first), or
    None when there are none. Only layouts that read every value shaped like the first are
    proposed."""
    values = [v.strip() for v in values if v and v.strip()]
    if not values:
        return None
    example = values[0]
    candidates = _candidates(example)
    shape = _shape(example)
    alike = [v for v in values if _shape(v) == shape]
    fitting = tuple(f for f in candidates if _reads_all(alike, f))
    return TimeFormatGuess(example, fitting)


def _shape(value: str) -> str:
    """The value with digits and letters generalised: values of one layout share it."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "0", value))


def _candidates(value: str) -> list[str]:
    match = _VALUE.fullmatch(value)
    if match is None:
        return []
    dates = _date_layouts(match)
    if match["time"] is None:
        return dates
    seconds = match["time"].count(":") == 2
    hour = "%I" if match["ampm"] else "%H"
    time = f"{hour}:%M" + (":%S" if seconds else "")
    if match["frac"]:
        time += match["frac"][0] + "%f"
    if match["ampm"]:
        time += (" " if match["ampm"].startswith(" ") else "") + "%p"
    if match["zone"]:
        time += (" " if match["zone"].startswith(" ") else "") + "%z"
    return [date + match["sep"] + time for date in dates]


def _date_layouts(match: re.Match[str]) -> list[str]:
    if match["mon"] is not None:
        year = "%Y" if len(match["y"]) == 4 else "%y"
        return [f"%d{match['t']}{_month(match['mon'])}{match['t']}{year}"]
    if match["mon2"] is not None:
        dot = "." if match.group(0)[len(match["mon2"])] == "." else ""
        return [f"{_month(match['mon2'])}{dot} %d{match['comma']} %Y"]
    s = match["s"]
    if len(match["a"]) == 4:
        return [f"%Y{s}%m{s}%d"]
    year = "%Y" if len(match["c"]) == 4 else "%y"
    day_first, month_first = f"%d{s}%m{s}{year}", f"%m{s}%d{s}{year}"
    # a slash is most often the American month-first order; dots and dashes day-first
    return [month_first, day_first] if s == "/" else [day_first, month_first]


def _month(word: str) -> str:
    return "%b" if len(word) == 3 else "%B"


def _reads_all(values: list[str], fmt: str) -> bool:
    import pandas as pd

    parsed = pd.to_datetime(pd.Series(values), format=fmt, errors="coerce", utc=True)
    return bool(parsed.notna().all())


def parse_with_format(values: pd.Series, fmt: str) -> pd.Series:
    """Text ``values`` read with the strptime layout ``fmt``, exactly, as ``datetime64[ns,
    UTC]``: NaT where a value does not match (or is outside the years 1677 to 2262). A
    layout without %z gives the log's own clock, taken as UTC.

    What is read is what pandas' ``to_datetime(format=fmt, exact=True)`` reads; it is
    also how it is read, but only for the values that need it. Each distinct text is
    parsed once (logs repeat their minutes and seconds). Layouts of numbers only (%d %m %y
    %Y %H %M %S) are read by pyarrow's strptime first, four times faster; a time pyarrow
    gives is kept only when its day, month, year, hour, minute and second are the numbers
    the text has in those places, since pyarrow also takes what is not a date (31 February
    as 3 March). The other texts, and other layouts, go to pandas."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        array = pa.array(values, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # numbers among the text (JSON Lines)
        array = pa.array(values.astype("string"), type=pa.string(), from_pandas=True)
    if isinstance(array, pa.ChunkedArray):  # pandas' own pyarrow-backed text
        array = array.combine_chunks()
    encoded = pc.dictionary_encode(pc.utf8_trim_whitespace(array))
    texts = encoded.dictionary
    nat = np.iinfo(np.int64).min
    lookup = np.full(len(texts) + 1, nat, dtype=np.int64)  # the last: a missing value
    unsure = np.ones(len(texts), dtype=bool)
    fast = _arrow_strptime(texts, fmt)
    if fast is not None:
        confirmed, stamps = fast
        lookup[:-1][confirmed] = stamps[confirmed]
        unsure = ~confirmed
    if unsure.any():
        rest = texts.filter(pa.array(unsure)).to_pandas()
        parsed = pd.to_datetime(rest, format=fmt, exact=True, errors="coerce", utc=True)
        read = to_ns(pd.Series(parsed)).to_numpy(dtype="datetime64[ns]")
        lookup[:-1][unsure] = read.view(np.int64)
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    times = lookup[codes].view("datetime64[ns]")
    result: pd.Series = pd.Series(times, index=values.index).dt.tz_localize("UTC")
    return result


# The numeric strptime codes: the digits each takes, and the part of a time it gives.
_NUMBERS = {
    "d": (r"\d{1,2}", "day"),
    "m": (r"\d{1,2}", "month"),
    "y": (r"\d{2}", "year"),
    "Y": (r"\d{4}", "year"),
    "H": (r"\d{1,2}", "hour"),
    "M": (r"\d{1,2}", "minute"),
    "S": (r"\d{1,2}", "second"),
}


def _numbers_pattern(fmt: str) -> str | None:
    """A regular expression of ``fmt`` with a named group per code (``d``, ``m``, ...), or
    None when ``fmt`` has another code or one code twice."""
    parts, seen, i = ["^"], set(), 0
    while i < len(fmt):
        ch = fmt[i]
        if ch != "%":
            parts.append(r"\s+" if ch.isspace() else re.escape(ch))
            i += 1
            continue
        code = fmt[i + 1 : i + 2]
        if code == "%":
            parts.append("%")
        elif code in _NUMBERS and code not in seen:
            seen.add(code)
            parts.append(f"(?P<{code}>{_NUMBERS[code][0]})")
        else:
            return None
        i += 2
    return "".join(parts) + "$" if seen else None


def _arrow_strptime(texts: Any, fmt: str) -> tuple[Any, Any] | None:
    """For each text: whether pyarrow read it as the layout says, and the time it read
    (int64 nanoseconds); None when the layout is not one of numbers only."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    pattern = _numbers_pattern(fmt)
    if pattern is None:
        return None
    try:
        parsed = pc.strptime(texts, format=fmt, unit="ns", error_is_null=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    extracted = pc.extract_regex(texts, pattern)
    # flatten: a text that is not of the pattern has null fields, not empty ones
    fields = dict(zip((f.name for f in extracted.type), extracted.flatten(), strict=True))
    same = pc.and_(pc.is_valid(parsed), pc.is_valid(extracted))
    for code, text in fields.items():
        written = pc.cast(text, pa.int64())
        part = pc.cast(getattr(pc, _NUMBERS[code][1])(parsed), pa.int64())
        if code == "y":  # two digits are 1969 to 2068
            match = pc.or_(
                pc.equal(pc.add(written, 1900), part), pc.equal(pc.add(written, 2000), part)
            )
        else:
            match = pc.equal(written, part)
        same = pc.and_(same, match)
    confirmed = pc.fill_null(same, False).to_numpy(zero_copy_only=False)
    stamps = pc.fill_null(parsed.cast(pa.int64()), 0).to_numpy(zero_copy_only=False)
    return np.asarray(confirmed, dtype=bool), stamps
