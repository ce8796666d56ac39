#!/usr/bin/env python3
"""Rebuild ivrlint/data/stems.json after editing a word list or the thesaurus."""

from ivrlint.text.lexicon import DATA, compiled

(DATA / "stems.json").write_text(compiled(), encoding="utf-8")
print(f"wrote {DATA / 'stems.json'}")
