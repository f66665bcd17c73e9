"""Cells of the CSV files the tool writes, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read
as a formula by Excel and LibreOffice (OWASP, "CSV Injection"). Such a text cell is
prefixed with a single quote, so it shows as typed and never runs. A number the tool
wrote itself (``-150.00`` in an amount column) is left alone: pass it as a Decimal or int,
or name its column in ``numeric``.

>>> safe_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> safe_cell("-150.00", numeric=True)
'-150.00'
>>> safe_cell("-cmd|' /C calc'!A0", numeric=True)
"'-cmd|' /C calc'!A0"
>>> safe_row({"name": "@SUM(1)", "amount": "-3.50"}, numeric={"amount"})
{'name': "'@SUM(1)", 'amount': '-3.50'}
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from decimal import Decimal

__all__ = ["safe_cell", "safe_row"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def safe_cell(value: object, *, numeric: bool = False) -> object:
    """The value as it may go into a CSV cell.

    ``numeric``: the column holds numbers; a plain number (``-12.50``) stays as it is,
    anything else is neutralised like text.
    """
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if not text.startswith(_TRIGGERS):
        return text
    if numeric and _NUMBER.fullmatch(text):
        return text
    return "'" + text


def safe_row(row: Mapping[str, object], numeric: Collection[str] = ()) -> dict:
    """Every cell of a row made safe; ``numeric`` names the amount columns."""
    return {key: safe_cell(value, numeric=key in numeric) for key, value in row.items()}
