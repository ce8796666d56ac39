"""The canonical event log: one row per time a call arrived somewhere.

Every reader turns its platform's format into a *raw* table whose columns carry the
canonical names (``call_id``, ``timestamp``, ``node``, ...) as text or already-parsed values,
plus the source line of each row. :func:`canonicalise` then checks and types it in one
vectorised pass: required values present, timestamps parsed (ISO 8601 with or without a
zone, RFC 2822, epoch seconds or milliseconds), ``kind`` and ``event`` from their fixed
vocabularies. A row that fails is a :class:`BadRow` naming its file and line, never dropped
silently.

The typed table uses categoricals for every name (their integer codes are what the chain
builder sorts and shifts) and ``datetime64[ns, UTC]`` for times.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ivrlint.calls.timeformat import TimeFormatGuess

KINDS = ("ivr", "queue", "agent", "team", "self-service", "external", "voicemail")
# Automated places: moves into, between and out of them are routing, never transfers.
AUTOMATED_KINDS = frozenset({"ivr", "self-service"})
EVENTS = ("enter", "answer", "transfer", "abandon", "hangup", "resolve")
REQUIRED = ("call_id", "timestamp", "node")
OPTIONAL = ("kind", "event", "agent", "end", "duration", "key")
COLUMNS = REQUIRED + OPTIONAL
# Spellings of the canonical vocabulary that platforms and people use.
KIND_ALIASES = {
    "menu": "ivr",
    "self_service": "self-service",
    "selfservice": "self-service",
    "bot": "self-service",
    "number": "external",
    "team": "team",
    "acd": "queue",
    "user": "agent",
}
EVENT_ALIASES = {
    "arrive": "enter",
    "arrival": "enter",
    "connect": "answer",
    "answered": "answer",
    "abandoned": "abandon",
    "hangup": "hangup",
    "hang-up": "hangup",
    "end": "hangup",
    "resolved": "resolve",
    "transferred": "transfer",
}
EPOCH_MS_ABOVE = 1e11  # an epoch number this large is milliseconds (year 5138 in seconds)
MAX_KEPT_BAD_ROWS = 1000
UNREADABLE_SAMPLES = 200  # distinct unreadable timestamps kept to suggest --time-format


class ReadError(Exception):
    """The input cannot be read as a call log; the message names the file and what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class BadRow:
    path: str
    line: int | None  # 1-based line, or record number when ``unit`` is "record"
    reason: str
    unit: str = "line"  # "line" for text formats; "record" for JSON arrays and Parquet

    def where(self) -> str:
        if self.line is None:
            return self.path
        if self.unit == "line":
            return f"{self.path}:{self.line}"
        return f"{self.path}: {self.unit} {self.line}"


@dataclass(frozen=True)
class FileSummary:
    path: str
    format: str
    detected: bool  # the format was detected, not named with --input-format
    rows: int  # rows (lines, records) read from the file
    used: int  # canonical events taken from them
    skipped: int  # malformed rows reported and skipped
    ignored: int  # rows that are not call events (e.g. queue_log QUEUESTART), by design
    notes: tuple[str, ...] = ()
    # a --time-format that reads the timestamps that could not be read, when some could not
    time_format_guess: TimeFormatGuess | None = None


@dataclass(frozen=True)
class ReadSummary:
    files: tuple[FileSummary, ...]
    bad_rows: tuple[BadRow, ...]  # the first MAX_KEPT_BAD_ROWS, in file order
    skipped_by_reason: tuple[tuple[str, int], ...]  # every skipped row, counted by reason
    ignored_by_reason: tuple[tuple[str, int], ...]

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def used(self) -> int:
        return sum(f.used for f in self.files)

    @property
    def skipped(self) -> int:
        return sum(f.skipped for f in self.files)

    @property
    def ignored(self) -> int:
        return sum(f.ignored for f in self.files)


