from __future__ import annotations

import pytest

from ivrlint.text.prompts import announcements, heard_until


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        (
            "Thanks for calling Acme. For orders and delivery, press 1. For billing, press two.",
            [("1", "orders and delivery", True), ("2", "billing", True)],
        ),
        (
            "Press 1 for billing, press 2 for orders. For anything else, press star.",
            [("1", "billing", False), ("2", "orders", False), ("*", "anything else", True)],
        ),
        (
            "Чтобы узнать баланс, нажмите 1, чтобы пополнить счёт, нажмите 2.",
            [("1", "узнать баланс", True), ("2", "пополнить счёт", True)],
        ),
        (
            "Нажмите 1, чтобы узнать баланс. Нажмите двойку для оплаты. "
            "По вопросам доставки нажмите решётку.",
            [("1", "узнать баланс", False), ("2", "оплаты", False), ("#", "доставки", True)],
        ),
        (
            "Welcome to Acme, press 1 for billing. If you would like to pay a bill, press 2.",
            [("1", "billing", False), ("2", "pay a bill", True)],
        ),
        ("Нажмите 0.", [("0", "", None)]),
    ],
)
def test_announcements_carry_key_label_and_order(
    prompt: str, expected: list[tuple[str, str, bool | None]]
) -> None:
    found = announcements(prompt)
    assert [(a.key, a.label, a.goal_first) for a in found] == expected


def test_heard_until_stops_at_the_clause_of_the_key() -> None:
    prompt = "For orders, press 1. For billing, press 2, or stay on the line."
    assert heard_until(prompt) == [
        ("1", "For orders, press 1"),
        ("2", "For orders, press 1. For billing, press 2"),
    ]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        (
            "Thanks for calling. For orders and delivery, press 1. Press two for billing.",
            [
                ("press 1", "For orders and delivery, press 1"),
                ("Press two", "Press two for billing"),
            ],
        ),
        (
            "Чтобы узнать баланс, нажмите 1, чтобы пополнить счёт, нажмите 2. Нажмите 0.",
            [
                ("нажмите 1", "Чтобы узнать баланс, нажмите 1"),
                ("нажмите 2", "чтобы пополнить счёт, нажмите 2"),
                ("Нажмите 0", "Нажмите 0"),
            ],
        ),
        (
            "Нажмите двойку для оплаты. Or, for a  new card — press 3.",
            [
                ("Нажмите двойку", "Нажмите двойку для оплаты"),
                ("press 3", "for a  new card — press 3"),
            ],
        ),
    ],
)
def test_announcements_know_where_their_words_are(
    prompt: str, expected: list[tuple[str, str]]
) -> None:
    found = announcements(prompt)
    for a in found:
        assert prompt[a.label_start : a.label_end] == a.label
    assert [(prompt[a.start : a.press_end], prompt[slice(*a.span())]) for a in found] == expected


# The action said once, then keys listed after their goals without it.
@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        (
            "Для оплаты наличными нажмите 1, картой — 2.",
            [
                ("1", "оплаты наличными", "Для оплаты наличными нажмите 1"),
                ("2", "картой", "картой — 2"),
            ],
        ),
        (
            "Чтобы узнать баланс, нажмите 1, оплатить счёт — 2, поговорить с оператором — ноль.",
            [
                ("1", "узнать баланс", "Чтобы узнать баланс, нажмите 1"),
                ("2", "оплатить счёт", "оплатить счёт — 2"),
                ("0", "поговорить с оператором", "поговорить с оператором — ноль"),
            ],
        ),
        (
            "For sales press 1, support 2, billing 3.",
            [
                ("1", "sales", "For sales press 1"),
                ("2", "support", "support 2"),
                ("3", "billing", "billing 3"),
            ],
        ),
        (
            "To pay by cash, press 1; by card, 2.",
            [("1", "pay by cash", "To pay by cash, press 1"), ("2", "by card", "by card, 2")],
        ),
        (
            "For English press 1, for Spanish 2, or for French three.",
            [
                ("1", "English", "For English press 1"),
                ("2", "Spanish", "for Spanish 2"),
                ("3", "French", "for French three"),
            ],
        ),
        (
            "To repeat, press star; to go back, pound.",
            [("*", "repeat", "To repeat, press star"), ("#", "go back", "to go back, pound")],
        ),
        (
            "Для повтора нажмите звёздочку, для возврата в главное меню — решётку.",
            [
                ("*", "повтора", "Для повтора нажмите звёздочку"),
                ("#", "возврата в главное меню", "для возврата в главное меню — решётку"),
            ],
        ),
        (
            "Для регистрации нажмите 1, а для входа 2. Для бронирования на 2 дня нажмите 3, на 5 дней — 4.",
            [
                ("1", "регистрации", "Для регистрации нажмите 1"),
                ("2", "входа", "для входа 2"),
                ("3", "бронирования на 2 дня", "Для бронирования на 2 дня нажмите 3"),
                ("4", "на 5 дней", "на 5 дней — 4"),
            ],
        ),
        # the key said first, then its goal after a dash
        (
            "Нажмите 1 для оплаты наличными, 2 — для оплаты картой.",
            [
                ("1", "оплаты наличными", "Нажмите 1 для оплаты наличными"),
                ("2", "оплаты картой", "2 — для оплаты картой"),
            ],
        ),
    ],
)
def test_keys_listed_without_their_verb(prompt: str, expected: list[tuple[str, str, str]]) -> None:
    found = announcements(prompt)
    for a in found:
        assert prompt[a.label_start : a.label_end] == a.label
    assert [(a.key, a.label, prompt[slice(*a.span())]) for a in found] == expected
    assert all(a.goal_first is not None for a in found)


# Numbers that are not keys: inside a goal, after a word that takes a number, in another
# sentence, or with nothing said they are for.
@pytest.mark.parametrize(
    ("prompt", "keys"),
    [
        ("For a table for 4 to 6 people, press 1. For 8 or more, press 2.", ["1", "2"]),
        ("For sales press 1, Terminal 5.", ["1"]),
        ("For arrivals press 1, Gate 4.", ["1"]),
        ("For sales press 1, we are open 9 to 5.", ["1"]),
        ("For sales press 1, open until 5.", ["1"]),
        ("For billing press 1, or call us back at 8 800 555 35 35.", ["1"]),
        ("For help press 1, page 2.", ["1"]),
        ("For support press 1, or dial extension 2.", ["1"]),
        ("For billing press 1, hours 9-5.", ["1"]),
        ("For billing press 1, version 2.5 is out.", ["1"]),
        ("Для оплаты нажмите 1, тариф за 300 рублей.", ["1"]),
        ("Для продления на 2 дня нажмите 1, стоимость звонка 2.", ["1"]),
        ("Для оплаты нажмите 1, звонок стоит 2.", ["1"]),
        ("Для оплаты нажмите 1. Стоимость минуты — 2.", ["1"]),
        ("Press 1, 2 or 3.", ["1"]),
        ("Press 1 for billing, support 2.", ["1"]),
        ("For billing, press 1 or 2.", ["1"]),
    ],
)
def test_numbers_that_are_not_keys_said_without_a_verb(prompt: str, keys: list[str]) -> None:
    assert [a.key for a in announcements(prompt)] == keys


def test_a_key_listed_without_its_verb_is_heard_at_its_key() -> None:
    prompt = "For sales press 1, support 2 or billing 3."
    assert heard_until(prompt) == [
        ("1", "For sales press 1"),
        ("2", "For sales press 1, support 2"),
        ("3", "For sales press 1, support 2 or billing 3"),
    ]
