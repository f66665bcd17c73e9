"""Aged balance: what each debtor owes, by how late it is, on a given date.

Buckets follow the usual credit-control convention, in days past the due date on
``as_of``: not yet due (0 or less), 1-30, 31-60, 61-90 and over 90. The report is
computed as it stood on ``as_of``: invoices issued later are left out, and payments
dated later (from a payments file) are not deducted.

A credit note that names the invoice it applies to reduces that invoice; any other
credit note (or the part of one that exceeds its invoice) is shown as an unallocated
credit, so that the debtor's total is its true balance.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..csvsafe import safe_row
from ..model import Invoice, Ledger
from ..money import ZERO, to_money
from ..text import fold

__all__ = [
    "AGING_FIELDS",
    "BUCKETS",
    "AgingLine",
    "AgingReport",
    "aged_balance",
    "aging_csv",
    "bucket_of",
    "line_dict",
]

BUCKETS: tuple[tuple[str, int | None, int | None], ...] = (
    ("not_due", None, 0),
    ("days_1_30", 1, 30),
    ("days_31_60", 31, 60),
    ("days_61_90", 61, 90),
    ("days_over_90", 91, None),
)
"""(key, first day past due, last day past due) for each bucket."""


def bucket_of(days_past_due: int) -> int:
    """Index in :data:`BUCKETS` of an invoice ``days_past_due`` days late.

    >>> [bucket_of(d) for d in (-5, 0, 1, 30, 31, 60, 61, 90, 91)]
    [0, 0, 1, 1, 2, 2, 3, 3, 4]
    """
    if days_past_due <= 0:
        return 0
    if days_past_due <= 30:
        return 1
    if days_past_due <= 60:
        return 2
    if days_past_due <= 90:
        return 3
    return 4


@dataclass(frozen=True)
class AgingLine:
    """One debtor's balance in one currency (or a currency's grand total)."""

    debtor_id: str | None
    debtor_name: str
    currency: str
    buckets: tuple[Decimal, Decimal, Decimal, Decimal, Decimal]
    unallocated_credits: Decimal
    disputed: Decimal
    invoices: int
    oldest_days_past_due: int | None

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, ZERO) + self.unallocated_credits

    @property
    def overdue(self) -> Decimal:
        return sum(self.buckets[1:], ZERO)


@dataclass(frozen=True)
class AgingReport:
    as_of: date
    lines: tuple[AgingLine, ...]
    totals: dict[str, AgingLine] = field(default_factory=dict)
    """Currency -> grand total line."""

    @property
    def currencies(self) -> tuple[str, ...]:
        return tuple(self.totals)

    def lines_in(self, currency: str) -> tuple[AgingLine, ...]:
        return tuple(line for line in self.lines if line.currency == currency)


def _outstanding_on(invoice: Invoice, late_payments: Decimal) -> Decimal:
    return invoice.amount - (invoice.paid - late_payments)


def aged_balance(ledger: Ledger, as_of: date) -> AgingReport:
    """Compute the aged balance of ``ledger`` on ``as_of``."""
    late: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for payment in ledger.payments:
        if payment.date > as_of:
            late[payment.invoice_number] += payment.amount
    known = [inv for inv in ledger.invoices if inv.issue_date <= as_of]
    balance = {inv.number: _outstanding_on(inv, late[inv.number]) for inv in known}
    credits: dict[str, Decimal] = defaultdict(lambda: ZERO)  # debtor -> unallocated
    for note in known:
        if not note.is_credit_note:
            continue
        remaining = balance.pop(note.number)  # negative
        target = note.applies_to
        if target in balance and balance[target] > 0:
            used = min(balance[target], -remaining)
            balance[target] -= used
            remaining += used
        credits[(note.debtor_id, note.currency)] += remaining  # type: ignore[index]

    per: dict[tuple[str, str], list] = {}
    for inv in known:
        if inv.is_credit_note:
            continue
        amount = balance[inv.number]
        if amount == 0:
            continue
        key = (inv.debtor_id, inv.currency)
        acc = per.setdefault(key, [[ZERO] * 5, ZERO, 0, None])
        days = inv.days_past_due(as_of)
        acc[0][bucket_of(days)] += amount
        if inv.disputed:
            acc[1] += amount
        acc[2] += 1
        if days > 0:
            acc[3] = days if acc[3] is None else max(acc[3], days)
    for key, credit in credits.items():
        if credit != 0:
            per.setdefault(key, [[ZERO] * 5, ZERO, 0, None])  # type: ignore[arg-type]

    names = {party.id: party.name for party in ledger.debtors}
    lines = []
    for (debtor_id, currency), (buckets, disputed, count, oldest) in per.items():
        line = AgingLine(
            debtor_id=debtor_id,
            debtor_name=names.get(debtor_id, debtor_id),
            currency=currency,
            buckets=tuple(buckets),  # type: ignore[arg-type]
            unallocated_credits=credits.get((debtor_id, currency), ZERO),  # type: ignore[call-overload]
            disputed=disputed,
            invoices=count,
            oldest_days_past_due=oldest,
        )
        if line.total != 0 or any(line.buckets):
            lines.append(line)
    lines.sort(key=lambda x: (x.currency, fold(x.debtor_name), x.debtor_id or ""))

    totals: dict[str, AgingLine] = {}
    for currency in sorted({line.currency for line in lines}):
        group = [line for line in lines if line.currency == currency]
        oldest = [g.oldest_days_past_due for g in group if g.oldest_days_past_due is not None]
        totals[currency] = AgingLine(
            debtor_id=None,
            debtor_name="Total",
            currency=currency,
            buckets=tuple(sum((g.buckets[i] for g in group), ZERO) for i in range(5)),  # type: ignore[arg-type]
            unallocated_credits=sum((g.unallocated_credits for g in group), ZERO),
            disputed=sum((g.disputed for g in group), ZERO),
            invoices=sum(g.invoices for g in group),
            oldest_days_past_due=max(oldest) if oldest else None,
        )
    return AgingReport(as_of=as_of, lines=tuple(lines), totals=totals)


AGING_FIELDS = (
    "debtor_id",
    "debtor",
    "currency",
    *(key for key, _, _ in BUCKETS),
    "unallocated_credits",
    "total",
    "disputed",
    "invoices",
    "oldest_days_past_due",
)
_NUMERIC = frozenset(AGING_FIELDS[3:])


def line_dict(line: AgingLine) -> dict:
    """One line as plain values (amounts as strings with two decimals)."""
    return {
        "debtor_id": line.debtor_id,
        "debtor": line.debtor_name,
        "currency": line.currency,
        **{key: to_money(v) for (key, _, _), v in zip(BUCKETS, line.buckets, strict=True)},
        "unallocated_credits": to_money(line.unallocated_credits),
        "total": to_money(line.total),
        "disputed": to_money(line.disputed),
        "invoices": line.invoices,
        "oldest_days_past_due": line.oldest_days_past_due,
    }


def aging_csv(report: AgingReport) -> str:
    """The report as CSV, a TOTAL line per currency; text cells that a spreadsheet would
    run as a formula (a debtor named ``=HYPERLINK(...)``) are neutralised, negative
    amounts stay numbers."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AGING_FIELDS, lineterminator="\n")
    writer.writeheader()
    for currency, total in report.totals.items():
        for line in report.lines_in(currency):
            writer.writerow(safe_row(line_dict(line), numeric=_NUMERIC))
        writer.writerow({**line_dict(total), "debtor_id": "", "debtor": "TOTAL"})
    return out.getvalue()
