"""CFONB 120: the French banks' fixed-width statement ("relevé de comptes 120 caractères").

Records of 120 characters (positions 1-based, as in the CFONB brochure):

* ``01`` old balance and ``07`` new balance: currency 17-19, decimals 20, account
  22-32, date 35-40 (DDMMYY), amount 91-104;
* ``04`` a movement: currency 17-19, decimals 20, account 22-32, operation code 33-34,
  date 35-40, value date 43-48, label 49-79, reference 82-88, amount 91-104;
* ``05`` a complement of the movement before it: qualifier 46-48, text 49-118. The
  qualifiers read here: ``NPY`` payer's name, ``LCC``/``LC2`` unstructured remittance,
  ``LCS`` structured creditor reference, ``RCN`` end-to-end id, ``LIB`` label, ``REF``.

Amounts have 13 digits and a last character that carries the last digit and the sign
(``{`` and ``A``-``I``: +0 to +9; ``}`` and ``J``-``R``: -0 to -9).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from ...model import BankLine
from ..limits import Limits, too_many_rows
from . import Statement

__all__ = ["parse_cfonb_amount", "read_cfonb"]

_POSITIVE = {"{": 0, **{c: i for i, c in enumerate("ABCDEFGHI", start=1)}}
_NEGATIVE = {"}": 0, **{c: i for i, c in enumerate("JKLMNOPQR", start=1)}}
_QUALIFIERS = {"LCC", "LC2", "LCS", "RCN", "LIB", "REF"}


def parse_cfonb_amount(field: str, decimals: int) -> Decimal:
    """``0000000030000{`` with 2 decimals -> 3000.00; ``0000000020000}`` -> -2000.00.

    >>> parse_cfonb_amount("0000000030000{", 2), parse_cfonb_amount("0000000057600}", 2)
    (Decimal('3000.00'), Decimal('-5760.00'))
    """
    digits, last = field[:13], field[13:14]
    if not digits.isdigit() or (last not in _POSITIVE and last not in _NEGATIVE):
        raise ValueError(f'"{field}" is not a CFONB amount')
    sign = -1 if last in _NEGATIVE else 1
    units = int(digits) * 10 + (_NEGATIVE.get(last) or _POSITIVE.get(last) or 0)
    return Decimal(sign * units).scaleb(-decimals)


def _day(text: str) -> date:
    return date(2000 + int(text[4:6]), int(text[2:4]), int(text[0:2]))


def read_cfonb(path: Path, label: str, limits: Limits) -> Statement:
    statement = Statement(label, "CFONB 120")
    data = path.read_bytes()
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # accents in labels, in older files
    pending: BankLine | None = None
    extra: list[str] = []

    def flush() -> None:
        nonlocal pending, extra
        if pending is not None:
            statement.lines.append(replace(pending, text=" | ".join([*extra, pending.text])))
        pending, extra = None, []

    seen_header = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if len(line) != 120:
            statement.error(number, f"is {len(line)} characters long; a CFONB 120 line has 120")
            return statement
        record = line[:2]
        if record == "01":
            seen_header = True
            continue
        if record == "07":
            flush()
            continue
        if record == "04":
            flush()
            if len(statement.lines) > limits.max_rows:
                statement.error(number, too_many_rows(limits))
                return statement
            try:
                decimals = int(line[19])
                amount = parse_cfonb_amount(line[90:104], decimals)
                day = _day(line[34:40])
            except (ValueError, IndexError) as exc:
                statement.error(number, f"movement (record 04): {exc}")
                continue
            reference = line[81:88].strip()
            pending = BankLine(
                day=day,
                amount=amount,
                currency=line[16:19].strip() or "EUR",
                text=line[48:79].strip(),
                reference=f"{day.isoformat()}/{reference}" if reference.strip("0") else None,
                source_file=label,
                source_line=number,
            )
            continue
        if record == "05":
            if pending is None:
                statement.error(number, "complement (record 05) with no movement (04) before it")
                continue
            qualifier, info = line[45:48], line[48:118].strip()
            if qualifier == "NPY":
                pending = replace(pending, payer=info or None)
            elif qualifier in _QUALIFIERS and info:
                extra.append(info)
            continue
        statement.error(
            number, f'record code "{record}" is not a CFONB 120 record (01, 04, 05, 07)'
        )
        return statement
    flush()
    if not seen_header and not statement.problems:
        statement.error(1, "has no old-balance record (01): not a CFONB 120 statement")
    elif not statement.lines and not statement.problems:
        statement.error(None, "holds no movement (record 04)")
    return statement
