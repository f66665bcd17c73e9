"""The lines of an interest computation and its result: one period at one rate on one
base per line, each rounded half-up to the cent (``amount``) and kept exact (``exact``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from ..money import ZERO, round_money, to_money
from .rates import Segment
from .reasons import LawWarning, Reason

__all__ = ["InterestLine", "InterestResult", "cut_lines", "split_years", "year_length"]

_ONE_DAY = timedelta(days=1)
_HUNDRED = Decimal(100)
_D365 = Decimal(365)
_D366 = Decimal(366)
_DIV365 = _HUNDRED * _D365


class InterestLine(NamedTuple):
    """One period at one rate on one base: ``amount = base x rate% x days / divisor``.

    A named tuple rather than a dataclass: a million invoices make several million lines.
    """

    start: date
    end: date
    days: int
    base: Decimal
    rate: Decimal
    amount: Decimal
    exact: Decimal
    basis: str
    reference: str

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "base": to_money(self.base),
            "rate": f"{self.rate:.2f}",
            "amount": to_money(self.amount),
            "exact": f"{self.exact:.6f}",
            "basis": self.basis,
            "reference": self.reference,
        }


@dataclass(slots=True)
class InterestResult:
    """The interest on one debt up to a date, with its lines, fixed sum and warnings.

    Not frozen, for speed only (a frozen dataclass costs a microsecond per field to build,
    and the benchmark builds a million of these): treat it as read-only.
    """

    jurisdiction: str
    regime: str
    currency: str
    principal: Decimal
    due: date
    until: date
    start: date | None
    lines: tuple[InterestLine, ...]
    interest: Decimal
    fixed_compensation: Decimal
    fixed_compensation_basis: str | None
    outstanding: Decimal
    daily_interest: Decimal
    day_count: str
    rounding: str
    warnings: tuple[LawWarning, ...] = ()
    notes: tuple[Reason, ...] = ()
    fixed_compensation_currency: str | None = None
    """The currency of the fixed sum: the law's (40 EUR on a USD invoice stays 40 EUR)."""

    @property
    def fixed_in_currency(self) -> bool:
        """True when the fixed sum is in the debt's currency and may be added to it."""
        return self.fixed_compensation_currency in (None, self.currency)

    @property
    def total(self) -> Decimal:
        """Interest plus fixed compensation (the principal is not included); a fixed sum in
        another currency than the debt's is left out (state it apart)."""
        if self.fixed_in_currency:
            return self.interest + self.fixed_compensation
        return self.interest

    def as_dict(self) -> dict:
        return {
            "jurisdiction": self.jurisdiction,
            "regime": self.regime,
            "currency": self.currency,
            "principal": to_money(self.principal),
            "due": self.due.isoformat(),
            "until": self.until.isoformat(),
            "start": self.start.isoformat() if self.start else None,
            "lines": [line.as_dict() for line in self.lines],
            "interest": to_money(self.interest),
            "fixed_compensation": to_money(self.fixed_compensation),
            "fixed_compensation_basis": self.fixed_compensation_basis,
            "fixed_compensation_currency": self.fixed_compensation_currency or self.currency,
            "total": to_money(self.total),
            "outstanding": to_money(self.outstanding),
            "daily_interest": to_money(self.daily_interest),
            "day_count": self.day_count,
            "rounding": self.rounding,
            "warnings": [str(w) for w in self.warnings],
            "notes": [n.as_dict() for n in self.notes],
        }


def cut_lines(
    segments: list[Segment],
    base: Decimal,
    changes: list[tuple[date, Decimal]],
    *,
    act365: bool,
) -> tuple[InterestLine, ...]:
    """Cut the segments at each change of base and compute each line's amount.

    The amount is ``base x rate x days / (100 x divisor)`` in that order, so that a
    half-cent is a true half-cent and rounds up.
    """
    out = []
    i, n = 0, len(changes)
    for s, end, rate, basis, reference in segments:
        while s <= end:
            while i < n and changes[i][0] <= s:
                base -= changes[i][1]
                i += 1
            if base <= ZERO:
                return tuple(out)
            e = end
            if i < n and changes[i][0] <= e:
                e = changes[i][0] - _ONE_DAY
            days = (e - s).days + 1
            divisor = _DIV365 if act365 else _HUNDRED * year_length(s)
            exact = base * rate * days / divisor
            out.append(
                InterestLine(
                    s,
                    e,
                    days,
                    base,
                    rate,
                    round_money(exact),
                    exact,
                    basis,
                    reference,
                )
            )
            s = e + _ONE_DAY
    return tuple(out)


def split_years(segments: list[Segment]) -> list[Segment]:
    out = []
    for seg in segments:
        s = seg.start
        while s.year < seg.end.year:
            out.append(Segment(s, date(s.year, 12, 31), seg.rate, seg.basis, seg.reference))
            s = date(s.year + 1, 1, 1)
        out.append(Segment(s, seg.end, seg.rate, seg.basis, seg.reference))
    return out


def year_length(day: date) -> Decimal:
    y = day.year
    return _D366 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else _D365
