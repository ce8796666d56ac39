"""Suppression comments in menu files, and the suppressions that suppress nothing (IVR003).

``# ivrlint: disable=IVR301,label.vague`` silences those rules on the line it ends, or, on a
line of its own, on the next line that holds something. A diagnostic about an option counts
as being on the option's key line, and one about a whole menu as on the menu's id line, so a
comment there covers what the rule says about that option or menu; one about words inside a
text is also on the line where the text starts (``prompt: >-  # ivrlint: disable=...``).
``# ivrlint: disable-file=IVR111`` anywhere silences a rule in the whole file. See
docs/configuration.md.

Comments are read from the file's text, line by line, not from the YAML parser: PyYAML drops
comments, and this way a file that does not parse can still carry them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ivrlint.diagnostics import Diagnostic, Finding, Pos
from ivrlint.engine import DIRECTIVE_MARK, UNUSED
from ivrlint.model import Menu, MenuFile
from ivrlint.rules import CATALOGUE, ENTRY_BY_CODE

DISABLE = "disable"
DISABLE_FILE = "disable-file"
_KINDS = (DISABLE, DISABLE_FILE)

# Cheap test on the whole text first: most files have no directive at all.
_DIRECTIVE = re.compile(r"#[ \t]*ivrlint[ \t]*:[ \t]*(?P<kind>[\w-]*)[ \t]*(?P<rest>.*)$")
_SELECTOR = r"[A-Za-z0-9_.-]+"
_LIST = re.compile(rf"=[ \t]*(?P<list>{_SELECTOR}(?:[ \t]*,[ \t]*{_SELECTOR})*)[ \t]*(?P<tail>.*)$")


@dataclass(frozen=True)
class Directive:
    """One rule selector of one suppression comment."""

    kind: str  # DISABLE or DISABLE_FILE
    selector: str
    pos: Pos  # where the selector is written
    anchor: int  # the line a DISABLE covers (0: none); unused for DISABLE_FILE

    def covers(self, lines: Iterable[int]) -> bool:
        return self.kind == DISABLE_FILE or self.anchor in lines


@dataclass(frozen=True)
class Suppressions:
    directives: tuple[Directive, ...] = ()
    problems: tuple[Finding, ...] = ()  # comments that look like directives but are not


def parse(text: str) -> Suppressions:
    """The suppression directives written in a file's text."""
    if not DIRECTIVE_MARK.search(text):
        return Suppressions()
    lines = text.splitlines()
    directives: list[Directive] = []
    problems: list[Finding] = []
    for index, line in enumerate(lines):
        start = _comment_start(line)
        if start < 0:
            continue
        match = _DIRECTIVE.match(line, start)
        if match is None:
            continue
        number = index + 1
        anchor = number if line[:start].strip() else _next_content_line(lines, index)
        found, problem = _directive(match, number, anchor)
        directives.extend(found)
        if problem is not None:
            problems.append(problem)
    return Suppressions(tuple(directives), tuple(problems))