@dataclass(frozen=True)
class EventLog:
    """The typed canonical table and how it was read.

    ``frame`` columns: ``call_id``, ``node``, ``kind``, ``event``, ``agent``, ``key``
    (categoricals), ``timestamp`` and ``end`` (``datetime64[ns, UTC]``). Row order is file
    order, files in the order given; optional columns the input lacks are all missing. The
    order of categories means nothing (CSV gives them in order of first appearance); sort
    names where order matters.
    """

    frame: pd.DataFrame
    summary: ReadSummary

    def has(self, column: str) -> bool:
        return bool(self.frame[column].notna().any())


@dataclass
class RawTable:
    """What a reader produces for one file, before :func:`canonicalise`."""

    frame: pd.DataFrame  # canonical column names; text or parsed values
    # source line (or record number) per row; 0 where unknown. A range when rows follow
    # lines one to one (no array of millions of numbers for a file without bad rows)
    lines: np.ndarray[Any, Any] | range
    rows: int  # rows read from the file, including those already rejected
    bad: list[BadRow] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    unit: str = "line"


def to_ns(stamps: pd.Series) -> pd.Series:
    """UTC times in nanoseconds, NaT for those nanoseconds cannot hold (before 1677 or
    after 2262): a year-9999 placeholder is one malformed row, not a crash."""
    import pandas as pd

    target: Any = "datetime64[ns, UTC]"
    if stamps.dtype == target:
        return stamps
    if not isinstance(stamps.dtype, pd.DatetimeTZDtype):
        stamps = stamps.dt.tz_localize("UTC")
    low, high = pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")
    inside = stamps.isna() | ((stamps >= low) & (stamps <= high))
    if not inside.all():
        stamps = stamps.where(inside)
    converted: pd.Series = stamps.dt.tz_convert("UTC").astype(target)
    return converted


def parse_times(values: pd.Series, time_format: str | None = None) -> pd.Series:
    """Times as ``datetime64[ns, UTC]``; NaT where a value cannot be read.

    ISO 8601 with a zone is converted to UTC; without a zone it is taken as UTC (the log's
    own clock: only order and differences matter). Numbers are epoch seconds, or
    milliseconds when above 1e11. RFC 2822 (``Tue, 31 Aug 2010 20:36:28 +0000``, Twilio)
    is read too. With ``time_format`` (strptime codes), text is read with that layout
    alone (:func:`ivrlint.calls.timeformat.parse_with_format`).
    """
    import pandas as pd

    target: Any = "datetime64[ns, UTC]"
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return to_ns(values)
    if time_format is not None:
        from ivrlint.calls.timeformat import parse_with_format

        return parse_with_format(values, time_format)
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values):
        return _epoch(values.astype("float64"))
    fast = arrow_times(values)
    if fast is not None:
        return pd.Series(fast.to_pandas(), index=values.index).astype(target)
    text = values.astype("string").str.strip()
    result: pd.Series = pd.Series(pd.NaT, index=values.index, dtype=target)
    present = text.notna() & (text != "")
    first = text[present].head(1)
    numeric_first = len(first) > 0 and _looks_numeric(str(first.iloc[0]))
    order = ("epoch", "iso", "rfc") if numeric_first else ("iso", "epoch", "rfc")
    todo = present
    for method in order:
        if not todo.any():
            break
        part = text[todo]
        if method == "iso":
            parsed = pd.to_datetime(part, format="ISO8601", utc=True, errors="coerce")
        elif method == "epoch":
            parsed = _epoch(pd.to_numeric(part, errors="coerce"))
        else:
            parsed = pd.to_datetime(
                part, format="%a, %d %b %Y %H:%M:%S %z", utc=True, errors="coerce"
            )
        result[todo] = to_ns(parsed)
        todo = todo & result.isna()
    return result


