"""Rendering DOT graphs with Graphviz, shared by ``ivrlint graph`` and ``ivrlint transfers``.

Graph builders produce DOT source (text, testable without Graphviz); this module turns it
into SVG, PNG or PDF with the ``dot`` program, or keeps it as DOT when asked for ``.dot`` or
when ``dot`` is not installed.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

IMAGE_FORMATS = ("svg", "png", "pdf")
DOT_FORMATS = ("dot", "gv")


def dot_label(text: str) -> str:
    """``text`` as a literal DOT label body: quotes, backslashes and newlines made safe.

    The graphviz package would read ``\\l`` or ``\\N`` inside a label as Graphviz escapes;
    a menu label such as ``C:\\New`` must stay as written.
    """
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def html_label(text: str) -> str:
    """``text`` escaped for a Graphviz HTML-like label ``<...>``."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "<br/>")
    )


@dataclass(frozen=True)
class Rendered:
    data: bytes
    format: str  # the format actually produced: an image format or "dot"
    note: str = ""  # what the user should know, e.g. that dot was missing


def output_format(path: Path) -> str:
    """The format a file name asks for; ValueError for an unknown suffix."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in IMAGE_FORMATS or suffix in DOT_FORMATS:
        return suffix
    raise ValueError(
        f"cannot tell the image format from '{path.name}': use .svg, .png, .pdf or .dot"
    )


def render(source: str, fmt: str) -> Rendered:
    """DOT ``source`` as ``fmt``; the DOT source itself when ``dot`` is not installed."""
    if fmt in DOT_FORMATS:
        return Rendered(source.encode("utf-8"), "dot")
    if shutil.which("dot") is None:
        return Rendered(
            source.encode("utf-8"),
            "dot",
            "Graphviz 'dot' is not installed, so the DOT source was written instead "
            "(install Graphviz, e.g. 'apt-get install graphviz', to get images)",
        )
    import graphviz

    data: bytes = graphviz.Source(source).pipe(format=fmt)
    return Rendered(data, fmt)
