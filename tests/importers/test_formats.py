"""One list of import formats: --from, detection and the importers agree with it."""

from __future__ import annotations

import importlib
import subprocess
import sys

from ivrlint.cli.common import SourceFormat
from ivrlint.importers import import_text
from ivrlint.importers.detect import FORMATS, detect
from ivrlint.sourceformats import IMPORTED, OWN, importer_module


def test_from_choices_are_the_formats_in_order() -> None:
    assert [f.value for f in SourceFormat] == list(FORMATS)
    assert (OWN, *IMPORTED) == FORMATS
    assert FORMATS == (
        "ivrlint",
        "twilio",
        "connect",
        "asterisk",
        "freeswitch",
        "voicexml",
        "genesys",
    )


def test_every_imported_format_has_a_reader() -> None:
    for name in IMPORTED:
        module = importlib.import_module(str(importer_module(name)))
        assert callable(module.read), name
    assert importer_module(OWN) is None
    assert importer_module("nonsense") is None


def test_an_unknown_format_lists_the_formats() -> None:
    loaded = import_text("x", "x.txt", "nonsense")
    ((_, finding),) = loaded.findings
    assert finding.message == "file unknown source format 'nonsense'"
    assert finding.hint == f"name the format with --from ({', '.join(FORMATS)})"


def test_detection_names_only_listed_formats() -> None:
    samples = ["<vxml>", '{"states": []}', "[main]\nexten => 1,1,Hangup()", "inboundCall:\n"]
    assert {detect(text) for text in samples} <= {*FORMATS, "unknown"}


def test_the_cli_options_do_not_import_the_importers() -> None:
    code = (
        "import sys, ivrlint.cli.common; print(sorted(m for m in sys.modules if 'importers' in m))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
