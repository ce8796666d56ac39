"""How deep a YAML text may nest, found in one pass over the text, without parsing it.

libyaml's composer recurses on the C stack, once per nested list or mapping, so a document
nested deeply enough crashes the process; ``yamlsource.parse`` must know the depth stays
small before composing. Counting every bracket is cheap but says nothing on a file of many
small flow mappings (``"1": { label: Billing, goto: billing }`` on each of 50,000 lines);
asking the parser for its events is exact but costs as much as composing.

``nesting_bound`` follows the text the way libyaml's scanner does, for the YAML menu files
are written in: block mappings and sequences, plain and quoted scalars (on one line or
several), comments, and flow collections with plain or quoted content. On anything else
(tabs, block scalars ``|`` and ``>``, anchors, aliases, tags, ``?`` keys, directives, a
flow collection used as a key, a quote inside a plain scalar of a flow collection, ...) it
gives up and returns None: the caller then asks the parser. Where it answers, the answer is
never below the depth libyaml reaches before it stops (at the end, or at an error):

- block collections start where a key or a ``-`` entry starts, and each one nested in
  another starts further right, except a sequence written at its parent key's column: at
  most two per column, so ``2 * (rightmost such column + 1)``;
- flow collections nest inside them: twice the deepest bracket nesting, counting only
  brackets that libyaml reads as brackets (not inside quotes, comments or block plain
  scalars): inside ``[ ]``, ``a: b`` is a mapping of one pair, one level more than its
  brackets show (``[a: [b: c]]`` nests four deep).
"""

from __future__ import annotations

import re

# Characters whose handling is not followed here: tabs (blanks to libyaml), line breaks
# other than "\n", and a byte order mark inside the text.
_UNMODELLED = re.compile("[\t\r\x85\u2028\u2029\ufeff]")

# Characters that cannot start a plain scalar (libyaml's list), and those that, starting a
# value, are not followed here.
_NOT_PLAIN = frozenset("-?:,[]{}#&*!|>'\"%@` \n")

# Where a plain scalar on a block line ends: a ':' before a blank, or a comment.
_BLOCK_PLAIN_END = re.compile(r":(?=[ \n])| #")
_QUOTED_KEY = re.compile(r"(?:\"[^\"\\\n]*\"|'(?:[^'\n]|'')*') *:(?=[ \n])")
_DOUBLE = re.compile(r'"(?:[^"\\]|\\[\s\S])*"')
_SINGLE = re.compile(r"'(?:[^']|'')*'")
# After a scalar or a flow collection, the rest of its line: blanks and a comment.
_TAIL = re.compile(r" *(?:#[^\n]*)?\n")
# A block scalar's header without an indentation digit (not followed here), then its line.
_BLOCK_SCALAR = re.compile(r"[|>][-+]? *(?:#[^\n]*)?\n")

# A flow collection on one line with none of these reads every bracket as a bracket: plain
# scalars end at brackets, and nothing else could hide one.
_FLOW_HIDES = re.compile(r"[\"'#&*!|>%@`]")
_BRACKET = re.compile(r"[\[\]{}]")

# A plain scalar inside a flow collection (libyaml 0.2.5's rules): it runs over any
# non-blank character but ",[]{}" and a ":" before a blank or one of ",?[]{}", and on over
# blanks and line breaks unless they lead to a comment or such an indicator.
_FLOW_PLAIN_CHAR = r"(?:[^ \n,\[\]{}:]|:(?=[^ \n,\[\]{}?]))"
_FLOW_TOKEN = re.compile(
    rf"""
    (?P<blank>[ \n]+)
    |(?P<open>[\[{{])
    |(?P<close>[\]}}])
    |(?P<indicator>[,:?])
    |(?P<double>"(?:[^"\\]|\\[\s\S])*")
    |(?P<single>'(?:[^']|'')*')
    |(?P<comment>\#[^\n]*)
    |(?P<plain>
        (?:[^ \n\-?:,\[\]{{}}#&*!|>'"%@`]|-(?=[^ \n]))
        {_FLOW_PLAIN_CHAR}*
        (?:[ \n]+(?=[^ \n,\[\]{{}}:#]|:[^ \n,\[\]{{}}?]){_FLOW_PLAIN_CHAR}+)*
    )
    """,
    re.VERBOSE,
)
_DOCUMENT_MARKER = re.compile(r"\n(?:---|\.\.\.)[ \n]")

