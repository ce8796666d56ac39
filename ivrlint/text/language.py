"""Which language a menu is written in, when the file does not say."""

from __future__ import annotations

import re
from collections.abc import Iterable

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")


def detect(texts: Iterable[str]) -> str:
    """``ru`` when Cyrillic letters outnumber Latin ones, else ``en``.

    ivrlint reads English and Russian; telling those two apart needs no statistical model,
    only the script the words are written in.
    """
    cyrillic = latin = 0
    for text in texts:
        cyrillic += len(_CYRILLIC.findall(text))
        latin += len(_LATIN.findall(text))
    return "ru" if cyrillic > latin else "en"


def normalise_language(code: str | None) -> str | None:
    """``ru-RU`` → ``ru``, ``EN_us`` → ``en``."""
    if not code:
        return None
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0] or None
