"""The collection KPI report: its figures as records, and their JSON form (amounts as
strings with two decimals, rates and days with one).

:mod:`.kpi` computes them (what each figure means is said there); :mod:`.kpi_page`, the
CLI and the web page show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..money import ZERO, to_money

__all__ = ["KpiReport", "RemindedDebtor"]


@dataclass(frozen=True)
class RemindedDebtor:
    """One debtor's part in the recovery rate and the steps before payment."""

    debtor_id: str
    name: str
    first_step: date  # the day of its first step document
    reminded_on: date | None  # the day of its first step document with a positive total
    reminded: Decimal  # that document's claim total (0 if none)
    paid_after: Decimal  # paid after reminded_on, before the cap
    steps: int  # step documents up to as_of
    steps_before_payment: int | None  # None: no invoice closed as paid after a step

    @property
    def recovered(self) -> Decimal:
        return min(self.paid_after, self.reminded)

    def as_dict(self) -> dict:
        return {
            "debtor_id": self.debtor_id,
            "debtor": self.name,
            "first_step": self.first_step.isoformat(),
            "reminded_on": None if self.reminded_on is None else self.reminded_on.isoformat(),
            "reminded": to_money(self.reminded),
            "paid_after": to_money(self.paid_after),
            "recovered": to_money(self.recovered),
            "steps": self.steps,
            "steps_before_payment": self.steps_before_payment,
        }


@dataclass(frozen=True)
class KpiReport:
    """The KPIs of one currency as of a date; ``not_available`` says why a figure is
    missing."""

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
    monthly_receivables: list[tuple[str, Decimal]] = field(default_factory=list)
    credits_applied: Decimal = ZERO  # unallocated credit notes set against the buckets (<= 0)
    credit_balances: Decimal = ZERO  # what debtors in credit are owed back (<= 0)
    reminded: Decimal = ZERO  # sum of the reminded amounts
    recovered: Decimal = ZERO  # sum of what was recovered of them (capped)
    recovery_rate: Decimal | None = None  # percent
    steps_before_payment: Decimal | None = None  # average, per debtor
    debtors_paid_after_steps: int = 0
    reminded_debtors: tuple[RemindedDebtor, ...] = ()

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "currency": self.currency,
            "receivables": to_money(self.receivables),
            "buckets": {k: to_money(v) for k, v in self.buckets.items()},
            "credits_applied": to_money(self.credits_applied),
            "credit_balances": to_money(self.credit_balances),
            "overdue": to_money(self.overdue),
            "overdue_rate": None if self.overdue_rate is None else f"{self.overdue_rate:.1f}",
            "dso": None if self.dso is None else f"{self.dso:.1f}",
            "average_days_late": None
            if self.average_days_late is None
            else f"{self.average_days_late:.1f}",
            "payments_counted": self.payments_counted,
            "monthly_sales": [{"month": m, "sales": to_money(v)} for m, v in self.monthly_sales],
            "monthly_receivables": [
                {"month": m, "receivables": to_money(v)} for m, v in self.monthly_receivables
            ],
            "reminded": to_money(self.reminded),
            "recovered": to_money(self.recovered),
            "recovery_rate": _tenth(self.recovery_rate),
            "steps_before_payment": _tenth(self.steps_before_payment),
            "debtors_paid_after_steps": self.debtors_paid_after_steps,
            "reminded_debtors": [d.as_dict() for d in self.reminded_debtors],
            "not_available": self.not_available,
        }


def _tenth(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.1f}"
