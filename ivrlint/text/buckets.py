"""A table split into sections in one file, each read on its own when first needed.

The thesaurus' compiled table (``data/topics.marshal``) is written this way: a head section
(the concepts' links, read whole) and buckets of phrases, a phrase in the bucket of its first
stem (``bucket_of``). A check reads only the buckets of the words its labels and prompts use,
so its cost hardly grows with the thesaurus.

Layout: ``MAGIC``, the number of sections (unsigned 32-bit little-endian), the offset of each
section from the start of the file and the file's length (as many offsets plus one), the
CRC-32 of each section, then the sections, each a value in Python's ``marshal`` format
(version 4): plain dicts, tuples and strings, no code. ``marshal`` is not made for damaged
data (a flipped bit can crash the interpreter), so a section is read only when its CRC-32
matches; otherwise ``ValueError``, and the caller builds the table from the text instead.
"""

from __future__ import annotations

import marshal
import struct
import zlib
from typing import Any

MAGIC = b"ivrlint-buckets2\n"
_COUNT = struct.Struct("<I")
_SPAN = struct.Struct("<II")
_OFFSETS = len(MAGIC) + _COUNT.size


def bucket_of(word: str, count: int) -> int:
    """The bucket of a word among ``count``: a CRC-32 of its UTF-8 bytes, the same in every
    process (Python's own ``hash`` of a string changes from run to run)."""
    return zlib.crc32(word.encode("utf-8")) % count


def pack(sections: list[Any]) -> bytes:
    """The file holding ``sections`` in order."""
    parts = [marshal.dumps(section, 4) for section in sections]
    offset = _OFFSETS + 4 * (len(parts) + 1) + 4 * len(parts)
    offsets = []
    for part in parts:
        offsets.append(offset)
        offset += len(part)
    offsets.append(offset)
    header = MAGIC + _COUNT.pack(len(parts)) + struct.pack(f"<{len(offsets)}I", *offsets)
    checks = struct.pack(f"<{len(parts)}I", *(zlib.crc32(part) for part in parts))
    return header + checks + b"".join(parts)


class Sections:
    """The sections of a file written by ``pack``, each read when asked for."""

    __slots__ = ("_checks", "_data", "count")

    def __init__(self, data: bytes) -> None:
        """Checks the header: a truncated or foreign file raises ``ValueError`` here rather
        than in the middle of a check."""
        if not data.startswith(MAGIC) or len(data) < _OFFSETS:
            raise ValueError("not a table of sections")
        (count,) = _COUNT.unpack_from(data, len(MAGIC))
        end = _OFFSETS + 4 * (count + 1)  # after the offsets
        if count < 1 or len(data) < end or _COUNT.unpack_from(data, end - 4)[0] != len(data):
            raise ValueError("a table of sections cut short")
        self.count: int = count
        self._checks = end  # where the CRC-32 of each section starts
        self._data = memoryview(data)

    def read(self, index: int) -> Any:
        """Section ``index``; ``ValueError``, ``EOFError`` or ``TypeError`` if it is damaged."""
        start, end = _SPAN.unpack_from(self._data, _OFFSETS + 4 * index)
        part = self._data[start:end]
        (check,) = _COUNT.unpack_from(self._data, self._checks + 4 * index)
        if zlib.crc32(part) != check:
            raise ValueError(f"section {index} of the table is damaged")
        return marshal.loads(part)
