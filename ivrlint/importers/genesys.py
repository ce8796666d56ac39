"""Genesys Cloud Architect flows in Archy's YAML: ``menus``, their ``choices`` and ``tasks``.

Each ``menu`` (top-level or nested in a ``menuSubMenu``) is a menu; a choice's ``dtmf``
(``digit_1``, ``star``, ``pound``) is its key and its ``name`` its label. A menu repeats
``settingsMenu.repeatCount`` times when the caller presses nothing or a wrong key, then
Architect disconnects. Tasks (``menuTask``, ``menuJumpToTask``, ``startUpRef`` to a task)
are followed through their actions to the first transfer, jump to a menu or disconnect.
"""

from __future__ import annotations

import re

from ivrlint.diagnostics import Pos
from ivrlint.importers.base import Builder, ImportFailed, Resolved, slug, whole_number
from ivrlint.importers.tree import get, items, parse_tree, text
from ivrlint.loader import Loaded
from ivrlint.loader.yamlsource import YMap, YNode, YScalar
from ivrlint.model import Handler, Menu, Option, Target

FLOW_KINDS = ("inboundCall", "inQueueCall", "outboundCall")
_REF = re.compile(r"(menus|tasks)/(?:menu|task)\[([^\]]+)\]")
_DEFAULT_REPEATS = 3
_TRANSFERS = {
    "TransferToAcd": "queue",
    "TransferToUser": "agent",
    "TransferToGroup": "agent",
    "TransferToNumber": "number",
    "TransferExternal": "number",
    "TransferToVoicemail": "voicemail",
    "TransferToFlow": "self-service",
    "TransferToFlowSecure": "self-service",
    "DialByExtension": "agent",
}


# A placeholder of a flow template (Terraform's archy_flow, CX as Code) not yet filled in:
# ``tts: {{ivr_greeting}}`` is not valid YAML (YAML reads ``{{`` as a mapping in a mapping).
_PLACEHOLDER = re.compile(
    r"(?P<lead>:[ \t]+|-[ \t]+)(?P<value>\{\{[^{}\n]*\}\})(?=[ \t]*(?:#.*)?$)", re.M
)


def read(text_: str, path: str) -> Loaded:
    builder = Builder(path, "genesys", text_)
    source = text_
    is_json = path.lower().endswith(".json")
    if not is_json and _PLACEHOLDER.search(text_):
        # Read each placeholder as the text it stands for, so the rest of the flow can be
        # checked; a quote is added after the value, so every column before it is kept.
        source = _PLACEHOLDER.sub(lambda m: f"{m['lead']}'{m['value']}'", text_)
        first = _PLACEHOLDER.search(text_)
        assert first is not None
        line = text_.count("\n", 0, first.start("value")) + 1
        builder.note(
            Pos(line, first.start("value") - text_.rfind("\n", 0, first.start("value"))),
            f"template placeholders such as {first['value']} are read as text: "
            "the flow is checked as the template, before its values are filled in",
        )
    try:
        root = parse_tree(source, is_json=is_json)
        return _Importer(builder, root).run()
    except ImportFailed as exc:
        return builder.failed(exc)


def _single(node: YNode) -> tuple[str, YScalar, YMap] | None:
    """A ``- kind: {...}`` list item as (kind, key node, body)."""
    if isinstance(node, YMap) and len(node.items) == 1:
        key, body = node.items[0]
        if isinstance(body, YMap):
            return str(key.value), key, body
    return None


def _dtmf(value: str | None) -> str | None:
    if not value:
        return None
    word = value.lower().removeprefix("digit_")
    return {"star": "*", "pound": "#", "hash": "#"}.get(word, word if word.isdigit() else None)


