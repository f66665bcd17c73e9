"""Collection KPIs from a ledger as of a date.

- ``buckets``: the aged balance's buckets (see :mod:`relance_docs.reports.aging`), each
  debtor's unallocated credit notes set against its oldest amounts first
  (``credits_applied``); a credit larger than what the debtor owes is a
  ``credit_balance``. ``receivables`` = the buckets + the credit balances = the ledger's
  balance; ``overdue`` = the buckets past due; ``overdue_rate`` = overdue / what debtors
  owe (the buckets), so it never exceeds 100 %.
- ``dso``: days sales outstanding by the countback method: starting from the receivables
  on ``as_of``, subtract each month's sales (invoices issued, tax included), most recent
  month first, counting its days, until the receivables are used up; the last month
  counts the fraction of its days that the remainder represents. The current month counts
  the days from its first day to ``as_of``.
- ``average_days_late``: over the payments the ledger dates, the days between the
  invoice's due date and the payment (0 when on time), weighted by the amount paid.
- ``monthly_receivables``: for each month with sales on record up to ``as_of``, the
  receivables at its last day (``as_of`` for the current month), computed as the aged
  balance is: invoices issued by then, less credit notes and what was paid, a payment
  dated later being added back. An amount paid with no known date (the ledger's paid
  column only) counts as paid at every month end, so older month ends may be understated.

From a ledger alone, the recovery rate of reminded amounts and the steps per debtor
before payment are reported as not available: they need the dunning history.
:func:`store_kpis` computes them from the store's events up to ``as_of`` (events
recorded on a later day are left out), in the report's currency (a step document's
currency is that of the invoices it names; a payment's, that of its invoice):

- The *step documents* are the ``reminder_generated``, ``formal_notice`` and
  ``escalation`` events. A debtor counts once, from its first step document that
  reminded an overdue amount (``data["overdue"]`` positive, and ``data["total"]``, the
  amount the document asked, positive); its day is ``S`` and that amount is the debtor's
  *reminded amount*. A courtesy reminder, sent before anything is overdue, starts nothing.
- ``recovery_rate``: the sum over debtors of what they paid after ``S`` (the
  ``payment_recorded`` events dated strictly after ``S``, by the payment's date, or the
  import's day when the ledger only gave a paid column), each capped at the debtor's
  reminded amount, divided by the sum of the reminded amounts, in percent.
- ``steps_before_payment``: for each debtor with an ``invoice_closed`` event of reason
  ``paid`` after its first step document (of any amount), the number of step documents
  recorded before the first such closure (events ordered by day, then by the order they
  were recorded); the average over those debtors, and how many they are
  (``debtors_paid_after_steps``).

With no step document, both stay in ``not_available`` with the reason.

>>> from relance_docs.model import Invoice, Ledger, Party
>>> inv = Invoice("F1", "D1", date(2026, 10, 1), date(2026, 10, 31), Decimal("300"))
>>> report = collection_kpis(Ledger((Party("D1", "D"),), (inv,)), date(2026, 11, 30))
>>> report.dso  # 300 of October's 300 sales, November has none: 30 + 31 days
Decimal('61.0')
"""

from __future__ import annotations

import calendar
import json
import sqlite3
from collections import defaultdict
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..model import Ledger
from ..money import ZERO
from ..store.events import (
    ESCALATION,
    FORMAL_NOTICE,
    INVOICE_CLOSED,
    PAYMENT_RECORDED,
    REMINDER_GENERATED,
    Event,
    events_of,
)
from ..workflow.ledger import ledger_from_store
from .aging import BUCKETS, aged_balance
from .kpi_report import KpiReport, RemindedDebtor

__all__ = ["KpiReport", "RemindedDebtor", "collection_kpis", "store_kpis"]

STEP_KINDS = frozenset({REMINDER_GENERATED, FORMAL_NOTICE, ESCALATION})

_TENTH = Decimal("0.1")


