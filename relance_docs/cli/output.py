"""Printing for people: amounts and dates in the user's language, tables on a terminal."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from rich.console import Console

from ..model import CreditorProfile

__all__ = ["console", "fmt_amount", "fmt_number", "locale_for"]

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def console() -> Console:
    # highlight=False: rich must not recolour numbers inside amounts and names. Piped
    # into a file or a pager, a table gets room enough not to squash the names.
    out = Console(highlight=False)
    if not out.is_terminal:
        out = Console(highlight=False, width=160)
    return out


def locale_for(creditor: CreditorProfile | None, currencies: list[str] | tuple[str, ...]) -> str:
    if creditor:
        return _LOCALES.get(creditor.language, "fr_FR")
    if currencies and all(c == "GBP" for c in currencies):
        return "en_GB"
    return "fr_FR"


def fmt_amount(value: Decimal, currency: str, locale: str) -> str:
    return format_currency(value, currency, locale=locale)


def fmt_number(value: Decimal, locale: str) -> str:
    return format_decimal(value, format="#,##0.00", locale=locale)