# Lines that hide nothing, read many at a time: blank, a comment, or a key (plain or in
# double quotes, after "- " entries) whose value is empty, plain text without quotes,
# brackets, ':' or '#', or a flow collection on the line, at most two deep, with none of
# those either. Such a line continuing a plain scalar has ': ' in it: libyaml stops there.
_KEY = r"(?:[^ \n\-?:,\[\]{}#&*!|>'\"%@`][^\n:#'\"\[\]{}]*|\"[^\"\\\n]*\")"
_VALUE = r"[^ \n\-?:,\[\]{}#&*!|>'\"%@`][^\n:#'\"\[\]{}]*"
_IN_FLOW = r"[^\n\[\]{}\"'#&*!|>%@`]*"
_FLOW_LINE = rf"[\[{{]{_IN_FLOW}(?:[\[{{]{_IN_FLOW}[\]}}]{_IN_FLOW})*[\]}}] *"
_QUIET_LINES = re.compile(
    rf"(?: *(?:- )*{_KEY}:(?: +(?:{_VALUE}|{_FLOW_LINE})| *)\n| *(?:#[^\n\[\]{{}}]*)?\n)+"
)
_PLAIN_VALUE_LINE = re.compile(rf"( *(?:- )*){_KEY}: +{_VALUE}\n")
_TWO_DEEP = re.compile(r"[\[{][^\n\]}]*[\[{]")


