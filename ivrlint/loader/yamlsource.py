"""Read a YAML or JSON document into a tree that remembers where everything is written.

PyYAML's composer (libyaml when available) gives nodes with positions. Walking them here,
rather than letting PyYAML build Python objects, is what lets ivrlint see what a YAML loader
hides: a key written twice in one mapping, an alias that expands without bound, a tab used
for indentation, a tag that would construct an object.
"""

from __future__ import annotations

import codecs
import re
from typing import Any, NamedTuple

import yaml

from ivrlint.diagnostics import Pos
from ivrlint.files import TooLarge

try:  # libyaml is much faster; the pure-Python composer gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 20 * 1024 * 1024
# An alias may be expanded many times; legitimate reuse (a shared no_input handler) stays
# within a small multiple of the document, a "billion laughs" document does not.
EXPANSION_FACTOR = 10
EXPANSION_FLOOR = 10_000
# A menu nests a handful of levels; exports a few dozen. Far deeper documents are broken or
# hostile, and libyaml's composer recurses on the C stack (it crashes the process near
# 100 000 levels), so depth is bounded before composing.
MAX_DEPTH = 100
# Below this bound on the nesting (see ``_may_nest_deeper``) composing is safe unchecked.
SAFE_NESTING_BOUND = 2_000

Scalar = str | int | float | bool | None

_MERGE_TAG = "tag:yaml.org,2002:merge"
_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
_CONSTRUCT = {
    "int": yaml.constructor.SafeConstructor.construct_yaml_int,
    "float": yaml.constructor.SafeConstructor.construct_yaml_float,
    "bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
    "null": yaml.constructor.SafeConstructor.construct_yaml_null,
}
_SIMPLE_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
}


# The tree's nodes and the document are plain slotted classes, with the ``repr`` and ``==`` a
# ``@dataclass(slots=True)`` would generate, from one base: a dataclass compiles its generated
# methods from source on every run, ~1 ms a class (docs/performance.md). Internal to the
# loaders; nodes are made by the hundred thousand, as cheaply as before.


class _Record:
    """``repr`` and ``==`` over the fields ``__match_args__`` names, as a dataclass's."""

    __slots__ = ()
    __match_args__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # compared by value, and mutable

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{type(self).__name__}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.__match_args__)


class YScalar(_Record):
    __slots__ = ("pos", "source", "value")
    __match_args__ = ("value", "pos", "source")

    def __init__(self, value: Scalar, pos: Pos, source: str = "") -> None:
        self.value = value
        self.pos = pos
        self.source = source  # the text as written, for messages


class YMap(_Record):
    __slots__ = ("items", "pos")
    __match_args__ = ("pos", "items")

    def __init__(self, pos: Pos, items: list[tuple[YScalar, YNode]] | None = None) -> None:
        self.pos = pos
        self.items: list[tuple[YScalar, YNode]] = [] if items is None else items


class YSeq(_Record):
    __slots__ = ("items", "pos")
    __match_args__ = ("pos", "items")

    def __init__(self, pos: Pos, items: list[YNode] | None = None) -> None:
        self.pos = pos
        self.items: list[YNode] = [] if items is None else items


YNode = YScalar | YMap | YSeq


class DuplicateKey(NamedTuple):
    key: str
    pos: Pos
    first: Pos


