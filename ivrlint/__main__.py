"""``python -m ivrlint`` and the ``ivrlint`` command (both start here)."""

from __future__ import annotations

import gc

from ivrlint.gcpause import paused_gc


def main() -> None:
    # Importing Typer, Click and ivrlint's command line leaves ~17,000 objects the cyclic
    # collector tracks, all living as long as the process: it would scan them again and again
    # for nothing. Paused while they are imported, then frozen (never scanned again).
    with paused_gc():
        from ivrlint.cli import main as run

        gc.freeze()
    run()


if __name__ == "__main__":
    main()
