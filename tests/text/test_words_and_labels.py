from __future__ import annotations

import pytest

from ivrlint.text import thesaurus
from ivrlint.text.buckets import Sections
from ivrlint.text.labels import ambiguity, in_context, read, similar, vocabulary
from ivrlint.text.lexicon import DATA, STEM_TABLE, WordList, builtin, compiled
from ivrlint.text.speech import spoken_seconds, word_count
from ivrlint.text.thesaurus import parse
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
        # a part and its whole, a problem and the thing it is a problem with
        ("Electricity", "Power cut", "en", "inside"),
        ("Отопление", "Нет отопления", "ru", "inside"),
        ("Water", "Burst pipe", "en", "inside"),
        ("Payment difficulties", "Set up a payment plan", "en", "inside"),
        # related topics, neither inside the other
        ("Returns", "Refunds", "en", "related"),
        ("Pharmacy", "Repeat prescriptions", "en", "related"),
        ("Lost luggage", "Lost property", "en", "related"),
        # a phrase in another word order
        ("Card blocked", "Freeze my card", "en", "same"),
        ("Карта утеряна", "Заблокировать карту", "ru", "inside"),
        # hard negatives: one word shared, or two kinds of one thing
        ("Pay your bill", "Payment plans", "en", None),
        ("Direct debits", "Standing orders", "en", None),
        ("Blood tests", "Test results", "en", None),
        ("ОСАГО", "КАСКО", "ru", None),
        ("Parking permits", "Parking fines", "en", None),
        ("Meter reading", "Smart meter installation", "en", None),
        ("Make a claim", "Claim status", "en", None),
        ("Check my balance", "Balance transfer", "en", None),
        ("Customs", "Import duty", "en", "same"),
        # a catch-all of a topic is IVR302's, not a choice covering the topic's parts
        ("Other parking questions", "Parking fines", "en", None),
        ("Прочие вопросы по доставке", "Таможенные пошлины", "ru", None),
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
        # a catch-all beside words naming only the whole business
        ("Other banking services", True),
        ("Any other banking question", True),
        ("Other insurance enquiries", True),
        ("Other hotel services", True),
        ("Прочие операции", True),
        ("Прочие банковские услуги", True),
        ("Другие услуги связи", True),
        ("Другие продукты банка", True),
        # ... but not beside a topic or the business as a place
        ("Other currencies", False),
        ("Other hotels", False),
        ("Другие банки", False),
        ("Другие города", False),
        ("General insurance", False),
        ("Banking", False),
        # a catch-all at the head of a label, then any topic and a noun it makes "the rest
        # of": the caller learns which topic, not what is behind the choice
        ("Other travel insurance questions", True),
        ("Прочие операции по счёту", True),
        ("Other library questions", True),
        ("Any other parking matters", True),
        ("Other questions about your pet", True),
        ("Anything else about your booking", True),
        ("Ask about something else", True),
        ("General school enquiries", True),
        ("Other card services", True),
        ("Other food order issues", True),
        ("Прочие вопросы по налогам", True),
        ("Другие услуги почты", True),
        ("Общие вопросы по парковке", True),
        ("По остальным вопросам обучения", True),
        ("Прочие проблемы с доставкой", True),
        ("Что-нибудь ещё", True),
        ("None of the above", True),
        ("Another question", True),
        # ... not when the catch-all names a set, is not the head, or the noun is a topic's
        ("Other payment options", False),
        ("Other ferry routes", False),
        ("Tickets for other events", False),
        ("Court services in other regions", False),
        ("Check other accounts", False),
        ("Other service outages", False),
        ("Book another appointment", False),
        ("General admission tickets", False),
        ("Другие способы оплаты", False),
        ("Вопросы по другим налогам", False),  # other taxes: a set
        ("Парковка в других районах", False),
        ("Общая стоматология", False),
        # umbrella words joined only to each other or to generic nouns
        ("Products and services", True),
        ("Goods and services", True),
        ("Help and advice", True),
        ("Товары и услуги", True),
        ("Помощь и поддержка", True),
        ("Products", False),
        ("Product support", False),
        ("Sales and support", False),
        ("Техническая поддержка", False),
        # an acronym is not the stop word or catch-all it spells in lower case
        ("IT help desk", False),
        ("ИНН", False),
        ("Иные вопросы", True),
    ],
)
def test_vague_labels(label: str, vague: bool) -> None:
    assert read(label, vocabulary("en")).vague is vague


