"""IVR001 and IVR002: problems of the file itself, found while loading it."""

from __future__ import annotations

from ivrlint.diagnostics import Severity
from ivrlint.rules.base import Rule


class Syntax(Rule):
    """The file cannot be read as YAML or JSON.

    Nothing else can be checked until the file parses. The diagnostic points at the line and
    column where the parser stopped; the usual causes are a tab used for indentation, an
    unquoted ``*`` or ``#`` key, a missing colon or a file that is not text at all.

    Bad:

        menus:
          main:
            options:
              *: { label: Back, action: back }

    Good:

        menus:
          main:
            options:
              "*": { label: Back, action: back }
    """

    code = "IVR001"
    name = "file.syntax"
    severity = Severity.ERROR
    from_loader = True


class Schema(Rule):
    """A required key is missing, a value has the wrong type, or a key is unknown.

    Unknown keys are reported rather than ignored, so that a typo such as ``opitons`` does not
    silently drop a menu's choices. Where a close key exists the hint says "did you mean".

    Bad:

        ivrlint: 1
        entry: main
        menus:
          main:
            prompt: For billing, press 1.
            opitons:
              "1": { label: Billing, transfer: billing }

    Good:

        ivrlint: 1
        entry: main
        menus:
          main:
            prompt: For billing, press 1.
            options:
              "1": { label: Billing, transfer: billing }
    """

    code = "IVR002"
    name = "file.schema"
    severity = Severity.ERROR
    from_loader = True


class UnusedSuppression(Rule):
    """A ``# ivrlint: disable=...`` comment suppresses nothing.

    A suppression outlives the problem it silenced: the menu was fixed, the option moved, or
    the rule code was mistyped. Left in place it would hide the next real problem at that
    spot, so it is reported for removal. Suppressions of rules that did not run (turned off by
    ``select``, ``ignore`` or a per-file ignore) are not reported, since nothing is known
    about them. A comment that is not a valid directive, or names no rule, is reported too.

    Bad:

        options:
          # ivrlint: disable=IVR305
          "1": { label: Billing, transfer: billing }

    Good:

        options:
          "1": { label: Billing, transfer: billing }
    """

    code = "IVR003"
    name = "file.unused-suppression"
    severity = Severity.INFO
    from_loader = True  # found by the engine, from the file's comments
