from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auto_service.money_words import (
	NBSP,
	amount_in_words,
	format_money,
	format_percent,
	number_in_words,
	plural,
)


@pytest.mark.parametrize(
	("n", "words"),
	[
		(0, "ноль"),
		(1, "один"),
		(2, "два"),
		(11, "одиннадцать"),
		(19, "девятнадцать"),
		(21, "двадцать один"),
		(40, "сорок"),
		(100, "сто"),
		(101, "сто один"),
		(999, "девятьсот девяносто девять"),
		(1000, "одна тысяча"),
		(2000, "две тысячи"),
		(5000, "пять тысяч"),
		(11_000, "одиннадцать тысяч"),
		(21_000, "двадцать одна тысяча"),
		(22_000, "двадцать две тысячи"),
		(100_000, "сто тысяч"),
		(1_000_000, "один миллион"),
		(2_000_002, "два миллиона два"),
		(5_000_000, "пять миллионов"),
		(1_001_001, "один миллион одна тысяча один"),
		(1_000_000_000, "один миллиард"),
	],
)
def test_numbers_in_words(n, words):
	assert number_in_words(n) == words


def test_feminine_units_for_kopecks_and_thousands():
	assert number_in_words(2, feminine=True) == "две"
	assert number_in_words(21, feminine=True) == "двадцать одна"


@pytest.mark.parametrize(
	("n", "form"),
	[(1, "рубль"), (2, "рубля"), (4, "рубля"), (5, "рублей"), (11, "рублей"), (12, "рублей"),
	 (14, "рублей"), (21, "рубль"), (22, "рубля"), (25, "рублей"), (111, "рублей"), (101, "рубль"), (0, "рублей")],
)  # fmt: skip
def test_rouble_agrees_with_the_number(n, form):
	assert plural(n, ("рубль", "рубля", "рублей")) == form


@pytest.mark.parametrize(
	("amount", "text"),
	[
		(6500, "Шесть тысяч пятьсот рублей 00 копеек"),
		(1, "Один рубль 00 копеек"),
		(2.01, "Два рубля 01 копейка"),
		(21.22, "Двадцать один рубль 22 копейки"),
		(0.05, "Ноль рублей 05 копеек"),
		(11.11, "Одиннадцать рублей 11 копеек"),
		(1234567.89, "Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 89 копеек"),
		(Decimal("8941.67"), "Восемь тысяч девятьсот сорок один рубль 67 копеек"),
		("99.995", "Сто рублей 00 копеек"),
		(None, "Ноль рублей 00 копеек"),
	],
)
def test_amount_in_words(amount, text):
	assert amount_in_words(amount) == text


def test_amount_in_words_has_no_trailing_only():
	assert "только" not in amount_in_words(6500).lower()
	assert not amount_in_words(6500).endswith(" ")


@pytest.mark.parametrize(
	("amount", "text"),
	[
		(6500, "6 500,00 ₽"),
		(0, "0,00 ₽"),
		(999.5, "999,50 ₽"),
		(1234567.891, "1 234 567,89 ₽"),
		(-1200.5, "−1 200,50 ₽"),
	],
)
def test_format_money(amount, text):
	assert format_money(amount) == text.replace(" ", NBSP)


def test_format_percent():
	assert format_percent(20) == f"20{NBSP}%"
	assert format_percent(20.0) == f"20{NBSP}%"
	assert format_percent(6.5) == f"6,5{NBSP}%"


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_words_are_lowercase_russian_without_doubled_spaces(n):
	words = number_in_words(n)
	assert "  " not in words
	assert words == words.strip()
	assert all(ch == " " or "а" <= ch <= "я" or ch == "ё" for ch in words)


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_amount_in_words_keeps_the_kopecks(amount):
	text = amount_in_words(amount)
	kopecks = int((amount * 100) % 100)
	assert f" {kopecks:02d} коп" in text