def arrow_times(values: Any) -> Any:
    """The fast path for a column of ISO 8601 text all with a zone, or all without one:
    pyarrow's own parser (a pyarrow array of timestamp[ns, UTC]), or None when some value
    needs the slower, value-by-value readers (mixed zones, epochs, RFC 2822, bad values)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        array = (
            values
            if isinstance(values, pa.ChunkedArray | pa.Array)
            else pa.array(values, type=pa.string(), from_pandas=True)
        )
        if array.type != pa.string() and array.type != pa.large_string():
            return None
        if array.null_count == len(array):
            return None
        first = pc.drop_null(array)[0].as_py().strip()
        if not first or first[0] not in "0123456789" or _looks_numeric(first):
            return None
        try:
            return pc.cast(array, pa.timestamp("ns", tz="UTC"))
        except pa.ArrowInvalid:
            return pc.assume_timezone(pc.cast(array, pa.timestamp("ns")), "UTC")
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError):
        return None


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _epoch(numbers: pd.Series) -> pd.Series:
    import numpy as np
    import pandas as pd

    seconds = numbers.astype("float64")
    seconds = seconds.where(seconds.abs() < EPOCH_MS_ABOVE, seconds / 1000.0)
    ns = seconds * 1e9
    ok = ns.notna() & np.isfinite(ns) & (ns.abs() < 9.2e18)
    result = pd.Series(pd.NaT, index=numbers.index, dtype="datetime64[ns, UTC]")
    if ok.any():
        result[ok] = pd.to_datetime(ns[ok].round().astype("int64"), unit="ns", utc=True)
    return result


def _vocabulary(
    values: pd.Series, allowed: tuple[str, ...], aliases: dict[str, str]
) -> tuple[pd.Series, pd.Series]:
    """``values`` normalised to ``allowed`` (case-insensitive, with aliases) as a categorical,
    and a mask of present values outside the vocabulary. Works on the distinct values only."""
    import numpy as np
    import pandas as pd

    cat = values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype("category")
    names = [str(c).strip().lower() for c in cat.cat.categories]
    position = {name: i for i, name in enumerate(allowed)}
    # per category: its code in ``allowed``, -1 for blank, -2 for unknown
    lookup = np.array(
        [position.get(aliases.get(n, n), -1 if n == "" else -2) for n in names] + [-1],
        dtype=np.int8,  # a handful of words: small codes, small arrays
    )
    mapped = lookup[cat.cat.codes.to_numpy()]  # code -1 (missing) reads the trailing -1
    unknown = pd.Series(mapped == -2, index=values.index)
    codes = np.where(mapped < 0, -1, mapped)
    typed = pd.Series(
        pd.Categorical.from_codes(codes, categories=pd.Index(list(allowed))), index=values.index
    )
    return typed, unknown


def _category(values: pd.Series) -> pd.Series:
    import pandas as pd

    if isinstance(values.dtype, pd.CategoricalDtype):
        cats = values.cat.categories.astype("string")
        stripped = cats.str.strip()
        if not cats.equals(stripped) or values.cat.categories.dtype == object:
            if stripped.has_duplicates:  # " a" and "a" are one name
                return _category(values.astype("string").str.strip())
            values = values.cat.rename_categories(list(stripped))
        # categories are unique by construction: only a blank one needs the slow path
        if (values.cat.categories == "").any():
            text = values.astype("string")
            return text.where(text != "").astype("category")
        return drop_unused(values)
    # factorise first, then clean the (few, or at worst as many) distinct values
    return _category(values.astype("string").astype("category"))


def drop_unused(values: pd.Series) -> pd.Series:
    """A categorical without the categories no row uses, the others kept in their order
    (what ``cat.remove_unused_categories`` does, with a count instead of a sort)."""
    import numpy as np
    import pandas as pd

    cats = values.cat.categories
    codes = values.cat.codes.to_numpy()
    present = codes[codes >= 0] if len(codes) and codes.min() < 0 else codes
    used = np.bincount(present, minlength=len(cats)) > 0
    if used.all():
        return values
    lookup = np.append(np.cumsum(used) - 1, -1)  # code -1 (missing) reads the trailing -1
    kept = unique_categories(cats[used])
    return pd.Series(pd.Categorical.from_codes(lookup[codes], dtype=kept), index=values.index)


def arrow_names(column: Any) -> pd.Series:
    """A pyarrow column of text as a categorical whose categories are in order of first
    appearance, encoded by pyarrow without making a Python object per row.

    Only the first row of each run of equal values is hashed when the runs are long, as
    they are in logs grouped by call: a million distinct call ids over five million rows
    cost a million lookups, not five million."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(column)
    starts = np.ones(n, dtype=bool)
    if n > 1:
        differs = pc.fill_null(pc.not_equal(column.slice(1), column.slice(0, n - 1)), True)
        starts[1:] = differs.to_numpy(zero_copy_only=False)
    heads = np.flatnonzero(starts)
    if len(heads) <= n // 2:
        run_codes, dictionary = _encode(column.take(pa.array(heads)).combine_chunks())
        codes = np.repeat(run_codes, np.diff(np.append(heads, n)))
    else:
        whole = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        codes, dictionary = _encode(whole)
    categories = pd.Index(dictionary.to_pandas())
    typed = pd.Categorical.from_codes(codes, dtype=unique_categories(categories))
    return pd.Series(typed)