def collection_kpis(ledger: Ledger, as_of: date, currency: str | None = None) -> KpiReport:
    """The KPIs of one currency (the ledger's main one by default)."""
    aging = aged_balance(ledger, as_of)
    currency = currency or (aging.currencies[0] if aging.currencies else "EUR")
    buckets, applied, credit_balances = net_buckets(aging.lines_in(currency))
    receivables = sum(buckets.values(), ZERO) + credit_balances
    overdue = sum((v for k, v in buckets.items() if k != "not_due"), ZERO)
    owed = sum(buckets.values(), ZERO)
    rate = (overdue * 100 / owed).quantize(_TENTH, ROUND_HALF_UP) if owed > 0 else None

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
    history = "needs the dunning history (relance kpi reads it from the store)"
    return KpiReport(
        as_of=as_of,
        currency=currency,
        receivables=receivables,
        buckets=buckets,
        overdue=overdue,
        overdue_rate=rate,
        credits_applied=applied,
        credit_balances=credit_balances,
        dso=dso,
        average_days_late=average,
        payments_counted=counted,
        monthly_sales=[(f"{y}-{m:02d}", v) for (y, m), v in sorted(sales.items())],
        monthly_receivables=_month_ends(ledger, as_of, currency, sales),
        not_available={
            "recovery_rate": history,
            "steps_before_payment": history,
        },
    )


def net_buckets(lines) -> tuple[dict[str, Decimal], Decimal, Decimal]:
    """The age buckets of the aged balance's debtor lines (one currency), each debtor's
    unallocated credit notes set against its oldest amounts first, as the debtor's own
    books would; ``(buckets, credits applied, credit balances)``. What a credit exceeds
    (a debtor in credit) stays a credit balance, so that the buckets plus the credit
    balances are the receivables, credits included."""
    totals = [ZERO] * len(BUCKETS)
    applied = ZERO
    left_over = ZERO
    for line in lines:
        amounts = list(line.buckets)
        credit = -line.unallocated_credits  # positive: what the debtor may set off
        for i in reversed(range(len(amounts))):  # oldest first
            used = min(amounts[i], credit) if amounts[i] > 0 and credit > 0 else ZERO
            amounts[i] -= used
            credit -= used
            applied += used
        left_over -= credit
        totals = [t + a for t, a in zip(totals, amounts, strict=True)]
    return {key: v for (key, _, _), v in zip(BUCKETS, totals, strict=True)}, -applied, left_over


def _month_ends(
    ledger: Ledger, as_of: date, currency: str, sales: dict[tuple[int, int], Decimal]
) -> list[tuple[str, Decimal]]:
    """(month, receivables at its end) from the first month with sales to ``as_of``."""
    if not sales:
        return []
    out = []
    y, m = min(sales)
    while (y, m) <= (as_of.year, as_of.month):
        end = min(date(y, m, calendar.monthrange(y, m)[1]), as_of)
        total = aged_balance(ledger, end).totals.get(currency)
        out.append((f"{y}-{m:02d}", total.total if total is not None else ZERO))
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    return out


