#!/usr/bin/env python3
"""Rebuild ivrlint/data/stems.marshal and topics.marshal after editing a word list or the
thesaurus."""

from ivrlint.text import thesaurus
from ivrlint.text.lexicon import DATA, STEM_TABLE, builtin, compiled

(DATA / STEM_TABLE).write_bytes(compiled())
print(f"wrote {DATA / STEM_TABLE}")
builtin.cache_clear()  # the word lists, now read with the new stems
(DATA / thesaurus.TABLE).write_bytes(thesaurus.compiled(builtin("stop", "en")))
print(f"wrote {DATA / thesaurus.TABLE}")
