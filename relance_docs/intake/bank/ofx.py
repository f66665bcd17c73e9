"""OFX / QFX statements (Open Financial Exchange), version 1 (SGML) or 2 (XML).

Only what matching needs is read: the statement currency (``CURDEF``) and each
transaction (``STMTTRN``): ``DTPOSTED``, ``TRNAMT`` (signed; some French banks write a
decimal comma), ``FITID`` (the bank's reference), ``NAME`` (the payer, for a credit) and
``MEMO``. Tags may be left open, as OFX 1 allows; a DTD or entity declaration is refused
as in every XML the project reads.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ...errors import BadDate
from ...model import BankLine
from ..cells import parse_date
from ..limits import Limits, too_many_rows
from . import Statement

__all__ = ["read_ofx"]

_BLOCK_RE = re.compile(
    r"<STMTTRN>(.*?)(?:</STMTTRN>|(?=<STMTTRN>)|(?=</BANKTRANLIST>))", re.S | re.I
)
_FIELD_RE = re.compile(r"<(\w+)>([^<\r\n]*)")
_CURDEF_RE = re.compile(r"<CURDEF>\s*([A-Za-z]{3})", re.I)
_AMOUNT_RE = re.compile(r"^[+-]?\d{1,15}(?:[.,]\d{1,6})?$")


def read_ofx(path: Path, label: str, limits: Limits) -> Statement:
    statement = Statement(label, "OFX")
    data = path.read_bytes()
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", data, re.I):
        statement.error(None, "declares a DTD or entities: refused (XML bomb or external entity)")
        return statement
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "<OFX>" not in text.upper():
        statement.error(None, "is not an OFX statement (no <OFX> element)")
        return statement
    currency_match = _CURDEF_RE.search(text)
    currency = currency_match.group(1).upper() if currency_match else None
    if currency is None:
        statement.error(None, "has no statement currency (<CURDEF>)")
        return statement
    for match in _BLOCK_RE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if len(statement.lines) > limits.max_rows:
            statement.error(line, too_many_rows(limits))
            return statement
        fields = {k.upper(): v.strip() for k, v in _FIELD_RE.findall(match.group(1))}
        raw_amount = fields.get("TRNAMT", "")
        if not _AMOUNT_RE.match(raw_amount):
            statement.error(line, f'<TRNAMT> "{raw_amount}" is not an amount')
            continue
        try:
            amount = Decimal(raw_amount.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern above guards
            statement.error(line, f'<TRNAMT> "{raw_amount}" is not an amount')
            continue
        posted = fields.get("DTPOSTED", "")
        try:
            day = parse_date(f"{posted[:4]}-{posted[4:6]}-{posted[6:8]}")
        except BadDate:
            statement.error(line, f'<DTPOSTED> "{posted}" is not a date (YYYYMMDD)')
            continue
        statement.lines.append(
            BankLine(
                day=day,
                amount=amount,
                currency=currency,
                text=" | ".join(
                    v for v in (fields.get("MEMO"), fields.get("REFNUM"), fields.get("NAME")) if v
                ),
                payer=fields.get("NAME") or None,
                reference=fields.get("FITID") or None,
                source_file=label,
                source_line=line,
            )
        )
    if not statement.lines and not statement.problems:
        statement.error(None, "holds no transaction (<STMTTRN>)")
    return statement
