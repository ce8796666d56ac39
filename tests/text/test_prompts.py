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