def _directive(
    match: re.Match[str], line: int, anchor: int
) -> tuple[list[Directive], Finding | None]:
    kind = match["kind"]
    where = Pos(line, match.start("kind") + 1)
    if kind not in _KINDS:
        close = difflib.get_close_matches(kind, _KINDS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "write '# ivrlint: disable=CODE'"
        return [], Finding(where, f"'{kind}' is not an ivrlint directive", hint)
    listed = _LIST.match(match["rest"])
    tail = listed["tail"] if listed else ""
    if listed is None or (tail and not tail.startswith(("#", "--"))):
        return [], Finding(
            where,
            f"'{kind}' needs rule codes or names after '='",
            f"write '# ivrlint: {kind}=IVR301' (several: 'IVR301,IVR302'); "
            "a reason may follow after ' -- '",
        )
    offset = match.start("rest") + listed.start("list")
    found = [
        Directive(kind, item.group(), Pos(line, offset + item.start() + 1), anchor)
        for item in re.finditer(_SELECTOR, listed["list"])
    ]
    return found, None


def _comment_start(line: str) -> int:
    """Index of the ``#`` that starts a comment on this line, or -1.

    A ``#`` starts a comment outside quotes, at the start of the line or after a blank:
    ``"#": {...}`` is a DTMF key and ``press#`` is text.
    """
    quote = ""
    i = 0
    while i < len(line):
        char = line[i]
        previous = line[i - 1] if i else " "
        if quote:
            if char == "\\" and quote == '"':
                i += 1  # an escaped character, perhaps a quote
            elif char == quote:
                quote = ""
        elif char in "\"'" and previous in " \t{[,:-?":
            quote = char
        elif char == "#" and previous in " \t":
            return i
        i += 1
    return -1


def _next_content_line(lines: Sequence[str], index: int) -> int:
    for later in range(index + 1, len(lines)):
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return 0


def subject_lines(diagnostic: Diagnostic, menu: MenuFile | None) -> set[int]:
    """The lines whose suppressions cover ``diagnostic``: its own line, the line of the
    option or menu it is about, and, for words inside a text written over several lines
    (a ``>`` prompt), the line where that text starts."""
    lines = {diagnostic.line}
    found = menu.menus.get(diagnostic.menu) if menu is not None and diagnostic.menu else None
    if found is None:
        return lines
    if diagnostic.key is None:
        lines.add(found.pos.line)
    else:
        lines.update(o.key_pos.line for o in found.options if o.key == diagnostic.key)
    if diagnostic.end_line is not None:
        lines.update(_text_starts(found, diagnostic.line))
    return lines


def _text_starts(menu: Menu, line: int) -> Iterator[int]:
    """The first lines of the texts of ``menu`` written over ``line``."""
    from ivrlint.loader.scalarmap import end_of, label_text, prompt_text, say_first_text

    texts = [prompt_text(menu)]
    texts += [t for o in menu.options for t in (label_text(o), say_first_text(o))]
    for text in texts:
        if text is not None and text.pos.line < line:
            end = end_of(text)
            if end is not None and end.line >= line:
                yield text.pos.line


def apply(
    suppressions: Suppressions,
    diagnostics: Sequence[Diagnostic],
    menu: MenuFile | None,
    is_active: Callable[[str], bool],
) -> tuple[list[Diagnostic], list[Finding]]:
    """The diagnostics no directive suppresses, and IVR003 findings: directives that
    suppressed nothing (of rules that ran: ``is_active(code)``) or that are malformed."""
    directives = suppressions.directives
    used = [False] * len(directives)
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        rule = ENTRY_BY_CODE.get(diagnostic.code)
        lines = subject_lines(diagnostic, menu)
        hits = [
            i
            for i, d in enumerate(directives)
            if rule is not None and rule.matches(d.selector) and d.covers(lines)
        ]
        for i in hits:
            used[i] = True
        if not hits:
            kept.append(diagnostic)
    unused = (
        _unused(d, is_active) for d, was_used in zip(directives, used, strict=True) if not was_used
    )
    findings = [*suppressions.problems, *(f for f in unused if f is not None)]
    return kept, [f for f in findings if not _self_suppressed(f, directives)]


def _unused(directive: Directive, is_active: Callable[[str], bool]) -> Finding | None:
    rules = [r for r in CATALOGUE if r.matches(directive.selector)]
    if not rules:
        names = [r.code for r in CATALOGUE] + [r.name for r in CATALOGUE]
        close = difflib.get_close_matches(directive.selector, names, n=1, cutoff=0.6)
        return Finding(
            directive.pos,
            f"'{directive.selector}' in a suppression names no rule",
            f"did you mean '{close[0]}'?" if close else "see 'ivrlint rules' for codes and names",
        )
    if directive.selector.upper() == "ALL" or not any(is_active(r.code) for r in rules):
        return None  # nothing is known about rules that did not run
    where = "in this file" if directive.kind == DISABLE_FILE else f"on line {directive.anchor}"
    if directive.kind == DISABLE and directive.anchor == 0:
        where = "after this comment"
    return Finding(
        directive.pos,
        f"unused suppression: no {directive.selector} diagnostic {where}",
        f"remove '{directive.selector}' from the comment",
    )


def _self_suppressed(finding: Finding, directives: Sequence[Directive]) -> bool:
    """IVR003 itself can be silenced, for the file or on the comment's line."""
    unused_rule = ENTRY_BY_CODE[UNUSED]
    return any(unused_rule.matches(d.selector) and d.covers({finding.pos.line}) for d in directives)
