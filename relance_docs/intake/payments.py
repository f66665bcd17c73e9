"""Payments: a payments table (invoice number, date, amount) and how it pays invoices."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..model import Invoice, Payment
from ..money import ZERO
from .builder import Builder, Table, _text
from .cells import parse_date, parse_money

__all__ = ["apply_payments", "read_payments"]


def read_payments(
    builder: Builder, table: Table, invoices: dict[str, Invoice], hint: str | None
) -> list[Payment]:
    """The payments of a payments table; each bad row is a problem of ``builder``."""
    label = table.raw.label
    payments: list[Payment] = []
    seen: dict[tuple, int] = {}
    as_date = lambda v: parse_date(v, builder.mapping.date_format)  # noqa: E731
    for line, cells in table.raw.rows:
        if (table.raw.label, line) in builder._unreadable:
            continue  # a formula without its value: already reported
        before = builder.error_count
        number = builder._parse(table, line, cells, "invoice_number", _text, required=True)
        when = builder._parse(table, line, cells, "payment_date", as_date, required=True)
        amount = builder._parse(
            table,
            line,
            cells,
            "payment_amount",
            lambda v: parse_money(v, hint),
            required=True,
        )
        if builder.error_count > before:
            continue
        invoice = invoices.get(str(number))
        if invoice is None:
            builder.error(label, line, f"payment for invoice {number}, which is not in the ledger")
            continue
        value, symbol = amount  # type: ignore[misc]
        if symbol and symbol != invoice.currency:
            builder.error(
                label, line, f"payment in {symbol} for invoice {number} in {invoice.currency}"
            )
            continue
        if value <= 0:
            builder.error(
                label,
                line,
                f"{table.header('payment_amount')} {value} is not a positive payment",
            )
            continue
        reference = _text(table.cell(cells, "payment_reference"))
        key = (number, when, value, reference)
        if key in seen:
            builder.warn(label, line, f"same payment as line {seen[key]}: counted twice")
        seen[key] = line
        payments.append(
            Payment(
                date=when,  # type: ignore[arg-type]
                amount=value,
                invoice_number=str(number),
                reference=reference,
                source_file=label,
                source_line=line,
            )
        )
    return payments


def apply_payments(
    builder: Builder,
    invoices: list[Invoice],
    payments: list[Payment],
    *,
    paid_column: bool,
) -> list[Invoice]:
    totals: dict[str, Decimal] = {}
    last_line: dict[str, tuple[str, int | None]] = {}
    for p in payments:
        totals[p.invoice_number] = totals.get(p.invoice_number, ZERO) + p.amount
        last_line[p.invoice_number] = (p.source_file or "", p.source_line)
    out = []
    for inv in invoices:
        total = totals.get(inv.number)
        if total is None:
            out.append(inv)
            continue
        label, line = last_line[inv.number]
        if inv.is_credit_note:
            builder.error(
                label, line, f"{inv.number} is a credit note: it cannot receive payments"
            )
            out.append(inv)
            continue
        if total > inv.amount:
            builder.error(
                label,
                line,
                f"payments for invoice {inv.number} total {total}, more than its amount "
                f"{inv.amount}",
            )
        if paid_column and inv.paid not in (ZERO, total):
            builder.warn(
                inv.source_file or "",
                inv.source_line,
                f"invoice {inv.number}: the paid column says {inv.paid} but the payments "
                f"file totals {total}; the payments file is used",
            )
        out.append(replace(inv, paid=total))
    return out