def test_thesaurus_reads_broader_and_related_concepts() -> None:
    thesaurus = parse(
        "# a comment\n"
        "refund > billing ~ return: refund, money back | возврат денег\n"
        "return: return, returns | возврат\n"
        "exchange-item > return: exchange | обмен\n"
        "billing: bill | счет\n"
    )
    assert thesaurus.concepts["refund"].broader == ("billing",)
    assert thesaurus.related("return", "refund")
    assert thesaurus.related("refund", "return")
    assert not thesaurus.related("exchange-item", "refund")  # related is not inherited
    assert thesaurus.within("refund", "billing")
    assert not thesaurus.within("refund", "return")


def test_a_concept_defined_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="'refund' is defined twice"):
        parse("refund: refund | возврат денег\nrefund > billing: money back\n")


def test_shipped_thesaurus_files_name_only_concepts_they_define() -> None:
    """The domain files are read as one thesaurus: every id is defined once, in one file, and
    every broader or related concept it names is defined in some file."""
    shipped = thesaurus.parse(thesaurus.shipped_text())  # raises on an id defined twice
    files = sorted((DATA / thesaurus.SOURCES).glob("*.txt"))
    assert len(files) > 10
    assert all(thesaurus.parse(f.read_text(encoding="utf-8")).concepts for f in files)
    named = {
        (c.id, other)
        for c in shipped.concepts.values()
        for other in (*c.broader, *c.related)
        if other not in shipped.concepts
    }
    assert named == set()


def test_topics_match_in_another_word_order_unless_the_order_tells_them_apart() -> None:
    topics = WordList(
        {
            stems("block card"): "card-block",
            stems("cancel flight"): "a",
            stems("flight cancel"): "b",
        },
        topics=True,
    )
    assert [(m.start, m.end, m.entry) for m in topics.find(stems("card blocked"))] == [
        (0, 2, "card-block")
    ]
    assert [m.entry for m in topics.find(stems("flight cancelled"))] == ["b"]
    plain = WordList({stems("block card"): "block card"})
    assert list(plain.find(stems("card blocked"))) == []


def test_stop_words_merging_two_phrases_keep_both_senses() -> None:
    topics = WordList({("close", "my", "account"): "a", ("close", "an", "account"): "b"}, True)
    stop = WordList.of(["my", "an"])
    assert topics.without(stop).entries == {("close", "account"): "a|b"}


def test_a_sub_menu_hears_no_word_broader_than_its_topic() -> None:
    vocab = vocabulary("en")
    topic = read("Engineer visits", vocab).meanings
    book = in_context(read("Book an engineer visit", vocab), topic, vocab)
    change = in_context(read("Change or cancel a visit", vocab), topic, vocab)
    assert book.empty
    assert ambiguity(book, change, vocab) is None


def test_an_appointment_is_not_a_stop_word() -> None:
    """Snowball stems "приём" and "приёму" to "при", a stop word; every form keeps "прием"."""
    assert {stem(w) for w in ("прием", "приема", "приему", "приемом", "приемы")} == {"прием"}
    assert read("Часы приёма", vocabulary("ru")).meanings != read("Часы", vocabulary("ru")).meanings
    assert stem("при") == "при"


def test_a_verb_with_its_particle_is_one_word_in_its_place() -> None:
    assert stems("Check-in") == stems("Check in") == ("checkin", "in")
    assert stems("Checkin") == ("checkin",)
    assert stems("Late check-out") == ("late", "checkout", "in")
    assert stems("Check my booking") == ("check", "my", "book")
    vocab = vocabulary("en")
    assert read("Check-in", vocab).meanings == read("Checkin", vocab).meanings
    assert read("Check-in", vocab).meanings != read("Check my booking", vocab).meanings
    assert stem("визит") != stem("виза")


def test_a_longer_phrase_in_another_word_order_wins_over_one_word() -> None:
    """ "Заказ" alone is a topic; "заказ отменён" is "отменить заказ" in another order."""
    vocab = vocabulary("ru")
    assert read("Заказ отменён", vocab).meanings == read("Отменить заказ", vocab).meanings
    assert read("Заказ отменён", vocab).meanings != read("Заказ", vocab).meanings


