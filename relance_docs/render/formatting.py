"""Amounts, dates and numbers in words, as a letter in French or English prints them.

Babel does the formatting (``1 234,56 €``, ``22 novembre 2026``; ``£1,234.56``,
``22 November 2026``); num2words writes the total in words. Nothing here rounds money
except through :func:`relance_docs.money.round_money`.

>>> money(Decimal("1234.56"), "EUR", "fr")  # narrow and normal no-break spaces
'1\u202f234,56\xa0€'
>>> money(Decimal("1234.56"), "GBP", "en")
'£1,234.56'
>>> long_date(date(2026, 11, 22), "fr"), long_date(date(2026, 11, 22), "en")
('22 novembre 2026', '22 November 2026')
>>> in_words(Decimal("3614.43"), "EUR", "fr")
'trois mille six cent quatorze euros et quarante-trois centimes'
>>> in_words(Decimal("156.00"), "EUR", "fr"), in_words(Decimal("1000"), "GBP", "en")
('cent cinquante-six euros', 'one thousand pounds sterling')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from num2words import num2words

from ..money import round_money

__all__ = ["LOCALES", "in_words", "long_date", "money", "percent", "short_date"]

LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def money(amount: Decimal, currency: str, language: str) -> str:
    return format_currency(round_money(amount), currency, locale=LOCALES[language])


def percent(rate: Decimal, language: str) -> str:
    """An annual rate: ``12,15 %`` / ``12.15%``."""
    text = format_decimal(rate, format="0.00", locale=LOCALES[language])
    return f"{text}\u00a0%" if language == "fr" else f"{text}%"


def long_date(day: date, language: str) -> str:
    text = format_date(day, format="long", locale=LOCALES[language])
    # Babel writes "1 novembre"; French letters write "1er novembre".
    if language == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


def short_date(day: date, language: str) -> str:
    """``16/11/2026`` in both languages (British usage is day first too)."""
    return day.strftime("%d/%m/%Y")


def in_words(amount: Decimal, currency: str, language: str) -> str:
    """The amount in words, for the total of a formal notice."""
    text = num2words(round_money(amount), lang=language, to="currency", currency=currency)
    # num2words spells out a nil fraction ("et zéro centimes", ", zero pence"): drop it.
    for nil in (" et zéro centimes", " et zéro centime", ", zero pence", ", zero cents"):
        text = text.removesuffix(nil)
    return text
