"""Words as a caller hears them: tokens, normalised forms and stems, in English and Russian.

Stems come from the Snowball stemmers (``snowballstemmer``), chosen by the script a word is
written in: Cyrillic words get the Russian stemmer, Latin words the English one, so a Russian
menu that names "SIM-карта" reads both halves right. The package's own ``__init__`` imports
all of its 36 stemmers (about 20 ms); ivrlint loads only the two it uses (about 1 ms), and
only when a word needs a stem. The built-in word lists come already stemmed
(``ivrlint.text.lexicon``), so a menu whose words are all known never loads a stemmer.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import types
from collections.abc import Callable
from functools import cache, lru_cache

SUPPORTED_LANGUAGES = ("en", "ru")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ALIAS = "ivrlint._snowball"
# Words the stemmer joins to another word a caller never confuses them with.
# Snowball stems both "customs" and "customer" to "custom", "ИНН" (a tax number) to "ин", as
# it does "иное" ("other"), and "приём" / "приёму" (an appointment) to "при", a stop word,
# where its other forms ("приёма", "приёмы") keep "прием".
# "визит" / "визите" (a visit) to "виз", the stem of "виза" (a visa); "medication" to the
# stem of "medical"; and "сим" is the Latin "SIM".
_OWN_STEM = {
    "customs": "customs",
    "инн": "инн",
    "прием": "прием",
    "приему": "прием",
    "визит": "визит",
    "визите": "визит",
    "medication": "medicat",
    "medications": "medicat",
    "сим": "sim",  # "сим-карта" is the "SIM card" of a Latin label
    # paying in parts is not installing: Snowball gives both "instal"
    "instalment": "instalment",
    "instalments": "instalment",
    "installment": "instalment",
    "installments": "instalment",
    "могила": "могил",  # a grave, not "могу" (I can)
    "могил": "могил",
}
# Verbs whose particle makes another word: "check in" is not "check" (a light verb) and "in"
# (a stop word). The verb takes the joined word's stem and the particle the stop word "in",
# so "Check in", "check-in" and "checkin" read alike, and every word keeps its place.
_PARTICLE_VERBS = {
    ("check", "in"): "checkin",
    ("check", "out"): "checkout",
    ("check", "up"): "checkup",
    ("log", "in"): "login",
    ("log", "out"): "logout",
    ("sign", "in"): "signin",
    ("sign", "up"): "signup",
}
_PARTICLE = "in"


def normalise(text: str) -> str:
    """Lower case, ``ё`` read as ``е`` (Russian writes both for one letter), ``’`` as ``'``."""
    return text.lower().replace("ё", "е").replace("’", "'")


def spoken(text: str | None) -> str:
    """A label as a caller hears it: without blanks around it or line breaks inside."""
    return " ".join((text or "").split())


def tokens(text: str) -> list[str]:
    """The words of ``text``, normalised. Hyphens and slashes separate words. Found in the
    text as written, then each normalised, so that they are the words of ``cased_tokens``
    even where a capital lower-cases to two characters ("İ")."""
    return [normalise(w) for w in cased_tokens(text)]


def token_spans(text: str) -> list[tuple[int, int]] | None:
    """Where each word of ``tokens(text)`` is in ``text`` (start, end); None in the rare text
    whose normalised form has another length (a letter that lower-cases to two)."""
    lowered = normalise(text)
    if len(lowered) != len(text):
        return None
    return [m.span() for m in _TOKEN.finditer(lowered)]


def cased_tokens(text: str) -> list[str]:
    """The words of ``text`` as written (the same words as ``tokens``): "IT" is not "it"."""
    return _TOKEN.findall(text.replace("’", "'"))


def capital_positions(text: str) -> frozenset[int]:
    """Positions of words written in capitals, which stay even when they spell a stop word:
    "IT help desk" is not "help desk", "Запись на ТО" not "Запись". In a text written all in
    capitals, only a word on its own ("ТО", "IT"): an acronym, where a longer text in capitals
    is only shouted."""
    words = cased_tokens(text)
    if text.isupper():
        return frozenset({0}) if len(words) == 1 else frozenset()
    return frozenset(i for i, w in enumerate(words) if len(w) > 1 and w.isupper())


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


@cache
def _stemmers() -> tuple[Callable[[str], str], Callable[[str], str]]:
    """The English and Russian stemmers' ``stemWord``, loaded without the package's init."""
    try:
        spec = importlib.util.find_spec("snowballstemmer")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("snowballstemmer")
        if _ALIAS not in sys.modules:
            package = types.ModuleType(_ALIAS)
            package.__path__ = list(spec.submodule_search_locations)
            sys.modules[_ALIAS] = package
        english = importlib.import_module(f"{_ALIAS}.english_stemmer").EnglishStemmer()
        russian = importlib.import_module(f"{_ALIAS}.russian_stemmer").RussianStemmer()
    except (ImportError, AttributeError):  # a packaging we do not know: the slow, sure way
        import snowballstemmer  # type: ignore[import-untyped]

        english = snowballstemmer.stemmer("english")
        russian = snowballstemmer.stemmer("russian")
    return english.stemWord, russian.stemWord


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The stem of one normalised word: ``счетов`` → ``счет``, ``deliveries`` → ``deliveri``."""
    if word.isdigit() or len(word) < 3:
        return word
    if word in _OWN_STEM:
        return _OWN_STEM[word]
    english, russian = _stemmers()
    return russian(word) if is_cyrillic(word) else english(word)


def stems(text: str) -> tuple[str, ...]:
    words = tokens(text)
    found = [stem(w) for w in words]
    for i in range(len(words) - 1):
        joined = _PARTICLE_VERBS.get((words[i], words[i + 1]))
        if joined is not None:
            found[i], found[i + 1] = joined, _PARTICLE
    return tuple(found)
