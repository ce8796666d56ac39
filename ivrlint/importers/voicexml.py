"""VoiceXML 2.x: ``<menu>`` dialogs, and ``<form>`` dialogs whose ``<field>`` takes a DTMF key.

A ``<menu>``'s ``<choice dtmf=... next=...>`` are its options (``<menu dtmf="true">``
numbers the choices 1, 2, 3...). A ``<field>`` is a menu when its ``<option dtmf=...>`` or
DTMF grammar items name keys; the ``<filled>`` block's ``<if cond="field == 'x'">`` branches
say where each goes. ``<noinput>``/``<nomatch>`` (in the dialog, or for the whole document)
are the handlers; the one with the highest ``count`` says where the call goes in the end.
A ``<form>`` that only transfers, exits or disconnects is a destination, not a menu.
"""

from __future__ import annotations

import re

from ivrlint.diagnostics import Pos
from ivrlint.importers.base import Builder, ImportFailed, whole_number
from ivrlint.importers.xmltree import Element, parse_xml
from ivrlint.loader import Loaded
from ivrlint.model import DTMF_KEYS, Handler, Menu, Option, Target

_COND = re.compile(r"""(\w+)\s*==\s*['"]?([^'"\s)]+)['"]?""")


def read(text_: str, path: str) -> Loaded:
    builder = Builder(path, "voicexml", text_)
    try:
        root = parse_xml(text_)
    except ImportFailed as exc:
        return builder.failed(exc)
    if root.tag != "vxml":
        builder.schema(
            root.pos,
            f"the root element is <{root.tag}>, not <vxml>",
            "point ivrlint at a VoiceXML document",
        )
        return builder.loaded(None)
    return _Importer(builder, root).run()


