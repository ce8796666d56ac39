"""Which format a file is in, from its content (and, only to break ties, its name).

Detection reads the start of the file with a few regular expressions: it must stay cheap,
because ``ivrlint check`` runs it on every file, including its own YAML menus.
"""

from __future__ import annotations

import re
from functools import cache

from ivrlint.sourceformats import FORMATS

__all__ = ["FORMATS", "UNKNOWN", "detect", "looks_like_export"]

UNKNOWN = "unknown"

HEAD_CHARS = 65_536
EXPORT_SUFFIXES = (".conf", ".xml", ".vxml")

# Compiled on first use (``_re``): a file in ivrlint's own YAML needs three of them.
_PATTERNS: dict[str, tuple[str, int]] = {
    "own": (r"^(?:ivrlint|menus|entry)\s*:|\"(?:ivrlint|menus)\"\s*:", re.MULTILINE),
    "twilio": (r"\"(?:initial_state|states)\"\s*:|\"type\"\s*:\s*\"trigger\"", 0),
    "connect": (r"\"(?:StartAction|Actions)\"\s*:", 0),
    "connect_wrapped": (
        r'"Content"\s*:\s*"\s*\{\s*\\"(?:Version|StartAction|Actions|Metadata)\\"',
        0,
    ),
    "connect_old": (r"\"modules\"\s*:[\s\S]*\"branches\"\s*:", 0),
    "genesys": (
        r"^(?:inboundCall|inQueueCall|outboundCall|inboundShortMessage)\s*:",
        re.MULTILINE,
    ),
    "asterisk": (r"^\s*(?:exten|same)\s*=>?", re.MULTILINE),
    "section": (r"^\s*\[[^\]\n]+\]", re.MULTILINE),
    "vxml": (r"<vxml[\s>]", 0),
    "freeswitch": (
        r"<menu\s[^>]*\bname\s*=|<entry\s[^>]*\baction\s*=\s*[\"']menu-"
        r"|<configuration\s[^>]*\bname\s*=\s*[\"']ivr\.conf[\"']",
        0,
    ),
}


@cache
def _re(name: str) -> re.Pattern[str]:
    pattern, flags = _PATTERNS[name]
    return re.compile(pattern, flags)


def detect(text: str, path: str = "") -> str:
    """The format of ``text``: one of FORMATS, or UNKNOWN."""
    head = text[:HEAD_CHARS].lstrip("\ufeff \t\r\n")
    name = path.lower()
    if head.startswith("<"):
        if _re("vxml").search(head):
            return "voicexml"
        if _re("freeswitch").search(head):
            return "freeswitch"
        return "voicexml" if name.endswith(".vxml") else UNKNOWN
    if head.startswith(("{", "[")) and not _re("section").match(head):
        if _re("own").search(head):
            return "ivrlint"
        if _re("twilio").search(head):
            return "twilio"
        if any(_re(n).search(head) for n in ("connect", "connect_old", "connect_wrapped")):
            return "connect"
        return _by_suffix(name)
    if _re("genesys").search(head):
        return "genesys"
    if _re("asterisk").search(head) and _re("section").search(head):
        return "asterisk"
    if _re("own").search(head):
        return "ivrlint"
    return _by_suffix(name)


def _by_suffix(name: str) -> str:
    if name.endswith((".yaml", ".yml", ".json")):
        return "ivrlint"  # the loader says what is wrong with it
    if name.endswith(".conf"):
        return "asterisk"
    if name.endswith(".vxml"):
        return "voicexml"
    return UNKNOWN


def looks_like_export(path: str) -> bool:
    """Whether a ``.conf``/``.xml``/``.vxml`` file found in a folder is an IVR export.

    A folder of menus may also hold unrelated XML or configuration; those are skipped
    rather than reported as broken menus.
    """
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(HEAD_CHARS)
    except OSError:
        return True  # let the check report why it cannot be read
    found = detect(head, "")
    if found == "asterisk":
        return bool(re.search(r"\b(?:Background|WaitExten)\s*\(", head, re.IGNORECASE))
    return found in ("voicexml", "freeswitch")
