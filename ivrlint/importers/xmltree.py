"""A small XML element tree that remembers where each element and attribute is written.

Parsing goes through defusedxml (entity expansion, external entities and DTD retrieval are
refused); the SAX locator gives each element's line and column, and an attribute's position
is found by reading the start tag in the source text.
"""

from __future__ import annotations

import re
import xml.sax
import xml.sax.handler
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.sax.expatreader import ExpatLocator

import defusedxml
import defusedxml.sax

from ivrlint.diagnostics import Pos
from ivrlint.importers.base import ImportFailed, must_start


@dataclass
class Element:
    tag: str  # local name, without a namespace
    attrs: dict[str, str]
    pos: Pos
    children: list[Element] = field(default_factory=list)
    parts: list[str | Element] = field(default_factory=list)  # text and children, in order
    parent: Element | None = None
    source: Source | None = None

    def text(self) -> str:
        """All text inside, children's included, with whitespace collapsed."""
        out: list[str] = []
        for part in self.parts:
            out.append(part if isinstance(part, str) else part.text())
        return " ".join(" ".join(out).split())

    def find(self, *tags: str) -> list[Element]:
        return [c for c in self.children if c.tag in tags]

    def first(self, *tags: str) -> Element | None:
        return next((c for c in self.children if c.tag in tags), None)

    def iter(self, *tags: str) -> Iterator[Element]:
        if not tags or self.tag in tags:
            yield self
        for child in self.children:
            yield from child.iter(*tags)

    def attr_pos(self, name: str) -> Pos:
        """Where the value of attribute ``name`` starts (the element's position if unknown)."""
        if self.source is None or name not in self.attrs:
            return self.pos
        return self.source.attr_pos(self.pos, name)


class Source:
    """Line offsets of the text, to turn positions into offsets and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for match in re.finditer("\n", text):
            self.starts.append(match.end())

    def offset(self, pos: Pos) -> int:
        line = min(max(pos.line, 1), len(self.starts))
        return self.starts[line - 1] + pos.column - 1

    def pos_at(self, offset: int) -> Pos:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return Pos(lo + 1, offset - self.starts[lo] + 1)

    def attr_pos(self, element_pos: Pos, name: str) -> Pos:
        start = self.offset(element_pos)
        end = self.text.find(">", start)
        pattern = re.compile(r"\s" + re.escape(name) + r"\s*=\s*[\"']?")
        match = pattern.search(self.text, start, end if end > 0 else len(self.text))
        return self.pos_at(match.end()) if match else element_pos


class _Handler(xml.sax.handler.ContentHandler):
    def __init__(self, source: Source) -> None:
        super().__init__()
        self.source = source
        self.root: Element | None = None
        self.stack: list[Element] = []
        self.locator: xml.sax.xmlreader.Locator | None = None

    def setDocumentLocator(self, locator: xml.sax.xmlreader.Locator) -> None:
        self.locator = locator

    def startElementNS(
        self, name: tuple[str | None, str], qname: str | None, attrs: object
    ) -> None:
        line = self.locator.getLineNumber() if self.locator else 1
        column = self.locator.getColumnNumber() if self.locator else 0
        values = {
            key[1]: value
            for key, value in attrs.items()  # type: ignore[attr-defined]
        }
        element = Element(name[1], values, Pos(line or 1, (column or 0) + 1), source=self.source)
        if self.stack:
            parent = self.stack[-1]
            element.parent = parent
            parent.children.append(element)
            parent.parts.append(element)
        else:
            self.root = element
        self.stack.append(element)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].parts.append(content)


def parse_xml(text: str) -> Element:
    """The document's root element; ImportFailed (IVR001) with a position when it is not XML."""
    must_start(text, "<", "XML")
    source = Source(text)
    handler = _Handler(source)
    parser = defusedxml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setContentHandler(handler)
    # ``feed`` (unlike ``parse``) does not hand the handler a locator; give it one.
    handler.setDocumentLocator(ExpatLocator(parser))
    try:
        parser.feed(text)
        parser.close()
    except xml.sax.SAXParseException as exc:
        message = str(exc.getMessage())
        pos = Pos(exc.getLineNumber() or 1, (exc.getColumnNumber() or 0) + 1)
        hint = "fix the XML at this position"
        if "no element found" in message or "unclosed token" in message:
            hint = "the file ends before its elements are closed: is it truncated?"
        raise ImportFailed(f"not well-formed XML: {message}", pos, hint) from None
    except defusedxml.DefusedXmlException as exc:
        raise ImportFailed(
            f"XML refused for safety: {exc}",
            Pos(),
            "remove the DTD entities or external references from the file",
        ) from None
    if handler.root is None:
        raise ImportFailed("the file holds no XML element", Pos())
    return handler.root