def _encode(array: Any) -> tuple[np.ndarray[Any, Any], Any]:
    """Codes (-1 for null) and the dictionary of a pyarrow text array, in order of first
    appearance, as ``pc.dictionary_encode`` gives them. Ids of one width whose varying
    bytes fit in 8 (``C00123456``, numeric ids of one length, short SIDs) are hashed as
    integers, about three times cheaper than hashing text, and their dictionary is
    rebuilt from the distinct integers."""
    import pyarrow as pa
    import pyarrow.compute as pc

    packed = _packed_ids(array)
    if packed is None:
        encoded = pc.dictionary_encode(array)
        return pc.fill_null(encoded.indices, -1).to_numpy(), encoded.dictionary
    import numpy as np

    key, first_row, varying = packed
    encoded = pc.dictionary_encode(pa.array(key))
    distinct = encoded.dictionary.to_numpy()
    del key
    width = len(first_row)
    rows = np.tile(first_row, (len(distinct), 1))
    for shift, position in enumerate(reversed(varying)):
        rows[:, position] = (distinct >> (8 * shift)) & 0xFF
    offsets = np.arange(len(distinct) + 1, dtype=np.int32) * width
    dictionary = pa.StringArray.from_buffers(
        len(distinct), pa.py_buffer(offsets), pa.py_buffer(rows.tobytes())
    )
    return encoded.indices.to_numpy(), dictionary


def _packed_ids(
    array: Any,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], list[int]] | None:
    """Each text of ``array`` as one int64 of its varying bytes, when all have the same
    length and differ in at most 8 byte positions (equal texts, equal numbers; different
    texts, different numbers), with the first text's bytes and the varying positions; else
    None."""
    import numpy as np
    import pyarrow as pa

    n = len(array)
    if n == 0 or array.null_count or array.type != pa.string():
        return None
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset : array.offset + n + 1]
    width = int(offsets[1] - offsets[0])
    if width == 0 or int(offsets[-1] - offsets[0]) != width * n:
        return None
    if not bool(np.all(np.diff(offsets) == width)):
        return None
    data = np.frombuffer(array.buffers()[2], dtype=np.uint8)
    rows = data[offsets[0] : offsets[-1]].reshape(n, width)
    varying: list[int] = []
    for position in range(width):
        column = rows[:, position]  # a varying position mostly shows in the first rows
        if bool((column[:4096] != column[0]).any()) or column.min() != column.max():
            varying.append(position)
            if len(varying) > 8:
                return None
    key = np.zeros(n, dtype=np.int64)
    for position in varying:
        key <<= 8
        key |= rows[:, position]
    return key, rows[0].copy(), varying


