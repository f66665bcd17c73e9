"""Money: Decimal helpers, locale-aware amount parsing, and the one rounding function.

Amounts are :class:`~decimal.Decimal`, never ``float``. Parsing accepts what French and
British spreadsheets really contain (``1 234,56``, ``1.234,56``, ``1,234.56``,
``£1,234.56``, ``-12,50 €``, ``(45.00)``) and rejects what is ambiguous: ``1,234`` and
``1.234`` could be a thousand and some, or one and some, so they are refused unless the
rest of the file (or the user's mapping) says which character is the decimal separator.

>>> parse_amount("1 234,56 €")
(Decimal('1234.56'), 'EUR')
>>> parse_amount("1.234", decimal=",")
(Decimal('1234'), None)
>>> round_money(Decimal("2.345"))
Decimal('2.35')
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import BadAmount

__all__ = [
    "CENT",
    "MAX_DIGITS",
    "ZERO",
    "D",
    "check_size",
    "decimal_evidence",
    "parse_amount",
    "round_money",
    "to_money",
]

ZERO = Decimal("0")
CENT = Decimal("0.01")
MAX_DIGITS = 15
"""Digits before the decimal point of any amount read (a thousand billion, well past any
invoice); more is a pasted identifier or junk, refused before any arithmetic."""
_MAX_DECIMALS = 10
_LIMIT = Decimal(10) ** MAX_DIGITS

# Characters that spreadsheets use to group thousands: space, no-break space, narrow
# no-break space (French Excel and Babel), thin space, figure space, apostrophes (Swiss).
_GROUP_SPACES = " \u00a0\u202f\u2009\u2007'’"
_GROUP_TRANS = str.maketrans(dict.fromkeys(_GROUP_SPACES, " "))
_MINUS_TRANS = str.maketrans({"\u2212": "-", "\u2013": "-"})

# Symbols and codes that may stand before or after an amount.
CURRENCY_SYMBOLS = {
    "€": "EUR",
    "£": "GBP",
    "$": "USD",
    "US$": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "USD": "USD",
    "CHF": "CHF",
    "EUROS": "EUR",
    "EURO": "EUR",
}
_SYMBOL_RE = re.compile(
    r"^(?P<pre>€|£|US\$|\$|EUR|GBP|USD|CHF)?\s*(?P<body>.*?)\s*"
    r"(?P<post>€|£|\$|EUR|GBP|USD|CHF|EUROS?)?$",
    re.IGNORECASE,
)
_PLAIN_RE = re.compile(r"^\d+$")
# Most cells are plain: "1234,56", "-80.00", "0". They skip the general parser.
_FAST_RE = re.compile(r"^-?\d{1,15}(?:([.,])\d{1,2})?$")
# ... or grouped by spaces as French Excel formats them: "12 480,00".
_FAST_SPACED_RE = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:([.,])\d{1,2})?$")
_SPACES_TRANS = str.maketrans({" ": None, "\u00a0": None, "\u202f": None, ",": "."})
_SPACED_RE = re.compile(r"^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")


def D(value: str | int | Decimal) -> Decimal:  # noqa: N802 (the conventional name)
    """Make a Decimal from a string, an int or a Decimal; refuse floats.

    >>> D("14.50")
    Decimal('14.50')
    """
    if isinstance(value, float):
        raise TypeError("money is never a float: pass a string")
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(value)
    except InvalidOperation:
        raise BadAmount(f'"{value}" is not a number') from None


def check_size(value: Decimal, shown: str | None = None) -> Decimal:
    """``value``, or :class:`BadAmount` when it is not finite, has more than
    :data:`MAX_DIGITS` digits before the point or more than 10 after it.

    >>> check_size(Decimal("1234.56"))
    Decimal('1234.56')
    >>> check_size(Decimal("1" * 16))
    Traceback (most recent call last):
    relance_docs.errors.BadAmount: "1111111111111111" is too large (more than 15 digits)
    """
    text = shown if shown is not None else str(value)
    if not value.is_finite():
        raise BadAmount(f'"{text}" is not an amount')
    if abs(value) >= _LIMIT:
        raise BadAmount(f'"{text}" is too large (more than {MAX_DIGITS} digits)')
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > _MAX_DECIMALS:
        normal = value.normalize().as_tuple().exponent
        if isinstance(normal, int) and -normal > _MAX_DECIMALS:
            raise BadAmount(f'"{text}" has too many decimals')
    return value


def round_money(value: Decimal, exponent: Decimal = CENT) -> Decimal:
    """Round half-up to the cent. This is the only place where money is rounded."""
    return value.quantize(exponent, rounding=ROUND_HALF_UP)


def to_money(value: Decimal) -> str:
    """Format an amount for machines: two decimals, point, no grouping (``1234.50``)."""
    return f"{round_money(value):.2f}"


def _split_symbol(text: str) -> tuple[str, str | None]:
    m = _SYMBOL_RE.match(text)
    if not m:  # pragma: no cover - the pattern matches any string
        return text, None
    pre, body, post = m.group("pre"), m.group("body"), m.group("post")
    if pre and post and CURRENCY_SYMBOLS[pre.upper()] != CURRENCY_SYMBOLS[post.upper()]:
        raise BadAmount(f'"{text}" names two currencies')
    symbol = pre or post
    return body, (CURRENCY_SYMBOLS[symbol.upper()] if symbol else None)


def _split_sign(body: str) -> tuple[str, bool]:
    body = body.strip()
    negative = False
    if body.startswith("(") and body.endswith(")"):
        body, negative = body[1:-1].strip(), True
    if body.startswith("-"):
        body, negative = body[1:].strip(), not negative
    elif body.startswith("+"):
        body = body[1:].strip()
    elif body.endswith("-"):
        body, negative = body[:-1].strip(), True
    return body, negative


def _classify(body: str) -> tuple[str, str | None, str | None]:
    """Return (kind, decimal separator, thousands separator) for a digits-and-separators body.

    kind is ``ok`` (separators known), ``ambiguous`` (one separator, three digits after
    it, one to three digits before) or ``bad`` (not a number).
    """
    if _PLAIN_RE.match(body):
        return "ok", None, None
    if " " in body:
        if not _SPACED_RE.match(body):
            return "bad", None, None
        dec = "," if "," in body else "." if "." in body else None
        return "ok", dec, " "
    commas, points = body.count(","), body.count(".")
    if commas and points:
        dec = "," if body.rfind(",") > body.rfind(".") else "."
        sep = "." if dec == "," else ","
        if body.count(dec) != 1:
            return "bad", None, None
        whole, _, frac = body.partition(dec)
        if not re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", whole) or not (
            frac.isdigit()
        ):
            return "bad", None, None
        return "ok", dec, sep
    sep = "," if commas else "."
    if commas + points > 1:
        if not re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", body):
            return "bad", None, None
        return "ok", ("." if sep == "," else ","), sep
    whole, _, frac = body.partition(sep)
    if not (whole.isdigit() and frac.isdigit()) and not (whole == "" and frac.isdigit()):
        return "bad", None, None
    if len(frac) != 3 or whole == "" or whole.startswith("0") or len(whole) > 3:
        return "ok", sep, None
    return "ambiguous", None, None


def _prepare(text: str) -> tuple[str, bool, str | None]:
    body, currency = _split_symbol(text.strip().translate(_MINUS_TRANS))
    body, negative = _split_sign(body)
    body = " ".join(body.translate(_GROUP_TRANS).split())
    return body, negative, currency


def decimal_evidence(text: str) -> str | None:
    """The decimal separator that ``text`` shows unambiguously, if any.

    >>> decimal_evidence("1 234,56"), decimal_evidence("1,234.5"), decimal_evidence("1.234")
    (',', '.', None)
    """
    fast = _FAST_RE.match(text) or _FAST_SPACED_RE.match(text)
    if fast:
        return fast.group(1)
    try:
        body, _, _ = _prepare(text)
    except BadAmount:
        return None
    kind, dec, sep = _classify(body)
    if kind != "ok":
        return None
    if dec:
        return dec
    if sep in {",", "."}:
        return "." if sep == "," else ","
    return None


def parse_amount(text: str, *, decimal: str | None = None) -> tuple[Decimal, str | None]:
    """Parse an amount as written in a spreadsheet.

    Args:
        text: the cell's text.
        decimal: the decimal separator known from elsewhere (the file, the mapping),
            used only to settle ``1,234``-like values.

    Returns:
        The amount and the ISO currency code of a symbol written with it (or None).

    Raises:
        BadAmount: empty, not a number, or ambiguous with no hint.
    """
    if not text or not text.strip():
        raise BadAmount("is empty")
    fast = _FAST_RE.match(text)
    if fast:
        return Decimal(text.replace(",", ".") if fast.group(1) == "," else text), None
    if _FAST_SPACED_RE.match(text):
        if len(text) > 2 * MAX_DIGITS:  # 15 digits grouped by 3, a sign and 2 decimals
            check_size(Decimal(text.translate(_SPACES_TRANS)), text.strip())
        return Decimal(text.translate(_SPACES_TRANS)), None
    body, negative, currency = _prepare(text)
    kind, dec, sep = _classify(body)
    if kind == "ambiguous":
        if decimal not in {",", "."}:
            raise BadAmount(f'"{text.strip()}" is ambiguous (thousands separator or decimals?)')
        single = "," if "," in body else "."
        dec, sep = (single, None) if single == decimal else (None, single)
    elif kind == "bad":
        raise BadAmount(f'"{text.strip()}" is not an amount')
    if sep:
        body = body.replace(sep, "")
    if dec:
        body = body.replace(dec, ".")
    if body.startswith("."):
        body = "0" + body
    whole, _, frac = body.partition(".")
    if len(whole.lstrip("0")) > MAX_DIGITS or len(frac) > _MAX_DECIMALS:
        check_size(Decimal(body), text.strip())  # raises with the reason
    value = Decimal(body)
    return (-value if negative else value), currency
