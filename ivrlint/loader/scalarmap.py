"""Where each character of a YAML text value is written in the file.

A prompt's value is not its source: a plain or quoted scalar folds its line breaks into
spaces, a double-quoted one decodes escapes (``\\u00e9``, ``\\n``, a ``\\`` that continues the
line), a single-quoted one reads ``''`` as ``'``, block scalars drop their indentation and
fold (``>``) or keep (``|``) their lines. To point at a word inside a prompt, the scalar's
source is read again here, the way the YAML scanner reads it, recording for every character
of the value where its source starts and ends.

This runs only when a rule reports inside a text, never while a file is loaded: the model
keeps only the position of each text and a reference to the file's text (``model.Source``);
the scalar's style is read from its first character, its end from its value. The value
rebuilt here is compared with the parser's; when they differ (a construct this reader does
not follow), or when the text has no source (an importer made it), the caller falls back to
the position of the scalar itself. A position is therefore exact or the scalar's start,
never wrong.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from ivrlint.diagnostics import Pos
from ivrlint.model import Menu, Option, Source

_BREAKS = "\r\n\x85\u2028\u2029"
_BLANKS = " \t"
# What a break reads as: CR LF, CR, LF and NEL are "\n"; LS and PS stay themselves.
_BREAK_VALUE = {"\r": "\n", "\n": "\n", "\x85": "\n", "\u2028": "\u2028", "\u2029": "\u2029"}
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
# Where copying a flow scalar's text as written stops: a break, its quote, an escape.
_STOPS = {
    "": re.compile("[\r\n\x85\u2028\u2029]"),
    "'": re.compile("[\r\n\x85\u2028\u2029']"),
    '"': re.compile('[\r\n\x85\u2028\u2029"\\\\]'),
}


class Spans(NamedTuple):
    """For character ``i`` of the value: its source is ``document[starts[i]:ends[i]]``."""

    starts: Sequence[int]
    ends: Sequence[int]


class _Out:
    """The value being rebuilt, each character with the span of source it comes from."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def text(self, document: str, start: int, end: int) -> None:
        """Characters copied as written."""
        self.chars.append(document[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def char(self, value: str, start: int, end: int) -> None:
        """One character that stands for ``document[start:end]`` (an escape, a fold)."""
        self.chars.append(value)
        self.starts.append(start)
        self.ends.append(end)

    def __len__(self) -> int:
        return len(self.starts)

    def value(self) -> str:
        return "".join(self.chars)


class Text(NamedTuple):
    """A text of the model and where it is written: the file's source and the position of
    the scalar (where the parser puts it: at its quote, ``|``/``>``, anchor or first letter)."""

    value: str
    source: Source
    pos: Pos


def locate(text: Text | None, fallback: Pos, start: int, end: int) -> tuple[Pos, Pos | None]:
    """Where ``text.value[start:end]`` is written: the position of its first character and
    the position just after its last one. ``(fallback, None)`` when that cannot be told
    exactly: no source (an importer's text), or a scalar this reader does not follow."""
    if text is None or not 0 <= start <= end <= len(text.value):
        return fallback, None
    spans = spans_of(text)
    if spans is None:
        return fallback, None
    if start == end:  # nothing to underline: a point before the character at ``start``
        if start < len(text.value):
            at = spans.starts[start]
        elif text.value:
            at = spans.ends[-1]
        else:
            return fallback, None
        point = position(text.source.text, at)
        return point, point
    document = text.source.text
    return position(document, spans.starts[start]), position(document, spans.ends[end - 1])


def position(document: str, index: int) -> Pos:
    """The line and column of ``document[index]``, counted as the YAML parser counts them:
    CR LF is one break; NEL, LS and PS are breaks."""
    starts = _line_starts(document)
    line = bisect_right(starts, index)
    return Pos(line, index - starts[line - 1] + 1)


def end_of(text: Text) -> Pos | None:
    """Where the last character of ``text`` ends, or None when it cannot be told."""
    spans = spans_of(text)
    if spans is None or not spans.ends:
        return None
    return position(text.source.text, spans.ends[-1])


@lru_cache(maxsize=4)
def _line_starts(document: str) -> list[int]:
    """Where each line of ``document`` starts (read once per file, when a text is located)."""
    if any(c in document for c in "\r\x85\u2028\u2029"):
        return [0, *(found.end() for found in _LINE_BREAK.finditer(document))]
    return [0, *accumulate(len(line) + 1 for line in document.split("\n")[:-1])]


def _index(document: str, pos: Pos) -> int | None:
    starts = _line_starts(document)
    if not 1 <= pos.line <= len(starts):
        return None
    return starts[pos.line - 1] + pos.column - 1


@lru_cache(maxsize=64)  # a text with several findings is mapped once; keeps few files alive
def spans_of(text: Text) -> Spans | None:
    """The source span of every character of ``text.value``; None when the source read
    again does not give the parser's value."""
    document = text.source.text
    start = _index(document, text.pos)
    if start is None:
        return None
    try:
        out = _read(document, start, text.value)
    except IndexError:  # a scalar cut short: not one this reader follows
        return None
    if out is None:
        return None
    if isinstance(out, _Out):
        if out.value() != text.value:
            return None
        out = Spans(tuple(out.starts), tuple(out.ends))
    if text.source.joined and "\\U" in document[start : out.ends[-1] if out.ends else start]:
        return None  # escaped UTF-16 pairs were joined in it: columns are not the file's
    return out


def _read(document: str, start: int, value: str) -> _Out | Spans | None:
    start = _after_properties(document, start)
    style = document[start] if start < len(document) else ""
    style = style if style in ("'", '"', "|", ">") else ""  # anything else starts plain text
    # Most texts are written on one line with nothing to decode: each character of the
    # value is the character written at the same offset.
    at = start + 1 if style in ("'", '"') else start
    if style not in ("|", ">") and document.startswith(value, at) and _verbatim(value, style):
        return Spans(range(at, at + len(value)), range(at + 1, at + len(value) + 1))
    if style in ("|", ">"):
        return _block(document, start, value, folded=style == ">")
    if style in ("'", '"'):
        return _flow(document, start + 1, style, len(value))
    return _flow(document, start, "", len(value))


def _verbatim(value: str, style: str) -> bool:
    """Whether ``value`` written as it is in a scalar of ``style`` reads as itself: no line
    break (a fold), no quote to double, no backslash to decode."""
    stop = _STOPS.get(style)
    return stop is not None and stop.search(value) is None


def _after_properties(document: str, start: int) -> int:
    """Where the scalar itself starts: after an anchor (``&name``) or a tag (``!!str``),
    where the parser's position of it points."""
    end = len(document)
    while start < end and document[start] in "&!":
        while start < end and document[start] not in _BLANKS and document[start] not in _BREAKS:
            start += 1
        while start < end and (document[start] in _BLANKS or document[start] in _BREAKS):
            start += 1
    return start


def _flow(document: str, start: int, quote: str, length: int) -> _Out:
    """A plain (``quote`` empty), single- or double-quoted scalar from ``start`` (inside the
    quotes). A quoted one ends at its closing quote; a plain one where its value of
    ``length`` characters is complete (it never ends with a blank)."""
    out = _Out()
    end = len(document)
    stop_at = _STOPS[quote]
    i = start
    while i < end:
        if not quote and len(out) >= length:
            return out
        char = document[i]
        if char in _BREAKS:
            i = _fold(document, i, end, out)
        elif char == quote:
            if quote == "'" and document.startswith("''", i):
                out.char("'", i, i + 2)  # '' is one quote
                i += 2
            else:
                return out  # the closing quote
        elif quote == '"' and char == "\\":
            i = _escape(document, i, end, out)
        else:  # text up to the next break, quote or escape, as written
            found = stop_at.search(document, i)
            j = found.start() if found else end
            if not quote:
                j = min(j, i + length - len(out))
            if j < end and document[j] in _BREAKS:  # blanks before a line break are dropped
                k = j
                while k > i and document[k - 1] in _BLANKS:
                    k -= 1
                out.text(document, i, k)
            else:
                out.text(document, i, j)
            i = j
    if quote:
        raise IndexError("no closing quote")
    return out


def _break_at(document: str, i: int) -> int:
    """Where the line break at ``i`` ends (CR LF is one break)."""
    return i + 2 if document.startswith("\r\n", i) else i + 1


def _fold(document: str, i: int, end: int, out: _Out) -> int:
    """A line break inside a flow or plain scalar and the blank lines after it: one break
    alone reads as a space; each blank line after the first break as a line feed. The blanks
    starting the next line are dropped."""
    return _skip_breaks(document, _break_at(document, i), end, out, _first_break(document, i))


def _first_break(document: str, i: int) -> tuple[str, int, int]:
    return _BREAK_VALUE[document[i]], i, _break_at(document, i)


def _skip_breaks(
    document: str, i: int, end: int, out: _Out, before: tuple[str, int, int] | None
) -> int:
    """Blank lines from ``i`` on, each read as a line break; ``before`` is the break that
    ended the text line (None after an escaped break, which reads as nothing)."""
    breaks: list[tuple[str, int, int]] = []
    while True:
        while i < end and document[i] in _BLANKS:
            i += 1
        if i < end and document[i] in _BREAKS:
            after = _break_at(document, i)
            breaks.append((_BREAK_VALUE[document[i]], i, after))
            i = after
        else:
            break
    if before is not None:
        value, at, after = before
        if value != "\n":
            out.char(value, at, after)
        elif not breaks:
            out.char(" ", at, after)
    for value, at, after in breaks:
        out.char(value, at, after)
    return i


def _escape(document: str, i: int, end: int, out: _Out) -> int:
    """A backslash escape of a double-quoted scalar at ``i``."""
    code = document[i + 1]
    if code in _ESCAPES:
        out.char(_ESCAPES[code], i, i + 2)
        return i + 2
    if code in _HEX_ESCAPES:
        width = _HEX_ESCAPES[code]
        digits = document[i + 2 : i + 2 + width]
        out.char(chr(int(digits, 16)), i, i + 2 + width)
        return i + 2 + width
    if code in _BREAKS:  # an escaped line break joins the lines with nothing between them
        return _skip_breaks(document, _break_at(document, i + 1), end, out, before=None)
    raise IndexError(f"unknown escape {code!r}")


def _block(document: str, start: int, value: str, *, folded: bool) -> _Out | None:
    """A literal (``|``) or folded (``>``) block scalar whose indicator is at ``start``."""
    header = start + 1
    chomping: bool | None = None  # None: clip, False: strip, True: keep
    increment = 0
    for _ in range(2):
        char = document[header] if header < len(document) else ""
        if char in ("+", "-"):
            chomping = char == "+"
            header += 1
        elif char.isdigit() and char != "0":
            increment = int(char)
            header += 1
    body = _line_after(document, header)
    if body is None:
        return None
    if not increment:
        return _block_lines(document, body, _auto_indent(document, body), folded, chomping)
    # An explicit indentation counts from the enclosing block's, which the scanner knew and
    # this reader does not (it is left of the indicator): the one that gives the parser's
    # value is it.
    for indent in range(increment, increment + _column(document, start) + 1):
        out = _block_lines(document, body, indent, folded, chomping)
        if out.value() == value:
            return out
    return None


def _line_after(document: str, i: int) -> int | None:
    """The start of the line after a block scalar's header (which may end in a comment)."""
    n = len(document)
    while i < n and document[i] not in _BREAKS:
        i += 1
    return _break_at(document, i) if i < n else None


def _auto_indent(document: str, i: int) -> int:
    """The indentation of the first line with text, as the scanner finds it: the most
    spaces any line has up to and including that one."""
    most = 0
    column = 0
    n = len(document)
    while i < n and document[i] in " " + _BREAKS:
        if document[i] == " ":
            column += 1
            most = max(most, column)
            i += 1
        else:
            column = 0
            i = _break_at(document, i)
    return max(most, 1)


def _block_lines(document: str, i: int, indent: int, folded: bool, chomping: bool | None) -> _Out:
    """The lines of a block scalar from ``i`` (the first line after the header), as the
    scanner reads them: lines at ``indent`` are text, blank lines are breaks; ``>`` folds a
    break between two lines that start with text into a space."""
    out = _Out()
    n = len(document)
    i, column, breaks = _block_breaks(document, i, indent)
    line_break: tuple[str, int, int] | None = None
    while i < n and column == indent:
        for value, at, after in breaks:
            out.char(value, at, after)
        leading_text = document[i] not in _BLANKS
        j = i
        while j < n and document[j] not in _BREAKS:
            j += 1
        out.text(document, i, j)
        if j >= n:  # the file ends on this line
            line_break, breaks = None, []
            break
        line_break = _first_break(document, j)
        i, column, breaks = _block_breaks(document, line_break[2], indent)
        if not (i < n and column == indent):
            break
        value, at, after = line_break
        if folded and value == "\n" and leading_text and document[i] not in _BLANKS:
            if not breaks:
                out.char(" ", at, after)
        else:
            out.char(value, at, after)
    if chomping is not False and line_break is not None:
        out.char(*line_break)
    if chomping is True:
        for value, at, after in breaks:
            out.char(value, at, after)
    return out


def _block_breaks(
    document: str, i: int, indent: int
) -> tuple[int, int, list[tuple[str, int, int]]]:
    """Blank lines of a block scalar from ``i`` (a line's start), and where the next line's
    text starts (after at most ``indent`` spaces) with its column."""
    n = len(document)
    breaks: list[tuple[str, int, int]] = []
    line_start = i
    while i < n and i - line_start < indent and document[i] == " ":
        i += 1
    while i < n and document[i] in _BREAKS:
        after = _break_at(document, i)
        breaks.append((_BREAK_VALUE[document[i]], i, after))
        i = line_start = after
        while i < n and i - line_start < indent and document[i] == " ":
            i += 1
    return i, i - line_start, breaks


def text_of(value: str | None, source: Source | None, pos: Pos | None) -> Text | None:
    """A text of the model with where it is written; None without a source (an importer's)."""
    if value is None or source is None or pos is None:
        return None
    return Text(value, source, pos)


def prompt_text(menu: Menu) -> Text | None:
    return text_of(menu.prompt, menu.source, menu.prompt_pos)


def label_text(option: Option) -> Text | None:
    return text_of(option.label, option.source, option.label_pos)


def say_first_text(option: Option) -> Text | None:
    return text_of(option.say_first, option.source, option.say_first_pos)


def in_prompt(menu: Menu, start: int, end: int) -> tuple[Pos, Pos | None]:
    """Where ``menu.prompt[start:end]`` is written; the prompt's (or menu's) position and no
    end when that cannot be told."""
    return locate(prompt_text(menu), menu.prompt_pos or menu.pos, start, end)


def in_label(option: Option, start: int, end: int) -> tuple[Pos, Pos | None]:
    """Where ``option.label[start:end]`` is written (else the label's or option's position)."""
    return locate(label_text(option), option.label_pos or option.pos, start, end)


def in_say_first(option: Option, start: int, end: int) -> tuple[Pos, Pos | None]:
    """Where ``option.say_first[start:end]`` is written (else the option's position)."""
    return locate(say_first_text(option), option.pos, start, end)


def whole_label(option: Option) -> tuple[Pos, Pos | None]:
    """Where the whole label is written: its text, inside its quotes and without the blanks
    around it."""
    text = option.label or ""
    start = len(text) - len(text.lstrip())
    return in_label(option, start, max(start, len(text.rstrip())))


def _column(document: str, i: int) -> int:
    """The 0-based column of ``i``: characters since the line's start."""
    return i - max(document.rfind(b, 0, i) for b in _BREAKS) - 1
