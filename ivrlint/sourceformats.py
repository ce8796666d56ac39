"""The menu formats ivrlint reads: the one list ``--from``, detection and the importers use.

Kept free of imports so that ``ivrlint.cli.common`` (imported by every command) can build
the ``--from`` choices from it without loading the importers or their parsers. The format
``NAME`` other than ``ivrlint`` is read by the module ``ivrlint.importers.NAME``.
"""

from __future__ import annotations

OWN = "ivrlint"
# In the order --help, completion and error messages list them.
IMPORTED = ("twilio", "connect", "asterisk", "freeswitch", "voicexml", "genesys")
FORMATS = (OWN, *IMPORTED)


def importer_module(name: str) -> str | None:
    """The module that reads format ``name``; None for ivrlint's own format or an unknown name."""
    return f"ivrlint.importers.{name}" if name in IMPORTED else None