def store_kpis(conn: sqlite3.Connection, creditor: str, as_of: date) -> KpiReport:
    """:func:`collection_kpis` of the ledger in the store, with the recovery rate and the
    steps before payment computed from its events up to ``as_of`` (see the module)."""
    report = collection_kpis(ledger_from_store(conn, creditor, as_of), as_of)
    currency_of = {
        row["number"]: json.loads(row["data"]).get("currency")
        for row in conn.execute(
            "SELECT number, data FROM invoices WHERE creditor = ?", (creditor,)
        )
    }
    names = {
        row["id"]: row["name"]
        for row in conn.execute("SELECT id, name FROM debtors WHERE creditor = ?", (creditor,))
    }

    def known(e: Event) -> bool:
        return e.debtor_id is not None and e.at.date() <= as_of

    def in_currency(numbers) -> bool:
        found = {currency_of.get(n) for n in numbers if currency_of.get(n)}
        return report.currency in found if found else True

    steps: dict[str, list[Event]] = defaultdict(list)
    for e in events_of(conn, creditor, kinds=STEP_KINDS):
        # A plan's step only (a call-recap letter is not one).
        if known(e) and e.data.get("step") and in_currency(e.data.get("invoices") or ()):
            steps[e.debtor_id].append(e)  # type: ignore[index]
    if not steps:
        reason = f"no step document (reminder, formal notice, escalation) by {as_of.isoformat()}"
        return replace(
            report,
            not_available={
                **report.not_available,
                "recovery_rate": reason,
                "steps_before_payment": reason,
            },
        )
    paid: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    closed: dict[str, list[Event]] = defaultdict(list)
    for e in events_of(conn, creditor, kinds={PAYMENT_RECORDED, INVOICE_CLOSED}):
        if not known(e) or not in_currency([e.invoice] if e.invoice else ()):
            continue
        if e.kind == INVOICE_CLOSED:
            if e.data.get("reason") == "paid":
                closed[e.debtor_id].append(e)  # type: ignore[index]
            continue
        day = date.fromisoformat(e.data["date"]) if e.data.get("date") else e.at.date()
        if day <= as_of:
            paid[e.debtor_id].append((day, _decimal(e.data.get("amount"))))  # type: ignore[index]

    lines = []
    for debtor_id, own in steps.items():
        own.sort(key=_order)
        first = own[0]
        start = next((x for x in own if _starts(x)), None)
        day = None if start is None else start.at.date()
        reminded = ZERO if start is None else _decimal(start.data.get("total"))
        received = ZERO
        if day is not None:
            received = sum((a for d, a in paid.get(debtor_id, ()) if d > day), ZERO)
        after = [
            c for c in sorted(closed.get(debtor_id, ()), key=_order) if _order(c) > _order(first)
        ]
        before = None
        if after:
            before = sum(1 for s in own if _order(s) < _order(after[0]))
        lines.append(
            RemindedDebtor(
                debtor_id=debtor_id,
                name=names.get(debtor_id, debtor_id),
                first_step=first.at.date(),
                reminded_on=day,
                reminded=reminded,
                paid_after=received,
                steps=len(own),
                steps_before_payment=before,
            )
        )
    lines.sort(key=lambda x: (x.first_step, x.debtor_id))
    reminded = sum((x.reminded for x in lines), ZERO)
    recovered = sum((x.recovered for x in lines), ZERO)
    counts = [x.steps_before_payment for x in lines if x.steps_before_payment is not None]
    missing = dict(report.not_available)
    missing.pop("recovery_rate", None)
    missing.pop("steps_before_payment", None)
    rate = None
    if reminded > 0:
        rate = (recovered * 100 / reminded).quantize(_TENTH, ROUND_HALF_UP)
    else:
        missing["recovery_rate"] = "the step documents recorded no amount"
    average = None
    if counts:
        average = (Decimal(sum(counts)) / len(counts)).quantize(_TENTH, ROUND_HALF_UP)
    else:
        missing["steps_before_payment"] = "no debtor has paid after a step document yet"
    return replace(
        report,
        reminded=reminded,
        recovered=recovered,
        recovery_rate=rate,
        steps_before_payment=average,
        debtors_paid_after_steps=len(counts),
        reminded_debtors=tuple(lines),
        not_available=missing,
    )


def _starts(e: Event) -> bool:
    """A step document that reminds an overdue amount: something was overdue that day
    (``overdue``, recorded since the amounts asked are kept) and an amount was asked. A
    courtesy reminder (nothing overdue yet) starts nothing."""
    if "overdue" in e.data and _decimal(e.data.get("overdue")) <= 0:
        return False
    return _decimal(e.data.get("total")) > 0


def _order(e: Event) -> tuple[date, int]:
    return (e.at.date(), e.id)


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else ZERO
    except InvalidOperation:
        return ZERO


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