def test_a_sim_card_is_one_in_either_alphabet() -> None:
    ru = vocabulary("ru")
    assert read("Заменить сим-карту", ru).meanings == read("Заменить SIM-карту", ru).meanings


def test_a_problem_said_with_a_negation_names_what_the_problem_is_with() -> None:
    en, ru = vocabulary("en"), vocabulary("ru")
    assert (
        read("Meter reading not accepted", en).meanings
        == read("Meter reading accepted", en).meanings
    )
    assert (
        read("Не могу передать показания", ru).meanings == read("Передать показания", ru).meanings
    )
    assert stem("могу") != stem("могила")


def test_a_past_tense_helper_names_nothing() -> None:
    assert (
        read("My card was stolen", vocabulary("en")).meanings
        == read("My card stolen", vocabulary("en")).meanings
    )


def test_a_thesaurus_word_in_capitals_stays_though_it_spells_a_stop_word() -> None:
    ru, en = vocabulary("ru"), vocabulary("en")
    assert "c:car-service" in read("Запись на ТО", ru).meanings
    assert read("ТО", ru).meanings == {"c:car-service"}  # one word in capitals: an acronym
    assert not read("ТО", ru).vague
    assert "c:car-service" not in read("Что-то не работает", ru).meanings
    assert read("IT help desk", en).meanings == read("IT support", en).meanings == {"c:it-support"}
    assert "c:it-support" not in read("Is it working", en).meanings


def test_customs_is_not_a_customer() -> None:
    assert stem("customs") != stem("customer")
    assert read("Customs", vocabulary("en")).meanings == {"c:customs"}


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
    shipped = Sections((DATA / STEM_TABLE).read_bytes()).read(0)
    assert shipped == Sections(compiled()).read(0)


def test_shipped_topic_table_is_current() -> None:
    """Run scripts/update_stem_table.py after editing ivrlint/data/*.txt."""
    stop = builtin("stop", "en")
    assert stop.entries == builtin("stop", "ru").entries  # one table serves both languages
    shipped = Sections((DATA / thesaurus.TABLE).read_bytes())
    current = Sections(thesaurus.compiled(stop))
    assert shipped.count == current.count
    assert all(shipped.read(i) == current.read(i) for i in range(current.count))


def test_topic_table_is_written_the_same_each_time() -> None:
    stop = builtin("stop", "en")
    assert thesaurus.compiled(stop) == thesaurus.compiled(stop)


def test_compiled_thesaurus_loads_as_the_text_builds_it() -> None:
    """The shipped table gives the same lists, lookup tables and links as building them."""
    stop = builtin("stop", "en")
    loaded = thesaurus._compiled()
    built = thesaurus.parse(thesaurus.shipped_text())
    assert loaded.compiled is not None
    topics = built.phrases.without(stop, built.capitals)
    assert loaded.compiled.entries == topics.entries
    assert loaded.compiled.tables() == topics.tables()
    assert loaded.ancestors == built.ancestors
    assert loaded.relatives == built.relatives
    assert {c.id: (c.broader, c.related, c.audience) for c in loaded.concepts.values()} == {
        c.id: (c.broader, c.related, c.audience) for c in built.concepts.values()
    }


def test_compiled_thesaurus_reads_labels_as_the_text_does() -> None:
    shipped = thesaurus.parse(thesaurus.shipped_text())
    stop = builtin("stop", "en")
    assert (
        thesaurus.builtin("en").topics(stop).entries
        == shipped.phrases.without(stop, shipped.capitals).entries
    )
    with_project = thesaurus.builtin("en").with_synonyms(["Lodgings = Rooms"])
    assert "mortgage" in with_project.concepts
    assert with_project.topics(stop).entries[("lodg",)] == "project-1"


def test_words_in_capitals_keep_their_place_after_a_letter_that_lowers_to_two() -> None:
    """ "İ" lower-cases to two characters; the words are still those written, so "IT" stays."""
    assert len(tokens("İstanbul IT desk")) == 3
    vocab = vocabulary("en")
    assert "c:it-support" in read("İstanbul IT desk", vocab).meanings
    assert read("İstanbul IT desk", vocab).meanings == read("Istanbul IT desk", vocab).meanings - {
        "s:istanbul"
    } | {"s:i̇stanbul"}