class _Importer:
    def __init__(self, builder: Builder, root: YNode) -> None:
        self.b = builder
        self.flow: YMap | None = None
        for kind in FLOW_KINDS:
            found = get(root, kind)
            if isinstance(found, YMap):
                self.flow = found
        if self.flow is None:
            raise ImportFailed(
                "not an Architect flow: no 'inboundCall' (or inQueueCall, outboundCall) "
                "at the top level",
                root.pos,
                "export the flow with Archy: archy export --flowName NAME --flowType inboundcall",
            )
        self.repeats = get(self.flow, "settingsMenu", "repeatCount", "lit")
        self.menu_nodes: dict[str, YMap] = {}
        self.refs: dict[str, str] = {}
        self.tasks: dict[str, YMap] = {}
        for item in items(self.flow, "menus"):
            single = _single(item)
            if single and single[0] == "menu" and isinstance(single[2], YMap):
                self._collect_menu(single[2])
        for item in items(self.flow, "tasks"):
            single = _single(item)
            if single and isinstance(single[2], YMap):
                ref = text(single[2], "refId") or text(single[2], "name") or ""
                self.tasks[ref] = single[2]

    def _collect_menu(self, body: YMap) -> str:
        name = text(body, "name") or "menu"
        menu_id = self.b.unique_id(name, self.menu_nodes, "menu")
        self.menu_nodes[menu_id] = body
        self.b.menu_names[menu_id] = name
        for ref in (text(body, "refId"), name):
            if ref:
                self.refs.setdefault(ref, menu_id)
        for choice in items(body, "choices"):
            single = _single(choice)
            nested = get(single[2], "menu") if single and single[0] == "menuSubMenu" else None
            if isinstance(nested, YMap):
                self._collect_menu(nested)
        return menu_id

    def run(self) -> Loaded:
        if not self.menu_nodes:
            self.b.schema(
                self.flow.pos if self.flow else Pos(),
                "the flow has no menus: callers choose nothing",
                "ivrlint checks menus; this flow has none",
            )
            return self.b.loaded(None)
        for menu_id, body in self.menu_nodes.items():
            self.b.add_menu(self._menu(menu_id, body), self.b.menu_names[menu_id])
        start = get(self.flow, "startUpRef")
        resolved = self._ref(start, None, set()) if start is not None else Resolved(None)
        entry = resolved.target
        if entry is None or entry.kind != "goto":
            first = next(iter(self.menu_nodes))
            self.b.note(
                start.pos if start is not None else Pos(),
                f"the flow does not start in a menu; '{first}' is taken as the entry",
            )
            return self.b.finish(first, self.menu_nodes[first].pos, name=text(self.flow, "name"))
        return self.b.finish(
            entry.value,
            entry.pos,
            name=text(self.flow, "name"),
            language=text(self.flow, "defaultLanguage"),
        )

    def _menu(self, menu_id: str, body: YMap) -> Menu:
        prompt_node = get(body, "audio", "tts")
        options = []
        for choice in items(body, "choices"):
            single = _single(choice)
            if single is None or not isinstance(single[2], YMap):
                continue
            kind, key_node, choice_body = single
            dtmf_node = get(choice_body, "dtmf")
            key = _dtmf(text(choice_body, "dtmf"))
            if key is None:
                continue  # a choice made by speech only
            label_node = get(choice_body, "name")
            reported = len(self.b.findings)
            resolved = self._choice(kind, choice_body, menu_id, key_node.pos)
            if resolved.target is None and len(self.b.findings) == reported:
                self.b.schema(
                    key_node.pos,
                    f"ivrlint cannot tell where key {key} of menu '{menu_id}' leads: this "
                    f"{kind} names no menu, task or transfer",
                    "check this choice in Architect, or by hand",
                    menu_id,
                )
            options.append(
                Option(
                    key,
                    text(choice_body, "name"),
                    resolved.target,
                    key_node.pos,
                    dtmf_node.pos if dtmf_node is not None else key_node.pos,
                    label_pos=label_node.pos if label_node is not None else None,
                    say_first=resolved.say_first,
                )
            )
        repeats = get(body, "settingsMenu", "repeatCount", "lit") or self.repeats
        raw = text(repeats)
        count = whole_number(raw)
        if count is None:
            count = _DEFAULT_REPEATS
        at = repeats.pos if repeats is not None else body.pos
        handler = Handler(
            count, Target("action", "hangup", at), at, repeats.pos if repeats is not None else None
        )
        name = get(body, "name")
        return Menu(
            id=menu_id,
            pos=name.pos if name is not None else body.pos,
            prompt=text(prompt_node),
            prompt_pos=prompt_node.pos if prompt_node is not None else None,
            options=tuple(options),
            no_input=handler,
            no_match=handler,
        )

    def _choice(self, kind: str, body: YMap, menu_id: str, pos: Pos) -> Resolved:
        say = text(body, "preTransferAudio", "tts")
        if kind == "menuSubMenu":
            nested = get(body, "menu")
            name = text(nested, "refId") or text(nested, "name") or ""
            return Resolved(Target("goto", self.refs.get(name, slug(name)), pos))
        if kind == "menuJumpToMenu":
            return self._ref(get(body, "targetMenuRef"), menu_id, set())
        if kind in ("menuJumpToTask", "menuTask"):
            task = get(body, "task") if kind == "menuTask" else None
            if isinstance(task, YMap):
                return self._task(task, menu_id, set())
            return self._ref(get(body, "targetTaskRef"), menu_id, set())
        action = self._action(kind.removeprefix("menu"), body, menu_id, pos)
        return Resolved(action, say)

    def _action(self, kind: str, body: YMap, menu_id: str | None, pos: Pos) -> Target | None:
        kind = kind[:1].upper() + kind[1:]
        if kind == "Disconnect":
            return Target("action", "hangup", pos)
        if kind == "RepeatMenu":
            return Target("action", "repeat", pos)
        if kind == "PreviousMenu":
            return Target("action", "back", pos)
        if kind in _TRANSFERS:
            name = (
                text(body, "targetQueue", "lit", "name")
                or text(body, "destination", "queue", "targetQueue", "lit", "name")
                or text(body, "targetAddress", "lit")
                or text(body, "targetUser", "lit", "name")
                or text(body, "targetGroup", "lit", "name")
                or text(body, "targetFlow", "lit", "name")
                or text(body, "name")
                or kind
            )
            return self.b.destination(_TRANSFERS[kind], name, pos)
        return None

    def _ref(self, node: YNode | None, menu_id: str | None, seen: set[str]) -> Resolved:
        match = _REF.search(text(node) or "")
        pos = node.pos if node is not None else Pos()
        if match is None:
            return Resolved(None)
        section, ref = match.groups()
        if section == "menus":
            target_id = self.refs.get(ref, slug(ref))
            kind = "repeat" if target_id == menu_id else None
            return Resolved(Target("action", kind, pos) if kind else Target("goto", target_id, pos))
        task = self.tasks.get(ref)
        if task is None:
            self.b.schema(
                pos, f"'{text(node)}' names a task this flow does not define", menu=menu_id
            )
            return Resolved(None)
        if ref in seen:
            return Resolved(None)
        return self._task(task, menu_id, seen | {ref})

    def _task(self, task: YMap, menu_id: str | None, seen: set[str]) -> Resolved:
        """The first action of a task that decides where the call goes; branches are skipped."""
        said: list[str] = []
        for item in items(task, "actions"):
            single = _single(item)
            if single is None or not isinstance(single[2], YMap):
                continue
            kind, key_node, body = single
            if kind in ("jumpToMenu", "jumpToTask"):
                ref = get(body, "targetMenuRef") or get(body, "targetTaskRef")
                resolved = self._ref(ref, menu_id, seen)
                return Resolved(resolved.target, _join(said, resolved.say_first))
            target = self._action(kind, body, menu_id, key_node.pos)
            if target is not None:
                return Resolved(target, _join(said))
            if kind == "playAudio" and text(body, "audio", "tts"):
                said.append(text(body, "audio", "tts") or "")
        return Resolved(Target("action", "hangup", task.pos), _join(said))


def _join(said: list[str], more: str | None = None) -> str | None:
    return " ".join(s for s in [*said, more or ""] if s) or None