def unique_categories(categories: pd.Index) -> pd.CategoricalDtype:
    """The categorical type of values known to be distinct (a dictionary's), without
    checking them again: pandas' check turns every value into a Python string."""
    import pandas as pd

    fast = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    if fast is not None:
        try:
            dtype = fast(categories, False)
            if isinstance(dtype, pd.CategoricalDtype):
                return dtype
        except TypeError:
            pass
    return pd.CategoricalDtype(categories)


def canonicalise(
    raw: RawTable, path: str, time_format: str | None = None
) -> tuple[pd.DataFrame, list[BadRow], Counter[str], tuple[str, ...]]:
    """Check and type one reader's table. Returns the typed rows, the rejected rows (with
    line and reason), the count of rejected rows by reason, and the first distinct
    timestamps that could not be read (at most ``UNREADABLE_SAMPLES``, to suggest a
    ``--time-format``)."""
    import numpy as np
    import pandas as pd

    frame = raw.frame
    n = len(frame)
    bad_mask = np.zeros(n, dtype=bool)
    reasons = np.zeros(0, dtype=object)  # the reason per row, made at the first rejection

    def reject(mask: pd.Series | np.ndarray[Any, Any], reason: str | pd.Series) -> None:
        nonlocal reasons
        m = np.asarray(mask, dtype=bool) & ~bad_mask
        if not m.any():
            return
        if len(reasons) < n:
            reasons = np.full(n, "", dtype=object)
        if isinstance(reason, str):
            reasons[m] = reason
        else:
            reasons[m] = np.asarray(reason.astype("object"))[m]
        bad_mask[m] = True

    out: dict[str, pd.Series] = {}
    for column in ("call_id", "node"):
        if column not in frame:
            raise ReadError(
                f"{path}: no '{column}' column",
                f"name the column holding it with --map {column}=YOUR_COLUMN",
            )
        out[column] = _category(frame[column])
        reject(out[column].isna(), f"missing {column}")
    if "timestamp" not in frame:
        raise ReadError(
            f"{path}: no 'timestamp' column",
            "name the column holding it with --map timestamp=YOUR_COLUMN",
        )
    stamps = parse_times(frame["timestamp"], time_format)
    blank = stamps.isna()
    if blank.any():
        blank = blank & _blank(frame["timestamp"])
    reject(blank, "missing timestamp")
    unreadable = stamps.isna() & ~blank
    samples: tuple[str, ...] = ()
    if unreadable.any():
        shown = frame["timestamp"].astype("string").str.slice(0, 40)
        reject(unreadable, "timestamp '" + shown + "' " + _unreadable(time_format))
        samples = _first_distinct(frame["timestamp"][unreadable])
    out["timestamp"] = stamps
    for column, allowed, aliases in (
        ("kind", KINDS, KIND_ALIASES),
        ("event", EVENTS, EVENT_ALIASES),
    ):
        if column in frame:
            vocab, unknown = _vocabulary(frame[column], allowed, aliases)
            if unknown.any():
                shown = frame[column].astype("string").str.slice(0, 40)
                reject(
                    unknown,
                    f"unknown {column} '" + shown + f"' (expected {', '.join(allowed)})",
                )
            out[column] = vocab
        else:
            out[column] = _missing(n, pd.Index(list(allowed)))
    for column in ("agent", "key"):
        out[column] = (
            _category(frame[column])
            if column in frame
            else _missing(n, pd.Index([], dtype="string"))
        )
    end = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]")
    if "end" in frame:
        end = parse_times(frame["end"], time_format)
        unreadable = end.isna() & ~_blank(frame["end"])
        if time_format is None:
            reject(unreadable, "end time is not readable")
        elif unreadable.any():
            shown = frame["end"].astype("string").str.slice(0, 40)
            reject(unreadable, "end time '" + shown + "' " + _unreadable(time_format))
    if "duration" in frame:
        seconds = pd.to_numeric(frame["duration"], errors="coerce")
        reject(seconds.isna() & ~_blank(frame["duration"]), "duration is not a number of seconds")
        from_duration = stamps + pd.to_timedelta(seconds, unit="s")
        end = end.where(end.notna(), from_duration)
    out["end"] = end
    typed = pd.DataFrame({c: out[c].reset_index(drop=True) for c in _ORDER}, copy=False)
    if not bad_mask.any():
        return typed, [], Counter(), samples
    keep = ~bad_mask
    bad = [
        BadRow(path, int(line) if line > 0 else None, str(reason), raw.unit)
        for line, reason in zip(
            np.asarray(raw.lines)[bad_mask][:MAX_KEPT_BAD_ROWS],
            reasons[bad_mask][:MAX_KEPT_BAD_ROWS],
            strict=True,
        )
    ]
    counts: Counter[str] = Counter(_reason_family(str(r)) for r in reasons[bad_mask])
    typed = pd.DataFrame(typed[keep].reset_index(drop=True))
    for column in ("call_id", "node", "agent", "key"):
        typed[column] = drop_unused(typed[column])
    return typed, bad, counts, samples


