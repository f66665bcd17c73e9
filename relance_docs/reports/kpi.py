"""Collection KPIs from a ledger as of a date.

- ``outstanding``: the aged balance's buckets (see :mod:`relance_docs.reports.aging`).
- ``dso``: days sales outstanding by the countback method: starting from the receivables
  on ``as_of``, subtract each month's sales (invoices issued, tax included), most recent
  month first, counting its days, until the receivables are used up; the last month
  counts the fraction of its days that the remainder represents. The current month counts
  the days from its first day to ``as_of``.
- ``overdue_rate``: the share of the receivables that is past due.
- ``average_days_late``: over the payments the ledger dates, the days between the
  invoice's due date and the payment (0 when on time), weighted by the amount paid.

Recovery rate of reminded amounts and steps per debtor before payment need the dunning
history (what was sent, when): they are reported as not available until it exists.

>>> from relance_docs.model import Invoice, Ledger, Party
>>> inv = Invoice("F1", "D1", date(2026, 10, 1), date(2026, 10, 31), Decimal("300"))
>>> report = collection_kpis(Ledger((Party("D1", "D"),), (inv,)), date(2026, 11, 30))
>>> report.dso  # 300 of October's 300 sales, November has none: 30 + 31 days
Decimal('61.0')
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..model import Ledger
from ..money import ZERO, to_money
from .aging import BUCKETS, aged_balance

__all__ = ["KpiReport", "collection_kpis"]

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class KpiReport:
    as_of: date
    currency: str
    receivables: Decimal
    buckets: dict[str, Decimal]
    overdue: Decimal
    overdue_rate: Decimal | None  # percent
    dso: Decimal | None  # days
    average_days_late: Decimal | None  # days
    payments_counted: int
    monthly_sales: list[tuple[str, Decimal]]
    not_available: dict[str, str]

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "currency": self.currency,
            "receivables": to_money(self.receivables),
            "buckets": {k: to_money(v) for k, v in self.buckets.items()},
            "overdue": to_money(self.overdue),
            "overdue_rate": None if self.overdue_rate is None else f"{self.overdue_rate:.1f}",
            "dso": None if self.dso is None else f"{self.dso:.1f}",
            "average_days_late": None
            if self.average_days_late is None
            else f"{self.average_days_late:.1f}",
            "payments_counted": self.payments_counted,
            "monthly_sales": [{"month": m, "sales": to_money(v)} for m, v in self.monthly_sales],
            "not_available": self.not_available,
        }


def collection_kpis(ledger: Ledger, as_of: date, currency: str | None = None) -> KpiReport:
    """The KPIs of one currency (the ledger's main one by default)."""
    aging = aged_balance(ledger, as_of)
    currency = currency or (aging.currencies[0] if aging.currencies else "EUR")
    total = aging.totals.get(currency)
    buckets = {key: ZERO for key, _, _ in BUCKETS}
    receivables = ZERO
    if total is not None:
        buckets = {key: v for (key, _, _), v in zip(BUCKETS, total.buckets, strict=True)}
        receivables = total.total
    overdue = sum((v for k, v in buckets.items() if k != "not_due"), ZERO)
    rate = (
        (overdue * 100 / receivables).quantize(_TENTH, ROUND_HALF_UP) if receivables > 0 else None
    )

    sales: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    for inv in ledger.invoices:
        if inv.currency == currency and inv.issue_date <= as_of:
            sales[(inv.issue_date.year, inv.issue_date.month)] += inv.amount
    months = _months_back(as_of, sales)
    dso = _countback(receivables, months) if receivables > 0 else None

    due = {inv.number: inv.due_date for inv in ledger.invoices if inv.currency == currency}
    weighted = ZERO
    paid = ZERO
    counted = 0
    for p in ledger.payments:
        if p.invoice_number in due and p.date <= as_of and p.amount > 0:
            late = max(0, (p.date - due[p.invoice_number]).days)
            weighted += p.amount * late
            paid += p.amount
            counted += 1
    average = (weighted / paid).quantize(_TENTH, ROUND_HALF_UP) if paid > 0 else None
    history = "needs the dunning history (relance run records what was sent)"
    return KpiReport(
        as_of=as_of,
        currency=currency,
        receivables=receivables,
        buckets=buckets,
        overdue=overdue,
        overdue_rate=rate,
        dso=dso,
        average_days_late=average,
        payments_counted=counted,
        monthly_sales=[(f"{y}-{m:02d}", v) for (y, m), v in sorted(sales.items())],
        not_available={
            "recovery_rate": history,
            "steps_before_payment": history,
        },
    )


def _months_back(as_of: date, sales: dict[tuple[int, int], Decimal]):
    """(sales, days) per month from the month of ``as_of`` back to the first sale."""
    if not sales:
        return []
    first = min(sales)
    out = []
    y, m = as_of.year, as_of.month
    days = as_of.day  # the current month: its days up to as_of
    while (y, m) >= first:
        out.append((sales.get((y, m), ZERO), days))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        days = calendar.monthrange(y, m)[1]
    return out


def _countback(receivables: Decimal, months) -> Decimal:
    days = ZERO
    left = receivables
    for amount, length in months:
        if amount <= 0:
            days += length
            continue
        if left > amount:
            left -= amount
            days += length
        else:
            days += left / amount * length
            return days.quantize(_TENTH, ROUND_HALF_UP)
    return days.quantize(
        _TENTH, ROUND_HALF_UP
    )  # more receivables than sales on record: all the months
