"""A bank statement exported as CSV (or XLSX) from online banking.

Columns are recognised by their headers, in French or English, like a ledger's: a date,
a label, and either one signed amount or a debit and a credit column; optionally the
currency, the payer's name and a reference. The file itself is read by the ledger's
reader (:func:`relance_docs.intake.sources.read_tables`): the same encodings, delimiters
and limits.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import BadValue
from ...model import BankLine
from ..cells import parse_currency, parse_date, parse_money
from ..columns import normalise
from ..limits import Limits
from ..sources import ReadOptions, read_tables
from . import Statement

__all__ = ["BANK_FIELDS", "read_bank_csv"]

BANK_FIELDS: dict[str, tuple[str, ...]] = {
    "day": (
        "Date opération",
        "Date d'opération",
        "Date comptable",
        "Date",
        "Booking date",
        "Transaction date",
        "Posting date",
        "Date posted",
    ),
    "text": (
        "Libellé",
        "Libellé opération",
        "Détail",
        "Motif",
        "Référence de paiement",
        "Description",
        "Details",
        "Narrative",
        "Memo",
        "Reference",
    ),
    "amount": ("Montant", "Montant EUR", "Amount", "Value"),
    "credit": ("Crédit", "Credit", "Paid in", "Money in"),
    "debit": ("Débit", "Debit", "Paid out", "Money out"),
    "currency": ("Devise", "Currency"),
    "payer": ("Donneur d'ordre", "Émetteur", "Tiers", "Payer", "Counterparty", "Name"),
    "reference": ("Référence", "Réf banque", "Transaction ID", "Bank reference", "ID"),
}
_INDEX = {normalise(a): f for f, aliases in BANK_FIELDS.items() for a in aliases}


def read_bank_csv(path: Path, label: str, limits: Limits) -> Statement:
    statement = Statement(label, "CSV")
    tables, problems = read_tables(path, "bank", label, ReadOptions(limits=limits))
    statement.problems.extend(problems)
    if not tables:
        if not problems:
            statement.error(None, "holds no table")
        return statement
    table = tables[0]
    statement.fmt = table.describe()
    cols: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        field = _INDEX.get(normalise(header))
        if field and field not in cols:
            cols[field] = i
    if "day" not in cols or not ({"amount", "credit"} & cols.keys()):
        statement.error(
            table.header_line,
            "is not a bank statement: expected a Date column and a Montant (or Crédit) "
            "column, such as Date;Libellé;Montant",
        )
        return statement
    for line, cells in table.rows:

        def cell(field: str, cells: list[object] = cells) -> object:
            return cells[cols[field]] if field in cols else None

        try:
            day = parse_date(cell("day"))
            if "amount" in cols and cell("amount") not in (None, ""):
                amount = parse_money(cell("amount"))[0]
            else:
                credit = cell("credit")
                debit = cell("debit")
                if credit not in (None, ""):
                    amount = abs(parse_money(credit)[0])
                elif debit not in (None, ""):
                    amount = -abs(parse_money(debit)[0])
                else:
                    statement.error(line, "the line has no amount")
                    continue
            currency = parse_currency(cell("currency")) if cell("currency") else "EUR"
        except BadValue as exc:
            statement.error(line, str(exc))
            continue
        payer = cell("payer")
        reference = cell("reference")
        statement.lines.append(
            BankLine(
                day=day,
                amount=amount,
                currency=currency,
                text=str(cell("text") or "").strip(),
                payer=str(payer).strip() if payer else None,
                reference=str(reference).strip() if reference else None,
                source_file=label,
                source_line=line,
            )
        )
    if not statement.lines and not statement.problems:
        statement.error(None, "holds no line")
    return statement
