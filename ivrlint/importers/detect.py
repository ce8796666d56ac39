"""Which format a file is in, from its content (and, only to break ties, its name).

Detection reads the start of the file with a few regular expressions: it must stay cheap,
because ``ivrlint check`` runs it on every file, including its own YAML menus.
"""

from __future__ import annotations

import re

from ivrlint.sourceformats import FORMATS

__all__ = ["FORMATS", "UNKNOWN", "detect", "looks_like_export"]

UNKNOWN = "unknown"

HEAD_CHARS = 65_536
EXPORT_SUFFIXES = (".conf", ".xml", ".vxml")

_OWN = re.compile(r"^(?:ivrlint|menus|entry)\s*:|\"(?:ivrlint|menus)\"\s*:", re.MULTILINE)
_TWILIO = re.compile(r"\"(?:initial_state|states)\"\s*:|\"type\"\s*:\s*\"trigger\"")
_CONNECT = re.compile(r"\"(?:StartAction|Actions)\"\s*:")
_CONNECT_WRAPPED = re.compile(
    r'"Content"\s*:\s*"\s*\{\s*\\"(?:Version|StartAction|Actions|Metadata)\\"'
)
_CONNECT_OLD = re.compile(r"\"modules\"\s*:[\s\S]*\"branches\"\s*:")
_GENESYS = re.compile(r"^(?:inboundCall|inQueueCall|outboundCall|inboundShortMessage)\s*:", re.M)
_ASTERISK = re.compile(r"^\s*(?:exten|same)\s*=>?", re.MULTILINE)
_SECTION = re.compile(r"^\s*\[[^\]\n]+\]", re.MULTILINE)
_VXML = re.compile(r"<vxml[\s>]")
_FREESWITCH = re.compile(
    r"<menu\s[^>]*\bname\s*=|<entry\s[^>]*\baction\s*=\s*[\"']menu-"
    r"|<configuration\s[^>]*\bname\s*=\s*[\"']ivr\.conf[\"']"
)


def detect(text: str, path: str = "") -> str:
    """The format of ``text``: one of FORMATS, or UNKNOWN."""
    head = text[:HEAD_CHARS].lstrip("\ufeff \t\r\n")
    name = path.lower()
    if head.startswith("<"):
        if _VXML.search(head):
            return "voicexml"
        if _FREESWITCH.search(head):
            return "freeswitch"
        return "voicexml" if name.endswith(".vxml") else UNKNOWN
    if head.startswith(("{", "[")) and not _SECTION.match(head):
        if _OWN.search(head):
            return "ivrlint"
        if _TWILIO.search(head):
            return "twilio"
        if _CONNECT.search(head) or _CONNECT_OLD.search(head) or _CONNECT_WRAPPED.search(head):
            return "connect"
        return _by_suffix(name)
    if _GENESYS.search(head):
        return "genesys"
    if _ASTERISK.search(head) and _SECTION.search(head):
        return "asterisk"
    if _OWN.search(head):
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