class SourceError(Exception):
    """The file cannot be read as a YAML document at all (IVR001)."""

    def __init__(self, message: str, pos: Pos = Pos(), hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.hint = hint


class Document(_Record):
    __slots__ = ("duplicates", "joined", "root", "text")
    __match_args__ = ("root", "duplicates", "text", "joined")

    def __init__(
        self,
        root: YNode | None,
        duplicates: list[DuplicateKey],
        text: str = "",
        joined: bool = False,
    ) -> None:
        self.root = root
        self.duplicates = duplicates
        # the text the parser read (JSON's tabs made spaces, escaped pairs joined)
        self.text = text
        # Whether escaped UTF-16 pairs were joined: columns after one on its line are then two
        # less than in the file.
        self.joined = joined


def _pos(mark: Any) -> Pos:  # a yaml.Mark, or the C parser's own Mark type
    return Pos(mark.line + 1, mark.column + 1) if mark is not None else Pos()


# An alias needs an anchor; a document without one cannot expand, which spares counting the
# nodes of every ordinary file.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]", re.MULTILINE)


def decode(data: bytes) -> str:
    """Bytes to text, or a SourceError that says where the bytes stop making sense."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(TooLarge(len(data), MAX_FILE_BYTES))
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_strict(data, encoding)
    if b"\x00" in data[:8192]:
        raise SourceError(
            "file is binary (it contains NUL bytes), not YAML or JSON",
            hint="point ivrlint at the menu's .yaml or .json file",
        )
    return _decode_strict(data, "utf-8-sig")


def too_large(exc: TooLarge) -> SourceError:
    return SourceError(
        f"{exc.describe()}; a menu file is at most {MAX_FILE_BYTES // 1_048_576} MB",
        hint="this does not look like a menu: check the path, or split the design into files",
    )


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            f"invalid {encoding.upper().replace('-SIG', '')} at byte {exc.start}: "
            f"{data[exc.start : exc.start + 1]!r} cannot be decoded",
            Pos(line, column),
            hint="save the file as UTF-8",
        ) from None


def parse(text: str, *, is_json: bool = False) -> Document:
    """Compose ``text`` and turn it into a positioned tree."""
    if is_json:
        # JSON allows tabs between tokens, YAML does not; inside JSON strings a raw tab is
        # invalid anyway, so one space per tab keeps every column where it was.
        text = text.replace("\t", " ")
    joined = False
    if "\\u" in text or "\\U" in text:
        original, text = text, _join_surrogates(text)
        joined = text != original
    try:
        if _may_nest_deeper(text, SAFE_NESTING_BOUND):
            _check_depth(text)
        node = yaml.compose(text, Loader=_Loader)
        if node is None:
            return Document(None, [], text, joined)
        document = _Builder(node, may_alias=_ANCHOR.search(text) is not None).build()
        document.text, document.joined = text, joined
        return document
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, "JSON" if is_json else "YAML") from None
    except yaml.reader.ReaderError as exc:
        raise _character_error(exc, text) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error we know is marked
        raise SourceError(f"not valid YAML: {exc}") from None


def _may_nest_deeper(text: str, bound: int) -> bool:
    """Whether ``text`` may nest deeper than ``bound``. First a cheap upper bound: each flow
    level opens with a bracket; each block level starts right of its parent (or, for a
    sequence under a mapping key, at the key's column), so two per column of the longest
    line. A file of many flow mappings has more brackets than that allows: then the tighter
    bound of one scan over the text (see ``nesting``), and where that scan cannot tell, yes."""
    flow = text.count("[") + text.count("{")
    if flow <= bound:
        longest = max(map(len, text.splitlines()), default=0)
        if flow + 2 * longest + 2 <= bound:
            return False
    # imported here: compiling its patterns costs every check 2-3 ms, and few files get here
    from ivrlint.loader.nesting import nesting_bound

    found = nesting_bound(text)
    return found is None or found > bound


def _check_depth(text: str) -> None:
    """SourceError at the first collection nested deeper than MAX_DEPTH (the events of the
    C parser: no recursion, whatever the depth)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(_pos(event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _too_deep(pos: Pos) -> SourceError:
    return SourceError(
        f"lists and mappings nest more than {MAX_DEPTH} levels deep here",
        pos,
        hint="a menu file needs a few levels: is this file generated wrongly, or not a menu?",
    )


# JSON writes a character beyond U+FFFF as two escaped UTF-16 halves ("\\ud83d\\ude00", as
# Python's json.dumps does); YAML wants the code point ("\\U0001f600") and refuses halves. An
# escaped backslash before the "u" (an even run of them) is no escape.
_SURROGATES = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})(?:\\u(d[c-f][0-9a-f]{2}))?", re.IGNORECASE
)


def _join_surrogates(text: str) -> str:
    def code_point(match: re.Match[str]) -> str:
        if match.group(3) is None:  # half a pair: JSON allows it, no text can hold it
            return f"{match.group(1)}\\ufffd"
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        return f"{match.group(1)}\\U{0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00):08x}"

    return _SURROGATES.sub(code_point, text)


def _character_error(exc: yaml.reader.ReaderError, text: str) -> SourceError:
    """A character YAML does not allow anywhere (a control character pasted with the text).
    libyaml counts its position in bytes; the first such character is where it stopped."""
    bad = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    at = max(text.find(bad), 0)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return SourceError(
        f"control character U+{ord(bad[:1] or '?'):04X} is not allowed in a menu file",
        Pos(line, column),
        hint="delete it (it often comes with text pasted from another program)",
    )


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, language: str = "YAML") -> SourceError:
    mark = exc.problem_mark or exc.context_mark
    pos = _pos(mark)
    problem = exc.problem or f"not valid {language}"
    lines = text.splitlines()
    line_text = lines[pos.line - 1] if 0 < pos.line <= len(lines) else ""
    hint = "fix the YAML syntax at this position"
    at = line_text[pos.column - 1 : pos.column] if pos.column >= 1 else ""
    if at == "\t" or "\t" in problem or "'\\t'" in problem:
        problem = "a tab character is used for indentation"
        hint = "YAML indents with spaces only: replace the tab with spaces"
    elif "expected a single document" in problem:
        hint = "a menu file holds one document: remove the extra '---' or split the file"
    elif "alias" in problem or line_text.lstrip().startswith(("*", "&", "#:")):
        hint = "quote DTMF keys and labels that start with '*', '&' or '#', as in \"*\": {...}"
    if exc.context and exc.context not in problem:
        problem = f"{problem} ({exc.context})"
    return SourceError(f"not valid {language}: {problem}", pos, hint.replace("YAML", language))


