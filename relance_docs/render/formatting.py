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
('cent cinquante-six euros', 'one thousand pounds')
>>> in_words(Decimal("1000000"), "EUR", "fr"), in_words(Decimal("0.50"), "EUR", "fr")
("un million d'euros", 'zéro euro et cinquante centimes')
>>> in_words(Decimal("9825.53"), "EUR", "en")
'nine thousand eight hundred and twenty-five euros and fifty-three cents'
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


# Currency names: (one, many) for the unit and for the hundredth, by language.
_NAMES = {
    "EUR": {"fr": (("euro", "euros"), ("centime", "centimes")),
            "en": (("euro", "euros"), ("cent", "cents"))},
    "GBP": {"fr": (("livre sterling", "livres sterling"), ("penny", "pence")),
            "en": (("pound", "pounds"), ("penny", "pence"))},
    "USD": {"fr": (("dollar", "dollars"), ("cent", "cents")),
            "en": (("dollar", "dollars"), ("cent", "cents"))},
    "CHF": {"fr": (("franc suisse", "francs suisses"), ("centime", "centimes")),
            "en": (("Swiss franc", "Swiss francs"), ("centime", "centimes"))},
}  # fmt: skip


def _number_words(n: int, language: str) -> str:
    words = num2words(n, lang=language)
    # British usage writes "nine thousand eight hundred", without num2words' comma.
    return words.replace(",", "") if language == "en" else words


def _unit(n: int, names: tuple[str, str], language: str, words: str) -> str:
    one, many = names
    if language == "fr":
        if n in (0, 1):
            return f"{words} {one}"  # zéro euro, un euro
        if words.endswith(("million", "millions", "milliard", "milliards")):
            article = "d'" if many[0] in "aeiouyéh" else "de "
            return f"{words} {article}{many}"  # un million d'euros
        return f"{words} {many}"
    return f"{words} {one if n == 1 else many}"


def in_words(amount: Decimal, currency: str, language: str) -> str:
    """The amount in words, for the total of a formal notice and a request."""
    rounded = round_money(amount)
    units, cents = divmod(int(rounded * 100), 100)
    names = _NAMES.get(currency, {}).get(language)
    if names is None:  # a currency without names here: the code, and the cents as digits
        text = f"{_number_words(units, language)} {currency}"
        return text + (f" {cents:02d}/100" if cents else "")
    text = _unit(units, names[0], language, _number_words(units, language))
    if cents:
        joiner = " et " if language == "fr" else " and "
        text += joiner + _unit(cents, names[1], language, _number_words(cents, language))
    return text
