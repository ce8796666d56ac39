"""VoiceXML 2.x: ``<menu>`` dialogs, and ``<form>`` dialogs whose ``<field>`` takes a DTMF key.

A ``<menu>``'s ``<choice dtmf=... next=...>`` are its options (``<menu dtmf="true">``
numbers the choices 1, 2, 3...). A ``<field>`` is a menu when its ``<option dtmf=...>`` or
DTMF grammar items name keys; the ``<filled>`` block's ``<if cond="field == 'x'">`` branches
say where each goes. ``<noinput>``/``<nomatch>`` (in the dialog, or for the whole document)
are the handlers; the one with the highest ``count`` says where the call goes in the end.
A ``<form>`` that only transfers, exits or disconnects is a destination, not a menu.
"""

from __future__ import annotations

import posixpath
import re

from ivrlint.diagnostics import Pos
from ivrlint.importers.base import Builder, ImportFailed, slug, whole_number
from ivrlint.importers.linked import Link, Linked, LinkError
from ivrlint.importers.xmltree import Element, parse_xml
from ivrlint.loader import Loaded
from ivrlint.model import DTMF_KEYS, Handler, Menu, Option, Target

MAX_CALL_DEPTH = 16
_COND = re.compile(r"""(\w+)\s*==\s*['"]?([^'"\s)]+)['"]?""")
_STRING_LITERAL = re.compile(r"""(['"])([^'"\\]+)\1""")  # 'menu.vxml' as an ECMAScript string


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
    return _Importer(builder, root, Linked(path, text_)).run()


