"""Amounts as spreadsheets write them, and the one rounding rule."""

from decimal import Decimal

import pytest

from relance_docs.errors import BadAmount
from relance_docs.money import D, decimal_evidence, parse_amount, round_money


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("1234,56", "1234.56", None),
        ("1234.56", "1234.56", None),
        ("1 234,56", "1234.56", None),
        ("1\u00a0234,56", "1234.56", None),  # no-break space (French Excel)
        ("1\u202f234,56", "1234.56", None),  # narrow no-break space (Babel, Windows 11)
        ("1.234,56", "1234.56", None),
        ("1,234.56", "1234.56", None),
        ("1'234.56", "1234.56", None),
        ("1.234.567", "1234567", None),
        ("1,234,567.89", "1234567.89", None),
        ("12 480,00 €", "12480.00", "EUR"),
        ("€12", "12", "EUR"),
        ("£1,234.56", "1234.56", "GBP"),
        ("1 234,56 EUR", "1234.56", "EUR"),
        ("-45,10", "-45.10", None),
        ("\u221245,10", "-45.10", None),  # a typographic minus
        ("(45.10)", "-45.10", None),  # accounting negative
        ("45,10-", "-45.10", None),
        ("0,125", "0.125", None),  # a leading zero cannot be a thousands group
        ("1234,567", "1234.567", None),  # four digits before: not a thousands group
        ("12", "12", None),
        (",5", "0.5", None),
    ],
)
def test_amounts_people_write(text, value, currency):
    assert parse_amount(text) == (Decimal(value), currency)


@pytest.mark.parametrize("text", ["1,234", "1.234", "12,345", "999.000"])
def test_one_separator_and_three_digits_is_ambiguous(text):
    with pytest.raises(BadAmount, match="ambiguous"):
        parse_amount(text)


def test_a_hint_settles_the_ambiguity():
    # The file's other amounts use a decimal comma: "1.234" is a thousand and some.
    assert parse_amount("1.234", decimal=",") == (Decimal("1234"), None)
    assert parse_amount("1,234", decimal=",") == (Decimal("1.234"), None)
    assert parse_amount("1,234", decimal=".") == (Decimal("1234"), None)


@pytest.mark.parametrize(
    "text", ["", "  ", "abc", "12 34", "1,2,3", "1.23.4", "12,34,56.7", "1..2", "€£12", "--5"]
)
def test_not_amounts(text):
    with pytest.raises(BadAmount):
        parse_amount(text)


def test_decimal_evidence():
    assert decimal_evidence("1 234,56") == ","
    assert decimal_evidence("12.50") == "."
    assert decimal_evidence("1.234.567") == ","  # points group thousands: comma is decimal
    assert decimal_evidence("1,234") is None
    assert decimal_evidence("1234") is None


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        D(0.1)  # type: ignore[arg-type]
    assert D("0.10") == Decimal("0.10")


def test_round_half_up_to_the_cent():
    # Half-up, not banker's rounding: 2.345 -> 2.35 and 2.355 -> 2.36.
    assert round_money(Decimal("2.345")) == Decimal("2.35")
    assert round_money(Decimal("2.355")) == Decimal("2.36")
    assert round_money(Decimal("-2.345")) == Decimal("-2.35")
