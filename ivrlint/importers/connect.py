"""Amazon Connect flows: the Flow language export (``Actions``) and the older one (``modules``).

Both are read into the same small graph of blocks. ``GetParticipantInput`` (``GetUserInput``
in the older export) blocks that branch on keys are menus; their ``Equals`` conditions are
the options, ``InputTimeLimitExceeded`` (``Timeout``) the no-input handling and
``NoMatchingCondition`` (``NoMatch``) the no-match handling. A ``Loop`` block that sends the
caller back to the menu gives the number of retries. Other blocks are followed to the first
transfer to a queue (whose queue an earlier ``UpdateContactTargetQueue``/``SetQueue`` chose),
transfer to a number or flow, or disconnect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ivrlint.diagnostics import Pos
from ivrlint.importers.base import Builder, ImportFailed, Resolved, whole_number
from ivrlint.importers.tree import get, items, parse_tree, text
from ivrlint.loader import Loaded
from ivrlint.loader.yamlsource import YMap, YNode, YScalar, YSeq
from ivrlint.model import DTMF_KEYS, Handler, Menu, Option, Target

_INPUT = {"GetParticipantInput", "GetUserInput"}
_NO_INPUT = {"InputTimeLimitExceeded", "Timeout"}
_NO_MATCH = {"NoMatchingCondition", "NoMatch"}
_SET_QUEUE = {"UpdateContactTargetQueue", "SetQueue"}
_TO_QUEUE = {"TransferContactToQueue"}
_HANGUP = {"DisconnectParticipant", "Disconnect", "EndFlowExecution"}
_SSML = re.compile(r"<[^>]+>")


@dataclass
class Link:
    """One way out of a block: where it goes, and where that is written."""

    to: str | None
    pos: Pos


@dataclass
class Block:
    ident: str
    kind: str
    pos: Pos
    params: dict[str, tuple[str, Pos]] = field(default_factory=dict)
    next: Link | None = None
    conditions: list[tuple[list[tuple[str, Pos]], Link]] = field(default_factory=list)
    errors: dict[str, Link] = field(default_factory=dict)
    queue_name: str | None = None


def read(text_: str, path: str) -> Loaded:
    builder = Builder(path, "connect", text_)
    try:
        root = parse_tree(text_, is_json=not path.lower().endswith((".yaml", ".yml")))
        content = get(root, "ContactFlow", "Content") or get(root, "Content")
        if isinstance(content, YScalar) and isinstance(content.value, str):
            root = _inner_flow(text_, content)
        blocks, start = _blocks(root)
        return _Importer(builder, blocks, start).run()
    except ImportFailed as exc:
        return builder.failed(exc)


def _inner_flow(source: str, content: YScalar) -> YNode:
    """The flow that ``describe-contact-flow`` (and CloudFormation/Terraform exports) store
    as a JSON string in ``Content``, with every position mapped back into the outer file."""
    line_starts = [0]
    for line in source.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    at = line_starts[content.pos.line - 1] + content.pos.column - 1 if content.pos.line else -1
    if not 0 <= at < len(source) or source[at] != '"':
        raise ImportFailed(
            "the flow is stored as a string inside 'Content' that ivrlint cannot locate",
            content.pos,
            "save the flow itself: jq -r .ContactFlow.Content flow.json > content.json",
        )
    chars: list[str] = []
    origin: list[int] = []  # origin[i]: offset in ``source`` of the i-th decoded character
    i = at + 1
    while i < len(source) and source[i] != '"':
        start = i
        if source[i] == "\\" and i + 1 < len(source):
            code = source[i + 1]
            if code == "u":
                chars.append(chr(int(source[i + 2 : i + 6], 16)))
                i += 6
            else:
                chars.append(
                    {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}.get(code, code)
                )
                i += 2
        else:
            chars.append(source[i])
            i += 1
        origin.append(start)
    origin.append(i)
    inner = "".join(chars)
    inner_starts = [0]
    for line in inner.splitlines(keepends=True):
        inner_starts.append(inner_starts[-1] + len(line))

    def outer(pos: Pos) -> Pos:
        if pos.line < 1:
            return content.pos
        offset = min(
            inner_starts[min(pos.line, len(inner_starts)) - 1] + pos.column - 1, len(origin) - 1
        )
        where = origin[max(offset, 0)]
        line = max(n for n, s in enumerate(line_starts, start=1) if s <= where)
        return Pos(line, where - line_starts[line - 1] + 1)

    try:
        root = parse_tree(inner, is_json=True)
    except ImportFailed as exc:
        raise ImportFailed(
            f"the flow in 'Content': {exc.message}", outer(exc.pos), exc.hint
        ) from None
    stack: list[YNode] = [root]
    while stack:
        node = stack.pop()
        node.pos = outer(node.pos)
        if isinstance(node, YMap):
            for key, value in node.items:
                key.pos = outer(key.pos)
                stack.append(value)
        elif isinstance(node, YSeq):
            stack.extend(node.items)
    return root


def _blocks(root: YNode) -> tuple[dict[str, Block], Link]:
    if get(root, "Actions") is not None:
        return _current(root)
    if get(root, "modules") is not None:
        return _legacy(root)
    raise ImportFailed(
        "not an Amazon Connect flow: no 'Actions' (or 'modules') at the top level",
        root.pos,
        "export the flow from the flow designer (Save → Export flow)",
    )


def _current(root: YNode) -> tuple[dict[str, Block], Link]:
    metadata = get(root, "Metadata", "ActionMetadata")
    blocks: dict[str, Block] = {}
    for action in items(root, "Actions"):
        ident = text(action, "Identifier")
        if not isinstance(action, YMap) or not ident:
            continue
        block = Block(ident, text(action, "Type") or "", action.pos)
        params = get(action, "Parameters")
        for key, value in params.items if isinstance(params, YMap) else []:
            if isinstance(value, YScalar) and value.value is not None:
                block.params[str(key.value)] = (str(text(value) or ""), value.pos)
            elif isinstance(value, YMap) and key.value in ("LexBot", "LexV2Bot"):
                block.params["Lex"] = ("bot", value.pos)
        transitions = get(action, "Transitions")
        if text(transitions, "NextAction") is not None:
            block.next = _link(get(transitions, "NextAction"))
        for condition in items(transitions, "Conditions"):
            operands = get(condition, "Condition", "Operands") or get(condition, "Operands")
            values = [
                (str(text(o)), o.pos) for o in getattr(operands, "items", []) if text(o) is not None
            ]
            block.conditions.append((values, _link(get(condition, "NextAction"), condition.pos)))
        for error in items(transitions, "Errors"):
            kind = text(error, "ErrorType") or ""
            block.errors[kind] = _link(get(error, "NextAction"), error.pos)
        block.queue_name = text(metadata, ident, "queue", "text") or text(
            metadata, ident, "Queue", "text"
        )
        blocks[ident] = block
    return blocks, _link(get(root, "StartAction"), root.pos)


def _legacy(root: YNode) -> tuple[dict[str, Block], Link]:
    blocks: dict[str, Block] = {}
    for module in items(root, "modules"):
        ident = text(module, "id")
        if not isinstance(module, YMap) or not ident:
            continue
        kind = text(module, "type") or ""
        target = text(module, "target")
        if kind == "Transfer" and target:
            kind = f"Transfer{target}"  # TransferQueue, TransferPhoneNumber, TransferFlow
        block = Block(ident, kind, module.pos)
        for param in items(module, "parameters"):
            name, value = text(param, "name"), get(param, "value")
            if name and isinstance(value, YScalar):
                namespace = text(param, "namespace")
                written = str(text(value) or "")
                # A value read from a contact attribute when the call runs, written the
                # way the Flow language writes it: $.External.GREETING
                shown = f"$.{namespace}.{written}" if namespace else written
                block.params[name] = (shown, value.pos)
                if text(param, "resourceName"):
                    block.queue_name = text(param, "resourceName")
        for branch in items(module, "branches"):
            condition = text(branch, "condition") or ""
            link = _link(get(branch, "transition"), branch.pos)
            if condition == "Evaluate":
                value = get(branch, "conditionValue")
                block.conditions.append(([(str(text(value)), value.pos)] if value else [], link))
            elif condition == "Success" and block.next is None:
                block.next = link
            else:
                block.errors[condition] = link
        blocks[ident] = block
    return blocks, _link(get(root, "start"), root.pos)


def _link(node: YNode | None, fallback: Pos = Pos()) -> Link:
    return Link(text(node), node.pos if node is not None else fallback)


class _Importer:
    def __init__(self, builder: Builder, blocks: dict[str, Block], start: Link) -> None:
        self.b = builder
        self.blocks = blocks
        self.start = start
        self.menus = [b for b in blocks.values() if self._is_menu(b)]
        self.menu_ids = {b.ident for b in self.menus}

    @staticmethod
    def _is_menu(block: Block) -> bool:
        if block.kind not in _INPUT:
            return False
        keys = [v for values, _ in block.conditions for v, _ in values]
        return "Lex" not in block.params and (not keys or all(k in DTMF_KEYS for k in keys))

    def run(self) -> Loaded:
        if not self.menus:
            self.b.schema(
                Pos(),
                "the flow asks the caller for no key: it has no 'Get customer input' block "
                "that branches on DTMF keys",
                "ivrlint checks menus; this flow has none",
            )
            return self.b.loaded(None)
        for block in self.menus:
            self.b.add_menu(self._menu(block))
        entry = self._resolve(self.start, None, set(), None).target
        if entry is None or entry.kind != "goto":
            first = self.menus[0]
            self.b.note(
                self.start.pos,
                f"the flow's start does not lead to a menu; '{first.ident}' is taken as the entry",
            )
            return self.b.finish(first.ident, first.pos)
        return self.b.finish(entry.value, entry.pos)

    def _menu(self, block: Block) -> Menu:
        prompt = block.params.get("Text") or block.params.get("SSML")
        options = []
        for values, link in block.conditions:
            resolved = self._resolve(link, block.ident, set(), None)
            for key, pos in values:
                options.append(
                    Option(key, None, resolved.target, pos, pos, say_first=resolved.say_first)
                )
        return Menu(
            id=block.ident,
            pos=block.pos,
            prompt=_SSML.sub(" ", prompt[0]).strip() if prompt else None,
            prompt_pos=prompt[1] if prompt else None,
            options=tuple(options),
            no_input=self._handler(block, _NO_INPUT),
            no_match=self._handler(block, _NO_MATCH),
        )

    def _handler(self, block: Block, names: set[str]) -> Handler | None:
        link = next((block.errors[n] for n in names if n in block.errors), None)
        if link is None:
            return None
        loop = self.blocks.get(link.to or "")
        if loop is not None and loop.kind == "Loop":
            count = loop.params.get("LoopCount")
            again = next(
                (
                    lk
                    for vals, lk in loop.conditions
                    if any(v == "ContinueLooping" for v, _ in vals)
                ),
                None,
            )
            done = next(
                (lk for vals, lk in loop.conditions if any(v == "DoneLooping" for v, _ in vals)),
                None,
            )
            back = self._resolve(again, block.ident, set(), None).target if again else None
            if done and back is not None and (back.kind, back.value) == ("action", "repeat"):
                then = self._resolve(done, block.ident, set(), None).target
                retries = whole_number(count[0]) if count else None
                return Handler(retries, then, link.pos, count[1] if count else None)
        then = self._resolve(link, block.ident, set(), None).target
        if then is not None and then.kind == "action" and then.value == "repeat":
            then = None  # back to the same menu, without a limit
        return Handler(None, then, link.pos)

    def _resolve(self, link: Link, menu: str | None, seen: set[str], queue: str | None) -> Resolved:
        said: list[str] = []
        pos = link.pos
        current = link.to
        while True:
            if current is None:
                return Resolved(Target("action", "hangup", pos), _join(said))
            block = self.blocks.get(current)
            if block is None:
                return Resolved(Target("goto", current, pos), _join(said))  # IVR105 reports it
            if current in seen:
                return Resolved(None, _join(said))
            seen.add(current)
            if current in self.menu_ids:
                kind = "repeat" if current == menu else None
                target = Target("action", kind, pos) if kind else Target("goto", current, pos)
                return Resolved(target, _join(said))
            terminal = self._terminal(block, queue)
            if terminal is not None:
                return Resolved(terminal, _join(said))
            if block.kind in _SET_QUEUE:
                queue = block.queue_name or _arn_name(
                    (block.params.get("QueueId") or block.params.get("Queue") or ("", pos))[0]
                )
            if block.kind in ("MessageParticipant", "PlayPrompt") and "Text" in block.params:
                said.append(block.params["Text"][0])
            follow = block.next or next((lk for _, lk in block.conditions), None)
            if follow is None and block.errors:
                follow = next(iter(block.errors.values()))
            current = follow.to if follow else None

    def _terminal(self, block: Block, queue: str | None) -> Target | None:
        kind = block.kind
        if kind in _HANGUP:
            return Target("action", "hangup", block.pos)
        if kind in _TO_QUEUE or kind == "TransferQueue":
            return self.b.destination("queue", queue or "working queue", block.pos)
        if kind in ("TransferParticipantToThirdParty", "TransferPhoneNumber"):
            number = block.params.get("ThirdPartyPhoneNumber") or block.params.get("PhoneNumber")
            return self.b.destination("number", number[0] if number else block.ident, block.pos)
        if kind in ("TransferToFlow", "TransferFlow", "TransferContactToFlow"):
            flow = block.params.get("ContactFlowId") or block.params.get("ContactFlow")
            return self.b.destination(
                "self-service",
                _arn_name(flow[0]) if flow else block.ident,
                block.pos,
                prefix="flow",
            )
        if block.kind in _INPUT and block.ident not in self.menu_ids:
            return self.b.destination("self-service", "bot " + block.ident, block.pos)
        return None


def _arn_name(arn: str) -> str:
    return arn.rsplit("/", 1)[-1] if arn else "queue"


def _join(said: list[str]) -> str | None:
    return " ".join(s for s in said if s) or None