def _unreadable(time_format: str | None) -> str:
    if time_format is not None:
        return f"does not match --time-format '{time_format}'"
    return "is not ISO 8601, RFC 2822 or epoch seconds"


def _first_distinct(values: pd.Series) -> tuple[str, ...]:
    """The first ``UNREADABLE_SAMPLES`` distinct texts of ``values``, in order."""
    text = values.head(UNREADABLE_SAMPLES * 20).astype("string").str.strip()
    return tuple(str(v) for v in text.drop_duplicates().head(UNREADABLE_SAMPLES))


def _missing(n: int, categories: pd.Index) -> pd.Series:
    """A categorical column of ``n`` missing values (a column the input lacks)."""
    import numpy as np
    import pandas as pd

    codes = np.full(n, -1, dtype=np.int8)
    return pd.Series(pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories)))


_ORDER = ("call_id", "timestamp", "node", "kind", "event", "agent", "key", "end")


def _blank(values: pd.Series) -> pd.Series:
    import pandas as pd

    if isinstance(values.dtype, pd.DatetimeTZDtype) or values.dtype.kind in "iufMm":
        return values.isna()
    text = values.astype("string").str.strip()
    return text.isna() | (text == "")


def _reason_family(reason: str) -> str:
    """A reason without the quoted value, for counting: "timestamp unreadable"."""
    if "'" in reason:
        head = reason.split("'", 1)[0].strip()
        return f"{head} unreadable" if head in ("timestamp", "end time") else f"{head} value"
    return reason


def empty_frame() -> pd.DataFrame:
    import pandas as pd

    cats = pd.Index([], dtype="string")
    frame = {
        "call_id": pd.Categorical([], categories=cats),
        "timestamp": pd.Series([], dtype="datetime64[ns, UTC]"),
        "node": pd.Categorical([], categories=cats),
        "kind": pd.Categorical([], categories=KINDS),
        "event": pd.Categorical([], categories=EVENTS),
        "agent": pd.Categorical([], categories=cats),
        "key": pd.Categorical([], categories=cats),
        "end": pd.Series([], dtype="datetime64[ns, UTC]"),
    }
    return pd.DataFrame(frame)


def concat_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Stack typed tables keeping categoricals (their categories are unioned)."""
    import pandas as pd
    from pandas.api.types import union_categoricals

    frames = [f for f in frames if len(f)] or [empty_frame()]
    if len(frames) == 1:
        return frames[0]
    columns: dict[str, Any] = {}
    for column in _ORDER:
        parts = [f[column] for f in frames]
        if isinstance(parts[0].dtype, pd.CategoricalDtype):
            columns[column] = union_categoricals(parts, ignore_order=True)
        else:
            columns[column] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(columns)
