"""Reading JSON and YAML exports as positioned trees (ivrlint.loader.yamlsource)."""

from __future__ import annotations

from ivrlint.diagnostics import Pos
from ivrlint.importers.base import ImportFailed, must_start
from ivrlint.loader.yamlsource import SourceError, YMap, YNode, YScalar, YSeq, parse


def parse_tree(text: str, *, is_json: bool) -> YNode:
    """The document's root node; ImportFailed (IVR001) with a position when it cannot parse."""
    if is_json:
        must_start(text, "{[", "JSON")
    try:
        document = parse(text, is_json=is_json)
    except SourceError as exc:
        message = (
            exc.message.replace("not valid YAML", "not valid JSON") if is_json else exc.message
        )
        hint = exc.hint.replace("YAML", "JSON") if is_json else exc.hint
        lines = text.splitlines() or [""]
        at_end = exc.pos.line > len(lines) or (
            exc.pos.line == len(lines) and exc.pos.column > len(lines[-1])
        )
        if at_end:
            hint = "the file ends in the middle of the document: is it truncated?"
        raise ImportFailed(message, exc.pos, hint) from None
    if document.root is None:
        raise ImportFailed("file is empty", Pos(), "export the flow again")
    return document.root


def get(node: YNode | None, *keys: str) -> YNode | None:
    """``node[k1][k2]...`` for mappings; None when any step is missing."""
    for key in keys:
        if not isinstance(node, YMap):
            return None
        node = next((v for k, v in node.items if k.value == key), None)
    return node


def key_node(node: YNode | None, key: str) -> YScalar | None:
    if not isinstance(node, YMap):
        return None
    return next((k for k, _ in node.items if k.value == key), None)


def text(node: YNode | None, *keys: str) -> str | None:
    """The text at ``keys`` (numbers as written), or None."""
    found = get(node, *keys)
    if isinstance(found, YScalar) and found.value is not None and not isinstance(found.value, bool):
        return found.value if isinstance(found.value, str) else found.source
    return None


def items(node: YNode | None, *keys: str) -> list[YNode]:
    found = get(node, *keys)
    return found.items if isinstance(found, YSeq) else []