class _Importer:
    def __init__(self, builder: Builder, root: Element) -> None:
        self.b = builder
        self.root = root
        self.dialogs = {
            d.attrs.get("id", f"dialog{i}"): d
            for i, d in enumerate(root.find("menu", "form"), start=1)
        }
        self.menus = [i for i, d in self.dialogs.items() if self._is_menu(d)]
        self._visiting: set[str] = set()

    @staticmethod
    def _is_menu(dialog: Element) -> bool:
        """A ``<menu>`` with choices made by key, or a ``<form>`` whose field takes one key
        (a field that collects a number, ``[0-9][0-9][0-9]``, is not a choice)."""
        if dialog.tag == "menu":
            return dialog.attrs.get("dtmf") == "true" or any(
                "dtmf" in c.attrs for c in dialog.find("choice")
            )
        return any(_key_field(f) for f in dialog.find("field"))

    def run(self) -> Loaded:
        spoken = [d for d in self.dialogs.values() if d.tag == "menu"]
        if not self.menus and spoken:
            self.b.schema(
                spoken[0].pos,
                "the <menu> here is answered by voice only (its <choice>s have no dtmf): "
                "ivrlint checks menus answered with keys",
                'give each <choice> a dtmf="N", or write <menu dtmf="true">',
            )
            return self.b.loaded(None)
        if not self.menus:
            self.b.schema(
                self.root.pos,
                "no <menu>, and no <form> with a <field> that takes a "
                "key: nothing for a caller to choose",
                "ivrlint checks menus",
            )
            return self.b.loaded(None)
        for dialog_id in self.menus:
            self.b.add_menu(self._menu(dialog_id, self.dialogs[dialog_id]))
        first = next(iter(self.dialogs))
        entry = self._next("#" + first, self.dialogs[first].pos, None)
        if entry is None or entry.kind != "goto":
            self.b.note(
                self.dialogs[first].pos,
                f"the first dialog '{first}' is not a menu; "
                f"'{self.menus[0]}' is taken as the entry",
            )
            entry = Target("goto", self.menus[0], self.dialogs[self.menus[0]].pos)
        return self.b.finish(entry.value, entry.pos)

    def _menu(self, dialog_id: str, dialog: Element) -> Menu:
        if dialog.tag == "menu":
            holder, options = dialog, self._choices(dialog_id, dialog)
        else:
            holder = next(f for f in dialog.find("field") if _key_field(f))
            options = self._field_options(dialog_id, holder)
        prompt = holder.first("prompt") or dialog.first("prompt")
        for option in options:
            if option.target is None:
                why = "<choice> has no next" if dialog.tag == "menu" else "<filled> has no branch"
                self.b.schema(
                    option.pos,
                    f"ivrlint cannot tell where key {option.key} of menu '{dialog_id}' leads: "
                    f"{why} for it",
                    "add a <goto> for this key, or check this choice by hand",
                    dialog_id,
                )
        return Menu(
            id=dialog_id,
            pos=dialog.attr_pos("id") if "id" in dialog.attrs else dialog.pos,
            prompt=prompt.text() if prompt is not None else None,
            prompt_pos=prompt.pos if prompt is not None else None,
            options=tuple(options),
            no_input=self._handler(dialog_id, holder, "noinput"),
            no_match=self._handler(dialog_id, holder, "nomatch"),
        )

    def _choices(self, dialog_id: str, menu: Element) -> list[Option]:
        auto = menu.attrs.get("dtmf") == "true"
        options = []
        for number, choice in enumerate(menu.find("choice"), start=1):
            key = choice.attrs.get("dtmf") or (str(number) if auto and number <= 9 else None)
            if key is None:
                continue  # a choice made by voice only
            target = self._next(choice.attrs.get("next", ""), choice.attr_pos("next"), dialog_id)
            if "next" not in choice.attrs:
                target = self._actions(choice, dialog_id)
            label = choice.text() or None
            options.append(
                Option(
                    key,
                    label,
                    target,
                    choice.pos,
                    choice.attr_pos("dtmf"),
                    label_pos=choice.pos if label else None,
                )
            )
        return options

    def _field_options(self, dialog_id: str, field: Element) -> list[Option]:
        name = field.attrs.get("name", "")
        branches = self._branches(field.parent or field, name, dialog_id)
        options = []
        for option in field.find("option"):
            key = option.attrs.get("dtmf")
            value = option.attrs.get("value") or option.text()
            if key not in DTMF_KEYS:
                continue
            target = branches.get(value) or branches.get(key or "")
            options.append(
                Option(
                    key or "",
                    option.text() or None,
                    target,
                    option.pos,
                    option.attr_pos("dtmf"),
                    label_pos=option.pos,
                )
            )
        for grammar in field.find("grammar"):
            if grammar.attrs.get("mode", "dtmf") != "dtmf":
                continue
            for item in grammar.iter("item"):
                key = item.text()
                if key in DTMF_KEYS and key not in {o.key for o in options}:
                    options.append(Option(key, None, branches.get(key), item.pos, item.pos))
        return options

    def _branches(self, dialog: Element, name: str, dialog_id: str) -> dict[str, Target | None]:
        """Value → target from ``<filled>``: ``<if cond="f == '1'"> ... <goto next=.../>``."""
        found: dict[str, Target | None] = {}
        for filled in dialog.iter("filled"):
            current: str | None = None
            for element in filled.iter():
                if element.tag in ("if", "elseif") and "cond" in element.attrs:
                    match = _COND.search(element.attrs["cond"])
                    current = match.group(2) if match and match.group(1) == name else None
                elif current is not None and current not in found:
                    target = self._action(element, dialog_id)
                    if target is not None:
                        found[current] = target
        return found

    def _handler(self, dialog_id: str, holder: Element, event: str) -> Handler | None:
        scopes = [holder, holder.parent, self.root] if holder.parent is not None else [holder]
        for scope in scopes:
            if scope is None:
                continue
            handlers = scope.find(event) + [
                c for c in scope.find("catch") if event in c.attrs.get("event", "").split()
            ]
            if not handlers:
                continue
            counts = [self._count(h, dialog_id) for h in handlers]
            count = max(counts)
            last = handlers[counts.index(count)]
            then = self._actions(last, dialog_id)
            if then is not None and (then.kind, then.value) == ("action", "repeat"):
                then = None  # reprompt for ever
            retries = count - 1 if then is not None else None
            return Handler(retries, then, last.pos, last.attr_pos("count") if count > 1 else None)
        return None

    def _count(self, handler: Element, dialog_id: str) -> int:
        """A handler's ``count`` (from which attempt it applies); 1 when it is not a number."""
        written = handler.attrs.get("count", "1").strip() or "1"
        number = whole_number(written)
        if number is not None and number >= 1:
            return number
        self.b.schema(
            handler.attr_pos("count"),
            f"count='{written}' of <{handler.tag}> is not a whole number from 1; read as 1",
            'write the attempt this handler applies from, as count="2"',
            dialog_id,
        )
        return 1

    def _actions(self, element: Element, dialog_id: str) -> Target | None:
        for child in element.iter():
            if child is element:
                continue
            target = self._action(child, dialog_id)
            if target is not None:
                return target
        return None

    def _action(self, element: Element, dialog_id: str | None) -> Target | None:
        tag = element.tag
        if tag == "goto" or tag == "submit":
            where = element.attrs.get("next") or element.attrs.get("expr", "")
            return self._next(where, element.attr_pos("next"), dialog_id)
        if tag in ("disconnect", "exit"):
            return Target("action", "hangup", element.pos)
        if tag == "reprompt":
            return Target("action", "repeat", element.pos)
        if tag == "transfer":
            dest = element.attrs.get("dest") or element.attrs.get("destexpr", "transfer")
            return self.b.destination("number", dest, element.pos, prefix="transfer")
        return None

    def _next(self, where: str, pos: Pos, dialog_id: str | None) -> Target | None:
        if not where.startswith("#"):
            if not where:
                return None
            return self.b.destination("self-service", where, pos, prefix="document", human=False)
        target_id = where[1:]
        dialog = self.dialogs.get(target_id)
        if dialog is None or target_id in self.menus:
            if target_id == dialog_id:
                return Target("action", "repeat", pos)
            return Target("goto", target_id, pos)  # IVR105 reports an undefined one
        if target_id in self._visiting:
            return None  # forms that only pass the call between themselves
        self._visiting.add(target_id)
        found = self._actions(dialog, target_id)
        self._visiting.discard(target_id)
        if found is None:
            return Target("action", "hangup", pos)  # the dialog ends; so does the document
        return Target(found.kind, found.value, pos)


def _key_field(field: Element) -> bool:
    """Whether a ``<field>`` takes one key: ``<option dtmf>``, or a DTMF grammar of keys."""
    if any(o.attrs.get("dtmf") in DTMF_KEYS for o in field.find("option")):
        return True
    for grammar in field.find("grammar"):
        if grammar.attrs.get("mode", "dtmf") != "dtmf":
            continue
        if any(item.text() in DTMF_KEYS for item in grammar.iter("item")):
            return True
    return False
