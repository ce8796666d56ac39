"""Write a menu model in ivrlint's own YAML format, deterministically.

Used by ``ivrlint convert``: every menu, option, handler and destination is followed by a
comment naming the line it came from (``# from extensions.conf:12``), and what the importer
inferred rather than read (a derived label) is said in the same comment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import PurePath

from ivrlint.diagnostics import Finding, Pos
from ivrlint.model import Destination, Handler, Menu, MenuFile, Option, Target

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_./ -]*[A-Za-z0-9_.]$|^[A-Za-z_]$")
# Plain words YAML would read as something other than text.
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "none", "~"})


# Characters YAML does not allow in a file, or reads as line breaks inside quotes: escaped.
# Half a UTF-16 surrogate pair has no escape YAML accepts: it becomes U+FFFD.
_UNPRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufffe\uffff\x85\ud800-\udfff]")
# YAML reads a key written without '?' only when it is at most 1024 characters long.
_MAX_IMPLICIT_KEY = 1000


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same text, else quoted."""
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """``text`` in double quotes, escaped so that YAML reads back the same text."""
    return _UNPRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}"


# In a comment, anything that would end the line or is not allowed in YAML is shown escaped.
_NOT_IN_COMMENT = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def _comment(text: str) -> str:
    return _NOT_IN_COMMENT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def key(text: str, indent: str, value: str = "", *, quote: bool = False) -> str:
    """``indent key: value``; a key too long for YAML's plain form is written ``? key``,
    then ``: value`` on the next line."""
    written = quoted(text) if quote else scalar(text)
    after = f" {value}" if value else ""
    if len(written) <= _MAX_IMPLICIT_KEY:
        return f"{indent}{written}:{after}"
    return f"{indent}? {written}\n{indent}:{after}"


def write(model: MenuFile, notes: Iterable[Finding] = (), source: str | None = None) -> str:
    """The YAML text of ``model``; comments point into ``source`` (a file name) when given."""
    return _Writer(model, notes, source).text()


class _Writer:
    def __init__(self, model: MenuFile, notes: Iterable[Finding], source: str | None) -> None:
        self.model = model
        self.source = PurePath(source).name if source else None
        self.notes: dict[Pos, list[str]] = {}
        self.option_notes: dict[tuple[str | None, str], list[str]] = {}
        for note in notes:
            if note.key is not None:
                self.option_notes.setdefault((note.menu, note.key), []).append(note.message)
            else:
                self.notes.setdefault(note.pos, []).append(note.message)
        self.lines: list[str] = []
        self.used: set[Pos] = set()

    def text(self) -> str:
        m = self.model
        if self.source:
            self.lines.append(
                _comment(
                    f"# Converted by ivrlint from {self.source} ({m.source_format}); "
                    "'from' comments give the source lines."
                )
            )
        self.lines.append(f"ivrlint: {m.version}")
        if m.name:
            self.lines.append(f"name: {scalar(m.name)}")
        if m.language:
            self.lines.append(f"language: {scalar(m.language)}")
        self.emit(f"entry: {scalar(m.entry)}", m.entry_pos)
        self.lines.append("")
        self.lines.append("menus:" if m.menus else "menus: {}")
        for menu in m.menus.values():
            self.menu(menu)
        if m.destinations:
            self.lines.append("")
            self.lines.append("destinations:")
            for dest in sorted(m.destinations.values(), key=lambda d: d.id):
                self.destination(dest)
        unplaced = sorted(
            (pos, message)
            for pos, messages in self.notes.items()
            for message in messages
            if pos not in self.used
        )
        if unplaced:
            self.lines.append("")
            for pos, message in unplaced:
                self.lines.append(_comment(f"# {self.where(pos)}: {message}"))
        return "\n".join(self.lines) + "\n"

    def where(self, pos: Pos) -> str:
        return f"{self.source or 'source'}:{pos.line}"

    def emit(self, line: str, pos: Pos | None, extra: Iterable[str] = ()) -> None:
        if pos is None or self.source is None:
            self.lines.append(line)
            return
        comment = [f"from {self.where(pos)}", *extra]
        if pos in self.notes and pos not in self.used:
            comment.extend(self.notes[pos])
            self.used.add(pos)
        self.lines.append(f"{line}  # {_comment('; '.join(comment))}")

    def menu(self, menu: Menu) -> None:
        if self.lines[-1] != "menus:":
            self.lines.append("")
        self.emit(key(menu.id, "  "), menu.pos)
        if menu.prompt is not None:
            self.emit(f"    prompt: {quoted(menu.prompt)}", menu.prompt_pos)
        self.lines.append("    options:" if menu.options else "    options: {}")
        for option in menu.options:
            notes = self.option_notes.get((menu.id, option.key), ())
            line = key(option.key, "      ", self.option(option), quote=True)
            self.emit(line, option.key_pos, notes)
        for name in ("no_input", "no_match"):
            handler: Handler | None = getattr(menu, name)
            if handler is not None:
                self.emit(f"    {name}: {self.handler(handler)}", handler.pos)

    def option(self, option: Option) -> str:
        parts = []
        if option.label is not None:
            parts.append(f"label: {scalar(option.label)}")
        if option.target is not None:
            parts.append(self.target(option.target))
        if option.say:
            parts.append(f"say: [{', '.join(scalar(s) for s in option.say)}]")
        if option.say_first:
            parts.append(f"say_first: {scalar(option.say_first)}")
        return "{ " + ", ".join(parts) + " }" if parts else "{}"

    @staticmethod
    def target(target: Target) -> str:
        return f"{target.kind}: {scalar(target.value)}"

    def handler(self, handler: Handler) -> str:
        parts = []
        if handler.retries is not None:
            parts.append(f"retries: {handler.retries}")
        if handler.then is not None:
            parts.append(f"then: {{ {self.target(handler.then)} }}")
        return "{ " + ", ".join(parts) + " }" if parts else "{}"

    def destination(self, dest: Destination) -> None:
        parts = [f"kind: {scalar(dest.kind)}"]
        if dest.name is not None:
            parts.append(f"name: {scalar(dest.name)}")
        default_human = dest.kind in ("queue", "agent", "number")
        if dest.human != default_human:
            parts.append(f"human: {'true' if dest.human else 'false'}")
        if dest.say is not None:
            parts.append(f"say: {scalar(dest.say)}")
        self.emit(key(dest.id, "  ", f"{{ {', '.join(parts)} }}"), dest.pos)