class _Importer:
    def __init__(self, builder: Builder, root: Element, linked: Linked) -> None:
        self.b = builder
        self.root = root
        self.linked = linked
        self.dialogs = {
            d.attrs.get("id", f"dialog{i}"): d
            for i, d in enumerate(root.find("menu", "form"), start=1)
        }
        # The first <subdialog> that runs each dialog: where its <return/> goes back to.
        self.callers: dict[str, Element] = {}
        self._documents: dict[str, str] = {}  # a file read for a <subdialog> → its id prefix
        self._calls: list[Element] = []
        self._subdialogs(root, ())
        self.menus = [i for i, d in self.dialogs.items() if self._is_menu(d)]
        self._visiting: set[str] = set()
        self._returning: set[int] = set()  # ids of the <subdialog>s being returned to

    # -- <subdialog> ----------------------------------------------------------------------

    def _subdialogs(self, root: Element, chain: tuple[Link, ...], prefix: str = "") -> None:
        """Read the documents ``root``'s ``<subdialog src>`` name (their dialogs join this
        document's, with ids prefixed by the file's name) and note who calls each dialog."""
        for element in list(root.iter("subdialog")):
            src = element.attrs.get("src", "").strip() or self._literal_srcexpr(element)
            if not src:
                continue
            name, _, anchor = src.partition("#")
            document = prefix
            if name:
                read = self._document(name, element, chain)
                if read is None:
                    continue
                document, first = read
                anchor = f"{document}{anchor}" if anchor else first
                self.callers.setdefault(document, element)  # a <return/> anywhere in it
            else:
                anchor = f"{prefix}{anchor}"
            element.attrs["src"] = f"#{anchor}"
            self.callers.setdefault(anchor, element)

    def _literal_srcexpr(self, element: Element) -> str:
        """A ``srcexpr`` that is one quoted string (``srcexpr="'pay.vxml#main'"``) names its
        document as ``src`` would; any other expression is computed when the call runs, and
        only noted."""
        expr = element.attrs.get("srcexpr", "").strip()
        literal = _STRING_LITERAL.fullmatch(expr)
        if literal:
            element.attrs["src"] = literal.group(2)
            return literal.group(2).strip()
        if expr:
            self.b.note(
                element.pos,
                f'<subdialog srcexpr="{expr}">: computed when the call runs; not followed',
            )
        return ""

    def _document(
        self, name: str, element: Element, chain: tuple[Link, ...]
    ) -> tuple[str, str] | None:
        """Read the document ``name`` (once); its id prefix and the id of its first dialog."""
        top = self.linked.top
        where = f" (in {chain[-1].shown})" if chain else ""
        if "://" in name:
            self.b.note(
                element.attr_pos("src"),
                f"<subdialog src='{name}'>{where}: a document on a server is not followed",
            )
            return None
        try:
            if top is None:
                self.linked.resolve(name, ())  # raises: the text came from no file
            chain = chain or (top,)  # type: ignore[assignment]
            links = self.linked.resolve(name, chain)
            if len(links) != 1:
                raise LinkError(
                    f"names {len(links)} files; a <subdialog> runs one document",
                    "name the one file",
                )
            (link,) = links
            if link.shown not in self._documents:
                text = self.linked.read(link)
                self._merge(link, parse_xml(text), (*chain, link), element.pos)
            prefix = self._documents[link.shown]
        except LinkError as exc:
            report = self.b.note if exc.kind in ("outside", "unavailable") else self.b.schema
            report(element.attr_pos("src"), f"<subdialog src='{name}'>{where}: {exc.message}")
            return None
        except ImportFailed as exc:
            self.b.schema(
                element.attr_pos("src"),
                f"<subdialog src='{name}'>{where}: {exc.message} (at line {exc.pos.line} "
                f"of {link.shown})",
                exc.hint,
            )
            return None
        first = next((i for i in self.dialogs if i.startswith(prefix)), prefix)
        return prefix, first

    def _merge(self, link: Link, root: Element, chain: tuple[Link, ...], at: Pos) -> None:
        """Add the dialogs of another document, placed at the <subdialog> that reads it."""
        prefix = slug(re.sub(r"\.vxml$", "", link.shown, flags=re.IGNORECASE), "document")
        prefix += ":"
        self._documents[link.shown] = prefix
        self.b.note(at, f"read {link.shown} for a <subdialog>; its dialogs are placed here")
        if root.tag != "vxml":
            raise ImportFailed(f"the root element is <{root.tag}>, not <vxml>", root.pos)
        folder = posixpath.dirname(link.shown)
        for element in root.iter():
            element.pos, element.source = at, None
            for attr in ("next", "src"):
                value = element.attrs.get(attr, "")
                if value.startswith("#"):
                    element.attrs[attr] = f"#{prefix}{value[1:]}"
                elif value and attr == "next" and "://" not in value:
                    element.attrs[attr] = posixpath.normpath(posixpath.join(folder, value))
        for number, dialog in enumerate(root.find("menu", "form"), start=1):
            self.dialogs[f"{prefix}{dialog.attrs.get('id', f'dialog{number}')}"] = dialog
        self._subdialogs(root, chain, prefix)

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
        document = holder
        while document.parent is not None:
            document = document.parent
        scopes = [holder, holder.parent, document] if holder.parent is not None else [holder]
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
        if tag == "subdialog" and element.attrs.get("src", "").startswith("#"):
            return self._call(element, dialog_id)
        if tag == "subdialog" and element.attrs.get("src"):  # a document that was not read
            return self._next(element.attrs["src"], element.attr_pos("src"), dialog_id)
        if tag == "return":
            return self._return(element, dialog_id)
        if tag == "transfer":
            dest = element.attrs.get("dest") or element.attrs.get("destexpr", "transfer")
            return self.b.destination("number", dest, element.pos, prefix="transfer")
        return None

    def _call(self, element: Element, dialog_id: str | None) -> Target | None:
        """Run the dialog a <subdialog> names; its <return/> goes on after the element."""
        if len(self._calls) >= MAX_CALL_DEPTH or any(c is element for c in self._calls):
            return None  # a subdialog that runs itself again
        self._calls.append(element)
        try:
            return self._next(element.attrs["src"], element.attr_pos("src"), dialog_id)
        finally:
            self._calls.pop()

    def _return(self, element: Element, dialog_id: str | None) -> Target | None:
        """Where <return/> goes: after the <subdialog> being run, else after the first
        <subdialog> that runs this dialog; with none, the document ends."""
        if self._calls:
            running = self._calls.pop()
            try:
                return self._after(running, dialog_id)
            finally:
                self._calls.append(running)
        document = (dialog_id or "").rpartition(":")[0]
        caller = self.callers.get(dialog_id or "") or self.callers.get(f"{document}:")
        if caller is None or id(caller) in self._returning:
            self.b.note(element.pos, "<return/> outside a <subdialog>: the document ends here")
            return Target("action", "hangup", element.pos)
        self._returning.add(id(caller))
        try:
            return self._after(caller, dialog_id)
        finally:
            self._returning.discard(id(caller))

    def _after(self, caller: Element, dialog_id: str | None) -> Target | None:
        """The first action at or after ``caller`` (its <filled>, then what follows it) in
        the dialog that holds it; the dialog ends (hang-up) when there is none."""
        dialog = caller
        while dialog.parent is not None and dialog.parent.tag != "vxml":
            dialog = dialog.parent  # the <form> that holds the <subdialog>
        elements = list(dialog.iter())
        start = next(i for i, e in enumerate(elements) if e is caller)
        caller_id = next((i for i, d in self.dialogs.items() if d is dialog), None)
        for element in elements[start + 1 :]:
            target = self._action(element, caller_id)
            if target is not None:
                if caller_id in self.menus and (target.kind, target.value) == ("action", "repeat"):
                    target = Target("goto", caller_id, target.pos)
                if target.kind == "goto" and target.value == dialog_id:
                    return Target("action", "repeat", target.pos)
                return target
        if caller_id is not None and caller_id in self.menus:
            return Target("goto", caller_id, caller.pos)
        return Target("action", "hangup", caller.pos)

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
