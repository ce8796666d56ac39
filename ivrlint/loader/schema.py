"""Turn a positioned YAML tree into the menu model, reporting schema problems (IVR002).

The model is built as far as the file allows: an unknown key is reported and skipped, a
value of the wrong type is reported and left out, so the structure rules can still speak
about the rest of the file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ivrlint.diagnostics import Finding, Pos
from ivrlint.loader.yamlsource import DuplicateKey, YMap, YNode, YScalar, YSeq
from ivrlint.model import (
    ACTIONS,
    DESTINATION_KINDS,
    HUMAN_BY_DEFAULT,
    ID_PATTERN,
    LITERAL_ADDRESS,
    Destination,
    Handler,
    Menu,
    MenuFile,
    Option,
    Source,
    Target,
    TargetKind,
)

TOP_KEYS = ("ivrlint", "name", "language", "entry", "menus", "destinations")
MENU_KEYS = ("prompt", "options", "no_input", "no_match")
TARGET_KEYS = ("goto", "transfer", "action")
OPTION_KEYS = ("key", "label", *TARGET_KEYS, "say", "say_first")
HANDLER_KEYS = ("retries", "then")
DESTINATION_KEYS = ("kind", "name", "human", "say")
SUPPORTED_VERSION = 1


class SchemaReader:
    """Reads one document; collects findings in ``self.findings``."""

    def __init__(self, path: str, source: Source | None = None) -> None:
        self.path = path
        # The text parsed, which the model's texts refer to so that rules can point at a word.
        self.source = source
        self.findings: list[Finding] = []

    # -- reporting ----------------------------------------------------------------------

    def problem(self, pos: Pos, message: str, hint: str = "", menu: str | None = None) -> None:
        self.findings.append(Finding(pos, message, hint, menu=menu))

    def report_duplicates(self, duplicates: Iterable[DuplicateKey], option_keys: set[Pos]) -> None:
        for dup in duplicates:
            if dup.pos in option_keys:
                continue  # a DTMF key written twice is IVR103's to report
            self.problem(
                dup.pos,
                f"key '{dup.key}' is written twice in this mapping "
                f"(first at line {dup.first.line}); YAML keeps only the last",
                "remove or rename one of them",
            )

    # -- generic shape checks -------------------------------------------------------------

    def mapping(self, node: YNode, what: str, menu: str | None = None) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.problem(
            node.pos, f"{what} must be a mapping (key: value), not {_kind(node)}", menu=menu
        )
        return None

    def fields(
        self, node: YMap, allowed: tuple[str, ...], what: str, menu: str | None = None
    ) -> dict[str, tuple[YScalar, YNode]]:
        """The mapping's entries by key; unknown keys are reported with a suggestion."""
        found: dict[str, tuple[YScalar, YNode]] = {}
        for key, value in node.items:
            name = str(key.value)
            if name in allowed:
                found[name] = (key, value)
                continue
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
            if " " in name and isinstance(value, YScalar) and value.value is None:
                # `{ say: Reads it, then hangs up }`: the comma ended the text in a flow mapping
                hint = "a comma inside { } ends the text before it: put text with commas in quotes"
            self.problem(key.pos, f"unknown key '{name}' in {what}", hint, menu=menu)
        return found

    def text(self, node: YNode, what: str, menu: str | None = None) -> str | None:
        if isinstance(node, YScalar) and isinstance(node.value, str):
            return node.value
        if isinstance(node, YScalar) and type(node.value) in (int, float):
            return node.source
        hint = "put the text in quotes" if isinstance(node, YScalar) else ""
        self.problem(node.pos, f"{what} must be text, not {_kind(node)}", hint, menu=menu)
        return None

    def identifier(self, node: YScalar, what: str, menu: str | None = None) -> str | None:
        value = node.source if type(node.value) is int else node.value
        if not isinstance(value, str):
            self.problem(node.pos, f"{what} must be an id (text), not {_kind(node)}", menu=menu)
            return None
        if not ID_PATTERN.match(value):
            self.problem(
                node.pos,
                f"{what} '{value}' has characters an id cannot have",
                "ids use letters, digits, '-', '_', '.' and ':' only",
                menu=menu,
            )
            return None
        return value

    def missing(self, node: YMap, key: str, what: str, menu: str | None = None) -> None:
        self.problem(node.pos, f"{what} has no '{key}'", f"add '{key}:'", menu=menu)

    # -- the document ---------------------------------------------------------------------

    def read(self, root: YNode | None) -> MenuFile | None:
        if root is None:
            self.problem(Pos(), "file is empty", "a menu file starts with 'ivrlint: 1'")
            return None
        top = self.mapping(root, "the top level of a menu file")
        if top is None:
            return None
        fields = self.fields(top, TOP_KEYS, "the top level")
        version = self.version(top, fields)
        entry, entry_pos = None, top.pos
        if "entry" in fields:
            value = fields["entry"][1]
            entry_pos = value.pos
            entry = self.identifier(value, "entry") if isinstance(value, YScalar) else None
            if not isinstance(value, YScalar):
                self.problem(value.pos, f"entry must be a menu id, not {_kind(value)}")
        else:
            self.missing(top, "entry", "the file", None)
        if "menus" not in fields:
            self.missing(top, "menus", "the file")
            return None
        menus = self.menus(fields["menus"][1])
        destinations = (
            self.destinations(fields["destinations"][1]) if "destinations" in fields else {}
        )
        if entry is None:
            return None
        return MenuFile(
            path=self.path,
            entry=entry,
            entry_pos=entry_pos,
            menus=menus,
            destinations=destinations,
            version=version,
            name=self.text(fields["name"][1], "name") if "name" in fields else None,
            language=self.text(fields["language"][1], "language") if "language" in fields else None,
        )

    def version(self, top: YMap, fields: dict[str, tuple[YScalar, YNode]]) -> int:
        if "ivrlint" not in fields:
            self.missing(top, "ivrlint", "the file")
            return SUPPORTED_VERSION
        node = fields["ivrlint"][1]
        if not (isinstance(node, YScalar) and type(node.value) is int):
            self.problem(node.pos, f"ivrlint (the format version) must be 1, not {_kind(node)}")
        elif node.value != SUPPORTED_VERSION:
            self.problem(
                node.pos,
                f"format version {node.value} is not supported; this ivrlint reads version 1",
                "upgrade ivrlint, or write 'ivrlint: 1'",
            )
        return SUPPORTED_VERSION

    def menus(self, node: YNode) -> dict[str, Menu]:
        table = self.mapping(node, "menus")
        menus: dict[str, Menu] = {}
        for key, value in table.items if table else []:
            menu_id = self.identifier(key, "menu id")
            if menu_id is not None:
                menu = self.menu(menu_id, key.pos, value)
                if menu is not None:
                    menus[menu_id] = menu
        return menus

    def menu(self, menu_id: str, pos: Pos, node: YNode) -> Menu | None:
        body = self.mapping(node, f"menu '{menu_id}'", menu_id)
        if body is None:
            return None
        fields = self.fields(body, MENU_KEYS, f"menu '{menu_id}'", menu_id)
        prompt = prompt_pos = None
        if "prompt" in fields:
            prompt_pos = fields["prompt"][1].pos
            prompt = self.text(fields["prompt"][1], "prompt", menu_id)
        options: tuple[Option, ...] = ()
        options_pos = None
        if "options" in fields:
            options_pos = fields["options"][0].pos
            options = self.options(menu_id, fields["options"][1])
        elif not self._suggested(body, "options"):
            self.missing(body, "options", f"menu '{menu_id}'", menu_id)
        return Menu(
            id=menu_id,
            pos=pos,
            prompt=prompt,
            prompt_pos=prompt_pos,
            options=options,
            options_pos=options_pos,
            no_input=self.handler(menu_id, "no_input", fields),
            no_match=self.handler(menu_id, "no_match", fields),
            source=self.source,
        )

    def _suggested(self, body: YMap, key: str) -> bool:
        """Whether an unknown key of ``body`` was already reported as a typo of ``key``."""
        for name, _ in body.items:
            if name.value != key and difflib.get_close_matches(str(name.value), [key], cutoff=0.6):
                return True
        return False

    def options(self, menu_id: str, node: YNode) -> tuple[Option, ...]:
        entries: list[tuple[YScalar | None, YNode]] = []
        if isinstance(node, YMap):
            entries = [(key, value) for key, value in node.items]
        elif isinstance(node, YSeq):
            entries = [(None, value) for value in node.items]
        else:
            self.problem(
                node.pos,
                f"options must be a mapping of key to option or a list, not {_kind(node)}",
                menu=menu_id,
            )
        options = (self.option(menu_id, key, value) for key, value in entries)
        return tuple(o for o in options if o is not None)

    def option(self, menu_id: str, key_node: YScalar | None, node: YNode) -> Option | None:
        body = self.mapping(node, f"an option of menu '{menu_id}'", menu_id)
        if body is None:
            return None
        fields = self.fields(
            body,
            OPTION_KEYS if key_node is None else OPTION_KEYS[1:],
            f"an option of menu '{menu_id}'",
            menu_id,
        )
        if key_node is None:
            if "key" not in fields:
                self.missing(body, "key", f"an option of menu '{menu_id}'", menu_id)
                return None
            key_node = fields["key"][1] if isinstance(fields["key"][1], YScalar) else None
            if key_node is None:
                self.problem(
                    body.pos, 'an option\'s key must be a DTMF key such as "1"', menu=menu_id
                )
                return None
        key = _key_text(key_node)
        where = f"option '{key}' of menu '{menu_id}'"
        label = label_pos = None
        if "label" in fields:
            label_pos = fields["label"][1].pos
            label = self.text(fields["label"][1], "label", menu_id)
        say: tuple[str, ...] = ()
        if "say" in fields:
            say = self.phrases(fields["say"][1], menu_id)
        say_first = say_first_pos = None
        if "say_first" in fields:
            say_first_pos = fields["say_first"][1].pos
            say_first = self.text(fields["say_first"][1], "say_first", menu_id)
        return Option(
            key=key,
            label=label,
            target=self.target(fields, body, where, menu_id),
            pos=body.pos,
            key_pos=key_node.pos,
            label_pos=label_pos,
            say=say,
            say_first=say_first,
            say_first_pos=say_first_pos,
            source=self.source,
        )

    def phrases(self, node: YNode, menu_id: str) -> tuple[str, ...]:
        items = node.items if isinstance(node, YSeq) else [node]
        texts = (self.text(item, "a say phrase", menu_id) for item in items)
        return tuple(t for t in texts if t is not None)

    def target(
        self, fields: dict[str, tuple[YScalar, YNode]], body: YMap, where: str, menu_id: str
    ) -> Target | None:
        present = [k for k in TARGET_KEYS if k in fields]
        if not present:
            self.problem(
                body.pos, f"{where} has no target", "add goto, transfer or action", menu_id
            )
            return None
        if len(present) > 1:
            self.problem(
                fields[present[1]][0].pos,
                f"{where} has more than one target ({', '.join(present)})",
                "keep exactly one of goto, transfer or action",
                menu_id,
            )
        kind: TargetKind = present[0]  # type: ignore[assignment]
        node = fields[kind][1]
        if not isinstance(node, YScalar):
            self.problem(
                node.pos,
                f"{kind} must name one {_TARGET_NOUN[kind]}, not {_kind(node)}",
                menu=menu_id,
            )
            return None
        if kind == "action":
            if node.value not in ACTIONS:
                self.problem(
                    node.pos,
                    f"unknown action {node.source!r}",
                    f"actions are {', '.join(ACTIONS)}",
                    menu_id,
                )
                return None
            return Target("action", str(node.value), node.pos)
        if kind == "transfer" and isinstance(node.value, str) and LITERAL_ADDRESS.match(node.value):
            return Target("transfer", node.value, node.pos)
        value = self.identifier(node, f"{kind} target", menu_id)
        return Target(kind, value, node.pos) if value is not None else None

    def handler(
        self, menu_id: str, name: str, fields: dict[str, tuple[YScalar, YNode]]
    ) -> Handler | None:
        if name not in fields:
            return None
        key, node = fields[name]
        body = self.mapping(node, name, menu_id)
        if body is None:
            return None
        parts = self.fields(body, HANDLER_KEYS, name, menu_id)
        retries = retries_pos = None
        if "retries" in parts:
            value = parts["retries"][1]
            retries_pos = value.pos
            if isinstance(value, YScalar) and type(value.value) is int and value.value >= 0:
                retries = value.value
            else:
                self.problem(value.pos, f"{name}.retries must be a whole number ≥ 0", menu=menu_id)
        then = None
        if "then" in parts:
            then_node = self.mapping(parts["then"][1], f"{name}.then", menu_id)
            if then_node is not None:
                then_fields = self.fields(then_node, TARGET_KEYS, f"{name}.then", menu_id)
                then = self.target(
                    then_fields, then_node, f"{name}.then of menu '{menu_id}'", menu_id
                )
        return Handler(retries=retries, then=then, pos=key.pos, retries_pos=retries_pos)

    def destinations(self, node: YNode) -> dict[str, Destination]:
        table = self.mapping(node, "destinations")
        result: dict[str, Destination] = {}
        for key, value in table.items if table else []:
            dest_id = self.identifier(key, "destination id")
            body = self.mapping(value, f"destination '{dest_id}'") if dest_id else None
            if dest_id is None or body is None:
                continue
            result[dest_id] = self.destination(dest_id, key.pos, body)
        return result

    def destination(self, dest_id: str, pos: Pos, body: YMap) -> Destination:
        what = f"destination '{dest_id}'"
        fields = self.fields(body, DESTINATION_KEYS, what)
        # A destination whose kind is missing or wrong is still kept (as one a person
        # answers, unless it says otherwise) so that transfers to it are not reported too.
        kind = "unknown"
        if "kind" not in fields:
            self.missing(body, "kind", what)
        elif (text := self.text(fields["kind"][1], "kind")) is not None:
            kind = text
            if kind not in DESTINATION_KINDS:
                close = difflib.get_close_matches(kind, DESTINATION_KINDS, n=1)
                self.problem(
                    fields["kind"][1].pos,
                    f"unknown destination kind '{kind}'",
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"kinds: {', '.join(DESTINATION_KINDS)}",
                )
        human = kind in HUMAN_BY_DEFAULT or kind not in DESTINATION_KINDS
        if "human" in fields:
            node = fields["human"][1]
            if isinstance(node, YScalar) and isinstance(node.value, bool):
                human = node.value
            else:
                self.problem(node.pos, f"human must be true or false, not {_kind(node)}")
        return Destination(
            id=dest_id,
            kind=kind,
            pos=pos,
            name=self.text(fields["name"][1], "name") if "name" in fields else None,
            human=human,
            say=self.text(fields["say"][1], "say") if "say" in fields else None,
        )


_TARGET_NOUN = {"goto": "menu", "transfer": "destination", "action": "action"}


def _key_text(node: YScalar) -> str:
    """A DTMF key as written: ``1:`` and ``"1":`` are the same key."""
    return node.value if isinstance(node.value, str) else node.source


def _kind(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    value = node.value
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {node.source!r}"
    if isinstance(value, int | float):
        return f"the number {node.source}"
    return f"the text {value!r}"
