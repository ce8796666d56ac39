"""The menu model: what a menu file (or a platform export) describes, with positions.

Every element keeps the position where it is written, so any rule can point a designer at
the exact line and column. The model is built by the loader (``ivrlint.loader``) or an
importer, and never changed afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ivrlint.diagnostics import Pos

DTMF_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#")
ACTIONS = ("repeat", "back", "main", "hangup")
NAVIGATION_ACTIONS = frozenset({"repeat", "back", "main"})
DESTINATION_KINDS = ("queue", "agent", "number", "voicemail", "self-service", "hangup")
HUMAN_BY_DEFAULT = frozenset({"queue", "agent", "number"})
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]+$")
# A transfer to a literal address rather than a declared destination: an outside line.
LITERAL_ADDRESS = re.compile(r"^(tel|sip|sips):\S+$", re.IGNORECASE)

TargetKind = Literal["goto", "transfer", "action"]


class Source:
    """The text of a menu file as the YAML parser read it, shared by the texts written in it,
    so that a rule can find any character of a prompt or a label in the file
    (``ivrlint.loader.scalarmap``). One per file: the menus and options only refer to it.
    Compared and hashed by identity: its text may be megabytes long."""

    __slots__ = ("joined", "text")

    def __init__(self, text: str, joined: bool = False) -> None:
        self.text = text
        # JSON's escaped UTF-16 pairs were joined into one escape before parsing: inside a
        # text holding one, columns no longer match the file's.
        self.joined = joined


@dataclass(frozen=True)
class Target:
    """Where a choice or a handler sends the call."""

    kind: TargetKind
    value: str
    pos: Pos

    @property
    def is_literal_address(self) -> bool:
        return self.kind == "transfer" and bool(LITERAL_ADDRESS.match(self.value))

    def describe(self) -> str:
        return f"{self.kind} {self.value}"


@dataclass(frozen=True)
class Option:
    """One choice of a menu: a DTMF key, a label and one target."""

    key: str
    label: str | None
    target: Target | None
    pos: Pos
    key_pos: Pos
    label_pos: Pos | None = None
    say: tuple[str, ...] = ()
    say_first: str | None = None
    say_first_pos: Pos | None = field(default=None, compare=False)
    # The file the label and say_first are written in (None from an importer).
    source: Source | None = field(default=None, compare=False, repr=False)

    @property
    def action(self) -> str | None:
        return self.target.value if self.target and self.target.kind == "action" else None

    @property
    def is_navigation(self) -> bool:
        """Repeat, back and main move around the menus rather than choosing something."""
        return self.action in NAVIGATION_ACTIONS


@dataclass(frozen=True)
class Handler:
    """``no_input`` / ``no_match``: how many retries, then where the call goes."""

    retries: int | None
    then: Target | None
    pos: Pos
    retries_pos: Pos | None = None


@dataclass(frozen=True)
class Menu:
    """One menu: its prompt, its choices and what happens when the caller presses nothing
    or a wrong key."""

    id: str
    pos: Pos
    prompt: str | None = None
    prompt_pos: Pos | None = None
    options: tuple[Option, ...] = ()
    options_pos: Pos | None = None
    no_input: Handler | None = None
    no_match: Handler | None = None
    # The file the prompt is written in (None from an importer).
    source: Source | None = field(default=None, compare=False, repr=False)

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)


@dataclass(frozen=True)
class Destination:
    """A place a transfer ends: a queue, an agent, a number, voicemail, self-service."""

    id: str
    kind: str
    pos: Pos
    name: str | None = None
    human: bool = True
    say: str | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class MenuFile:
    """A whole IVR design: the menus, the entry and the destinations."""

    path: str
    entry: str
    entry_pos: Pos
    menus: dict[str, Menu] = field(default_factory=dict)
    destinations: dict[str, Destination] = field(default_factory=dict)
    version: int = 1
    name: str | None = None
    language: str | None = None
    source_format: str = "ivrlint"

    def destination_for(self, target: Target) -> Destination | None:
        """The destination a transfer reaches, including literal outside numbers."""
        if target.kind != "transfer":
            return None
        declared = self.destinations.get(target.value)
        if declared is not None:
            return declared
        if target.is_literal_address:
            return Destination(id=target.value, kind="number", pos=target.pos, human=True)
        return None