def nesting_bound(text: str) -> int | None:
    """An upper bound on how deep the lists and mappings of ``text`` nest, as libyaml would
    read it, or None when the text uses something this scan does not follow."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNMODELLED.search(text):
        return None
    if not text.endswith("\n"):
        text += "\n"
    end = len(text)
    deepest_flow = 0
    rightmost = 0  # the rightmost column where a block collection may start
    quiet_seen = False
    plain_parent: int | None = None  # an open plain scalar continues right of this column
    i = 0
    while i < end:
        if plain_parent is None:
            quiet = _QUIET_LINES.match(text, i)
            if quiet is not None:
                i, plain_parent, depth = _quiet(text, i, quiet.end())
                deepest_flow = max(deepest_flow, depth)
                quiet_seen = True
                continue
        eol = text.index("\n", i)
        col = i
        while text[col] == " ":
            col += 1
        indent = col - i
        char = text[col]
        if char == "\n":  # a blank line, also inside a plain scalar
            i = eol + 1
            continue
        if char == "#":  # a comment ends a plain scalar
            plain_parent = None
            i = eol + 1
            continue
        if plain_parent is not None:
            if indent > plain_parent:  # the plain scalar goes on: text, up to a comment
                cut = text.find(" #", col, eol)
                body = text[col : eol if cut < 0 else cut]
                if ": " in body or body.endswith(":"):
                    return None
                if cut >= 0:
                    plain_parent = None
                i = eol + 1
                continue
            plain_parent = None
        if indent == 0 and text.startswith(("---", "..."), i) and text[i + 3] in " \n":
            if _TAIL.match(text, i + 3) is None:  # "--- value": not followed
                return None
            i = eol + 1
            continue
        entry: int | None = None  # the column of the line's last "- "
        while char == "-" and text[col + 1] in " \n":
            entry = col - i
            col += 1
            while text[col] == " ":
                col += 1
            char = text[col]
        key: int | None = None  # the column of the line's key
        if char in "\"'":
            quoted = _QUOTED_KEY.match(text, col)
            if quoted is not None:
                key = col - i
                col = quoted.end()
        elif char not in _NOT_PLAIN or (char == "-" and text[col + 1] not in " \n"):
            stop = _BLOCK_PLAIN_END.search(text, col, eol + 1)
            if stop is not None and stop.group() == ":":
                key = col - i
                col = stop.end()
        if key is not None:
            while text[col] == " ":
                col += 1
            char = text[col]
        rightmost = max(rightmost, entry or 0, key or 0)
        # the value
        if char == "\n" or char == "#":
            i = eol + 1
            continue
        if char == '"' or char == "'":
            scalar = (_DOUBLE if char == '"' else _SINGLE).match(text, col)
            if scalar is None:
                return None
            tail = _TAIL.match(text, scalar.end())
            if tail is None:
                return None
            i = tail.end()
            continue
        if char == "[" or char == "{":
            flow = _flow(text, col, eol)
            if flow is None:
                return None
            after, depth = flow
            deepest_flow = max(deepest_flow, depth)
            tail = _TAIL.match(text, after)
            if tail is None:
                return None
            i = tail.end()
            continue
        if char == "|" or char == ">":
            header = _BLOCK_SCALAR.match(text, col)
            parent = key if key is not None else entry
            if header is None or parent is None:
                return None
            i = _block_scalar_end(text, header.end(), parent)
            continue
        if char in _NOT_PLAIN and not (char == "-" and text[col + 1] not in " \n"):
            return None
        # a plain scalar value: on to a comment or the end of the line, maybe further
        parent = key if key is not None else entry
        stop = _BLOCK_PLAIN_END.search(text, col, eol + 1)
        if parent is None or (stop is not None and stop.group() == ":"):
            return None
        plain_parent = None if stop is not None else parent
        i = eol + 1
    if quiet_seen:  # a quiet line's key is right of its indentation and "- " entries
        indent = max(_longest(text, "\n", " "), len(text) - len(text.lstrip(" ")))
        rightmost = max(rightmost, indent + 2 * _longest(text, "", "- "))
    return 2 * (rightmost + 1) + deepest_flow


def _longest(text: str, lead: str, unit: str) -> int:
    """The largest n for which ``lead + unit * n`` is in ``text`` (a few substring searches,
    no line by line)."""
    low, high = 0, 1
    while lead + unit * high in text:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if lead + unit * middle in text:
            low = middle
        else:
            high = middle
    return low


def _quiet(text: str, start: int, end: int) -> tuple[int, int | None, int]:
    """After the quiet lines from ``start`` to ``end``: where they end, the column right of
    which the next line continues a plain scalar (if the last line that is not blank ends in
    one), and how deep their flow collections nest."""
    last = end
    while True:
        last = text.rfind("\n", start, last - 1) + 1
        if text[last:end].strip() or last <= start:
            break
    plain = _PLAIN_VALUE_LINE.match(text, last)
    parent = len(plain.group(1)) if plain is not None else None
    if text.find("{", start, end) < 0 and text.find("[", start, end) < 0:
        return end, parent, 0
    return end, parent, 2 if _TWO_DEEP.search(text, start, end) else 1


def _block_scalar_end(text: str, i: int, parent: int) -> int:
    """Where a block scalar whose content starts on the line at ``i`` ends: at the first line
    that is not blank and is indented less than its first line (at least ``parent + 1``)."""
    end = len(text)
    indent: int | None = None
    while i < end:
        col = i
        while text[col] == " ":
            col += 1
        if text[col] != "\n":
            if indent is None:
                indent = max(parent + 1, col - i)
            if col - i < indent:
                break
        i = text.index("\n", col) + 1
    return i


def _flow(text: str, start: int, eol: int) -> tuple[int, int] | None:
    """Where the flow collection opening at ``start`` ends, and how deep it nests."""
    line = text[start:eol]
    if _FLOW_HIDES.search(line) is None:  # the common case: on one line, nothing hidden
        depth = deepest = 0
        for bracket in _BRACKET.finditer(line):
            if bracket.group() in "[{":
                depth += 1
                deepest = max(deepest, depth)
            else:
                depth -= 1
                if depth == 0:
                    return start + bracket.end(), 2 * deepest
    depth = deepest = 0
    at = start
    while True:
        token = _FLOW_TOKEN.match(text, at)
        if token is None:
            return None
        at = token.end()
        kind = token.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
            if depth == 0:
                return at, 2 * deepest
        elif kind == "plain":
            value = token.group()
            if '"' in value or "'" in value:
                return None
        if "\n" in token.group() and _DOCUMENT_MARKER.search(text, token.start(), at + 4):
            return None  # libyaml stops at a document marker; not followed here
        if at >= len(text):
            return None
