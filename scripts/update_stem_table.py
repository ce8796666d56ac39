#!/usr/bin/env python3
"""Rebuild ivrlint/data/stems.json and topics.marshal after editing a word list or the
thesaurus."""

from ivrlint.text import thesaurus
from ivrlint.text.lexicon import DATA, builtin, compiled

(DATA / "stems.json").write_text(compiled(), encoding="utf-8")
print(f"wrote {DATA / 'stems.json'}")
builtin.cache_clear()  # the word lists, now read with the new stems
(DATA / thesaurus.TABLE).write_bytes(thesaurus.compiled(builtin("stop", "en")))
print(f"wrote {DATA / thesaurus.TABLE}")
