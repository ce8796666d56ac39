"""What every importer shares: building the menu model from a platform's flow, with positions.

An importer reads its format into ``Menu`` and ``Destination`` records through a ``Builder``,
which gives destinations stable ids, reports problems of the file as IVR001/IVR002 findings,
and, where the platform has no label for a choice, derives one from the prompt's announcement
("For billing, press 2") or from the name of the place the choice leads to, and notes it.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, replace

from ivrlint.diagnostics import Finding, Pos
from ivrlint.loader import SCHEMA, SYNTAX, Loaded
from ivrlint.model import HUMAN_BY_DEFAULT, Destination, Menu, MenuFile, Option, Target
from ivrlint.text.prompts import announcements

_NOT_ID = re.compile(r"[^A-Za-z0-9_.:-]+")
_GENERATED = re.compile(r"[0-9a-f]{8}[- ][0-9a-f]{4}[- ][0-9a-f]{4}", re.IGNORECASE)
# Where the next key's announcement starts inside a tail: "to confirm or 2 to repeat".
_NEXT_KEY = re.compile(
    r",?\s+(?:or|and|или|и|а)\s+(?:press\s+|нажмите\s+)?(?:[0-9*#]|star|pound|hash)(?!\w)",
    re.IGNORECASE,
)
_ACTION_LABELS = {
    "repeat": "Hear the options again",
    "back": "Previous menu",
    "main": "Main menu",
    "hangup": "End the call",
}


class ImportFailed(Exception):
    """The file cannot be read as the format at all (IVR001 at ``pos``)."""

    def __init__(self, message: str, pos: Pos = Pos(), hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.hint = hint


_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def whole_number(text: str | None) -> int | None:
    """``text`` as a count when it is one written in ASCII digits (at most 9 of them), else
    None: ``str.isdigit`` also accepts "²", which ``int`` refuses, and ``int`` refuses more
    than 4300 digits."""
    if text is None:
        return None
    written = text.strip()
    return int(written) if _WHOLE_NUMBER.fullmatch(written) else None


def slug(name: str, fallback: str = "item") -> str:
    """A menu or destination id from a platform's name: ``Main Menu`` → ``Main-Menu``."""
    text = _NOT_ID.sub("-", name.strip()).strip("-")
    return text or fallback


def words_of_sound(name: str) -> str:
    """A sound file's name as the words it likely says: ``custom/for-sales.wav`` → ``for sales``."""
    base = name.strip().rsplit("/", 1)[-1]
    base = re.sub(r"\.(wav|mp3|gsm|ulaw|alaw|sln\d*|g729|ogg)$", "", base, flags=re.IGNORECASE)
    return re.sub(r"[-_]+", " ", base).strip()


@dataclass(frozen=True)
class Resolved:
    """Where a transition ends up, and what the caller hears on the way."""

    target: Target | None
    say_first: str | None = None


