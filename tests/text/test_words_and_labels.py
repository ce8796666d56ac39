from __future__ import annotations

import pytest

from ivrlint.text.labels import ambiguity, read, similar, vocabulary
from ivrlint.text.lexicon import DATA, WordList, compiled
from ivrlint.text.speech import spoken_seconds, word_count
from ivrlint.text.words import stem, stems, tokens


def test_tokens_normalise_case_and_yo() -> None:
    assert tokens("Счёт и ОПЛАТА, SIM-карта") == ["счет", "и", "оплата", "sim", "карта"]


def test_stems_join_russian_and_english_forms() -> None:
    assert stem("счета") == stem("счетов") == stem("счет")
    assert stem("deliveries") == stem("delivery")


def test_fuzzy_match_catches_fleeting_vowels_only() -> None:
    assert similar(stem("звонок"), stem("звонки"))
    assert not similar(stem("изменить"), stem("отменить"))
    assert not similar("card", "care")


@pytest.mark.parametrize(
    ("a", "b", "language", "kind"),
    [
        ("Billing", "Payments", "en", "same"),
        ("Shipping", "Delivery", "en", "same"),
        ("Тарифы", "Стоимость услуг", "ru", "same"),
        ("Card services", "Lost or stolen card", "en", "inside"),
        ("Loans", "Mortgages", "en", "inside"),
        ("Existing customers", "Technical support", "en", "audience"),
        ("Пропуска", "Пропуск", "ru", "forms"),
        ("Order status", "Place a new order", "en", None),
        ("Изменить заказ", "Отменить заказ", "ru", None),
        ("Other", "Billing", "en", None),
    ],
)
def test_ambiguity_kinds(a: str, b: str, language: str, kind: str | None) -> None:
    vocab = vocabulary(language)
    found = ambiguity(read(a, vocab), read(b, vocab), vocab)
    assert (found.kind if found else None) == kind


@pytest.mark.parametrize(
    ("label", "vague"),
    [
        ("Other", True),
        ("More options", True),
        ("General questions", True),
        ("Прочее", True),
        ("Другие вопросы", True),
        ("Customer services", True),
        ("Other languages", False),
        ("Дополнительный багаж", False),
        ("Technical support", False),
    ],
)
def test_vague_labels(label: str, vague: bool) -> None:
    assert read(label, vocabulary("en")).vague is vague


def test_spoken_length_reads_long_numbers_digit_by_digit() -> None:
    assert word_count("Call 1-800-555-0199 now") == 13
    assert word_count("press 2 in 2024") == 4
    assert spoken_seconds("one two three", 60) == 3.0


def test_word_list_matches_never_run_past_the_text() -> None:
    words = WordList.of(["other", "other options", "all other options"])
    assert [(m.start, m.end, m.entry) for m in words.find(stems("other"))] == [(0, 1, "other")]
    found = words.find(stems("all other options, other"))
    assert [(m.start, m.end) for m in found] == [(0, 3), (3, 4)]


def test_shipped_stem_table_is_current() -> None:
    """Run scripts/update_stem_table.py after editing ivrlint/data/*.txt."""
    assert (DATA / "stems.json").read_text(encoding="utf-8") == compiled()