class _Builder:
    def __init__(self, root: yaml.Node, *, may_alias: bool = True) -> None:
        self.root = root
        self.budget = (
            EXPANSION_FLOOR + EXPANSION_FACTOR * _count_distinct(root) if may_alias else 1 << 62
        )
        self.duplicates: list[DuplicateKey] = []
        self.constructor = yaml.constructor.SafeConstructor()
        self.active: set[int] = set()

    def build(self) -> Document:
        return Document(self.convert(self.root), self.duplicates)

    def convert(self, node: yaml.Node) -> YNode:
        self.budget -= 1
        if self.budget < 0:
            raise SourceError(
                "aliases expand to far more nodes than the file contains (an alias bomb?)",
                _pos(node.start_mark),
                hint="remove the nested aliases; a menu file does not need them",
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            raise SourceError(
                "an alias refers to a node that contains it (a recursive alias)",
                _pos(node.start_mark),
                hint="remove the recursive alias",
            )
        if node.tag not in _COLLECTION_TAGS:
            raise _tag_error(node)
        if len(self.active) >= MAX_DEPTH:
            raise _too_deep(_pos(node.start_mark))
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return YSeq(_pos(node.start_mark), [self.convert(n) for n in node.value])
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node)
        finally:
            self.active.discard(id(node))

    def scalar(self, node: yaml.ScalarNode) -> YScalar:
        pos = _pos(node.start_mark)
        kind = _SIMPLE_TAGS.get(node.tag)
        if kind is None:
            raise _tag_error(node)
        if kind == "str":  # by far the most common: no constructor needed
            return YScalar(node.value, pos, node.value)
        try:
            value = _CONSTRUCT[kind](self.constructor, node)
        except (yaml.YAMLError, ValueError) as exc:
            raise SourceError(f"cannot read value {node.value!r}: {exc}", pos) from None
        return YScalar(value, pos, str(node.value))

    def mapping(self, node: yaml.MappingNode) -> YMap:
        result = YMap(_pos(node.start_mark))
        seen: dict[object, Pos] = {}
        merged: list[tuple[YScalar, YNode]] = []
        items = result.items
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self._merge_items(value_node))
                continue
            key = self.convert(key_node)
            if not isinstance(key, YScalar):
                raise SourceError(
                    "a mapping key must be plain text, not a list or a mapping",
                    key.pos,
                    hint="write the key as text",
                )
            marker = _hashable(key.value)
            first = seen.setdefault(marker, key.pos)
            if first is not key.pos:
                self.duplicates.append(DuplicateKey(str(key.value), key.pos, first))
            items.append((key, self.convert(value_node)))
        if merged:  # explicit keys win over merged ones, as in YAML's merge-key semantics
            items[:0] = [(k, v) for k, v in merged if _hashable(k.value) not in seen]
        return result

    def _merge_items(self, node: yaml.Node) -> list[tuple[YScalar, YNode]]:
        value = self.convert(node)
        sources = value.items if isinstance(value, YSeq) else [value]
        items: list[tuple[YScalar, YNode]] = []
        for source in sources:
            if not isinstance(source, YMap):
                raise SourceError("'<<' merges mappings only", source.pos)
            items.extend(source.items)
        return items


def _tag_error(node: yaml.Node) -> SourceError:
    return SourceError(
        f"tag {node.tag!r} is not allowed in a menu file",
        _pos(node.start_mark),
        hint="menus hold plain text, numbers, lists and mappings: remove the tag",
    )


def _hashable(value: Scalar) -> object:
    # 1 and True are equal in Python but different YAML keys
    return value if isinstance(value, str) else (type(value).__name__, value)


def _count_distinct(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return len(seen)