class Builder:
    """Collects one file's menus, destinations, findings and notes."""

    def __init__(self, path: str, source_format: str, text: str) -> None:
        self.path = path
        self.source_format = source_format
        self.text = text
        self.menus: dict[str, Menu] = {}
        self.menu_names: dict[str, str] = {}
        self.destinations: dict[str, Destination] = {}
        self._dest_keys: dict[tuple[str, str], str] = {}
        self.findings: list[tuple[str, Finding]] = []
        self.notes: list[Finding] = []

    # -- reporting --------------------------------------------------------------------------

    def schema(self, pos: Pos, message: str, hint: str = "", menu: str | None = None) -> None:
        self.findings.append((SCHEMA, Finding(pos, message, hint, menu=menu)))

    def note(self, pos: Pos, message: str, menu: str | None = None) -> None:
        self.notes.append(Finding(pos, message, menu=menu))

    # -- ids --------------------------------------------------------------------------------

    def unique_id(self, name: str, taken: Container[str], fallback: str) -> str:
        base = slug(name, fallback)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def destination(
        self,
        kind: str,
        name: str,
        pos: Pos,
        *,
        human: bool | None = None,
        say: str | None = None,
        prefix: str | None = None,
        ident: str | None = None,
    ) -> Target:
        """A transfer to the destination of ``kind`` called ``name``; one id per (kind, name).

        The id is ``ident`` when the platform names the step, else ``prefix-name``.
        """
        key = (kind, ident or name)
        dest_id = self._dest_keys.get(key)
        if dest_id is None:
            base = ident or f"{prefix or kind}-{name}"
            dest_id = self.unique_id(base, self.destinations, kind)
            self._dest_keys[key] = dest_id
            self.destinations[dest_id] = Destination(
                id=dest_id,
                kind=kind,
                pos=pos,
                name=name,
                human=kind in HUMAN_BY_DEFAULT if human is None else human,
                say=say,
            )
        return Target("transfer", dest_id, pos)

    # -- the result -------------------------------------------------------------------------

    def add_menu(self, menu: Menu, name: str | None = None) -> None:
        self.menus[menu.id] = menu
        if name:
            self.menu_names[menu.id] = name

    def finish(
        self,
        entry: str,
        entry_pos: Pos,
        *,
        name: str | None = None,
        language: str | None = None,
    ) -> Loaded:
        menus = {menu_id: self._labelled(menu) for menu_id, menu in self.menus.items()}
        model = MenuFile(
            path=self.path,
            entry=entry,
            entry_pos=entry_pos,
            menus=menus,
            destinations=dict(self.destinations),
            name=name,
            language=language,
            source_format=self.source_format,
        )
        return self.loaded(model)

    def loaded(self, model: MenuFile | None) -> Loaded:
        self.findings.sort(key=lambda item: item[1].pos)
        self.notes.sort(key=lambda n: n.pos)
        return Loaded(self.path, model, self.findings, self.text, notes=self.notes)

    def failed(self, exc: ImportFailed) -> Loaded:
        self.findings.append((SYNTAX, Finding(exc.pos, exc.message, exc.hint)))
        return self.loaded(None)

    # -- labels -----------------------------------------------------------------------------

    def _labelled(self, menu: Menu) -> Menu:
        options = []
        for option in menu.options:
            if option.label is None:
                option = self._derive_label(menu, option)
            options.append(option)
        return replace(menu, options=tuple(options))

    def _derive_label(self, menu: Menu, option: Option) -> Option:
        label = announced_label(menu.prompt or "", option.key)
        source = "the prompt's announcement"
        if label is None and option.target is not None:
            label = self.target_name(option.target)
            source = "the name of its target"
            if label is not None and _GENERATED.search(label):
                label = None  # a generated id (a UUID) is no name a caller would hear
        if label is None:
            return option
        self.notes.append(
            Finding(option.key_pos, f"label derived from {source}", menu=menu.id, key=option.key)
        )
        return replace(option, label=label, label_pos=option.key_pos)

    def target_name(self, target: Target) -> str | None:
        if target.kind == "action":
            return _ACTION_LABELS.get(target.value)
        if target.kind == "goto":
            return self.menu_names.get(target.value, target.value.replace("-", " "))
        dest = self.destinations.get(target.value)
        return dest.display_name if dest else None


def announced_label(prompt: str, key: str) -> str | None:
    """The words a prompt ties to ``key`` (the prompt reader's announced goal): "For billing,
    press 2" → "Billing", "Press 1 for sales" → "Sales", "Для оплаты нажмите 2" → "Оплаты".
    "Press 1 for cash and 2 for card" gives "Cash": the goal stops at the next key."""
    for found in announcements(prompt):
        if found.key == key and found.label:
            following = _NEXT_KEY.search(found.label)
            what = found.label[: following.start()] if following else found.label
            return _capital(what) or None
    return None


def _capital(text: str) -> str:
    text = " ".join(text.split()).strip(" ,")
    return text[:1].upper() + text[1:]


def must_start(text: str, opening: str, kind: str) -> None:
    """ImportFailed at the first character when ``text`` cannot be a ``kind`` document at all:
    a file of another format given with ``--from``."""
    body = text.lstrip("\ufeff \t\r\n")
    if not body or body[0] in opening:
        return
    start = len(text) - len(body)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    shown = body.split("\n", 1)[0][:40]
    raise ImportFailed(
        f"not {'an' if kind[0] in 'AEIOUX' else 'a'} {kind} document: it starts with '{shown}'",
        Pos(line, column),
        "is the file in another format? leave out --from to detect it, or name the right one",
    )
