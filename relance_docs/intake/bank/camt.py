"""CAMT.053 (ISO 20022 bank-to-customer statement), any version ``camt.053.001.NN``.

Per entry (``Stmt/Ntry``): the amount and its currency (``Amt@Ccy``), credit or debit
(``CdtDbtInd``), the booking date (``BookgDt``), the bank's reference
(``AcctSvcrRef``); per transaction (``NtryDtls/TxDtls``, several in a batch booking):
its own amount, the payer (``RltdPties/Dbtr``, ``DbtrAcct/Id/IBAN``) and every piece of
remittance information: ``RmtInf/Strd/RfrdDocInf/Nb`` (the invoice number, structured),
``RmtInf/Strd/CdtrRefInf/Ref``, ``RmtInf/Ustrd``, ``Refs/EndToEndId``, then the bank's
``AddtlNtryInf``. Reversals (``RvslInd`` true) count the other way round. Elements are
found by local name, so every version's namespace is read.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from ...model import BankLine
from ..limits import Limits, too_many_rows
from ..xmlsafe import XmlRefused, local, parse_xml
from ..xmlsafe import find_all as _all
from ..xmlsafe import find_one as _one
from ..xmlsafe import find_text as _text
from . import Statement

__all__ = ["read_camt"]


def read_camt(path: Path, label: str, limits: Limits) -> Statement:
    statement = Statement(label, "CAMT.053")
    try:
        root = parse_xml(path.read_bytes(), limits)
    except XmlRefused as exc:
        statement.error(None, str(exc))
        return statement
    namespace = etree.QName(root).namespace or ""
    if local(root) != "Document" or "camt.053" not in namespace:
        statement.error(
            None,
            f"is not a CAMT.053 statement (root <{local(root)}> in namespace "
            f"'{namespace or 'none'}'; expected <Document> in urn:iso:std:iso:20022:tech:xsd:"
            "camt.053.001.NN)",
        )
        return statement
    statement.fmt = f"CAMT.053 ({namespace.rsplit(':', 1)[-1]})"
    for stmt in _all(root, "BkToCstmrStmt/Stmt"):
        for entry in _all(stmt, "Ntry"):
            _entry(statement, entry)
            if len(statement.lines) > limits.max_rows:
                statement.error(entry.sourceline, too_many_rows(limits))
                return statement
    if not statement.lines and not statement.problems:
        statement.error(None, "holds no entry (Stmt/Ntry)")
    return statement


def _amount(statement: Statement, node: etree._Element, where: str) -> tuple[Decimal, str] | None:
    amt = _one(node, "Amt")
    if amt is None or not (amt.text or "").strip():
        statement.error(node.sourceline, f"<{where}> has no <Amt>")
        return None
    try:
        value = Decimal(amt.text.strip())
    except InvalidOperation:
        statement.error(amt.sourceline, f'<Amt> "{amt.text.strip()}" is not an amount')
        return None
    if not value.is_finite() or value < 0 or abs(value) >= Decimal(10) ** 15:
        statement.error(amt.sourceline, f'<Amt> "{amt.text.strip()}" is not a valid amount')
        return None
    currency = (amt.get("Ccy") or "").strip().upper()
    if len(currency) != 3:
        statement.error(amt.sourceline, "<Amt> has no Ccy (currency) attribute")
        return None
    return value, currency


def _entry(statement: Statement, entry: etree._Element) -> None:
    from ...errors import BadDate
    from ..cells import parse_date

    found = _amount(statement, entry, "Ntry")
    if found is None:
        return
    total, currency = found
    sign = _text(entry, "CdtDbtInd")
    if sign not in {"CRDT", "DBIT"}:
        statement.error(entry.sourceline, "<Ntry> has no CdtDbtInd (CRDT or DBIT)")
        return
    if (_text(entry, "RvslInd") or "").lower() == "true":
        sign = "DBIT" if sign == "CRDT" else "CRDT"
    status = _text(entry, "Sts/Cd") or _text(entry, "Sts")
    if status and status.upper() not in {"BOOK"}:
        return  # pending or information only: not money received yet
    raw_day = _text(entry, "BookgDt/Dt") or _text(entry, "BookgDt/DtTm")
    if raw_day is None:
        statement.error(entry.sourceline, "<Ntry> has no booking date (BookgDt/Dt)")
        return
    try:
        day = parse_date(raw_day[:10])
    except BadDate as exc:
        statement.error(entry.sourceline, f"<BookgDt> {exc}")
        return
    bank_ref = _text(entry, "AcctSvcrRef")
    extra = _text(entry, "AddtlNtryInf")
    details = _all(entry, "NtryDtls/TxDtls")
    if not details:
        details = [None]  # type: ignore[list-item]
    for n, tx in enumerate(details, start=1):
        amount = total
        if tx is not None and len(details) > 1:
            own = _amount(statement, tx, "TxDtls")
            if own is None:
                continue
            amount = own[0]
        texts: list[str] = []
        payer = iban = None
        if tx is not None:
            for path in (
                "RmtInf/Strd/RfrdDocInf/Nb",
                "RmtInf/Strd/CdtrRefInf/Ref",
                "RmtInf/Ustrd",
                "Refs/EndToEndId",
            ):
                texts.extend(
                    (e.text or "").strip()
                    for e in _all(tx, path)
                    if (e.text or "").strip() and (e.text or "").strip() != "NOTPROVIDED"
                )
            party = "Dbtr" if sign == "CRDT" else "Cdtr"
            payer = _text(tx, f"RltdPties/{party}/Nm") or _text(tx, f"RltdPties/{party}/Pty/Nm")
            iban = _text(tx, f"RltdPties/{party}Acct/Id/IBAN")
        if extra:
            texts.append(extra)
        reference = bank_ref if len(details) == 1 else (f"{bank_ref}/{n}" if bank_ref else None)
        statement.lines.append(
            BankLine(
                day=day,
                amount=amount if sign == "CRDT" else -amount,
                currency=currency,
                text=" | ".join(texts),
                payer=payer,
                payer_iban=iban,
                reference=reference,
                source_file=statement.label,
                source_line=(tx if tx is not None else entry).sourceline,
            )
        )
